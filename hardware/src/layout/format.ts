/** Small, locale-stable formatters for the paper (ASCII-friendly: thermal code pages lack U+202F). */

const paperTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/** dd/mm/yyyy HH:mm from Intl's parts, so no locale's separators or spaces reach the paper. */
function paperTimeLabel(date: Date, timeZone: string): string {
  let f = paperTimeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    paperTimeFormatters.set(timeZone, f);
  }
  const part = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}

/** "27/11/2025 21:45" in the given IANA time zone, 24-hour clock, day before month. */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return paperTimeLabel(date, timeZone);
  } catch {
    // An unknown time zone must not stop a ticket from printing: fall back to UTC.
    return paperTimeLabel(date, 'UTC') + ' UTC';
  }
}

/** "~12 min", "< 1 min", "1 h 05 min"; null -> null (no estimate). */
export function formatWait(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `~${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `~${h} h ${String(m).padStart(2, '0')} min`;
}
