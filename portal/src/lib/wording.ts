/** How the portal words the public API's values. */
import type { PublicService } from './portal-api';
import { getLang, t } from '@turnero/web-client/i18n';

export function serviceName(s: Pick<PublicService, 'nameEs' | 'nameEn'>): string {
  return getLang() === 'en' && s.nameEn ? s.nameEn : s.nameEs;
}

/** "about 12 min"; no estimate (no counter serving) says so instead of a number nobody can promise. */
export function waitMinutesText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return t('wait.unknown');
  if (minutes < 1) return t('wait.lessThanOne');
  if (minutes < 60) return t('wait.minutes', { n: minutes });
  return t('wait.hours', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}
