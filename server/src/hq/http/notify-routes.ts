/**
 * Customer messages, for head office's admins: the providers configured (hosts, senders,
 * limits; never a credential) and the delivery state of recent messages (status, attempts,
 * provider id, last error code) with the recipient masked. Admins only: managers see figures,
 * not who was written to.
 */
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import type { Clock } from '@turnero/domain/types';
import { route, type RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import type { HqDatabase } from '../db';
import type { NotifierService } from '../notify/notifier';
import { NotifySettings, publicSettings } from '../notify/settings';
import { NOTIFICATION_TEMPLATES } from '../notify/types';
import { countNotificationsByStatus, listNotificationStates, requeueFailed } from '../store/notification-store';

const STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
const ListQuery = z.object({
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const Counts = z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof STATUSES)[number], z.ZodNumber>);
const NotificationState = z.object({
  id: z.string(),
  channel: z.string(),
  /** "j***@e***.co", "*******4567" */
  recipientMasked: z.string(),
  template: z.enum(NOTIFICATION_TEMPLATES),
  company: z.string().nullable(),
  status: z.enum(STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  providerId: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
const ListResponse = z.object({ counts: Counts, notifications: z.array(NotificationState) });
const SettingsResponse = z.object({ channels: z.array(z.string()), settings: z.unknown() });
const IdParam = z.object({ id: z.string().uuid() });
const err = (description: string) => ({ description, schema: ErrorBody });

export function hqNotifyRoutes(
  db: HqDatabase,
  clock: Clock,
  notify: { notifier: NotifierService; settings?: NotifySettings },
): RouteDef<HqPrincipal>[] {
  const settings = notify.settings ?? NotifySettings.parse({});
  return [
    route<HqPrincipal>({
      method: 'get',
      path: '/hq/notifications/settings',
      summary: 'Message providers configured (hosts, senders, rate limits, retry policy, template overrides; no credentials)',
      tags: ['notifications'],
      roles: ['admin'],
      responses: { 200: { description: 'Settings', schema: SettingsResponse } },
      handler: async () => ({ body: { channels: [...notify.notifier.channels], settings: publicSettings(settings) } }),
    }),
    route<HqPrincipal, undefined, undefined, typeof ListQuery>({
      method: 'get',
      path: '/hq/notifications',
      summary: 'Delivery state of recent customer messages, newest first (recipients masked)',
      tags: ['notifications'],
      roles: ['admin'],
      query: ListQuery,
      responses: { 200: { description: 'Counts per status and the messages', schema: ListResponse }, 400: err('Bad query') },
      handler: async ({ query }) => {
        const [counts, rows] = await Promise.all([countNotificationsByStatus(db.sql), listNotificationStates(db.sql, query)]);
        return {
          body: {
            counts,
            notifications: rows.map((r) => ({
              ...r,
              nextAttemptAt: r.nextAttemptAt.toISOString(),
              sentAt: r.sentAt?.toISOString() ?? null,
              createdAt: r.createdAt.toISOString(),
            })),
          },
        };
      },
    }),
    route<HqPrincipal, typeof IdParam>({
      method: 'post',
      path: '/hq/notifications/:id/retry',
      summary: 'Send a failed message again (a provider fixed, a credential renewed): back to the queue with a fresh attempt count',
      tags: ['notifications'],
      roles: ['admin'],
      params: IdParam,
      responses: {
        202: { description: 'Queued again', schema: z.object({ id: z.string(), status: z.literal('queued') }) },
        404: err('No such message'),
        409: err('Not failed, or nowhere to send it (no channel, past retention)'),
      },
      handler: async ({ params }) => {
        const outcome = await requeueFailed(db.sql, params.id, clock.now());
        if (outcome === 'not_found') throw new AppError('not_found', 'No such message');
        if (outcome === 'not_failed') throw new AppError('conflict', 'Only a failed message with a channel and a recipient can be sent again');
        return { status: 202, body: { id: params.id, status: 'queued' } };
      },
    }),
  ];
}
