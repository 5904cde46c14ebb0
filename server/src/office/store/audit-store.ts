/** The office's audit log of personal-data requests (Ley 1581 de 2012): masked values only. */
import type { AuditEntryDto, PersonalDataAction, SubjectKind } from '@turnero/contract/personal-data';
import type { Db } from './db';

export interface AuditEntryInput {
  at: Date;
  actorId: string;
  actorName: string;
  action: PersonalDataAction;
  subjectKind: SubjectKind;
  subjectMasked: string;
  records: number;
}

export async function insertAuditEntry(db: Db, e: AuditEntryInput): Promise<void> {
  await db.personalDataAudit.create({ data: e });
}

/** The latest entries first. */
export async function listAuditEntries(db: Db, limit: number): Promise<AuditEntryDto[]> {
  const rows = await db.personalDataAudit.findMany({ orderBy: { id: 'desc' }, take: limit });
  return rows.map((r) => ({
    ...r,
    at: r.at.toISOString(),
    action: r.action as PersonalDataAction,
    subjectKind: r.subjectKind as SubjectKind,
  }));
}
