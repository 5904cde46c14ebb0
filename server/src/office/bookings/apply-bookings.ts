/**
 * Applies a 'bookings' link message inside the link's one transaction (apply-message.ts):
 * stores head office's public key, then upserts each booking by id (created, moved or
 * cancelled at head office). Idempotent by construction too (an upsert of the same state
 * changes nothing), though the link's sequence already applies each message once. The
 * audit keeps counts and booking codes only: no names, contacts or ID numbers reach here.
 */
import type { BookingsMessage } from '@turnero/contract/portal';
import type { Db } from '../store/db';
import { loadServices } from '../store/office-store';
import { saveBookingPublicKey, upsertLinkBooking } from './booking-store';

export interface BookingsApplied {
  created: number;
  updated: number;
  /** Already checked in or no-show here: what happened at the office stands. */
  kept: number;
  keyChanged: boolean;
}

export async function applyBookings(tx: Db, message: BookingsMessage, at: Date): Promise<BookingsApplied> {
  const keyChanged = message.publicKey ? await saveBookingPublicKey(tx, message.publicKey) : false;
  const services = await loadServices(tx);
  const serviceIdOf = (code: string) =>
    services.find((s) => s.catalogCode === code)?.id ?? services.find((s) => !s.catalogCode && s.prefix === code)?.id ?? code;
  const counts = { created: 0, updated: 0, kept: 0 };
  for (const b of message.bookings) counts[await upsertLinkBooking(tx, b, serviceIdOf(b.serviceCode), at)] += 1;
  return { ...counts, keyChanged };
}
