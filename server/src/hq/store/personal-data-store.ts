/**
 * Personal data at head office (Ley 1581 de 2012). Offices send no personal data (the
 * outbox contract drops customer IDs and names), so the events are searched for the
 * value to prove it: a request answers with what head office really holds, not with an
 * assumed nothing. Also the audit log of those requests, values masked.
 */
import { auditEntryDto, type AuditEntryDto, type AuditEntryInput, type PersonalDataRecord } from '@turnero/contract/personal-data';
import type { Sql } from '../db';

/** Received events whose fact mentions the value anywhere. */
export async function findEventsMentioning(sql: Sql, value: string): Promise<PersonalDataRecord[]> {
  const rows = await sql.$queryRawUnsafe<{ office: string; seq: number; type: string; fact: unknown }[]>(
    `SELECT o.code AS office, e.seq, e.type, e.fact
       FROM hq_event e JOIN hq_office o ON o.id = e.office_id
      WHERE strpos(e.fact::text, $1) > 0
      ORDER BY o.code, e.seq`,
    value,
  );
  return rows.map((r) => ({
    store: 'hq_event',
    key: `${r.office}/${r.seq}`,
    data: { type: r.type, fact: typeof r.fact === 'string' ? r.fact : JSON.stringify(r.fact) },
  }));
}

/** Replaces the value in those events' facts; returns how many events changed. */
export async function redactEventsMentioning(sql: Sql, value: string): Promise<number> {
  return sql.$executeRawUnsafe(
    `UPDATE hq_event SET fact = replace(fact::text, $1, '[suprimido]')::jsonb WHERE strpos(fact::text, $1) > 0`,
    value,
  );
}

