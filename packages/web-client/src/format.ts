/**
 * Formatting shared by the web apps. Times are shown in the OFFICE's time zone (from
 * the snapshot), not the browser's: a kiosk PC with a wrong zone must not print a wrong hour.
 */
import { getLang, getLocale, type Lang } from './i18n';

/** "12 min", "< 1 min", "1 h 05 min"; null/negative -> "—". */
export function formatDuration(seconds: number | null | undefined, lang: Lang = getLang()): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return lang === 'en' ? '< 1 min' : '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h} h ${String(m).padStart(2, '0')} min`;
}

function toDate(at: Date | string | number): Date {
  return at instanceof Date ? at : new Date(at);
}

/** Local time "14:05" in the office's IANA zone (24 h, as used in Colombia's offices). */
export function formatTime(at: Date | string | number, timeZone: string, lang: Lang = getLang()): string {
  return new Intl.DateTimeFormat(getLocale(lang), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(toDate(at));
}

/** Long local date, e.g. "jueves, 27 de noviembre de 2025". */
export function formatDate(at: Date | string | number, timeZone: string, lang: Lang = getLang()): string {
  return new Intl.DateTimeFormat(getLocale(lang), {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(toDate(at));
}

/** Seconds elapsed since an ISO instant, by the injected/real clock. */
export function secondsSince(iso: string | null | undefined, now: Date = new Date()): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((now.getTime() - at) / 1000));
}
