/**
 * Head-office bearer tokens: users (admin, manager) and office ingest tokens
 * (office-sync). Stored as SHA-256 hashes; revoking sets revokedAt, checked on every
 * request, so a revoked token stops working at once.
 */
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../../platform/secrets';
import type { HqPrisma, Sql } from '../db';
import type { HqRole } from '@turnero/contract/hq';

export interface HqPrincipal {
  principalId: string;
  role: HqRole;
  company: string | null;
  officeCode: string | null;
  username: string | null;
  tokenId: string;
}

export async function issueToken(
  prisma: HqPrisma,
  p: { principalId: string; role: HqRole; company?: string | null; officeCode?: string | null; expiresAt?: Date | null },
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = randomUUID();
  await prisma.hqToken.create({
    data: {
      id,
      tokenHash: hashToken(token),
      principalId: p.principalId,
      role: p.role,
      company: p.company ?? null,
      officeCode: p.officeCode ?? null,
      expiresAt: p.expiresAt ?? null,
    },
  });
  return { token, id };
}

/** One query (token and, for people, their account): this runs on every request. */
export async function resolveToken(sql: Sql, token: string, now: Date): Promise<HqPrincipal | null> {
  const rows = await sql.$queryRawUnsafe<
    {
      id: string;
      principal_id: string;
      role: string;
      company: string | null;
      office_code: string | null;
      expires_at: Date | null;
      revoked_at: Date | null;
      username: string | null;
      active: boolean | null;
    }[]
  >(
    `SELECT t.id, t.principal_id, t.role, t.company, t.office_code, t.expires_at, t.revoked_at, u.username, u.active
     FROM hq_token t LEFT JOIN hq_user u ON u.id = t.principal_id AND t.role IN ('admin', 'manager')
     WHERE t.token_hash = $1`,
    hashToken(token),
  );
  const row = rows[0];
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
  const person = row.role === 'admin' || row.role === 'manager';
  if (person && !row.active) return null;
  return {
    principalId: row.principal_id,
    role: row.role as HqRole,
    company: row.company,
    officeCode: row.office_code,
    username: person ? row.username : null,
    tokenId: row.id,
  };
}

export async function revokeToken(prisma: HqPrisma, tokenId: string, now: Date): Promise<void> {
  await prisma.hqToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: now } });
}

/** Revokes every live ingest token of an office; returns how many. */
export async function revokeOfficeTokens(prisma: HqPrisma, officeCode: string, now: Date): Promise<number> {
  const r = await prisma.hqToken.updateMany({
    where: { officeCode, role: 'office-sync', revokedAt: null },
    data: { revokedAt: now },
  });
  return r.count;
}
