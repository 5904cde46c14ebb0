/** Registering offices and managing their ingest tokens. */
import { AppError } from '@turnero/domain/errors';
import { isValidTimeZone } from '@turnero/domain/local-day';
import { issueToken, revokeOfficeTokens } from '../auth/tokens';
import type { CreateOfficeBody, CreateOfficeResponse, OfficeSummary } from '@turnero/contract/hq';
import type { HqDatabase, HqPrisma } from '../db';
import type { LinkNotifier } from '../link/notifier';
import { readLinkStates, refusalOf, type LinkStateRow } from '../store/link-store';
import type { HqLinkStatus } from '@turnero/contract/hq-link';
import { SKEW_FLAG_MS } from '../ingest/ingest';
import { companyScope, type Viewer } from '../reports/scope';
import { findOffice, insertOffice, listOfficeRows } from '../store/offices-store';
import { officesWithLiveToken } from '../store/people-store';

const DEFAULT_TIME_ZONE = 'America/Bogota';

export async function createOffice(prisma: HqPrisma, body: CreateOfficeBody): Promise<CreateOfficeResponse> {
  const timeZone = body.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw new AppError('validation_failed', `Unknown time zone "${timeZone}"`);
  const exists = await findOffice(prisma, body.code);
  if (exists) throw new AppError('conflict', `Office ${body.code} already exists`);
  const office = await insertOffice(prisma, {
    code: body.code,
    name: body.name,
    company: body.company ?? null,
    region: body.region ?? null,
    timeZone,
  });
  const { token } = await issueToken(prisma, { principalId: `office:${office.code}`, role: 'office-sync', officeCode: office.code });
  return { id: office.id, code: office.code, token };
}

async function requireOffice(prisma: HqPrisma, code: string) {
  const office = await findOffice(prisma, code);
  if (!office) throw new AppError('not_found', `No office ${code}`);
  return office;
}

/** A new token; every earlier token of the office stops working, and its links drop at once. */
export async function rotateOfficeToken(prisma: HqPrisma, link: LinkNotifier, code: string, now: Date): Promise<{ code: string; token: string }> {
  await requireOffice(prisma, code);
  await revokeOfficeTokens(prisma, code, now);
  link.disconnectOffice(code);
  const { token } = await issueToken(prisma, { principalId: `office:${code}`, role: 'office-sync', officeCode: code });
  return { code, token };
}

export async function revokeOffice(prisma: HqPrisma, link: LinkNotifier, code: string, now: Date): Promise<void> {
  await requireOffice(prisma, code);
  await revokeOfficeTokens(prisma, code, now);
  link.disconnectOffice(code);
}

/** The offices in scope with their sync state and their link (connected now: in any head-office process). */
export async function listOffices(db: HqDatabase, link: LinkNotifier, viewer: Viewer): Promise<OfficeSummary[]> {
  const company = companyScope(viewer, undefined);
  const offices = await listOfficeRows(db.prisma, company);
  const withToken = await officesWithLiveToken(db.prisma);
  const [states, connected] = await Promise.all([readLinkStates(db.sql, null), link.connectedOffices()]);
  return offices.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    group: o.groupName,
    company: o.company,
    region: o.region,
    timeZone: o.timeZone,
    ackedSeq: o.ackedSeq,
    lastSyncAt: o.lastSyncAt ? o.lastSyncAt.toISOString() : null,
    clockSkewMs: o.clockSkewMs,
    clockSkewFlag: o.clockSkewMs !== null && Math.abs(o.clockSkewMs) > SKEW_FLAG_MS,
    hasToken: withToken.has(o.code),
    link: linkStatus(states.get(o.id), connected.has(o.code)),
  }));
}

function linkStatus(s: LinkStateRow | undefined, connected: boolean): HqLinkStatus {
  return {
    connected,
    lastSeenAt: s?.lastSeenAt ? s.lastSeenAt.toISOString() : null,
    appliedSeq: s?.appliedSeq ?? 0,
    currentVersion: s?.configVersion ?? 0,
    appliedVersion: s?.appliedVersion ?? 0,
    refused: refusalOf(s),
  };
}
