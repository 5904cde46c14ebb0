/**
 * Head-office bearer tokens: users (admin, manager) and office ingest tokens
 * (office-sync). Stored as SHA-256 hashes; revoking sets revokedAt, checked on every
 * request (with the account's active flag and the expiry on the injected clock), so a
 * session ends with the very next request. Head office holds no sockets: the dashboard
 * and the offices' sync links speak HTTP. The paths that end sessions: logout, a user
 * deactivated or given a new password, an office's token rotated or revoked, expiry
 * (tests/security/hq-sessions.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../../platform/secrets';
import type { HqRole } from '@turnero/contract/hq';
import type { HqPrisma, Sql } from '../db';
import {
  findTokenByHash,
  insertToken,
  revokeOfficeTokenRows,
  revokePrincipalTokenRows,
  revokeTokenById,
} from '../store/people-store';

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
  await insertToken(prisma, {
    id,
    tokenHash: hashToken(token),
    principalId: p.principalId,
    role: p.role,
    company: p.company ?? null,
    officeCode: p.officeCode ?? null,
    expiresAt: p.expiresAt ?? null,
  });
  return { token, id };
}

/** Who a live token belongs to; null when unknown, revoked, expired or its account is off. */
export async function resolveToken(sql: Sql, token: string, now: Date): Promise<HqPrincipal | null> {
  const row = await findTokenByHash(sql, hashToken(token));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  const person = row.role === 'admin' || row.role === 'manager';
  if (person && !row.active) return null;
  return {
    principalId: row.principalId,
    role: row.role as HqRole,
    company: row.company,
    officeCode: row.officeCode,
    username: person ? row.username : null,
    tokenId: row.id,
  };
}

export async function revokeToken(prisma: HqPrisma, tokenId: string, now: Date): Promise<void> {
  await revokeTokenById(prisma, tokenId, now);
}

/** Revokes every live ingest token of an office; returns how many. */
export async function revokeOfficeTokens(prisma: HqPrisma, officeCode: string, now: Date): Promise<number> {
  return revokeOfficeTokenRows(prisma, officeCode, now);
}

/** Revokes every live token of a user (deactivated, new password); returns how many. */
export async function revokeUserTokens(prisma: HqPrisma, userId: string, now: Date): Promise<number> {
  return revokePrincipalTokenRows(prisma, userId, now);
}
