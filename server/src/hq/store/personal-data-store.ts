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
