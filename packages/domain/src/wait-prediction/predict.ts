/**
 * Predicted waits as promises: for each waiting ticket, the range its real wait should
 * fall in about 80% of the time (the 10th to 90th percentile of the simulated waits,
 * see ./simulate), in whole minutes as the customer reads it ("entre 10 y 15 min").
 *
 * No finite promise is made when none can be kept: when no open or paused counter can
 * call the ticket (nobody serves its service, or the counter it was transferred to is
 * closed), or when in more than a tenth of the simulated futures it is not called within
 * the horizon. Then the prediction is null and the customer is told so.
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
}

/** Predictions for every waiting ticket of `input`, by ticket id (null: no finite promise). */
export function predictWaits(input: SimulationInput, opts: PredictOptions): Map<string, WaitPrediction | null> {
  const out = new Map<string, WaitPrediction | null>();
  const runs = Math.max(1, Math.floor(opts.runs));
  const waits = simulateWaits(input, runs, opts.random);
  const callers = input.counters.filter(canCall);
  input.waiting.forEach((t, i) => {
    out.set(t.id, anyoneCalls(callers, t) ? rangeOf(waits[i]) : null);
  });
  return out;
}

/** Whether some counter that can call at all would ever call this ticket. */
export function anyoneCalls(counters: Counter[], t: Ticket): boolean {
  if (t.directedCounterId) return counters.some((c) => c.id === t.directedCounterId);
  return counters.some((c) => c.services.some((s) => s.serviceId === t.serviceId));
}

/** The promise made from one ticket's simulated waits (seconds, Infinity when not called). */
export function rangeOf(samples: Float64Array): WaitPrediction | null {
  const sorted = Float64Array.from(samples).sort();
  const low = quantile(sorted, RANGE_TAIL);
  const high = quantile(sorted, 1 - RANGE_TAIL);
  const mid = quantile(sorted, 0.5);
  if (!Number.isFinite(high)) return null;
  const lowMinutes = Math.max(0, Math.floor(low / 60));
  return { lowMinutes, highMinutes: Math.max(lowMinutes, Math.ceil(high / 60)), medianSeconds: Math.round(mid) };
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
