/**
 * Office-local calendar arithmetic with the platform's Intl time-zone data, so offices in
 * America/Santiago (which has daylight saving) get their hours right too.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Milliseconds the zone is ahead of UTC at that instant (Bogotá: -5 h). */
export function zoneOffsetMs(timeZone: string, instantMs: number): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instantMs))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
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
  const local = new Date(instantMs + zoneOffsetMs(timeZone, instantMs));
  return local.toISOString().slice(0, 10);
}

/** Day of week of a YYYY-MM-DD calendar day: 0 Sunday ... 6 Saturday. */
export function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function addDays(day: string, delta: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + delta)).toISOString().slice(0, 10);
}

/** The `count` consecutive calendar days ending with `lastDay`, oldest first. */
export function daysEndingWith(lastDay: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(lastDay, i - count + 1));
}
