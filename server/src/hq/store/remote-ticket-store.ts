/**
 * Remote tickets taken on the portal (the office's real ticket and who to tell), contacts'
 * no-show counts, and the retention purge of everything the portal holds about people.
 */
import type { Sql } from '../db';

export interface RemoteTicketRow {
  ticketId: string;
  officeId: number;
  serviceCode: string;
  code: string;
  publicId: string;
  phone: string | null;
  email: string | null;
  contactKey: string;
  status: string;
  position: number | null;
  estimatedWaitMinutes: number | null;
  counterName: string | null;
  notifiedNextAt: Date | null;
  notifiedCalledAt: Date | null;
  updatedAt: Date;
  deleteAfter: Date;
}

/** The row's columns as RemoteTicketRow's fields (`t`: the table's alias, where a join makes names ambiguous). */
const columns = (t = '') => `${t}ticket_id AS "ticketId", ${t}office_id AS "officeId", ${t}service_code AS "serviceCode", ${t}code,
  ${t}public_id AS "publicId", ${t}phone, ${t}email, ${t}contact_key AS "contactKey", ${t}status, ${t}position,
  ${t}estimated_wait_minutes AS "estimatedWaitMinutes", ${t}counter_name AS "counterName", ${t}notified_next_at AS "notifiedNextAt",
  ${t}notified_called_at AS "notifiedCalledAt", ${t}updated_at AS "updatedAt", ${t}delete_after AS "deleteAfter"`;
const COLUMNS = columns();
const date = (d: Date | null) => (d === null ? null : new Date(d));
const toRow = (r: RemoteTicketRow): RemoteTicketRow => ({
  ...r,
  notifiedNextAt: date(r.notifiedNextAt),
  notifiedCalledAt: date(r.notifiedCalledAt),
  updatedAt: new Date(r.updatedAt),
  deleteAfter: new Date(r.deleteAfter),
});

/** Stores the office's ticket; the same ticket again (a retried request key) keeps the first row. Returns the row stored. */
export async function insertRemoteTicket(sql: Sql, t: RemoteTicketRow, consentVersion: string, now: Date): Promise<RemoteTicketRow> {
  const rows = await sql.$queryRawUnsafe<RemoteTicketRow[]>(
    `INSERT INTO hq_remote_ticket (ticket_id, office_id, service_code, code, public_id, phone, email, contact_key, consent_version,
       status, position, estimated_wait_minutes, counter_name, created_at, updated_at, delete_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, $13::timestamp, $13::timestamp, $14::timestamp)
     ON CONFLICT (ticket_id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id
     RETURNING ${COLUMNS}`,
    t.ticketId,
    t.officeId,
    t.serviceCode,
    t.code,
    t.publicId,
    t.phone,
    t.email,
    t.contactKey,
    consentVersion,
    t.status,
    t.position,
    t.estimatedWaitMinutes,
    now.toISOString(),
    t.deleteAfter.toISOString(),
  );
  return toRow(rows[0]);
}

export async function findRemoteTicket(sql: Sql, publicId: string): Promise<RemoteTicketRow | null> {
  const rows = await sql.$queryRawUnsafe<RemoteTicketRow[]>(`SELECT ${COLUMNS} FROM hq_remote_ticket WHERE public_id = $1`, publicId);
  return rows[0] ? toRow(rows[0]) : null;
}

/** Remote tickets a contact holds that are not over yet (the cap per contact). */
export async function activeRemoteTicketsOf(sql: Sql, contactKey: string): Promise<number> {
  const rows = await sql.$queryRawUnsafe<{ n: number }[]>(
    `SELECT COUNT(*)::int AS n FROM hq_remote_ticket WHERE contact_key = $1 AND status IN ('waiting', 'called', 'serving')`,
    contactKey,
  );
  return Number(rows[0]?.n ?? 0);
}

export interface RemoteTicketChange {
  ticketId: string;
  status: string;
  position: number | null;
  estimatedWaitMinutes: number | null;
  counterName: string | null;
}

