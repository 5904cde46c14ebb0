/**
 * Head-office bearer tokens: users (admin, manager) and office ingest tokens
 * (office-sync). Stored as SHA-256 hashes; revoking sets revokedAt, checked on every
 * request, so a revoked token stops working at once.
 */
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../../platform/secrets';
import type { HqPrisma } from '../db';
import type { HqRole } from '../contract';

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

export async function resolveToken(prisma: HqPrisma, token: string, now: Date): Promise<HqPrincipal | null> {
  const row = await prisma.hqToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  let username: string | null = null;
  if (row.role === 'admin' || row.role === 'manager') {
    const user = await prisma.hqUser.findUnique({ where: { id: row.principalId } });
    if (!user || !user.active) return null;
    username = user.username;
  }
  return {
    principalId: row.principalId,
    role: row.role as HqRole,
    company: row.company,
    officeCode: row.officeCode,
    username,
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
