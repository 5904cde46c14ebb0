/**
 * Predicted waits as promises: for each waiting ticket, the range its real wait should
 * fall in about 80% of the time (the 10th to 90th percentile of the simulated waits,
 * see ./simulate, recalibrated on the office's recent outcomes: calibratedTails), in
 * whole minutes as the customer reads it ("entre 10 y 15 min").
 *
 * No finite promise is made when none can be kept: when no open or paused counter can
 * call the ticket (nobody serves its service, or the counter it was transferred to is
 * closed), or when the range's high end lies beyond the simulated horizon (too many of the
 * simulated futures never call it). Then the prediction is null and the customer is told so.
 */
import type { Counter, Ticket } from '../types';
import type { Random } from './random';
import { canCall, simulateWaits, type SimulationInput } from './simulate';

export interface WaitPrediction {
  lowMinutes: number;
  highMinutes: number;
  /** The median simulated wait, the point estimate the accuracy figures compare. */
  medianSeconds: number;
}

/** The share of simulated waits below the range's low end, and above its high end. */
export const RANGE_TAIL = 0.1;

export interface PredictOptions {
  runs: number;
  random: Random;
  /** Which quantiles of the simulated waits bound the range (default RANGE_TAIL and 1 − RANGE_TAIL; see calibratedTails). */
  tails?: Tails;
  /** Receives each ticket's simulated waits, ascending (for calibration). */
  onSamples?: (ticketId: string, sorted: Float64Array) => void;
}

export interface Tails {
  low: number;
  high: number;
}

/** Calibration needs this many customers' outcomes before it moves the tails. */
export const MIN_CALIBRATION = 20;

/**
 * Where a real wait fell among the waits simulated for it when it was promised, in whole
 * minutes as the promise counts them: the share of simulated waits of fewer minutes, plus
 * half the share of the same minute (0..1). For a well-calibrated simulation these are
 * uniform; a simulation that is too optimistic puts many of them near 1.
 */
export function rankOf(sorted: Float64Array, realSeconds: number): number {
  if (sorted.length === 0) return 0.5;
  const minute = Math.floor(realSeconds / 60);
  let below = 0;
  let same = 0;
  for (const s of sorted) {
    const m = Math.floor(s / 60);
    if (m < minute) below += 1;
    else if (m === minute) same += 1;
    else break;
  }
  return (below + same / 2) / sorted.length;
}

/**
 * The simulated quantiles that held the 10th and 90th percentile of real waits lately
 * (quantile recalibration): when real waits keep landing above the simulated range, the
 * range is drawn from higher simulated quantiles, and the other way round, so that the
 * promise holds for about 80% of customers even where the simulation misses something
 * (a lunch it did not know of, agents slower than their history). Needs MIN_CALIBRATION
 * outcomes; until then the plain RANGE_TAIL quantiles.
 */
export function calibratedTails(ranks: number[]): Tails {
  if (ranks.length < MIN_CALIBRATION) return { low: RANGE_TAIL, high: 1 - RANGE_TAIL };
  const sorted = [...ranks].sort((a, b) => a - b);
  // Never the very extremes: a promise from the last simulated run is no promise.
  const low = Math.min(Math.max(quantile(sorted, RANGE_TAIL), 0.02), 0.5);
  const high = Math.max(Math.min(quantile(sorted, 1 - RANGE_TAIL), 0.97), 0.5);
  return { low, high };
}

/** Predictions for every waiting ticket of `input`, by ticket id (null: no finite promise). */
export function predictWaits(input: SimulationInput, opts: PredictOptions): Map<string, WaitPrediction | null> {
  const out = new Map<string, WaitPrediction | null>();
  const runs = Math.max(1, Math.floor(opts.runs));
  const waits = simulateWaits(input, runs, opts.random);
  const callers = input.counters.filter(canCall);
  input.waiting.forEach((t, i) => {
    if (!anyoneCalls(callers, t)) return out.set(t.id, null);
    const sorted = Float64Array.from(waits[i]).sort();
    opts.onSamples?.(t.id, sorted);
    out.set(t.id, rangeOf(sorted, opts.tails));
  });
  return out;
}

/** Whether some counter that can call at all would ever call this ticket. */
export function anyoneCalls(counters: Counter[], t: Ticket): boolean {
  if (t.directedCounterId) return counters.some((c) => c.id === t.directedCounterId);
  return counters.some((c) => c.services.some((s) => s.serviceId === t.serviceId));
}

/** The promise made from one ticket's simulated waits (seconds ascending, Infinity when not called). */
export function rangeOf(sorted: Float64Array, tails: Tails = { low: RANGE_TAIL, high: 1 - RANGE_TAIL }): WaitPrediction | null {
  const low = quantile(sorted, tails.low);
  const high = quantile(sorted, tails.high);
  const mid = quantile(sorted, 0.5);
  if (!Number.isFinite(high)) return null;
  // Whole minutes as a customer counts them (4 min 50 s is "4 min"): the promise [low, high]
  // holds when the real wait's whole minutes are within it; [0, 0] reads "menos de 1 min".
  const lowMinutes = Math.max(0, Math.floor(low / 60));
  return { lowMinutes, highMinutes: Math.max(lowMinutes, Math.floor(high / 60)), medianSeconds: Math.round(mid) };
}

/** Linear-interpolated quantile of an ascending array (q in 0..1); Infinity passes through. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  if (!Number.isFinite(sorted[hi])) return pos === lo ? sorted[lo] : sorted[hi];
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
