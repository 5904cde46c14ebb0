/** Registering offices and managing their ingest tokens. */
import { AppError } from '@turnero/domain/errors';
import { isValidTimeZone } from '@turnero/domain/local-day';
import { issueToken, revokeOfficeTokens } from '../auth/tokens';
import type { CreateOfficeBody, CreateOfficeResponse, OfficeSummary } from '@turnero/contract/hq';
import type { HqPrisma } from '../db';
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

/** A new token; every earlier token of the office stops working. */
export async function rotateOfficeToken(prisma: HqPrisma, code: string, now: Date): Promise<{ code: string; token: string }> {
  await requireOffice(prisma, code);
  await revokeOfficeTokens(prisma, code, now);
  const { token } = await issueToken(prisma, { principalId: `office:${code}`, role: 'office-sync', officeCode: code });
  return { code, token };
}

export async function revokeOffice(prisma: HqPrisma, code: string, now: Date): Promise<void> {
  await requireOffice(prisma, code);
  await revokeOfficeTokens(prisma, code, now);
}

export async function listOffices(prisma: HqPrisma, viewer: Viewer): Promise<OfficeSummary[]> {
  const company = companyScope(viewer, undefined);
  const offices = await listOfficeRows(prisma, company);
  const withToken = await officesWithLiveToken(prisma);
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
  }));
}
