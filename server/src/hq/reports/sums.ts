/**
 * Turning summed aggregate columns into figures. Every report selects the same SUM list
 * (SUM_SELECT) over hq_agg_day or hq_agg_hour, then derives medians, p90 and rates here.
 */
import { SERVICE_COLUMNS, WAIT_COLUMNS, quantileFromHistogram } from '../buckets';

const COUNTS = ['issued', 'called', 'served', 'no_shows', 'cancelled', 'walkouts', 'expired', 'wait_count', 'wait_sum', 'within_target', 'service_count', 'service_sum'];

/** `COALESCE(SUM(a.col), 0)::float8 AS col` for every counter and bucket (float8: plain JS numbers). */
export function sumSelect(alias = 'a'): string {
  return [...COUNTS, ...WAIT_COLUMNS, ...SERVICE_COLUMNS]
    .map((c) => `COALESCE(SUM(${alias}.${c}), 0)::float8 AS ${c}`)
    .join(', ');
}

export interface Sums {
  issued: number;
  called: number;
  served: number;
  noShows: number;
  cancelled: number;
  walkouts: number;
  expired: number;
  waitCount: number;
  waitSum: number;
  withinTarget: number;
  serviceCount: number;
  serviceSum: number;
  waitHist: number[];
  serviceHist: number[];
}

export function readSums(row: Record<string, unknown>): Sums {
  const n = (c: string) => Number(row[c] ?? 0);
  return {
    issued: n('issued'),
    called: n('called'),
    served: n('served'),
    noShows: n('no_shows'),
    cancelled: n('cancelled'),
    walkouts: n('walkouts'),
    expired: n('expired'),
    waitCount: n('wait_count'),
    waitSum: n('wait_sum'),
    withinTarget: n('within_target'),
    serviceCount: n('service_count'),
    serviceSum: n('service_sum'),
    waitHist: WAIT_COLUMNS.map(n),
    serviceHist: SERVICE_COLUMNS.map(n),
  };
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
