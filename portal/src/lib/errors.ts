/**
 * Words a failed call for the customer: head office's refusals by code (a 409 by the reason
 * in its details, a 400 by the field it names), the rest plainly. Never the server's own
 * English message.
 */
import { isApiError, type ApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';

const KNOWN = new Set([
  'office_unreachable',
  'office_closed',
  'rate_limited',
  'not_found',
  'forbidden',
  'consent_version_mismatch',
  'slot_full',
  'too_many_active',
  'conflict',
  'validation_failed',
]);

/** The most precise code of a refusal: a conflict's reason, a bad slot, else the error's code. */
function refusalCode(e: ApiError): string {
  const details = e.details as { reason?: unknown } | { path?: unknown[] }[] | undefined;
  if (e.code === 'conflict' && details && !Array.isArray(details) && typeof details.reason === 'string') return details.reason;
  if (e.code === 'validation_failed' && Array.isArray(details) && details.some((d) => d.path?.[0] === 'start')) return 'slot_unavailable';
  if (e.code === 'validation_failed' && Array.isArray(details) && details.some((d) => d.path?.[0] === 'idNumber')) return 'id_number';
  return e.code;
}

export function errorText(e: unknown): string {
  if (!isApiError(e)) return t('error.generic');
  if (e.status === 0) return t('error.network');
  const code = refusalCode(e);
  if (KNOWN.has(code) || code === 'slot_unavailable' || code === 'id_number') return t(`error.${code}`);
  if (e.status === 429) return t('error.rate_limited');
  if (e.status === 404) return t('error.not_found');
  if (e.status >= 400 && e.status < 500) return t('error.validation_failed');
  return t('error.generic');
}
