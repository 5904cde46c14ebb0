/**
 * Joining today's queue from a phone: head office asks the office, over its live link, for
 * a real ticket (same numbering as walk-ins) and answers only once the office has issued it.
 * An office that is unreachable or silent gets a plain 503 `office_unreachable` and nothing
 * is stored here: the portal never shows a ticket the office does not have.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RemoteTicketCreated, RemoteTicketRequest, RemoteTicketView } from '@turnero/contract/portal';
import { AppError, ERROR_CODES, type ErrorCode } from '@turnero/domain/errors';
import { openingAt } from '@turnero/domain/opening-hours';
import { activeRemoteTicketsOf, findRemoteTicket, insertRemoteTicket, type RemoteTicketRow } from '../store/remote-ticket-store';
import { portalOfficeById } from '../store/portal-store';
import { contactKey } from './contact';
import type { PortalDeps } from './deps';
import { requirePortalOffice } from './offices';
import { assertConsent, officeView, serviceOf, type OfficeView } from './office-view';

const DAY_MS = 86_400_000;

export async function joinRemotely(deps: PortalDeps, req: RemoteTicketRequest): Promise<RemoteTicketCreated> {
  const { db, clock, limits } = deps;
  const now = clock.now();
  const office = await requirePortalOffice(db.sql, req.officeCode);
  const service = serviceOf(office, req.serviceCode);
  if (!office.remoteQueue.enabled) throw new AppError('conflict', `Office ${office.code} does not take remote tickets`);
  assertConsent(req.consentVersion);
  const opening = openingAt(now, office.calendar);
  if (!opening.open) {
    throw new AppError('office_closed', 'The office is closed now', { nextOpenAt: opening.nextOpenAt?.toISOString() ?? null, holiday: opening.holiday });
  }
  const key = contactKey(req);
  if ((await activeRemoteTicketsOf(db.sql, key)) >= office.remoteQueue.maxActivePerContact) {
    throw new AppError('conflict', 'This phone or e-mail already holds as many tickets as allowed', { reason: 'too_many_active' });
  }
  // The client's key is scoped to its contact: someone else sending the same key gets their own ticket, never this one's page.
  const requestKey = createHash('sha256').update(`${key}:${req.requestKey ?? randomUUID()}`).digest('hex');
  const answer = await deps.relay.remoteTicket(
    office.code,
    { serviceCode: service.catalogCode, requestKey, requirePresence: office.remoteQueue.requirePresence },
    limits.remoteTimeoutMs,
  );
  if (answer === null) {
    deps.logger.info({ office: office.code }, 'portal: office unreachable for a remote ticket');
    throw new AppError('office_unreachable', 'The office cannot be reached now: book an appointment instead');
  }
  if ('error' in answer) throw officeRefusal(answer.error);
  const row = await insertRemoteTicket(
    db.sql,
    {
      ticketId: answer.ticketId,
      officeId: office.id,
      serviceCode: service.catalogCode,
      code: answer.code,
      publicId: randomBytes(18).toString('base64url'),
      phone: req.phone ?? null,
      email: req.email ?? null,
      contactKey: key,
      status: 'waiting',
      position: answer.position,
      estimatedWaitMinutes: answer.estimatedWaitMinutes,
      counterName: null,
      notifiedNextAt: null,
      notifiedCalledAt: null,
      updatedAt: now,
      deleteAfter: new Date(now.getTime() + limits.remoteRetentionDays * DAY_MS),
    },
    req.consentVersion,
    now,
  );
  deps.logger.info({ office: office.code, service: service.catalogCode, ticket: row.ticketId }, 'portal: remote ticket issued');
  return {
    ticketId: row.ticketId,
    code: row.code,
    position: answer.position,
    estimatedWaitMinutes: answer.estimatedWaitMinutes,
    url: liveUrl(deps, row.publicId),
  };
}

export const liveUrl = (deps: Pick<PortalDeps, 'publicUrl'>, publicId: string) => `${deps.publicUrl()}/portal/#/ticket/${publicId}`;

/** An office's refusal passed on when it is one of ours (office_closed, service_inactive), else a generic one. */
function officeRefusal(e: { code: string; message: string }): AppError {
  const code = (e.code in ERROR_CODES && ERROR_CODES[e.code as ErrorCode] < 500 ? e.code : 'conflict') as ErrorCode;
  return new AppError(code, `The office refused the ticket: ${e.message}`);
}

export async function remoteTicketView(deps: PortalDeps, publicId: string): Promise<RemoteTicketView> {
  const row = await findRemoteTicket(deps.db.sql, publicId);
  if (!row) throw new AppError('not_found', 'No such ticket');
  const office = await portalOfficeById(deps.db.sql, row.officeId);
  if (!office) throw new AppError('not_found', 'No such ticket');
  return viewOf(row, officeView(office), null);
}

/**
 * What the live page shows: never the contact. `present` is what the office last said
 * (null when not known here: the holder must check in whenever the office requires it).
 */
export function viewOf(row: RemoteTicketRow, office: OfficeView, present: boolean | null): RemoteTicketView {
  const waiting = row.status === 'waiting';
  return {
    publicId: row.publicId,
    code: row.code,
    officeCode: office.code,
    officeName: office.name,
    serviceName: office.services.find((s) => s.catalogCode === row.serviceCode)?.nameEs ?? row.serviceCode,
    status: row.status as RemoteTicketView['status'],
    position: waiting ? row.position : null,
    estimatedWaitMinutes: waiting ? row.estimatedWaitMinutes : null,
    counterName: row.counterName,
    needsCheckIn: waiting && office.remoteQueue.requirePresence && present !== true,
    updatedAt: row.updatedAt.toISOString(),
  };
}
