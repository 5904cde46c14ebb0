/**
 * The estimated wait as the kiosk and the live ticket page show it. The server sends no
 * estimate (null) while no counter serves the service: the customer is told so instead
 * of being shown a number nobody can promise.
 */
import { formatDuration } from '@turnero/web-client/format';
import { t } from '@turnero/web-client/i18n';
import './messages';

export function waitText(estimatedWaitSeconds: number | null): string {
  return estimatedWaitSeconds === null ? t('kiosk.noEstimate') : formatDuration(estimatedWaitSeconds);
}
