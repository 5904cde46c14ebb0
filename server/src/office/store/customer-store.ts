/**
 * Personal data given with consent at the kiosk (Ley 1581 de 2012): kept apart from the
 * ticket, never printed nor sent to head office, deleted by the retention job.
 */
import type { Db } from './db';

export async function saveCustomerData(
  db: Db,
  d: { ticketId: string; customerId: string; consentPolicyVersion: string; at: Date; retentionDays: number },
): Promise<void> {
  await db.customerData.create({
    data: {
      ticketId: d.ticketId,
      customerId: d.customerId,
      consentPolicyVersion: d.consentPolicyVersion,
      consentAt: d.at,
      deleteAfter: new Date(d.at.getTime() + d.retentionDays * 86_400_000),
    },
  });
}

/** Deletes personal data past its retention date; returns how many rows went. */
export async function purgeExpiredCustomerData(db: Db, now: Date): Promise<number> {
  const r = await db.customerData.deleteMany({ where: { deleteAfter: { lte: now } } });
  return r.count;
}
