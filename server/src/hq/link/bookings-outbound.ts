/**
 * Bookings travel to their office as numbered 'bookings' messages of its link log, written
 * in the same transaction as the booking change: an office offline for a day fetches them
 * when it reconnects, in order, once. Each message carries head office's public key so the
 * office can check the QR's signature with the link down. No name, no contact: the ID number
 * only as its hash. The notice after commit carries no message (personal data stays out of
 * Redis): the office fetches from PostgreSQL.
 */
import type { BookingsMessage, LinkBooking } from '@turnero/contract/portal';
import type { Sql } from '../db';
import type { BookingRow } from '../store/portal-store';
import { insertLinkMessages } from '../store/link-store';
import { takeLinkSeq } from '../store/portal-store';
import type { LinkNotifier } from './notifier';

function linkBooking(b: BookingRow, officeCode: string): LinkBooking {
  return {
    id: b.id,
    code: b.code,
    officeCode,
    serviceCode: b.serviceCode,
    start: b.start.toISOString(),
    end: b.end.toISOString(),
    status: b.status as LinkBooking['status'],
    idNumberHash: b.idNumberHash,
    signedCode: b.signedCode,
    deleteAfter: b.deleteAfter.toISOString(),
  };
}

export interface QueuedNotice {
  code: string;
  headSeq: number;
}

/** Appends one 'bookings' message to the office's log inside `tx`; announce the result after commit. */
export async function queueBookings(
  tx: Sql,
  office: { id: number; code: string },
  bookings: readonly BookingRow[],
  publicKey: string,
  now: Date,
): Promise<QueuedNotice> {
  const seq = await takeLinkSeq(tx, office.id);
  const payload: BookingsMessage = { bookings: bookings.map((b) => linkBooking(b, office.code)), publicKey };
  await insertLinkMessages(tx, [{ officeId: office.id, seq, kind: 'bookings', payload }], now);
  return { code: office.code, headSeq: seq };
}

export function announceBookings(link: LinkNotifier, notice: QueuedNotice): void {
  link.pending([{ code: notice.code, headSeq: notice.headSeq }]);
}
