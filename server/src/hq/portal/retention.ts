/**
 * Deletes what the portal holds about people once its retention ends: bookings (their slot
 * plus the office's retention days), remote tickets, and contacts' no-show counts not seen
 * for a while. Runs on start and then hourly, on the injected clock's time.
 */
import type { PortalDeps } from './deps';
import { purgeExpired } from '../store/remote-ticket-store';

const HOUR_MS = 3_600_000;

export async function purgePortalData(deps: Pick<PortalDeps, 'db' | 'clock' | 'logger' | 'limits'>): Promise<{ bookings: number; remoteTickets: number; contacts: number }> {
  const purged = await purgeExpired(deps.db.sql, deps.clock.now(), deps.limits.contactRetentionDays);
  if (purged.bookings + purged.remoteTickets + purged.contacts > 0) deps.logger.info(purged, 'portal: personal data past retention deleted');
  return purged;
}

/** Starts the hourly purge; returns its stop. */
export function startRetention(deps: Pick<PortalDeps, 'db' | 'clock' | 'logger' | 'limits'>, everyMs = HOUR_MS): () => void {
  const run = () => void purgePortalData(deps).catch((err) => deps.logger.warn({ err }, 'portal: retention purge failed'));
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
