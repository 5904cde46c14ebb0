/**
 * The promised wait as the kiosk and the live ticket page show it: a range ("entre 10 y
 * 15 min") from the server's `estimatedWait` (issue 15), because one number is a promise
 * nobody can keep to the minute. The server sends no promise (null) while no counter
 * serves the service: the customer is told so instead of being shown a number. An older
 * server sends no range at all (the field is absent): its single estimate is shown.
 */
import type { TicketDto } from '@turnero/contract/dto';
import { formatDuration } from '@turnero/web-client/format';
import { t } from '@turnero/web-client/i18n';
import './messages';

export function waitText(ticket: Pick<TicketDto, 'estimatedWait' | 'estimatedWaitSeconds'>): string {
  const range = ticket.estimatedWait;
  if (range === undefined) {
    return ticket.estimatedWaitSeconds === null ? t('kiosk.noEstimate') : formatDuration(ticket.estimatedWaitSeconds);
  }
  if (range === null) return t('kiosk.noEstimate');
  if (range.highMinutes < 1) return t('wait.underOneMinute');
  if (range.lowMinutes === range.highMinutes) return t('wait.minutes', { minutes: range.highMinutes });
  return t('wait.range', { low: range.lowMinutes, high: range.highMinutes });
}
