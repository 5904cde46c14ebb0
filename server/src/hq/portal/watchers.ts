/**
 * The live ticket pages' socket.io namespace (PORTAL_NAMESPACE) on head office's server:
 * `watch { publicId }` joins that ticket's room and answers its current view; updates come
 * as `ticket:update`. Knowing the unguessable public id is the only key, and a room carries
 * nothing but that ticket's public view. A socket may watch a few tickets, no more.
 */
import type { Server, Socket } from 'socket.io';
import { PORTAL_NAMESPACE, type RemoteTicketView } from '@turnero/contract/portal';
import { z } from 'zod';
import { AppError, isAppError } from '@turnero/domain/errors';
import type { PortalDeps } from './deps';
import type { TicketWatchers } from './office-reports';
import { remoteTicketView } from './remote-tickets';

const WatchRequest = z.object({ publicId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
/** Tickets one phone may watch at once (a family's few), and watch requests per socket in all. */
const MAX_WATCHED = 4;
const MAX_REQUESTS = 20;

const room = (publicId: string) => `ticket:${publicId}`;

export function createTicketWatchers(io: Server, deps: PortalDeps): TicketWatchers {
  const portal = io.of(PORTAL_NAMESPACE);
  portal.on('connection', (socket: Socket) => {
    let requests = 0;
    socket.on('watch', async (payload: unknown, ack?: unknown) => {
      const answer = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => undefined;
      try {
        if (++requests > MAX_REQUESTS) throw new AppError('rate_limited', 'Too many watch requests');
        const p = WatchRequest.safeParse(payload);
        if (!p.success) throw new AppError('validation_failed', 'Invalid ticket id');
        const view = await remoteTicketView(deps, p.data.publicId);
        const watched = [...socket.rooms].filter((r) => r.startsWith('ticket:'));
        if (!watched.includes(room(view.publicId)) && watched.length >= MAX_WATCHED) throw new AppError('rate_limited', 'Watching too many tickets');
        await socket.join(room(view.publicId));
        answer({ data: view });
      } catch (err) {
        const e = isAppError(err) ? err : new AppError('internal', 'Internal error');
        if (!isAppError(err)) deps.logger.error({ err }, 'portal watch failed');
        answer({ error: { code: e.code, message: e.message } });
      }
    });
  });
  return {
    push(view: RemoteTicketView) {
      portal.to(room(view.publicId)).emit('ticket:update', view);
    },
  };
}
