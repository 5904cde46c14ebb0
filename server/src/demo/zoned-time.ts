/**
 * Office-local calendar arithmetic with the platform's Intl time-zone data, so offices in
 * America/Santiago (which has daylight saving) get their hours right too. Offsets, local
 * days and day arithmetic are the office's own (@turnero/domain/local-day); local
 * midnight here is the demo's simpler rule (the offset at local noon).
 */
import { addDays, localDay as localDayOf, offsetAt } from '@turnero/domain/local-day';

export { addDays };

/** Milliseconds the zone is ahead of UTC at that instant (Bogotá: -5 h). */
function zoneOffsetMs(timeZone: string, instantMs: number): number {
  return offsetAt(new Date(instantMs), timeZone);
}

/** The UTC instant of local midnight at the start of `day` (YYYY-MM-DD) in the zone. */
export function localMidnightUtc(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d);
  // Use the offset at local noon: zone changes happen at night, never during office hours.
  const offset = zoneOffsetMs(timeZone, naive + 12 * 3600_000);
  return naive - offset;
}

/** The office-local calendar day (YYYY-MM-DD) of an instant. */
export function localDay(instantMs: number, timeZone: string): string {
  return localDayOf(new Date(instantMs), timeZone);
}

/** Day of week of a YYYY-MM-DD calendar day: 0 Sunday ... 6 Saturday. */
export function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The `count` consecutive calendar days ending with `lastDay`, oldest first. */
export function daysEndingWith(lastDay: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(lastDay, i - count + 1));
}
