/**
 * The counters and sums every aggregate row carries (hq_agg_hour, hq_agg_day), in one
 * list: ingest adds them up and writes them, reports sum them back and derive figures.
 */
import { BUCKET_COUNT, emptyHistogram } from './buckets';

export interface AggSums {
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

type CountField = Exclude<keyof AggSums, 'waitHist' | 'serviceHist'>;

/** Column name, field and SQL type of every counter and sum (the histograms are w00.., s00..). */
export const COUNT_COLUMNS: readonly (readonly [string, CountField, 'int' | 'bigint'])[] = [
  ['issued', 'issued', 'int'],
  ['called', 'called', 'int'],
  ['served', 'served', 'int'],
  ['no_shows', 'noShows', 'int'],
  ['cancelled', 'cancelled', 'int'],
  ['walkouts', 'walkouts', 'int'],
  ['expired', 'expired', 'int'],
  ['wait_count', 'waitCount', 'int'],
  ['wait_sum', 'waitSum', 'bigint'],
  ['within_target', 'withinTarget', 'int'],
  ['service_count', 'serviceCount', 'int'],
  ['service_sum', 'serviceSum', 'bigint'],
];

export function emptySums(): AggSums {
  const sums = {} as AggSums;
  for (const [, field] of COUNT_COLUMNS) sums[field] = 0;
  sums.waitHist = emptyHistogram();
  sums.serviceHist = emptyHistogram();
  return sums;
}

/** Adds `from` into `into`, counter by counter and bucket by bucket. */
export function addSumsInto(into: AggSums, from: AggSums): void {
  for (const [, field] of COUNT_COLUMNS) into[field] += from[field];
  for (let i = 0; i < BUCKET_COUNT; i++) {
    into.waitHist[i] += from.waitHist[i];
    into.serviceHist[i] += from.serviceHist[i];
  }
}
