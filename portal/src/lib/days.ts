/** Calendar days as the office counts them (its IANA zone), in the contract's YYYY-MM-DD form. */

/** Offices without a zone in the public list are Colombian. */
export const DEFAULT_TIME_ZONE = 'America/Bogota';

export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The same day `days` later (calendar arithmetic in UTC: no daylight-saving surprises). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
