/**
 * Applies a 'bookings' link message inside the link's one transaction (apply-message.ts):
 * stores head office's public key, then upserts each booking by id (created, moved or
 * cancelled at head office). Idempotent by construction too (an upsert of the same state
 * changes nothing), though the link's sequence already applies each message once. The
 * audit keeps counts and booking codes only: no names, contacts or ID numbers reach here.
 * A new booking and a cancellation also write their 'booking' outbox fact (head office's
 * figures) in the same transaction; a move changes no count.
 */
import type { BookingsMessage } from '@turnero/contract/portal';
import type { Db } from '../store/db';
import { loadServices } from '../store/office-store';
import type { OutboxEntry } from '../store/outbox-store';
import { bookingFact } from './booking-facts';
import { findBooking, readBookingSettings, saveBookingPublicKey, upsertLinkBooking } from '../store/booking-store';

export interface BookingsApplied {
  created: number;
  updated: number;
  /** Already checked in or no-show here: what happened at the office stands. */
  kept: number;
  keyChanged: boolean;
}

export async function applyBookings(
  tx: Db,
  message: BookingsMessage,
  at: Date,
  outbox: (entries: OutboxEntry[]) => Promise<void>,
): Promise<BookingsApplied> {
  const keyChanged = message.publicKey ? await saveBookingPublicKey(tx, message.publicKey) : false;
  const services = await loadServices(tx);
  const serviceIdOf = (code: string) =>
    services.find((s) => s.catalogCode === code)?.id ?? services.find((s) => !s.catalogCode && s.prefix === code)?.id ?? code;
  const counts = { created: 0, updated: 0, kept: 0 };
  const { timeZone } = await readBookingSettings(tx);
  const facts: OutboxEntry[] = [];
  for (const b of message.bookings) {
    const before = await findBooking(tx, { id: b.id });
    const serviceId = serviceIdOf(b.serviceCode);
    const outcome = await upsertLinkBooking(tx, b, serviceId, at);
    counts[outcome] += 1;
    const fact = (event: 'booked' | 'cancelled') => facts.push(bookingFact(event, { id: b.id, serviceId, start: new Date(b.start) }, at, { timeZone, services }));
    if (outcome === 'created') fact('booked');
    if (b.status === 'cancelled' && (outcome === 'created' || (outcome === 'updated' && before?.status === 'booked'))) fact('cancelled');
  }
  if (facts.length > 0) await outbox(facts);
  return { ...counts, keyChanged };
}
