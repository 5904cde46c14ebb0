/**
 * What the public portal reads and writes at head office: offices as the portal shows them
 * (with their newest published configuration), live queue counts per service, and bookings.
 * Plain SQL; personal data (name, contact) is written here and read back only for messages.
 */
import type { Sql } from '../db';

export interface PortalOfficeRow {
  id: number;
  code: string;
  name: string;
  company: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  /** The newest configuration version published to the office (OfficeConfig JSON), or null. */
  config: unknown;
}

const OFFICE_SQL = `
  SELECT o.id, o.code, o.name, o.company, o.city, o.latitude::float8 AS latitude, o.longitude::float8 AS longitude,
         o.time_zone AS "timeZone", v.config
  FROM hq_office o
  LEFT JOIN LATERAL (
    SELECT config FROM hq_config_version c WHERE c.office_id = o.id ORDER BY version DESC LIMIT 1
  ) v ON true`;

const toOffice = (r: PortalOfficeRow): PortalOfficeRow => ({ ...r, config: typeof r.config === 'string' ? JSON.parse(r.config) : r.config });

/** Offices with a published configuration, filtered by company and city (case-insensitive). */
export async function portalOffices(sql: Sql, f: { company: string | null; city: string | null }): Promise<PortalOfficeRow[]> {
  const rows = await sql.$queryRawUnsafe<PortalOfficeRow[]>(
    `${OFFICE_SQL}
     WHERE v.config IS NOT NULL AND ($1::text IS NULL OR lower(o.company) = lower($1)) AND ($2::text IS NULL OR lower(o.city) = lower($2))
     ORDER BY o.code`,
    f.company,
    f.city,
  );
  return rows.map(toOffice);
}

export async function portalOffice(sql: Sql, code: string): Promise<PortalOfficeRow | null> {
  const rows = await sql.$queryRawUnsafe<PortalOfficeRow[]>(`${OFFICE_SQL} WHERE o.code = $1`, code);
  return rows[0] ? toOffice(rows[0]) : null;
}

export async function portalOfficeById(sql: Sql, id: number): Promise<PortalOfficeRow | null> {
  const rows = await sql.$queryRawUnsafe<PortalOfficeRow[]>(`${OFFICE_SQL} WHERE o.id = $1`, id);
  return rows[0] ? toOffice(rows[0]) : null;
}

export interface LiveServiceRow {
  officeId: number;
  /** Catalogue code (or the local code of a service not linked). */
  service: string;
  waiting: number;
  /** Median service time of the last day's finished tickets (null: none). */
  medianServiceSeconds: number | null;
}

/** Waiting now per office and service (the ingest's per-ticket facts of the last 24 hours), and counters open per office. */
export async function liveByService(sql: Sql, officeIds: readonly number[], now: Date): Promise<{ services: LiveServiceRow[]; open: Map<number, number> }> {
  if (officeIds.length === 0) return { services: [], open: new Map() };
  const ids = JSON.stringify(officeIds);
  const services = await sql.$queryRawUnsafe<{ office_id: number; service: string; waiting: number; median: number | null }[]>(
    `SELECT t.office_id, COALESCE(s.catalog_code, t.service_code) AS service,
            COUNT(*) FILTER (WHERE t.status = 'waiting')::int AS waiting,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY t.service_seconds) FILTER (WHERE t.service_seconds IS NOT NULL)::float8 AS median
     FROM hq_ticket t
     LEFT JOIN hq_service s ON s.office_id = t.office_id AND s.service_code = t.service_code
     WHERE t.office_id IN (SELECT json_array_elements_text($1::json)::int) AND t.issued_at > $2::timestamp - interval '24 hours'
     GROUP BY 1, 2`,
    ids,
    now.toISOString(),
  );
  const open = await sql.$queryRawUnsafe<{ office_id: number; open: number }[]>(
    `SELECT office_id, COUNT(*)::int AS open FROM hq_agent
     WHERE office_id IN (SELECT json_array_elements_text($1::json)::int) AND state NOT IN ('signed_out', 'paused')
     GROUP BY office_id`,
    ids,
  );
  return {
    services: services.map((r) => ({ officeId: r.office_id, service: r.service, waiting: Number(r.waiting), medianServiceSeconds: r.median === null ? null : Number(r.median) })),
    open: new Map(open.map((r) => [r.office_id, Number(r.open)])),
  };
}

// ---------- Bookings ----------

export interface BookingRow {
  id: string;
  code: string;
  officeId: number;
  serviceCode: string;
  start: Date;
  end: Date;
  status: string;
  name: string;
  phone: string | null;
  email: string | null;
  idNumberHash: string | null;
  contactKey: string;
  consentVersion: string;
  signedCode: string;
  requestKey: string | null;
  deleteAfter: Date;
}

const BOOKING_COLUMNS = `id, code, office_id AS "officeId", service_code AS "serviceCode", start, "end", status, name, phone, email,
  id_number AS "idNumberHash", contact_key AS "contactKey", consent_version AS "consentVersion", signed_code AS "signedCode",
  request_key AS "requestKey", delete_after AS "deleteAfter"`;
