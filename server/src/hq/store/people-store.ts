/** Head-office accounts (admins and company managers) and their bearer tokens. */
import type { HqRole } from '@turnero/contract/hq';
import type { HqPrisma, Sql } from '../db';

export interface HqAccount {
  id: string;
  username: string;
  passwordHash: string;
  role: 'admin' | 'manager';
  company: string | null;
  active: boolean;
}

const toAccount = (r: Omit<HqAccount, 'role'> & { role: string }): HqAccount => ({
  ...r,
  role: r.role as HqAccount['role'],
});

export async function findAccount(db: HqPrisma, username: string): Promise<HqAccount | null> {
  const row = await db.hqUser.findUnique({ where: { username } });
  return row ? toAccount(row) : null;
}

export async function insertAccount(db: HqPrisma, a: Omit<HqAccount, 'active'>): Promise<HqAccount> {
  return toAccount(await db.hqUser.create({ data: a }));
}

export async function listAccounts(db: HqPrisma): Promise<HqAccount[]> {
  return (await db.hqUser.findMany({ orderBy: { username: 'asc' } })).map(toAccount);
}

/** Changes an account (null when there is none with that id). */
export async function updateAccount(
  db: HqPrisma,
  id: string,
  changes: { active?: boolean; passwordHash?: string },
): Promise<HqAccount | null> {
  const r = await db.hqUser.updateMany({ where: { id }, data: changes });
  return r.count ? toAccount(await db.hqUser.findUniqueOrThrow({ where: { id } })) : null;
}

export async function countAccounts(db: HqPrisma): Promise<number> {
  return db.hqUser.count();
}

interface NewHqToken {
  id: string;
  tokenHash: string;
  principalId: string;
  role: HqRole;
  company: string | null;
  officeCode: string | null;
  expiresAt: Date | null;
}

export async function insertToken(db: HqPrisma, t: NewHqToken): Promise<void> {
  await db.hqToken.create({ data: t });
}

/** A token by its hash, with its person's account state when it belongs to one. */
interface StoredToken {
  id: string;
  principalId: string;
  role: string;
  company: string | null;
  officeCode: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  username: string | null;
  active: boolean | null;
}

/** One query: this runs on every request. */
export async function findTokenByHash(sql: Sql, tokenHash: string): Promise<StoredToken | null> {
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
    tokenHash,
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    principalId: r.principal_id,
    role: r.role,
    company: r.company,
    officeCode: r.office_code,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    username: r.username,
    active: r.active,
  };
}

export async function revokeTokenById(db: HqPrisma, tokenId: string, at: Date): Promise<void> {
  await db.hqToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: at } });
}

/** Revokes every live token of a person (deactivation, new password); returns how many. */
export async function revokePrincipalTokenRows(db: HqPrisma, principalId: string, at: Date): Promise<number> {
  const r = await db.hqToken.updateMany({ where: { principalId, revokedAt: null }, data: { revokedAt: at } });
  return r.count;
}

/** Revokes every live ingest token of an office; returns how many. */
export async function revokeOfficeTokenRows(db: HqPrisma, officeCode: string, at: Date): Promise<number> {
  const r = await db.hqToken.updateMany({
    where: { officeCode, role: 'office-sync', revokedAt: null },
    data: { revokedAt: at },
  });
  return r.count;
}

/** Codes of the offices holding at least one live ingest token. */
export async function officesWithLiveToken(db: HqPrisma): Promise<Set<string | null>> {
  const live = await db.hqToken.findMany({
    where: { role: 'office-sync', revokedAt: null },
    select: { officeCode: true },
    distinct: ['officeCode'],
  });
  return new Set(live.map((t) => t.officeCode));
}
