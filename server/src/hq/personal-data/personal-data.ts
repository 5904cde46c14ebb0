/**
 * A person's rights over their data at head office (Ley 1581 de 2012): the same search,
 * export and delete as at the office. Offices send head office no customer data, so the
 * events are searched only to prove it; what head office does keep is the customer
 * portal's (bookings, remote tickets, messages, no-show counts: portal-data.ts). Each
 * request is answered and audited in one transaction.
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
import { announcePortalDeletion, deletePortalData, findPortalData, portalCounts, portalRecords, type PortalLink } from './portal-data';

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

/** Events mentioning the value and the portal's rows about the person, as records with counts per store. */
async function found(tx: Sql, query: PersonalDataQuery, value: string, full: boolean): Promise<Pick<PersonalDataFound, 'records' | 'counts'>> {
  const events = await findEventsMentioning(tx, value);
  const portal = await findPortalData(tx, query);
  return { records: [...events, ...portalRecords(portal, full)], counts: { hq_event: events.length, ...portalCounts(portal) } };
}

export function searchHqPersonalData(db: HqDatabase, principal: HqPrincipal, query: PersonalDataQuery, now: Date): Promise<PersonalDataFound> {
  return audited(db, principal, now, 'search', query, async (tx, value) => {
    const { records, counts } = await found(tx, query, value, false);
    return { result: { holder: HOLDER, records, counts }, records: records.length };
  });
}

export function exportHqPersonalData(db: HqDatabase, principal: HqPrincipal, query: PersonalDataQuery, now: Date): Promise<PersonalDataExport> {
  return audited(db, principal, now, 'export', query, async (tx, value) => {
    const { records, counts } = await found(tx, query, value, true);
    return {
      result: {
        holder: HOLDER,
        exportedAt: now.toISOString(),
        purpose:
          'La oficina central recibe de las oficinas solo cifras de atención. Guarda lo que usted dio en el portal ' +
          '(citas, turnos remotos, mensajes enviados, inasistencias) para atenderle y avisarle, y lo borra al vencer su plazo. ' +
          'Head office receives service figures only from offices. It keeps what you gave the portal ' +
          '(appointments, remote tickets, messages sent, missed appointments) to serve and notify you, deleted when its retention ends.',
        records,
        counts,
      },
      records: records.length,
    };
  });
}

export async function deleteHqPersonalData(
  db: HqDatabase,
  principal: HqPrincipal,
  query: PersonalDataQuery,
  now: Date,
  portal?: PortalLink,
): Promise<PersonalDataDeleted> {
  const { result, portalDeletion } = await audited(db, principal, now, 'delete', query, async (tx, value) => {
    const events = await redactEventsMentioning(tx, value);
    const portalDeletion = await deletePortalData(tx, query, portal, now);
    const deleted = events + Object.values(portalDeletion.counts).reduce((a, b) => a + b, 0);
    const result: PersonalDataDeleted = {
      holder: HOLDER,
      deleted,
      counts: { hq_event: events, ...portalDeletion.counts },
      cancelledBookings: portalDeletion.cancelled,
    };
    return { result: { result, portalDeletion }, records: deleted };
  });
  announcePortalDeletion(portal, portalDeletion);
  return result;
}
