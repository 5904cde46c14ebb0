/**
 * The customer portal's share of a personal-data request: bookings (name, contact, the ID
 * number's hash), remote tickets (contact), queued and sent messages (recipient) and no-show
 * counts (per contact digest). Where only a digest is kept the query is compared by the
 * same digest the portal writes (portal/contact.ts). Search shows what is held without the
 * contact itself; export gives back what the person gave; delete removes every row, after
 * cancelling bookings still active so the office frees the slot and refuses the QR.
 */
import type { PersonalDataQuery, PersonalDataRecord } from '@turnero/contract/personal-data';
import { AppError } from '@turnero/domain/errors';
import type { Sql } from '../db';
import { announceBookings, queueBookings, type QueuedNotice } from '../link/bookings-outbound';
import type { PortalDeps } from '../portal/deps';
import { contactKey, idNumberHash } from '../portal/contact';
import { findBooking } from '../store/portal-store';
import {
  deletePortalHoldings,
  findPortalHoldings,
  type HeldBooking,
  type PortalHoldings,
  type PortalSubject,
} from '../store/personal-data-store';

/** What a deletion needs to tell offices of cancelled bookings (the portal's own link and key). */
export type PortalLink = Pick<PortalDeps, 'link' | 'signer'>;

function portalSubject(q: PersonalDataQuery): PortalSubject {
  if (q.idNumber) return { idNumberHash: idNumberHash(q.idNumber), contactKey: null, email: null };
  return {
    idNumberHash: null,
    contactKey: contactKey({ phone: q.phone, email: q.email }),
    email: q.email ? q.email.trim().toLowerCase() : null,
  };
}

export const findPortalData = (tx: Sql, q: PersonalDataQuery) => findPortalHoldings(tx, portalSubject(q));

type Data = PersonalDataRecord['data'];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * The held rows as records. `full` (export) adds what the person gave us: name, phone,
 * e-mail, the consent they accepted, where each message went. Search shows no contact:
 * the staff member asking already knows it. Contact digests are never shown.
 */
export function portalRecords(h: PortalHoldings, full: boolean): PersonalDataRecord[] {
  /** Fields shown only in an export. */
  const exported = (d: Data): Data => (full ? d : {});
  const given = (r: { phone: string | null; email: string | null; consentVersion: string }) =>
    exported({ phone: r.phone, email: r.email, consentVersion: r.consentVersion });
  return [
    ...h.bookings.map((b) => ({
      store: 'hq_booking',
      key: b.code,
      data: {
        office: b.officeCode,
        service: b.serviceCode,
        start: iso(b.start),
        status: b.status,
        ...exported({ name: b.name, idNumberKeptAsDigest: b.hasIdNumber, consentAt: iso(b.consentAt), createdAt: iso(b.createdAt) }),
        ...given(b),
      },
    })),
    ...h.remoteTickets.map((r) => ({
      store: 'hq_remote_ticket',
      key: `${r.officeCode}/${r.code}`,
      data: { office: r.officeCode, service: r.serviceCode, status: r.status, createdAt: iso(r.createdAt), ...given(r) },
    })),
    ...h.notifications.map((n) => ({
      store: 'hq_notification',
      key: n.id,
      data: {
        channel: n.channel,
        template: n.template,
        status: n.status,
        createdAt: iso(n.createdAt),
        ...exported({ recipient: n.recipient, sentAt: iso(n.sentAt) }),
      },
    })),
    ...h.contactRecords.map((c, i) => ({
      store: 'hq_contact_record',
      key: `contact-${i + 1}`,
      data: { noShows: Number(c.noShows), lastSeenAt: iso(c.lastSeenAt) },
    })),
  ];
}

export function portalCounts(h: PortalHoldings): Record<string, number> {
  return {
    hq_booking: h.bookings.length,
    hq_remote_ticket: h.remoteTickets.length,
    hq_notification: h.notifications.length,
    hq_contact_record: h.contactRecords.length,
  };
}

export interface PortalDeletion {
  counts: Record<string, number>;
  cancelled: number;
  /** Announce these after commit (the offices fetch the cancellations from their link log). */
  notices: QueuedNotice[];
}

/**
 * Deletes the person's portal rows inside `tx`. A booking still 'booked' is first sent to its
 * office as cancelled through the same 'bookings' link message the portal's own cancel
 * writes — with its ID-number hash dropped — so the office frees the slot and will not check
 * it in. No cancellation message goes to the customer: their contact is what they asked us
 * to forget. Checked-in and past bookings are the office's own record now: only head
 * office's copy goes.
 */
export async function deletePortalData(tx: Sql, q: PersonalDataQuery, portal: PortalLink | undefined, now: Date): Promise<PortalDeletion> {
  const held = await findPortalData(tx, q);
  const active = held.bookings.filter((b) => b.status === 'booked');
  const notices: QueuedNotice[] = [];
  if (active.length > 0) {
    // Without the portal's signer there is no link message to write: refuse rather than leave an office a live QR.
    if (!portal) throw new AppError('conflict', 'Active portal bookings, and no portal here to cancel them through');
    for (const [officeCode, ofOffice] of byOffice(active)) {
      const rows = await Promise.all(ofOffice.map((b) => findBooking(tx, { id: b.id })));
      const cancelled = rows.flatMap((r) => (r ? [{ ...r, status: 'cancelled', idNumberHash: null }] : []));
      notices.push(await queueBookings(tx, { id: cancelled[0].officeId, code: officeCode }, cancelled, portal.signer.publicKeyPem, now));
    }
  }
  const deleted = await deletePortalHoldings(tx, held);
  return {
    counts: {
      hq_booking: deleted.bookings,
      hq_remote_ticket: deleted.remoteTickets,
      hq_notification: deleted.notifications,
      hq_contact_record: deleted.contactRecords,
    },
    cancelled: active.length,
    notices,
  };
}

export function announcePortalDeletion(portal: PortalLink | undefined, d: PortalDeletion): void {
  if (portal) for (const n of d.notices) announceBookings(portal.link, n);
}

function byOffice(bookings: HeldBooking[]): Map<string, HeldBooking[]> {
  const m = new Map<string, HeldBooking[]>();
  for (const b of bookings) m.set(b.officeCode, [...(m.get(b.officeCode) ?? []), b]);
  return m;
}
