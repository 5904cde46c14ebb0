/**
 * A person's rights over their data at head office (Ley 1581 de 2012): the same search,
 * export and delete as at the office. Head office keeps no customer data by design, so
 * the answer is normally empty; the request is audited all the same, in the transaction
 * that answers it.
 */
import {
  auditEntry,
  subjectOf,
  type PersonalDataAction,
  type PersonalDataDeleted,
  type PersonalDataExport,
  type PersonalDataFound,
  type PersonalDataQuery,
} from '@turnero/contract/personal-data';
import type { HqPrincipal } from '../auth/tokens';
import type { HqDatabase, Sql } from '../db';
import { findEventsMentioning, insertHqAuditEntry, redactEventsMentioning } from '../store/personal-data-store';

const HOLDER = 'hq';

async function audited<T>(
  db: HqDatabase,
  principal: HqPrincipal,
  now: Date,
  action: PersonalDataAction,
  query: PersonalDataQuery,
  work: (tx: Sql, value: string) => Promise<{ result: T; records: number }>,
): Promise<T> {
  const subject = subjectOf(query);
  return db.transaction(async (tx) => {
    const { result, records } = await work(tx, subject.value);
    const actor = { id: principal.principalId, name: principal.username ?? principal.principalId };
    await insertHqAuditEntry(tx, auditEntry(actor, action, query, records, now));
    return result;
  });
}

export function searchHqPersonalData(db: HqDatabase, principal: HqPrincipal, query: PersonalDataQuery, now: Date): Promise<PersonalDataFound> {
  return audited(db, principal, now, 'search', query, async (tx, value) => {
    const records = await findEventsMentioning(tx, value);
    return { result: { holder: HOLDER, records }, records: records.length };
  });
}

export function exportHqPersonalData(db: HqDatabase, principal: HqPrincipal, query: PersonalDataQuery, now: Date): Promise<PersonalDataExport> {
  return audited(db, principal, now, 'export', query, async (tx, value) => {
    const records = await findEventsMentioning(tx, value);
    return {
      result: {
        holder: HOLDER,
        exportedAt: now.toISOString(),
        purpose:
          'La oficina central recibe solo cifras de atención, sin datos personales de clientes. ' +
          'Head office receives service figures only, no customer personal data.',
        records,
      },
      records: records.length,
    };
  });
}

export function deleteHqPersonalData(db: HqDatabase, principal: HqPrincipal, query: PersonalDataQuery, now: Date): Promise<PersonalDataDeleted> {
  return audited(db, principal, now, 'delete', query, async (tx, value) => {
    const deleted = await redactEventsMentioning(tx, value);
    return { result: { holder: HOLDER, deleted }, records: deleted };
  });
}
