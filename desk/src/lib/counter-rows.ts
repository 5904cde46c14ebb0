/**
 * Rows of the supervisor board's counter table: who is where, doing what, since when.
 * Pure; durations are computed against an injected `now`.
 */
import type { CounterDto } from '@turnero/contract/dto';
import { secondsSince } from '@turnero/web-client/format';

export interface CounterRow {
  counter: CounterDto;
  /** What the board says the counter is doing: 'calling' while its ticket is called but not started. */
  shownState: CounterDto['agentState'] | 'calling';
  /** Seconds in the current state, or null when unknown (never signed in today). */
  stateSeconds: number | null;
  /** Seconds since the current ticket was called / started. */
  ticketSeconds: number | null;
}

const STATE_ORDER = { serving: 0, idle: 1, paused: 2, signed_out: 3 } as const;

/** Staffed counters first (serving, idle, paused), then the empty ones; by name within a state. */
export function counterRows(counters: CounterDto[], now: Date): CounterRow[] {
  return counters
    .filter((c) => c.active)
    .map((counter) => {
      const t = counter.currentTicket;
      return {
        counter,
        shownState: counter.agentState === 'serving' && t?.status === 'called' ? ('calling' as const) : counter.agentState,
        stateSeconds: secondsSince(counter.stateSince, now),
        ticketSeconds: t ? secondsSince(t.startedAt ?? t.calledAt, now) : null,
      };
    })
    .sort(
      (a, b) =>
        STATE_ORDER[a.counter.agentState] - STATE_ORDER[b.counter.agentState] ||
        a.counter.name.localeCompare(b.counter.name, 'es', { numeric: true }),
    );
}