export async function insertHqAuditEntry(sql: Sql, e: AuditEntryInput): Promise<void> {
  await sql.$executeRawUnsafe(
    `INSERT INTO hq_personal_data_audit (at, actor_id, actor_name, action, subject_kind, subject_masked, records)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    e.at, e.actorId, e.actorName, e.action, e.subjectKind, e.subjectMasked, e.records,
  );
}

/** The latest entries first. */
export async function listHqAuditEntries(sql: Sql, limit: number): Promise<AuditEntryDto[]> {
  const rows = await sql.$queryRawUnsafe<
    { id: number; at: Date; actorId: string; actorName: string; action: string; subjectKind: string; subjectMasked: string; records: number }[]
  >(
    `SELECT id, at, actor_id AS "actorId", actor_name AS "actorName", action, subject_kind AS "subjectKind",
            subject_masked AS "subjectMasked", records
       FROM hq_personal_data_audit ORDER BY id DESC LIMIT $1`,
    limit,
  );
  return rows.map(auditEntryDto);
}

// ---------- What the customer portal keeps (bookings, remote tickets, messages, no-shows) ----------

/** How a request identifies a person in the portal's tables: digests where only a digest is stored. */
export interface PortalSubject {
  /** idNumberHash of an ID number asked about. */
  idNumberHash: string | null;
  /** contactKey of a phone or e-mail asked about. */
  contactKey: string | null;
  /** An e-mail asked about, lower-cased: also found where a phone made the contact key. */
  email: string | null;
}

export interface HeldBooking {
  id: string;
  code: string;
  officeCode: string;
  serviceCode: string;
  start: Date;
  status: string;
  name: string;
  phone: string | null;
  email: string | null;
  hasIdNumber: boolean;
  contactKey: string;
  consentVersion: string;
  consentAt: Date;
  createdAt: Date;
}

export interface HeldRemoteTicket {
  ticketId: string;
  code: string;
  officeCode: string;
  serviceCode: string;
  status: string;
  phone: string | null;
  email: string | null;
  contactKey: string;
  consentVersion: string;
  createdAt: Date;
}

export interface HeldNotification {
  id: string;
  channel: string;
  template: string;
  status: string;
  recipient: string;
  createdAt: Date;
  sentAt: Date | null;
}

export interface HeldContactRecord {
  contactKey: string;
  noShows: number;
  lastSeenAt: Date;
}

export interface PortalHoldings {
  bookings: HeldBooking[];
  remoteTickets: HeldRemoteTicket[];
  notifications: HeldNotification[];
  contactRecords: HeldContactRecord[];
}

/** A list as one JSON text parameter, expanded in SQL (no array binding needed). */
const list = (values: Iterable<string>) => JSON.stringify([...new Set(values)]);
const IN_LIST = (n: number) => `(SELECT json_array_elements_text($${n}::json))`;

/**
 * Everything the portal keeps about the person, locked for the rest of the transaction: their
 * bookings (by ID-number hash, contact key or e-mail), then — by the contact keys and contacts
 * those bookings carry too — remote tickets, no-show counts, and messages sent to those
 * contacts or about those bookings and tickets.
 */
export async function findPortalHoldings(tx: Sql, s: PortalSubject): Promise<PortalHoldings> {
  const bookings = await tx.$queryRawUnsafe<HeldBooking[]>(
    `SELECT b.id, b.code, o.code AS "officeCode", b.service_code AS "serviceCode", b.start, b.status, b.name, b.phone, b.email,
            (b.id_number IS NOT NULL) AS "hasIdNumber", b.contact_key AS "contactKey", b.consent_version AS "consentVersion",
            b.consent_at AS "consentAt", b.created_at AS "createdAt"
       FROM hq_booking b JOIN hq_office o ON o.id = b.office_id
      WHERE b.id_number = $1::text OR b.contact_key = $2::text OR lower(b.email) = $3::text
      ORDER BY b.start, b.id
      FOR UPDATE OF b`,
    s.idNumberHash,
    s.contactKey,
    s.email,
  );
  const keys = [...(s.contactKey ? [s.contactKey] : []), ...bookings.map((b) => b.contactKey)];
  const remoteTickets = await tx.$queryRawUnsafe<HeldRemoteTicket[]>(
    `SELECT r.ticket_id AS "ticketId", r.code, o.code AS "officeCode", r.service_code AS "serviceCode", r.status, r.phone, r.email,
            r.contact_key AS "contactKey", r.consent_version AS "consentVersion", r.created_at AS "createdAt"
       FROM hq_remote_ticket r JOIN hq_office o ON o.id = r.office_id
      WHERE r.contact_key IN ${IN_LIST(1)} OR lower(r.email) = $2::text
      ORDER BY r.created_at, r.ticket_id
      FOR UPDATE OF r`,
    list(keys),
    s.email,
  );
  const givenRows = [...bookings, ...remoteTickets];
  const emails = [...(s.email ? [s.email] : []), ...givenRows.flatMap((r) => (r.email ? [r.email.trim().toLowerCase()] : []))];
  const phones = givenRows.flatMap((r) => (r.phone ? [r.phone.replace(/[^0-9]/g, '')] : []));
  const about = [...bookings.map((b) => b.id), ...remoteTickets.map((r) => r.ticketId)];
  // A message's dedupe key is "<template>:<booking or ticket id>[:...]": the ones about those rows.
  const notifications = await tx.$queryRawUnsafe<HeldNotification[]>(
    `SELECT id, channel, template, status, recipient, created_at AS "createdAt", sent_at AS "sentAt"
       FROM hq_notification
      WHERE (recipient LIKE '%@%' AND lower(trim(recipient)) IN ${IN_LIST(1)})
         OR (recipient NOT LIKE '%@%' AND recipient <> '' AND regexp_replace(recipient, '[^0-9]', '', 'g') IN ${IN_LIST(2)})
         OR split_part(dedupe_key, ':', 2) IN ${IN_LIST(3)}
      ORDER BY created_at, id
      FOR UPDATE`,
    list(emails),
    list(phones),
    list(about),
  );
  const contactRecords = await tx.$queryRawUnsafe<HeldContactRecord[]>(
    `SELECT contact_key AS "contactKey", no_shows AS "noShows", last_seen_at AS "lastSeenAt"
       FROM hq_contact_record WHERE contact_key IN ${IN_LIST(1)} ORDER BY contact_key FOR UPDATE`,
    list(keys),
  );
  return { bookings, remoteTickets, notifications, contactRecords };
}

/** Deletes those rows; returns how many of each went. */
export async function deletePortalHoldings(tx: Sql, h: PortalHoldings): Promise<Record<keyof PortalHoldings, number>> {
  const del = (table: string, column: string, values: string[]) =>
    tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE ${column} IN ${IN_LIST(1)}`, list(values));
  return {
    bookings: await del('hq_booking', 'id', h.bookings.map((b) => b.id)),
    remoteTickets: await del('hq_remote_ticket', 'ticket_id', h.remoteTickets.map((r) => r.ticketId)),
    notifications: await del('hq_notification', 'id', h.notifications.map((n) => n.id)),
    contactRecords: await del('hq_contact_record', 'contact_key', h.contactRecords.map((c) => c.contactKey)),
  };
}
