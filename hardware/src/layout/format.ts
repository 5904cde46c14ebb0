/** Small, locale-stable formatters for the paper (ASCII-friendly: thermal code pages lack U+202F). */
import { localTimeLabel } from '@turnero/domain/local-day';

/** "27/11/2025 21:45" in the given IANA time zone, 24-hour clock (localTimeLabel, en-GB day/month order). */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return localTimeLabel(date, timeZone, 'en-GB');
  } catch {
    // An unknown time zone must not stop a ticket from printing: fall back to UTC.
    return localTimeLabel(date, 'UTC', 'en-GB') + ' UTC';
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
