/** Turns anything thrown by an API call into a sentence for the agent, in their language. */
import { isApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';

const KNOWN = new Set([
  'forbidden',
  'unauthenticated',
  'illegal_transition',
  'not_signed_in',
  'office_closed',
  'conflict',
  'not_found',
  'managed_by_hq',
  'network',
  'timeout',
]);

/** An error whose message is already written for the user (in their language). */
export class UserFacingError extends Error {}

export function errorText(e: unknown): string {
  if (e instanceof UserFacingError) return e.message;
  if (isApiError(e)) {
    if (e.code === 'validation_failed') return t('error.validation_failed', { message: e.message });
    if (KNOWN.has(e.code)) return t(`error.${e.code}`);
    return t('error.generic', { message: e.message });
  }
  return t('error.generic', { message: e instanceof Error ? e.message : String(e) });
}
