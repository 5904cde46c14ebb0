/**
 * Outgoing messages in hq_notification: the queue the notifier works from and the record of
 * each delivery. `recipient` is personal data: it is read only to send, never listed (the
 * admin list masks it) and deleted with its row after deleteAfter.
 *
 * Several head-office processes may send from the same table: a row is claimed by moving it
 * to 'sending' with a lease (next_attempt_at = now + lease) under FOR UPDATE SKIP LOCKED, so
 * two processes never take the same row, and a row whose process died is taken again when its
 * lease runs out.
 */
import type { Sql } from '../db';

export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** A message as sent: who, which template, in which words. */
interface NotificationMessage {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  company: string | null;
  locale: string;
  params: Record<string, string | number | null>;
}

export interface NewNotification extends NotificationMessage {
  dedupeKey: string;
  deleteAfter: Date;
  /** 'failed' with lastError when no channel can carry it (nothing to send). */
  status?: 'queued' | 'failed';
  lastError?: string | null;
}

export interface ClaimedNotification extends NotificationMessage {
  /** Including this one. */
  attempts: number;
}

/** What the admin list shows: everything but the recipient, which is masked. */
export interface NotificationStateRow {
  id: string;
  channel: string;
  recipientMasked: string;
  template: string;
  company: string | null;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  providerId: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** Stores the message unless one with its dedupe key exists; true when this call stored it. */
export async function insertNotification(sql: Sql, n: NewNotification, now: Date): Promise<boolean> {
  const count = await sql.$executeRawUnsafe(
    `INSERT INTO hq_notification (id, channel, recipient, template, company, locale, params, status, attempts, next_attempt_at,
       last_error, dedupe_key, created_at, delete_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, 0, $9::timestamp, $10, $11, $9::timestamp, $12::timestamp)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    n.id,
    n.channel,
    n.recipient,
    n.template,
    n.company,
    n.locale,
    JSON.stringify(n.params),
    n.status ?? 'queued',
    now.toISOString(),
    n.lastError ?? null,
    n.dedupeKey,
    n.deleteAfter.toISOString(),
  );
  return count > 0;
}


/**
 * Takes up to `limit` due messages of one channel (queued and due, or sending with an
 * expired lease), counting the attempt now so a crash mid-send still counts it.
 */
export async function claimDue(sql: Sql, channel: string, limit: number, now: Date, leaseMs: number): Promise<ClaimedNotification[]> {
  if (limit <= 0) return [];
  const rows = await sql.$queryRawUnsafe<ClaimedNotification[]>(
    `UPDATE hq_notification n SET status = 'sending', attempts = n.attempts + 1, next_attempt_at = $4::timestamp
     WHERE n.id IN (
       SELECT id FROM hq_notification
       WHERE channel = $1 AND status IN ('queued', 'sending') AND next_attempt_at <= $2::timestamp
       ORDER BY next_attempt_at, created_at
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING n.id, n.channel, n.recipient, n.template, n.company, n.locale, n.params, n.attempts`,
    channel,
    now.toISOString(),
    limit,
    new Date(now.getTime() + leaseMs).toISOString(),
  );
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

export async function markSent(sql: Sql, id: string, providerId: string | null, now: Date): Promise<void> {
  await sql.$executeRawUnsafe(
    `UPDATE hq_notification SET status = 'sent', provider_id = $2, sent_at = $3::timestamp, last_error = NULL
     WHERE id = $1 AND status = 'sending'`,
    id,
    providerId,
    now.toISOString(),
  );
}

/** Back to the queue for another attempt at `retryAt`, or 'failed' when retryAt is null. */
export async function markFailedAttempt(sql: Sql, id: string, errorCode: string, retryAt: Date | null): Promise<void> {
  await sql.$executeRawUnsafe(
    `UPDATE hq_notification SET status = $2, last_error = $3, next_attempt_at = COALESCE($4::timestamp, next_attempt_at)
     WHERE id = $1 AND status = 'sending'`,
    id,
    retryAt ? 'queued' : 'failed',
    errorCode,
    retryAt ? retryAt.toISOString() : null,
  );
}

/**
 * Retention: deletes messages (and so their recipients) past deleteAfter, unless one is
 * being sent right now under a live lease. Returns how many went.
 */
export async function purgeExpiredNotifications(sql: Sql, now: Date): Promise<number> {
  return sql.$executeRawUnsafe(
    `DELETE FROM hq_notification
     WHERE delete_after <= $1::timestamp AND NOT (status = 'sending' AND next_attempt_at > $1::timestamp)`,
    now.toISOString(),
  );
}

type RawState = {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  company: string | null;
  status: NotificationStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  provider_id: string | null;
  sent_at: Date | null;
  created_at: Date;
};

export interface NotificationListQuery {
  status?: NotificationStatus;
  limit: number;
}

/** Newest first, recipients masked (the admin sees whether it went, not to whom). */
export async function listNotificationStates(sql: Sql, q: NotificationListQuery): Promise<NotificationStateRow[]> {
  const rows = await sql.$queryRawUnsafe<RawState[]>(
    `SELECT id, channel, recipient, template, company, status, attempts, next_attempt_at, last_error, provider_id, sent_at, created_at
     FROM hq_notification WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, id LIMIT $2`,
    q.status ?? null,
    q.limit,
  );
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipientMasked: maskRecipient(r.recipient),
    template: r.template,
    company: r.company,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: new Date(r.next_attempt_at),
    lastError: r.last_error,
    providerId: r.provider_id,
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
    createdAt: new Date(r.created_at),
  }));
}

/** Counts per status (the admin screen's summary). */
export async function countNotificationsByStatus(sql: Sql): Promise<Record<NotificationStatus, number>> {
  const rows = await sql.$queryRawUnsafe<{ status: NotificationStatus; n: number }[]>(
    'SELECT status, COUNT(*)::int AS n FROM hq_notification GROUP BY status',
  );
  const counts: Record<NotificationStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}


/** "j***@e***.co" / "*******4567": enough to tell messages apart, not to contact anyone. */
function maskRecipient(recipient: string): string {
  const at = recipient.indexOf('@');
  if (at > 0) {
    const domain = recipient.slice(at + 1);
    const dot = domain.lastIndexOf('.');
    const tld = dot >= 0 ? domain.slice(dot) : '';
    return `${recipient[0]}***@${domain[0] ?? ''}***${tld}`;
  }
  if (/^\+?[0-9]{5,}$/.test(recipient)) return `${'*'.repeat(Math.max(0, recipient.length - 4))}${recipient.slice(-4)}`;
  return '***';
}

/** How many messages of a channel are due (sizes the rate limiter's draw before claiming). */
export async function countDue(sql: Sql, channel: string, now: Date): Promise<number> {
  const rows = await sql.$queryRawUnsafe<{ n: number }[]>(
    `SELECT COUNT(*)::int AS n FROM hq_notification WHERE channel = $1 AND status IN ('queued', 'sending') AND next_attempt_at <= $2::timestamp`,
    channel,
    now.toISOString(),
  );
  return Number(rows[0]?.n ?? 0);
}

export interface DueReminderRow {
  bookingId: string;
  code: string;
  start: Date;
  email: string | null;
  phone: string | null;
  deleteAfter: Date;
  officeName: string;
  company: string | null;
  timeZone: string;
  serviceNameEs: string;
  serviceNameEn: string;
  /** The confirmation's locale, when one was sent. */
  locale: string | null;
}

type RawReminder = {
  id: string;
  code: string;
  start: Date;
  email: string | null;
  phone: string | null;
  delete_after: Date;
  office_name: string;
  company: string | null;
  time_zone: string;
  service_name_es: string;
  service_name_en: string;
  locale: string | null;
};

/**
 * Booked appointments starting in (now + notBeforeMs, now + windowMs] that have a contact,
 * were booked before that window opened (else the confirmation just said it all) and have no
 * message under `<prefix>:<bookingId>` yet.
 */
export async function dueBookingReminders(
  sql: Sql,
  prefix: string,
  now: Date,
  windowMs: number,
  notBeforeMs: number,
  limit: number,
): Promise<DueReminderRow[]> {
  const rows = await sql.$queryRawUnsafe<RawReminder[]>(
    `SELECT b.id, b.code, b.start, b.email, b.phone, b.delete_after, o.name AS office_name, o.company, o.time_zone,
       COALESCE(cs.name_es, s.name, b.service_code) AS service_name_es,
       COALESCE(cs.name_en, s.name, b.service_code) AS service_name_en,
       c.locale
     FROM hq_booking b
     JOIN hq_office o ON o.id = b.office_id
     LEFT JOIN hq_catalog_service cs ON cs.code = b.service_code
     LEFT JOIN hq_service s ON s.office_id = b.office_id AND s.service_code = b.service_code
     LEFT JOIN hq_notification c ON c.dedupe_key = 'booking_confirmation:' || b.id
     WHERE b.status = 'booked'
       AND b.start > $2::timestamp + ($4 || ' milliseconds')::interval
       AND b.start <= $2::timestamp + ($3 || ' milliseconds')::interval
       AND b.created_at < b.start - ($3 || ' milliseconds')::interval
       AND (b.email IS NOT NULL OR b.phone IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM hq_notification n WHERE n.dedupe_key = $1 || ':' || b.id)
     ORDER BY b.start
     LIMIT $5`,
    prefix,
    now.toISOString(),
    String(windowMs),
    String(notBeforeMs),
    limit,
  );
  return rows.map((r) => ({
    bookingId: r.id,
    code: r.code,
    start: new Date(r.start),
    email: r.email,
    phone: r.phone,
    deleteAfter: new Date(r.delete_after),
    officeName: r.office_name,
    company: r.company,
    timeZone: r.time_zone,
    serviceNameEs: r.service_name_es,
    serviceNameEn: r.service_name_en,
    locale: r.locale,
  }));
}

/**
 * An admin's "send it again" for a failed message: back to the queue with a fresh attempt
 * count. Only a failed message that still has a channel and a recipient can go again.
 * Returns 'retried', 'not_found', or 'not_failed' (queued, sending, sent, or nowhere to send).
 */
export async function requeueFailed(sql: Sql, id: string, now: Date): Promise<'retried' | 'not_found' | 'not_failed'> {
  const n = await sql.$executeRawUnsafe(
    `UPDATE hq_notification SET status = 'queued', attempts = 0, next_attempt_at = $2::timestamp, last_error = NULL
     WHERE id = $1 AND status = 'failed' AND channel <> 'none' AND recipient <> '' AND delete_after > $2::timestamp`,
    id,
    now.toISOString(),
  );
  if (n > 0) return 'retried';
  const rows = await sql.$queryRawUnsafe<{ id: string }[]>('SELECT id FROM hq_notification WHERE id = $1', id);
  return rows.length ? 'not_failed' : 'not_found';
}
