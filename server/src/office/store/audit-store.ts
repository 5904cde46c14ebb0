/** The office's audit log of personal-data requests (Ley 1581 de 2012): masked values only. */
import { auditEntryDto, type AuditEntryDto, type AuditEntryInput } from '@turnero/contract/personal-data';
import type { Db } from './db';

export async function insertAuditEntry(db: Db, e: AuditEntryInput): Promise<void> {
  await db.personalDataAudit.create({ data: e });
}

/** The latest entries first. */
export async function listAuditEntries(db: Db, limit: number): Promise<AuditEntryDto[]> {
  return (await db.personalDataAudit.findMany({ orderBy: { id: 'desc' }, take: limit })).map(auditEntryDto);
}
