/**
 * Splits a time interval into the office-local (day, hour) slots it covers, so agent
 * time (signed in, paused, serving) lands in the hours it was spent in.
 */
import { localDay, localHour } from '@turnero/domain/local-day';

interface HourSlice {
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
  let { day, hour } = localSlot(from, timeZone);
  let t = Math.floor(start / QUARTER_HOUR) * QUARTER_HOUR + QUARTER_HOUR;
  while (t < end) {
    const slot = localSlot(new Date(t), timeZone);
    if (slot.hour !== hour) {
      slices.push({ day, hour, seconds: Math.round((t - sliceStart) / 1000) });
      sliceStart = t;
      hour = slot.hour;
      day = slot.day;
    }
    t += QUARTER_HOUR;
  }
  slices.push({ day, hour, seconds: Math.round((end - sliceStart) / 1000) });
  return slices;
}

const slotCache = new Map<string, { day: string; hour: number }>();
const SLOT_CACHE_LIMIT = 50_000;

/**
 * Office-local day and hour of an instant, memoised per zone and UTC quarter-hour (exact:
 * local hours only change on quarter-hours). Ingest asks this for every ticket; Intl's
 * formatter is the costly part.
 */
export function localSlot(at: Date, timeZone: string): { day: string; hour: number } {
  const key = `${timeZone}|${Math.floor(at.getTime() / QUARTER_HOUR)}`;
  let slot = slotCache.get(key);
  if (!slot) {
    if (slotCache.size >= SLOT_CACHE_LIMIT) slotCache.clear();
    slot = { day: localDay(at, timeZone), hour: localHour(at, timeZone) };
    slotCache.set(key, slot);
  }
  return slot;
}
