/**
 * Personal data given with consent at the kiosk (Ley 1581 de 2012): kept apart from the
 * ticket, never printed nor sent to head office, deleted by the retention job or at the
 * person's request. Deleting is not enough on its own: the office connection runs with
 * `secure_delete` (the freed bytes are zeroed) and after a deletion the write-ahead log,
 * which still holds the pages as they were, is checkpointed and truncated.
 */
import type { SqlQuery } from '@prisma/driver-adapter-utils';
import type { PersonalDataRecord } from '@turnero/contract/personal-data';
import type { Db } from './db';
import { insertCustomerDataSql } from './ticket-writes';

/** The statement recording a customer's ID number with the consent they gave. */
export const customerDataSql = (d: {
  ticketId: string;
  customerId: string;
  consentPolicyVersion: string;
  at: Date;
  retentionDays: number;
}): SqlQuery => insertCustomerDataSql({ ...d, deleteAfter: new Date(d.at.getTime() + d.retentionDays * 86_400_000) });

/** Deletes personal data past its retention date; returns how many rows went. */
export async function purgeExpiredCustomerData(db: Db, now: Date): Promise<number> {
  const r = await db.customerData.deleteMany({ where: { deleteAfter: { lte: now } } });
  return r.count;
}

/** The consent version the office shows now: an ID number comes with it or not at all. */
export async function currentConsentVersion(db: Db): Promise<string> {
  return (await db.office.findFirstOrThrow({ select: { consentPolicyVersion: true } })).consentPolicyVersion;
}

/**
 * Everything the office holds about the holder of an ID number: the ID rows with the
 * consent given and the ticket each came with. The office stores no phone numbers or
 * e-mail addresses, so those find nothing.
 */
export async function findCustomerData(db: Db, idNumber: string): Promise<PersonalDataRecord[]> {
  const rows = await db.customerData.findMany({ where: { customerId: idNumber }, orderBy: { consentAt: 'asc' } });
  const tickets = await db.ticket.findMany({
    where: { id: { in: rows.map((r) => r.ticketId) } },
    select: { id: true, code: true, issuedAt: true },
  });
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  return rows.map((r) => ({
    store: 'CustomerData',
    key: r.ticketId,
    data: {
      idNumber: r.customerId,
      consentPolicyVersion: r.consentPolicyVersion,
      consentAt: r.consentAt.toISOString(),
      deleteAfter: r.deleteAfter.toISOString(),
      ticketCode: ticketById.get(r.ticketId)?.code ?? null,
      ticketIssuedAt: ticketById.get(r.ticketId)?.issuedAt.toISOString() ?? null,
    },
  }));
}

/** Deletes every row holding this ID number; returns how many went. */
export async function deleteCustomerData(db: Db, idNumber: string): Promise<number> {
  return (await db.customerData.deleteMany({ where: { customerId: idNumber } })).count;
}

/**
 * Copies the whole write-ahead log into the database file and truncates the log to zero
 * bytes, so deleted rows survive in neither. Needs the plain connection (no transaction
 * open): call it from the command bus's read, after the deleting command committed.
 * Returns whether SQLite could finish (false when a reader held the log; the next
 * checkpoint finishes it).
 */
export async function checkpointAndTruncateLog(db: Db): Promise<boolean> {
  const [r] = await db.$queryRawUnsafe<{ busy: number | bigint }[]>('PRAGMA wal_checkpoint(TRUNCATE)');
  return Number(r?.busy ?? 0) === 0;
}
