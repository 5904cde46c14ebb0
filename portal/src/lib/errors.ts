/** Words a failed call for the customer: the server's known refusals by code, the rest plainly. */
import { isApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';

const KNOWN = new Set([
  'office_unreachable',
  'rate_limited',
  'validation_failed',
  'not_found',
  'slot_full',
  'slot_unavailable',
  'booking_not_found',
  'booking_cancelled',
  'too_many_active',
  'remote_queue_closed',
  'office_closed',
  'conflict',
]);

export function errorText(e: unknown): string {
  if (!isApiError(e)) return t('error.generic');
  if (e.status === 0) return t('error.network');
  if (KNOWN.has(e.code)) return t(`error.${e.code}`);
  if (e.status === 429) return t('error.rate_limited');
  if (e.status === 404) return t('error.not_found');
  if (e.status >= 400 && e.status < 500) return t('error.validation_failed');
  return t('error.generic');
}
