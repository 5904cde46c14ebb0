/**
 * When counters come and go, learned from the office's agent events: how often an open
 * counter goes away (a pause or signing out) at each local hour, how long pauses last, and
 * at which hours each counter usually opens. The simulation (./simulate) uses it so that a
 * promise made at 11:45 knows that lunch is coming and one made at 9:00 that the 9:30
 * shift is. Per counter, shrunk towards the office's pooled rate when its own history is
 * short (SHRINK_HOURS of the pooled rate count as if they were the counter's own).
 */
import type { AgentEventType } from '../types';
import type { Random } from './random';

export interface AgentHistoryEvent {
  counterId: string;
  type: AgentEventType;
  /** Epoch ms. */
  at: number;
}

export interface Availability {
  /** Per counter (and '*' pooled): pauses and sign-outs per open hour, by local hour. */
  pausesPerOpenHour: Map<string, number[]>;
  signOutsPerOpenHour: Map<string, number[]>;
  /** Lengths of past pauses (seconds). */
  pauseSeconds: number[];
  /** Per counter: the share of office days it signed in during each local hour. */
  signInShare: Map<string, number[]>;
}

const HOUR = 3_600_000;
const SHRINK_HOURS = 2;
export const POOLED = '*';

const zeros = () => new Array<number>(24).fill(0);

/** Learns from agent events in time order; `hourOf`/`dayOf` give an instant's local hour and day. */
export function learnAvailability(events: AgentHistoryEvent[], hourOf: (ms: number) => number, dayOf: (ms: number) => string): Availability {
  const openHours = new Map<string, number[]>();
  const pauses = new Map<string, number[]>();
  const signOuts = new Map<string, number[]>();
  const signIns = new Map<string, number[]>();
  const openSince = new Map<string, number>();
  const pausedSince = new Map<string, number>();
  const pauseSeconds: number[] = [];
  const days = new Set<string>();
  const add = (map: Map<string, number[]>, counter: string, hour: number, x: number) => {
    for (const key of [counter, POOLED]) {
      let row = map.get(key);
      if (!row) map.set(key, (row = zeros()));
      row[hour] += x;
    }
  };
  const close = (counter: string, at: number) => {
    const since = openSince.get(counter);
    if (since === undefined) return;
    openSince.delete(counter);
    for (let t = since; t < at; ) {
      const end = Math.min(at, (Math.floor(t / HOUR) + 1) * HOUR);
      add(openHours, counter, hourOf(t), (end - t) / HOUR);
      t = end;
    }
  };
  for (const e of events) {
    days.add(dayOf(e.at));
    const h = hourOf(e.at);
    if (e.type === 'signed_in' || e.type === 'resumed') {
      if (e.type === 'signed_in') add(signIns, e.counterId, h, 1);
      const paused = pausedSince.get(e.counterId);
      if (e.type === 'resumed' && paused !== undefined) pauseSeconds.push((e.at - paused) / 1000);
      pausedSince.delete(e.counterId);
      if (!openSince.has(e.counterId)) openSince.set(e.counterId, e.at);
    } else {
      close(e.counterId, e.at);
      if (e.type === 'paused') {
        add(pauses, e.counterId, h, 1);
        pausedSince.set(e.counterId, e.at);
      } else {
        add(signOuts, e.counterId, h, 1);
        pausedSince.delete(e.counterId);
      }
    }
  }
  const perOpenHour = (events: Map<string, number[]>) => {
    const pooledOpen = openHours.get(POOLED) ?? zeros();
    const pooled = (events.get(POOLED) ?? zeros()).map((n, h) => (pooledOpen[h] > 0 ? n / pooledOpen[h] : 0));
    const out = new Map<string, number[]>([[POOLED, pooled]]);
    for (const [counter, open] of openHours) {
      if (counter === POOLED) continue;
      const own = events.get(counter) ?? zeros();
      out.set(counter, open.map((o, h) => (own[h] + SHRINK_HOURS * pooled[h]) / (o + SHRINK_HOURS)));
    }
    return out;
  };
  const dayCount = Math.max(1, days.size);
  const signInShare = new Map<string, number[]>();
  for (const [counter, row] of signIns) if (counter !== POOLED) signInShare.set(counter, row.map((n) => Math.min(1, n / dayCount)));
  return { pausesPerOpenHour: perOpenHour(pauses), signOutsPerOpenHour: perOpenHour(signOuts), pauseSeconds, signInShare };
}

const rowOf = (map: Map<string, number[]>, counterId: string) => map.get(counterId) ?? map.get(POOLED);

/**
 * When an open counter next goes away (from `from`, ms), drawn from its hourly rates, and
 * whether for good (a sign-out); Infinity within the horizon when it stays.
 */
export function sampleAway(
  a: Availability,
  counterId: string,
  from: number,
  until: number,
  hourAt: (ms: number) => number,
  random: Random,
): { at: number; signOut: boolean } {
  const pauses = rowOf(a.pausesPerOpenHour, counterId);
  const outs = rowOf(a.signOutsPerOpenHour, counterId);
  if (!pauses || !outs) return { at: Infinity, signOut: false };
  let budget = -Math.log(1 - random());
  for (let t = from; t < until; ) {
    const end = Math.min(until, (Math.floor(t / HOUR) + 1) * HOUR);
    const h = hourAt(t);
    const rate = pauses[h] + outs[h];
    const used = (rate * (end - t)) / HOUR;
    if (used >= budget) {
      return { at: t + (budget / rate) * HOUR, signOut: random() * rate < outs[h] };
    }
    budget -= used;
    t = end;
  }
  return { at: Infinity, signOut: false };
}

/** When a signed-out counter opens (ms), by its learned sign-in hours; Infinity when not within the horizon. */
export function sampleSignIn(a: Availability, counterId: string, from: number, until: number, hourAt: (ms: number) => number, random: Random): number {
  const share = a.signInShare.get(counterId);
  if (!share) return Infinity;
  for (let t = from; t < until; ) {
    const end = Math.min(until, (Math.floor(t / HOUR) + 1) * HOUR);
    if (random() < share[hourAt(t)] * ((end - t) / HOUR)) return t + random() * (end - t);
    t = end;
  }
  return Infinity;
}

/** A pause's length: one of the learned ones, or `fallbackSeconds` without history. */
export function samplePauseSeconds(a: Availability | undefined, fallbackSeconds: number, random: Random): number {
  if (!a || a.pauseSeconds.length < 3) return fallbackSeconds * (0.6 + 0.8 * random());
  return a.pauseSeconds[Math.floor(random() * a.pauseSeconds.length)];
}