/** Dates as Date whatever the driver gave. */
const toBooking = (r: BookingRow): BookingRow => ({ ...r, start: new Date(r.start), end: new Date(r.end), deleteAfter: new Date(r.deleteAfter) });

/**
 * Makes bookings of one office take turns until the transaction ends: the capacity check
 * and the insert see each other, so two customers never get the last place of a slot.
 */
export async function lockOfficeBookings(tx: Sql, officeId: number): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(1414, $1)`, officeId);
}

/** Active bookings (booked or checked in) per slot start of an office in [from, to). */
export async function bookedPerSlot(sql: Sql, officeId: number, from: Date, to: Date): Promise<Map<number, number>> {
  const rows = await sql.$queryRawUnsafe<{ start: Date; n: number }[]>(
    `SELECT start, COUNT(*)::int AS n FROM hq_booking
     WHERE office_id = $1 AND start >= $2::timestamp AND start < $3::timestamp AND status IN ('booked', 'checked_in')
     GROUP BY start`,
    officeId,
    from.toISOString(),
    to.toISOString(),
  );
  return new Map(rows.map((r) => [new Date(r.start).getTime(), Number(r.n)]));
}

export async function findBooking(sql: Sql, by: { code?: string; requestKey?: string; id?: string }): Promise<BookingRow | null> {
  const [column, value] = by.code ? ['code', by.code] : by.requestKey ? ['request_key', by.requestKey] : ['id', by.id];
  const rows = await sql.$queryRawUnsafe<BookingRow[]>(`SELECT ${BOOKING_COLUMNS} FROM hq_booking WHERE ${column} = $1`, value);
  return rows[0] ? toBooking(rows[0]) : null;
}

/** The same person's active booking of the same slot and service (a double submit without a key). */
export async function findSameBooking(sql: Sql, b: { contactKey: string; officeId: number; serviceCode: string; start: Date }): Promise<BookingRow | null> {
  const rows = await sql.$queryRawUnsafe<BookingRow[]>(
    `SELECT ${BOOKING_COLUMNS} FROM hq_booking
     WHERE contact_key = $1 AND office_id = $2 AND service_code = $3 AND start = $4::timestamp AND status = 'booked'`,
    b.contactKey,
    b.officeId,
    b.serviceCode,
    b.start.toISOString(),
  );
  return rows[0] ? toBooking(rows[0]) : null;
}

/** Bookings a contact made since `since` (the per-contact limit). */
export async function bookingsOfContactSince(sql: Sql, contactKey: string, since: Date): Promise<number> {
  const rows = await sql.$queryRawUnsafe<{ n: number }[]>(
    `SELECT COUNT(*)::int AS n FROM hq_booking WHERE contact_key = $1 AND created_at >= $2::timestamp`,
    contactKey,
    since.toISOString(),
  );
  return Number(rows[0]?.n ?? 0);
}

export async function insertBooking(tx: Sql, b: BookingRow, now: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO hq_booking (id, code, office_id, service_code, start, "end", status, name, phone, email, id_number, contact_key,
       consent_version, consent_at, signed_code, created_at, request_key, delete_after)
     VALUES ($1, $2, $3, $4, $5::timestamp, $6::timestamp, $7, $8, $9, $10, $11, $12, $13, $14::timestamp, $15, $14::timestamp, $16, $17::timestamp)`,
    b.id,
    b.code,
    b.officeId,
    b.serviceCode,
    b.start.toISOString(),
    b.end.toISOString(),
    b.status,
    b.name,
    b.phone,
    b.email,
    b.idNumberHash,
    b.contactKey,
    b.consentVersion,
    now.toISOString(),
    b.signedCode,
    b.requestKey,
    b.deleteAfter.toISOString(),
  );
}

/** Writes a booking's new slot, token, status and retention (move, cancel, office's report). */
export async function updateBooking(
  tx: Sql,
  b: Pick<BookingRow, 'id' | 'start' | 'end' | 'status' | 'signedCode' | 'deleteAfter'>,
  at: { cancelledAt?: Date; checkedInAt?: Date } = {},
): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE hq_booking SET start = $2::timestamp, "end" = $3::timestamp, status = $4, signed_code = $5, delete_after = $6::timestamp,
       cancelled_at = COALESCE($7::timestamp, cancelled_at), checked_in_at = COALESCE($8::timestamp, checked_in_at)
     WHERE id = $1`,
    b.id,
    b.start.toISOString(),
    b.end.toISOString(),
    b.status,
    b.signedCode,
    b.deleteAfter.toISOString(),
    at.cancelledAt?.toISOString() ?? null,
    at.checkedInAt?.toISOString() ?? null,
  );
}

/** Takes the office's next link message seq without moving a version counter (bookings have none). */
export async function takeLinkSeq(tx: Sql, officeId: number): Promise<number> {
  const rows = await tx.$queryRawUnsafe<{ head_seq: number }[]>(
    `INSERT INTO hq_link_state (office_id, head_seq) VALUES ($1, 1)
     ON CONFLICT (office_id) DO UPDATE SET head_seq = hq_link_state.head_seq + 1
     RETURNING head_seq`,
    officeId,
  );
  return rows[0].head_seq;
}
