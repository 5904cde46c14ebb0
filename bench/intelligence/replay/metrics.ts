/**
 * The accuracy of promised waits, new predictor against the old quote, on the same
 * tickets: those called (a real wait exists) that both promised something.
 *  - median absolute error (minutes): the new range's midpoint, the old quote itself;
 *  - coverage: the share whose real wait fell inside the promise. The new promise is its
 *    range in whole minutes [low, high], held when the real wait's whole minutes are in it
 *    (4 min 50 s is "4 min"; [0, 0] is "menos de 1 min"). The old quote is one number; it is given a
 *    generous ±25% band (at least ±1 min) so that it has a range to hold at all.
 */
import { median } from '@turnero/domain/stats';
import type { Recorded } from './driver';

export interface Accuracy {
  tickets: number;
  /** Called tickets the new predictor made no promise for (no counter open for them when issued). */
  noPromise: number;
  newMae: number;
  baselineMae: number;
  newCoverage: number;
  baselineCoverage: number;
  /** Shares of real waits below the new range's low end and above its high end. */
  early: number;
  late: number;
  /** Mean width of the new range (minutes). */
  newWidth: number;
}

export function accuracyOf(records: Recorded[]): Accuracy {
  const called = records.filter((r) => r.realSeconds !== null);
  const both = called.filter((r) => r.range !== null && r.baselineSeconds !== null);
  const real = (r: Recorded) => r.realSeconds! / 60;
  const newErrors = both.map((r) => Math.abs((r.range!.lowMinutes + r.range!.highMinutes) / 2 - real(r)));
  const baseErrors = both.map((r) => Math.abs(r.baselineSeconds! / 60 - real(r)));
  const minutes = (r: Recorded) => Math.floor(real(r));
  const held = both.filter((r) => r.range!.lowMinutes <= minutes(r) && minutes(r) <= r.range!.highMinutes).length;
  const baseHeld = both.filter((r) => Math.abs(r.baselineSeconds! / 60 - real(r)) <= Math.max(1, 0.25 * (r.baselineSeconds! / 60))).length;
  return {
    tickets: both.length,
    noPromise: called.filter((r) => r.range === null).length,
    newMae: round(medianOf(newErrors)),
    baselineMae: round(medianOf(baseErrors)),
    newCoverage: round(both.length ? held / both.length : NaN, 3),
    baselineCoverage: round(both.length ? baseHeld / both.length : NaN, 3),
    early: round(both.filter((r) => minutes(r) < r.range!.lowMinutes).length / Math.max(1, both.length), 3),
    late: round(both.filter((r) => minutes(r) > r.range!.highMinutes).length / Math.max(1, both.length), 3),
    newWidth: round(both.reduce((s, r) => s + r.range!.highMinutes - r.range!.lowMinutes, 0) / Math.max(1, both.length)),
  };
}

const medianOf = (xs: number[]) => median(xs) ?? NaN;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
