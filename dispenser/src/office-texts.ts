/**
 * What the kiosk says that the office (or its head office) words: the welcome line and the
 * data-protection text with its version. "" or an older server without them: the kiosk's
 * own wording and version. The version sent with a consent is the one shown, never a
 * constant: the office accepts only the version it shows now.
 */
import type { OfficeDto } from '@turnero/contract/dto';
import { getLocale, t, type Lang } from '@turnero/web-client/i18n';
import { CONSENT_POLICY_VERSION } from './messages';

export function welcomeText(office: OfficeDto, lang: Lang): string {
  const own = lang === 'en' ? office.kioskTexts?.welcomeEn : office.kioskTexts?.welcomeEs;
  return own || t('kiosk.welcome', undefined, lang);
}

export function consentVersion(office: OfficeDto): string {
  return office.kioskTexts?.consentPolicyVersion || CONSENT_POLICY_VERSION;
}

/** The data-protection text the customer accepts, always naming its version (the kiosk's own names it inside). */
export function consentText(office: OfficeDto, lang: Lang): string {
  const own = lang === 'en' ? office.kioskTexts?.consentEn : office.kioskTexts?.consentEs;
  const version = consentVersion(office);
  return own ? `${own} (${t('kiosk.consentVersion', { version }, lang)})` : t('kiosk.consent', { version }, lang);
}

/** Why the office refused a ticket as closed (from the refusal's details), in the kiosk's language; "" when unknown. */
export function closedDetail(details: unknown, timeZone: string, lang: Lang): string {
  const d = (details ?? {}) as { holiday?: unknown; nextOpenAt?: unknown };
  const parts: string[] = [];
  if (typeof d.holiday === 'string') parts.push(t('kiosk.holiday', { name: d.holiday }, lang));
  if (typeof d.nextOpenAt === 'string') {
    const when = new Intl.DateTimeFormat(getLocale(lang), {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(d.nextOpenAt));
    parts.push(t('kiosk.opensAt', { when }, lang));
  }
  return parts.join(' ');
}
