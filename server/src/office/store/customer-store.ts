/**
 * Personal data given with consent at the kiosk (Ley 1581 de 2012): kept apart from the
 * ticket, never printed nor sent to head office, deleted by the retention job.
 */
import type { SqlQuery } from '@prisma/driver-adapter-utils';
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
