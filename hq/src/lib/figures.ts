/** How the dashboard writes its figures, in the chosen language. */
import { formatDuration } from '@turnero/web-client/format';
import { getLang, getLocale, t } from '@turnero/web-client/i18n';


/** Minutes with one decimal for short waits ("3,5 min"), whole minutes and hours above. */
export function formatWait(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 600) {
    const minutes = seconds / 60;
    return `${new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(minutes)} min`;
  }
  return formatDuration(seconds);
}

export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(getLocale()).format(n);
}

/** "hace 5 min" / "5 min ago", or "nunca" when there is no instant. */
export function formatAgo(iso: string | null | undefined, now: Date): string {
  if (!iso) return t('time.never');
  const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return t('time.never');
  if (seconds < 60) return t('time.justNow');
  return t('time.ago', { duration: formatDuration(seconds) });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return t('time.never');
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function formatHour(hour: number): string {
  const h = String(hour).padStart(2, '0');
  return getLang() === 'en' ? `${h}:00` : `${h}:00`;
}
