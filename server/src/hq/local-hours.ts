/**
 * Splits a time interval into the office-local (day, hour) slots it covers, so agent
 * time (signed in, paused, serving) lands in the hours it was spent in.
 */
import { localDay, localHour } from '../domain/local-day';

export interface HourSlice {
  day: string;
  hour: number;
  seconds: number;
}

const QUARTER_HOUR = 15 * 60 * 1000;
/** Guard against a forgotten sign-out turning into months of slices. */
const MAX_INTERVAL_MS = 7 * 24 * 3600 * 1000;

/**
 * Every real UTC offset is a multiple of 15 minutes, so local hours change only on UTC
 * quarter-hours: walk those and cut where the local hour changes.
 */
export function splitByLocalHour(from: Date, to: Date, timeZone: string): HourSlice[] {
  const start = from.getTime();
  const end = Math.min(to.getTime(), start + MAX_INTERVAL_MS);
  if (!(end > start)) return [];
  const slices: HourSlice[] = [];
  let sliceStart = start;
  let day = localDay(from, timeZone);
  let hour = localHour(from, timeZone);
  let t = Math.floor(start / QUARTER_HOUR) * QUARTER_HOUR + QUARTER_HOUR;
  while (t < end) {
    const at = new Date(t);
    const h = localHour(at, timeZone);
    if (h !== hour) {
      slices.push({ day, hour, seconds: Math.round((t - sliceStart) / 1000) });
      sliceStart = t;
      hour = h;
      day = localDay(at, timeZone);
    }
    t += QUARTER_HOUR;
  }
  slices.push({ day, hour, seconds: Math.round((end - sliceStart) / 1000) });
  return slices;
}
