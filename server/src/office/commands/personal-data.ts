/**
 * A person's rights over their data at the office (Ley 1581 de 2012): an admin finds,
 * exports or deletes what the office holds about someone. Each request and its audit
 * entry commit together, so no lookup goes unrecorded; a deletion then checkpoints and
 * truncates the write-ahead log so the value is gone from every file.
 */
import type {
  PersonalDataDeleted,
  PersonalDataExport,
  PersonalDataFound,
  PersonalDataQuery,
  PersonalDataAction,
  PersonalDataRecord,
} from '@turnero/contract/personal-data';
import { auditEntry, subjectOf } from '@turnero/contract/personal-data';
import type { OfficeDeps, Principal } from '../context';
import { insertAuditEntry } from '../store/audit-store';
import type { Db } from '../store/db';
import { checkpointAndTruncateLog, deleteCustomerData, findCustomerData } from '../store/customer-store';

/** Runs `work` on what identifies the person and records the request in the same transaction. */
async function audited<T>(
  deps: OfficeDeps,
  principal: Principal,
  action: PersonalDataAction,
  query: PersonalDataQuery,
  work: (tx: Db, idNumber: string | null) => Promise<{ result: T; records: number }>,
): Promise<T> {
  const subject = subjectOf(query);
  return deps.bus.command(`personal-data-${action}`, async ({ tx, viewUnchanged }) => {
    viewUnchanged();
    // The office keeps only ID numbers: a phone or an e-mail finds nothing here.
    const { result, records } = await work(tx, subject.kind === 'idNumber' ? subject.value : null);
    await insertAuditEntry(tx, auditEntry(principal, action, query, records, deps.clock.now()));
    return result;
  });
}

const find = async (tx: Db, idNumber: string | null): Promise<PersonalDataRecord[]> =>
  idNumber === null ? [] : findCustomerData(tx, idNumber);

const holder = (deps: OfficeDeps) => `office ${deps.config.OFFICE_CODE}`;

export function searchPersonalData(deps: OfficeDeps, principal: Principal, query: PersonalDataQuery): Promise<PersonalDataFound> {
  return audited(deps, principal, 'search', query, async (tx, idNumber) => {
    const records = await find(tx, idNumber);
    return { result: { holder: holder(deps), records }, records: records.length };
  });
}

export function exportPersonalData(deps: OfficeDeps, principal: Principal, query: PersonalDataQuery): Promise<PersonalDataExport> {
  return audited(deps, principal, 'export', query, async (tx, idNumber) => {
    const records = await find(tx, idNumber);
    const days = deps.config.PERSONAL_DATA_RETENTION_DAYS;
    return {
      result: {
        holder: holder(deps),
        exportedAt: deps.clock.now().toISOString(),
        purpose:
          `Número de documento dado en el dispensador con su autorización; se elimina ${days} días después. ` +
          `ID number given at the kiosk with your consent; deleted ${days} days later.`,
        records,
      },
      records: records.length,
    };
  });
}

export async function deletePersonalData(deps: OfficeDeps, principal: Principal, query: PersonalDataQuery): Promise<PersonalDataDeleted> {
  const result = await audited(deps, principal, 'delete', query, async (tx, idNumber) => {
    const deleted = idNumber === null ? 0 : await deleteCustomerData(tx, idNumber);
    return { result: { holder: holder(deps), deleted }, records: deleted };
  });
  await eraseDeletedFromLog(deps);
  return result;
}

/** A PASSIVE checkpoint of the WAL worker holds the checkpoint lock for a few ms at most. */
const TRUNCATE_ATTEMPTS = 50;
const TRUNCATE_RETRY_MS = 20;

/**
 * After personal data was deleted (at a person's request or by the retention purge):
 * checkpoint and truncate the write-ahead log on the office connection, between commands.
 * SQLite answers busy at once, without waiting, while the WAL checkpoint worker
 * (db/wal-checkpointer.ts) runs its own checkpoint, so this tries again for about a second.
 */
export async function eraseDeletedFromLog(deps: OfficeDeps): Promise<void> {
  for (let attempt = 1; attempt <= TRUNCATE_ATTEMPTS; attempt++) {
    if (await deps.bus.read((db) => checkpointAndTruncateLog(db))) return;
    await new Promise((r) => setTimeout(r, TRUNCATE_RETRY_MS));
  }
  deps.logger.warn('the write-ahead log could not be truncated after a deletion: a checkpoint or reader held it');
}
