/**
 * The office's own history as the wait simulation learns from it (@turnero/domain's
 * wait-prediction/model): every call at a counter with how long it held the counter, and
 * every ticket issued, by office-local hour. Read from the ticket event log (the one
 * record of who was called where and when), the last HISTORY_DAYS days.
 */
import { localDay, offsetAt } from '@turnero/domain/local-day';
import { learnAvailability, type Availability } from '@turnero/domain/wait-prediction/availability';
import type { HistoryCall, WaitHistory } from '@turnero/domain/wait-prediction/model';
import type { AgentEventType, TicketCategory } from '@turnero/domain/types';
import type { Db } from '../store/db';
import { agentEventsBetween, callEventsBetween, ENDS_A_CALL as CALL_ENDINGS } from '../store/wait-history-store';

const HISTORY_DAYS = 28;
/**
 * A counter's next call within this long after a call ended counts as part of the ended
 * one (the agent's turnaround, during which nobody is called); a longer gap means the
 * queue was empty or the agent away, which says nothing about the next customer.
 */
const TURNAROUND_LIMIT_MS = 120_000;

/** One ticket event as the history needs it. */
export interface HistoryEvent {
  ticketId: string;
  type: string;
  at: Date;
  counterId: string | null;
  serviceId: string;
  category: string;
  data: string | null;
}

const ENDS_A_CALL = new Set<string>(CALL_ENDINGS);
const historyStart = (now: Date) => new Date(now.getTime() - HISTORY_DAYS * 86_400_000);

export async function loadWaitHistory(db: Db, now: Date, timeZone: string): Promise<WaitHistory> {
  const events = await callEventsBetween(db, historyStart(now), now);
  return historyFromEvents(events, timeZone);
}

/** When counters came and went (sign-ins, pauses, sign-outs), the last HISTORY_DAYS days. */
export async function loadAvailability(db: Db, now: Date, timeZone: string): Promise<Availability> {
  const rows = await agentEventsBetween(db, historyStart(now), now);
  const hourOf = localHours(timeZone);
  return learnAvailability(
    rows.map((r) => ({ counterId: r.counterId, type: r.type as AgentEventType, at: r.at.getTime() })),
    (ms) => hourOf(new Date(ms)),
    (ms) => localDay(new Date(ms), timeZone),
  );
}

/** Local hours by the instant's UTC hour: one time-zone lookup per hour of history, not per event. */
export function localHours(timeZone: string): (at: Date) => number {
  const offsets = new Map<number, number>();
  return (at) => {
    const bucket = Math.floor(at.getTime() / 3_600_000);
    let offset = offsets.get(bucket);
    if (offset === undefined) offsets.set(bucket, (offset = offsetAt(at, timeZone)));
    return Math.floor((at.getTime() + offset) / 3_600_000) % 24;
  };
}

/** Events in time order → calls (with their counter turnaround) and arrivals. */
function historyFromEvents(events: HistoryEvent[], timeZone: string): WaitHistory {
  const hourOf = localHours(timeZone);
  const calls: HistoryCall[] = [];
  const arrivals: WaitHistory['arrivals'] = [];
  const days = new Set<string>();
  const openCall = new Map<string, { at: Date; serviceId: string; counterId: string }>();
  const lastEnded = new Map<string, { call: HistoryCall; at: number }>();
  for (const e of events) {
    if (e.type === 'issued') {
      arrivals.push({ serviceId: e.serviceId, category: e.category as TicketCategory, hour: hourOf(e.at) });
      days.add(localDay(e.at, timeZone));
    } else if (e.type === 'called' && e.counterId) {
      openCall.set(e.ticketId, { at: e.at, serviceId: e.serviceId, counterId: e.counterId });
      addTurnaround(lastEnded, e.counterId, e.at.getTime());
    } else if (ENDS_A_CALL.has(e.type)) {
      const call = openCall.get(e.ticketId);
      if (!call) continue;
      openCall.delete(e.ticketId);
      const ended: HistoryCall = {
        serviceId: call.serviceId,
        hour: hourOf(call.at),
        occupiedSeconds: (e.at.getTime() - call.at.getTime()) / 1000,
        transferredTo: e.type === 'transferred' ? transferTarget(e.data) : null,
      };
      calls.push(ended);
      lastEnded.set(call.counterId, { call: ended, at: e.at.getTime() });
    }
  }
  return { calls, arrivals, days: days.size };
}

/** The gap before a counter's next call, when short, belongs to the call before it. */
export function addTurnaround(lastEnded: Map<string, { call: HistoryCall; at: number }>, counterId: string, calledAt: number): void {
  const last = lastEnded.get(counterId);
  if (!last) return;
  lastEnded.delete(counterId);
  const gap = calledAt - last.at;
  if (gap >= 0 && gap <= TURNAROUND_LIMIT_MS) last.call.occupiedSeconds += gap / 1000;
}

function transferTarget(data: string | null): string | null {
  if (!data) return null;
  try {
    const parsed = JSON.parse(data) as { toServiceId?: unknown; toCounterId?: unknown };
    // A transfer to a counter keeps its service: it is not a move to another service's queue.
    return typeof parsed.toServiceId === 'string' && !parsed.toCounterId ? parsed.toServiceId : null;
  } catch {
    return null;
  }
}
