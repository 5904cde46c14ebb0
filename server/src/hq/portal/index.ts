/**
 * The public portal's parts at head office, put together once: the booking signer (its key
 * in DATA_DIR), the live ticket pages' namespace, what offices report about remote tickets
 * and bookings, and the retention purge. The HTTP routes (http/public-routes.ts) call the
 * use cases with `deps`.
 */
import type { Server } from 'socket.io';
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import type { HqDatabase } from '../db';
import type { LinkNotifier } from '../link/notifier';
import type { RemoteRelay } from '../link/remote-relay';
import type { Notifier } from '../notify/types';
import { DEFAULT_PORTAL_LIMITS, type PortalDeps, type PortalLimits } from './deps';
import { onBookingUpdate, onRemoteUpdate, type OfficeRef } from './office-reports';
import { startRetention } from './retention';
import { loadBookingSigner } from './signing';
import { createTicketWatchers } from './watchers';
import type { LinkBookingUpdate, LinkRemoteUpdate } from '@turnero/contract/portal';
import type { z } from 'zod';

export interface PortalOptions {
  db: HqDatabase;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  link: LinkNotifier & { io: Server; relay: RemoteRelay };
  notifier: () => Notifier | undefined;
  publicUrl: () => string;
  limits?: Partial<PortalLimits>;
}

export interface Portal {
  deps: PortalDeps;
  /** Handlers of the link's office reports (link-server.ts calls them). */
  remoteUpdate(office: OfficeRef, p: LinkRemoteUpdate): Promise<void>;
  bookingUpdate(office: OfficeRef, p: z.infer<typeof LinkBookingUpdate>): Promise<void>;
  stop(): void;
}

export function createPortal(opts: PortalOptions): Portal {
  const deps: PortalDeps = {
    db: opts.db,
    clock: opts.clock,
    logger: opts.logger,
    link: opts.link,
    relay: opts.link.relay,
    signer: loadBookingSigner(opts.dataDir),
    notifier: opts.notifier,
    publicUrl: opts.publicUrl,
    limits: { ...DEFAULT_PORTAL_LIMITS, ...opts.limits },
  };
  const watchers = createTicketWatchers(opts.link.io, deps);
  const stopRetention = startRetention(deps);
  return {
    deps,
    remoteUpdate: (office, p) => onRemoteUpdate(deps, watchers, office, p),
    bookingUpdate: (office, p) => onBookingUpdate(deps, office, p),
    stop: stopRetention,
  };
}
