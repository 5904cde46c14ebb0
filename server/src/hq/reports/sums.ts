/**
 * Turning summed aggregate columns into figures. Every report selects the same SUM list
 * (store/reports-store.ts) over hq_agg_day or hq_agg_hour, then derives medians, p90 and
 * rates here.
 */
import { COUNT_COLUMNS, type AggSums } from '../agg-sums';
import { SERVICE_COLUMNS, WAIT_COLUMNS, quantileFromHistogram } from '../buckets';

export type Sums = AggSums;

export function readSums(row: Record<string, unknown>): Sums {
  const n = (c: string) => Number(row[c] ?? 0);
  const sums = {} as Sums;
  for (const [column, field] of COUNT_COLUMNS) sums[field] = n(column);
  sums.waitHist = WAIT_COLUMNS.map(n);
  sums.serviceHist = SERVICE_COLUMNS.map(n);
  return sums;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function figures(s: Sums) {
  return {
    issued: s.issued,
    called: s.called,
    served: s.served,
    noShows: s.noShows,
    walkouts: s.walkouts,
    waitMedianSeconds: quantileFromHistogram(s.waitHist, 0.5),
    waitP90Seconds: quantileFromHistogram(s.waitHist, 0.9),
    waitAverageSeconds: s.waitCount > 0 ? Math.round(s.waitSum / s.waitCount) : null,
    withinTargetShare: ratio(s.withinTarget, s.waitCount),
    noShowRate: ratio(s.noShows, s.called),
    walkoutRate: ratio(s.walkouts, s.issued),
    serviceMedianSeconds: quantileFromHistogram(s.serviceHist, 0.5),
    serviceP90Seconds: quantileFromHistogram(s.serviceHist, 0.9),
  };
}
