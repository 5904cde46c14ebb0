/** What the portal's use cases are given (createPortal in index.ts builds it). */
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import type { HqDatabase } from '../db';
import type { LinkNotifier } from '../link/notifier';
import type { RemoteRelay } from '../link/remote-relay';
import type { Notifier } from '../notify/types';
import type { BookingSigner } from './signing';

export interface PortalLimits {
  /** Bookings one phone or e-mail may make per hour. */
  bookingsPerContactPerHour: number;
  /** A contact with this many no-shows may not book any more. */
  maxNoShows: number;
  /** How long the portal waits for the office to issue a remote ticket. */
  remoteTimeoutMs: number;
  /** Days a contact's no-show count is kept after it was last seen. */
  contactRetentionDays: number;
  /** Days a remote ticket's row (its contact) is kept. */
  remoteRetentionDays: number;
}

export const DEFAULT_PORTAL_LIMITS: PortalLimits = {
  bookingsPerContactPerHour: 5,
  maxNoShows: 3,
  remoteTimeoutMs: 3000,
  contactRetentionDays: 180,
  remoteRetentionDays: 2,
};

export interface PortalDeps {
  db: HqDatabase;
  clock: Clock;
  logger: Logger;
  link: LinkNotifier;
  relay: RemoteRelay;
  signer: BookingSigner;
  /** The customer-message sender, once there is one (engineer C's notifier). */
  notifier: () => Notifier | undefined;
  /** The portal's public address, for the links in messages and the live page. */
  publicUrl: () => string;
  limits: PortalLimits;
}

/** Enqueues a customer message without letting a notifier failure undo what the customer did. */
export async function notify(deps: PortalDeps, request: Parameters<Notifier['enqueue']>[0]): Promise<void> {
  const notifier = deps.notifier();
  if (!notifier) return;
  try {
    await notifier.enqueue(request);
  } catch (err) {
    // The error's text may hold the recipient: only its kind is logged.
    deps.logger.warn({ error: (err as Error).name, template: request.template }, 'portal: message not queued');
  }
}
