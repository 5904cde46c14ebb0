/**
 * How the kiosk words the office's refusal of a check-in (CHECK_IN_REFUSALS). The slot's
 * time comes from the refusal's details when the office sends it, else from the scanned QR
 * itself (its payload is plain, signed JSON: readable without the key).
 */
import type { CHECK_IN_REFUSALS } from '@turnero/contract/portal';
import { formatTime } from '@turnero/web-client/format';
import { t } from '@turnero/web-client/i18n';
import './messages';

export type Refusal = (typeof CHECK_IN_REFUSALS)[number];
const REFUSALS: readonly string[] = ['booking_not_found', 'too_early', 'too_late', 'booking_cancelled', 'already_checked_in', 'wrong_office'] satisfies Refusal[];

export const isRefusal = (code: string): code is Refusal => REFUSALS.includes(code);

export interface RefusalDetails {
  /** The slot's start (ISO), when known. */
  start?: string;
  /** From when the check-in opens (too_early, ISO). */
  opensAt?: string;
}

export function refusalText(code: Refusal, details: RefusalDetails, timeZone: string): string {
  if (code === 'too_early' && details.opensAt) {
    const from = formatTime(details.opensAt, timeZone);
    return details.start
      ? t('checkIn.tooEarlyAt', { start: formatTime(details.start, timeZone), from })
      : t('checkIn.tooEarly', { from });
  }
  return t(`checkIn.refusal.${code}`);
}

/** The slot start carried by a signed booking token (`v1.<payload>.<signature>`), or undefined for a typed code. */
export function tokenStart(code: string): string | undefined {
  const [version, payload] = code.split('.');
  if (version !== 'v1' || !payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/')) as string;
    const start = (JSON.parse(json) as { start?: unknown }).start;
    return typeof start === 'string' ? start : undefined;
  } catch {
    return undefined;
  }
}

/** The refusal's details as sent by the office, with the slot's start filled from the token when missing. */
export function refusalDetails(details: unknown, code: string): RefusalDetails {
  const d = (details && typeof details === 'object' ? details : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { start: str(d.start) ?? str(d.slotAt) ?? tokenStart(code), opensAt: str(d.opensAt) };
}
