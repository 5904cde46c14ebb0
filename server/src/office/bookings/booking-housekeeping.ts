/**
 * Driven by the injected clock with the office's housekeeping (every minute): a booking
 * still unchecked past its late edge (slot start + checkInLateMinutes) becomes a no-show,
 * reported to head office (its no-show counts per contact) and written as a 'booking'
 * outbox fact for the figures in the same transaction; a booking past its
 * `deleteAfter` is deleted (retention of personal data: the ID number's hash goes with it).
 */
import { isNoShow, lateEdge } from '@turnero/domain/booking-check-in';
import type { OfficeDeps } from '../context';
import { loadServices } from '../store/office-store';
import { bookingFact } from './booking-facts';
import { markNoShows, purgeBookings, readBookingSettings, unclaimedBookings } from '../store/booking-store';

export interface BookingSweep {
  noShows: { id: string; at: Date }[];
  purged: number;
}

export async function sweepBookings(deps: OfficeDeps): Promise<BookingSweep> {
  return deps.bus.command('bookings-sweep', async ({ tx, viewUnchanged, outbox }) => {
    viewUnchanged();
    const now = deps.clock.now();
    const { appointments, timeZone } = await readBookingSettings(tx);
    const window = { lateMinutes: appointments.checkInLateMinutes };
    const cutoff = new Date(now.getTime() - window.lateMinutes * 60_000);
    const late = (await unclaimedBookings(tx, cutoff)).filter((b) => isNoShow(b.start, window, now));
    if (late.length > 0) {
      await markNoShows(tx, late.map((b) => b.id));
      const office = { timeZone, services: await loadServices(tx) };
      await outbox(late.map((b) => bookingFact('no_show', b, now, office)));
    }
    const purged = await purgeBookings(tx, now);
    if (late.length || purged) deps.logger.info({ noShows: late.length, purged }, 'bookings: no-shows marked, expired bookings deleted');
    return { noShows: late.map((b) => ({ id: b.id, at: lateEdge(b.start, window) })), purged };
  });
}