/** Writes where the office says its tickets stand; returns the rows after the change (tickets head office knows only). */
export async function applyRemoteChanges(sql: Sql, officeId: number, changes: readonly RemoteTicketChange[], now: Date): Promise<RemoteTicketRow[]> {
  if (changes.length === 0) return [];
  const rows = await sql.$queryRawUnsafe<RemoteTicketRow[]>(
    `UPDATE hq_remote_ticket r SET status = x.status, position = x.position, estimated_wait_minutes = x.estimated_wait_minutes,
       counter_name = x.counter_name, updated_at = $3::timestamp
     FROM json_to_recordset($2::json) AS x(ticket_id text, status text, position int, estimated_wait_minutes int, counter_name text)
     WHERE r.ticket_id = x.ticket_id AND r.office_id = $1
     RETURNING ${columns('r.')}`,
    officeId,
    JSON.stringify(
      changes.map((c) => ({ ticket_id: c.ticketId, status: c.status, position: c.position, estimated_wait_minutes: c.estimatedWaitMinutes, counter_name: c.counterName })),
    ),
    now.toISOString(),
  );
  return rows.map(toRow);
}

/** Marks a message as sent once: true only for the first caller (several processes may hear the same update). */
export async function claimNotice(sql: Sql, ticketId: string, which: 'next' | 'called', now: Date): Promise<boolean> {
  const column = which === 'next' ? 'notified_next_at' : 'notified_called_at';
  const n = await sql.$executeRawUnsafe(
    `UPDATE hq_remote_ticket SET ${column} = $2::timestamp WHERE ticket_id = $1 AND ${column} IS NULL`,
    ticketId,
    now.toISOString(),
  );
  return n > 0;
}

/** Adds no-shows to contacts (by digest): the contact's booking ids, and when. */
export async function countNoShows(sql: Sql, bookingIds: readonly string[], now: Date): Promise<void> {
  if (bookingIds.length === 0) return;
  await sql.$executeRawUnsafe(
    `INSERT INTO hq_contact_record (contact_key, no_shows, last_seen_at)
     SELECT contact_key, COUNT(*)::int, $2::timestamp FROM hq_booking WHERE id IN (SELECT json_array_elements_text($1::json))
     GROUP BY contact_key
     ON CONFLICT (contact_key) DO UPDATE SET no_shows = hq_contact_record.no_shows + EXCLUDED.no_shows, last_seen_at = EXCLUDED.last_seen_at`,
    JSON.stringify(bookingIds),
    now.toISOString(),
  );
}

export async function noShowsOf(sql: Sql, contactKey: string): Promise<number> {
  const rows = await sql.$queryRawUnsafe<{ no_shows: number }[]>(`SELECT no_shows FROM hq_contact_record WHERE contact_key = $1`, contactKey);
  return Number(rows[0]?.no_shows ?? 0);
}

/** Sets bookings' status as the office reported it; returns the ids that changed to `no_show` now (counted once). */
export async function applyBookingStatuses(sql: Sql, officeId: number, updates: readonly { id: string; status: string; at: string }[]): Promise<string[]> {
  if (updates.length === 0) return [];
  const rows = await sql.$queryRawUnsafe<{ id: string; was: string; status: string }[]>(
    `WITH x AS (SELECT * FROM json_to_recordset($2::json) AS x(id text, status text, at timestamp)),
     old AS (SELECT b.id, b.status AS was FROM hq_booking b JOIN x ON x.id = b.id WHERE b.office_id = $1 FOR UPDATE)
     UPDATE hq_booking b SET status = x.status,
       checked_in_at = CASE WHEN x.status = 'checked_in' THEN x.at ELSE b.checked_in_at END
     FROM x, old WHERE b.id = x.id AND old.id = b.id AND b.office_id = $1
     RETURNING b.id, old.was, b.status`,
    officeId,
    JSON.stringify(updates),
  );
  return rows.filter((r) => r.status === 'no_show' && r.was !== 'no_show').map((r) => r.id);
}

/** Deletes bookings, remote tickets and contact records past their retention. */
export async function purgeExpired(sql: Sql, now: Date, contactRetentionDays: number): Promise<{ bookings: number; remoteTickets: number; contacts: number }> {
  const at = now.toISOString();
  const bookings = await sql.$executeRawUnsafe(`DELETE FROM hq_booking WHERE delete_after < $1::timestamp`, at);
  const remoteTickets = await sql.$executeRawUnsafe(`DELETE FROM hq_remote_ticket WHERE delete_after < $1::timestamp`, at);
  const contacts = await sql.$executeRawUnsafe(
    `DELETE FROM hq_contact_record WHERE last_seen_at < $1::timestamp - make_interval(days => $2)`,
    at,
    contactRetentionDays,
  );
  return { bookings, remoteTickets, contacts };
}
