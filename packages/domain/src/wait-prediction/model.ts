/**
 * What the wait simulation learns from an office's own history: how long a counter stays
 * busy with one call of each service at each local hour (service, walk-up, no-shows and
 * the agent's turnaround all included, because that is what holds the next customer
 * back), how often a call ends in a transfer and where to, and how many customers of each
 * service and category arrive per local hour. Pure data in, pure data out.
 *
 * Sparse history is pooled, never trusted alone: an hour with few calls borrows from the
 * service's other hours (weight n / (n + HOUR_SHRINK)), a service with few calls borrows
 * from every service, and an office with no history at all uses a log-normal prior around
 * the quote's long-standing default (300 s).
 */
import { DEFAULT_SERVICE_SECONDS } from '../estimate';
import type { TicketCategory } from '../types';
import { normal, type Random } from './random';

/** One call at a counter, from its call to the moment the counter could call again. */
export interface HistoryCall {
  serviceId: string;
  /** Local hour (0-23) of the call. */
  hour: number;
  occupiedSeconds: number;
  /** The service the ticket was transferred to when the call ended in a transfer. */
  transferredTo: string | null;
}

/** One ticket issued. */
export interface HistoryArrival {
  serviceId: string;
  category: TicketCategory;
  hour: number;
}

export interface WaitHistory {
  calls: HistoryCall[];
  arrivals: HistoryArrival[];
  /** Office days the arrivals were counted over (arrivals per hour = count / days). */
  days: number;
}

interface ServiceTimes {
  all: number[];
  byHour: Map<number, number[]>;
  transfers: string[];
}

export interface WaitModel {
  byService: Map<string, ServiceTimes>;
  pooled: number[];
  /** Expected arrivals per local hour, by `${serviceId}|${category}` (24 entries each). */
  arrivalsPerHour: Map<string, number[]>;
}

/** Below this many calls an hour leans mostly on its service's other hours. */
export const HOUR_SHRINK = 10;
/** A service needs this many calls before its own times are used (else every service's). */
export const MIN_SERVICE_CALLS = 5;
/** Spread of the prior's log-normal (sigma of the log): a 300 s median, p90 about 650 s. */
const PRIOR_SIGMA = 0.6;
/** Longer than this is not one call (a forgotten ticket left open); shorter is noise. */
const MAX_OCCUPIED_SECONDS = 4 * 3600;

export function learnWaitModel(history: WaitHistory): WaitModel {
  const byService = new Map<string, ServiceTimes>();
  const pooled: number[] = [];
  for (const c of history.calls) {
    if (!(c.occupiedSeconds >= 0 && c.occupiedSeconds <= MAX_OCCUPIED_SECONDS)) continue;
    let s = byService.get(c.serviceId);
    if (!s) byService.set(c.serviceId, (s = { all: [], byHour: new Map(), transfers: [] }));
    s.all.push(c.occupiedSeconds);
    const hour = s.byHour.get(c.hour);
    if (hour) hour.push(c.occupiedSeconds);
    else s.byHour.set(c.hour, [c.occupiedSeconds]);
    if (c.transferredTo && c.transferredTo !== c.serviceId) s.transfers.push(c.transferredTo);
    pooled.push(c.occupiedSeconds);
  }
  const days = Math.max(1, history.days);
  const arrivalsPerHour = new Map<string, number[]>();
  for (const a of history.arrivals) {
    const key = streamKey(a.serviceId, a.category);
    let rates = arrivalsPerHour.get(key);
    if (!rates) arrivalsPerHour.set(key, (rates = new Array<number>(24).fill(0)));
    rates[((a.hour % 24) + 24) % 24] += 1 / days;
  }
  return { byService, pooled, arrivalsPerHour };
}

export const streamKey = (serviceId: string, category: TicketCategory) => `${serviceId}|${category}`;

const pick = <T>(values: T[], random: Random): T => values[Math.floor(random() * values.length)];

/** How long one call of `serviceId` at local `hour` keeps a counter busy (seconds). */
export function sampleOccupiedSeconds(model: WaitModel, serviceId: string, hour: number, random: Random): number {
  const s = model.byService.get(serviceId);
  if (s && s.all.length >= MIN_SERVICE_CALLS) {
    const atHour = s.byHour.get(hour);
    const n = atHour?.length ?? 0;
    if (n > 0 && random() < n / (n + HOUR_SHRINK)) return pick(atHour!, random);
    return pick(s.all, random);
  }
  if (model.pooled.length >= MIN_SERVICE_CALLS) return pick(model.pooled, random);
  return DEFAULT_SERVICE_SECONDS * Math.exp(PRIOR_SIGMA * normal(random));
}

/**
 * What is left of a call that has already lasted `elapsedSeconds`: a draw among the
 * learned calls longer than that (the customer at the counter is one of the long ones by
 * now), minus what has passed. Past every learned call: a fresh draw's quarter, so a
 * forgotten ticket still ends some time.
 */
export function sampleRemainingSeconds(
  model: WaitModel,
  serviceId: string,
  hour: number,
  elapsedSeconds: number,
  random: Random,
): number {
  for (let tries = 0; tries < 8; tries++) {
    const d = sampleOccupiedSeconds(model, serviceId, hour, random);
    if (d > elapsedSeconds) return d - elapsedSeconds;
  }
  return sampleOccupiedSeconds(model, serviceId, hour, random) / 4;
}

/** The service a call of `serviceId` is transferred to, or null (learned shares). */
export function sampleTransfer(model: WaitModel, serviceId: string, random: Random): string | null {
  const s = model.byService.get(serviceId);
  if (!s || s.all.length < MIN_SERVICE_CALLS || s.transfers.length === 0) return null;
  return random() < s.transfers.length / s.all.length ? pick(s.transfers, random) : null;
}
