/** Sign-in data: users by name, bearer tokens (stored hashed) and whom they belong to. */
import type { Principal } from '../context';
import type { Db } from './db';

interface LoginAccount {
  id: string;
  role: string;
  passwordHash: string;
  active: boolean;
}

export async function findLoginAccount(db: Db, username: string): Promise<LoginAccount | null> {
  return db.user.findUnique({ where: { username }, select: { id: true, role: true, passwordHash: true, active: true } });
}

export async function insertAuthToken(
  db: Db,
  t: { id: string; tokenHash: string; principalId: string; role: string; createdAt?: Date; expiresAt?: Date | null },
): Promise<void> {
  await db.authToken.create({ data: t });
}

/** Who a live token belongs to (an active user or an active device) and when it expires; null otherwise. */
export async function tokenOwner(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ principal: Principal; expiresAt: Date | null } | null> {
  const row = await db.authToken.findUnique({ where: { tokenHash } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) return null;
  const expiresAt = row.expiresAt;
  if (row.role === 'kiosk' || row.role === 'display' || row.role === 'survey') {
    const device = await db.device.findUnique({ where: { id: row.principalId } });
    if (!device || !device.active) return null;
    return { principal: { id: device.id, role: row.role, name: device.name, tokenId: row.id, deviceId: device.id }, expiresAt };
  }
  const user = await db.user.findUnique({ where: { id: row.principalId } });
  if (!user || !user.active) return null;
  const role = user.role as Principal['role'];
  return { principal: { id: user.id, role, name: user.displayName, tokenId: row.id, deviceId: null }, expiresAt };
}

export async function revokeTokenByHash(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.authToken.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: at } });
}

/** Revokes every live token of a user or device (but `keepTokenId`); returns how many. */
export async function revokeTokensOf(db: Db, principalId: string, at: Date, keepTokenId?: string): Promise<number> {
  const keep = keepTokenId ? { id: { not: keepTokenId } } : {};
  const r = await db.authToken.updateMany({ where: { principalId, revokedAt: null, ...keep }, data: { revokedAt: at } });
  return r.count;
}

export async function passwordHashOf(db: Db, userId: string): Promise<string | null> {
  return (await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }))?.passwordHash ?? null;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash } });
}

/** The counter a user sits at now, else the one assigned to them (null for devices' ids). */
export async function counterOfUser(db: Db, userId: string): Promise<string | null> {
  const seated = await db.counter.findFirst({ where: { agentId: userId }, select: { id: true } });
  if (seated) return seated.id;
  return (await db.user.findUnique({ where: { id: userId }, select: { counterId: true } }))?.counterId ?? null;
}
