/**
 * Fixed histogram buckets for waits and service times, in seconds. Aggregates store one
 * count per bucket (columns w00..w29 and s00..s29), so medians and 90th percentiles over
 * any range of offices, services, days and hours come from summed buckets, never from
 * raw events. Resolution is 30 s up to 3 min, 1 min up to 10 min, then coarser.
 */

/** Upper bounds (exclusive) of every bucket but the last, which is open-ended. */
export const BUCKET_UPPER_BOUNDS = [
  30, 60, 90, 120, 150, 180, 240, 300, 360, 420, 480, 540, 600, 720, 840, 960, 1080, 1200, 1500, 1800, 2100,
  2400, 2700, 3000, 3600, 4500, 5400, 7200, 10800,
] as const;

export const BUCKET_COUNT = BUCKET_UPPER_BOUNDS.length + 1;

const pad = (i: number) => String(i).padStart(2, '0');
/** Column names of the wait histogram, in bucket order. */
export const WAIT_COLUMNS = Array.from({ length: BUCKET_COUNT }, (_, i) => `w${pad(i)}`);
/** Column names of the service-time histogram, in bucket order. */
export const SERVICE_COLUMNS = Array.from({ length: BUCKET_COUNT }, (_, i) => `s${pad(i)}`);

export function bucketOf(seconds: number): number {
  for (let i = 0; i < BUCKET_UPPER_BOUNDS.length; i++) if (seconds < BUCKET_UPPER_BOUNDS[i]) return i;
  return BUCKET_COUNT - 1;
}

export function emptyHistogram(): number[] {
  return new Array<number>(BUCKET_COUNT).fill(0);
}

/** Lower bound of bucket i in seconds. */
const bucketLower = (i: number): number => (i === 0 ? 0 : BUCKET_UPPER_BOUNDS[i - 1]);

/**
 * The q-quantile (0 < q <= 1) of the values counted in `hist`, interpolated linearly
 * inside the bucket where it falls (values assumed spread evenly within a bucket). The
 * open last bucket answers its lower bound. Null when the histogram is empty.
 */
export function quantileFromHistogram(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let before = 0;
  for (let i = 0; i < hist.length; i++) {
    const n = hist[i];
    if (n > 0 && before + n >= rank) {
      const lower = bucketLower(i);
      if (i === BUCKET_COUNT - 1) return lower;
      const upper = BUCKET_UPPER_BOUNDS[i];
      return Math.round(lower + ((rank - before) / n) * (upper - lower));
    }
    before += n;
  }
  return bucketLower(BUCKET_COUNT - 1);
}
