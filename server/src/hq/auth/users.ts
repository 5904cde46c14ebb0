/** Head-office users: login, creation and changes by an admin, and the first users of a fresh database. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '@turnero/domain/errors';
import { hashPassword, newPassword, verifyPassword } from '../../platform/secrets';
import type { LoginResponse, UserDto } from '@turnero/contract/hq';
import type { HqPrisma } from '../db';
import { countAccounts, findAccount, insertAccount, listAccounts, updateAccount, type HqAccount } from '../store/people-store';
import { issueToken, revokeUserTokens } from './tokens';

const userDto = (a: HqAccount): UserDto => ({ id: a.id, username: a.username, role: a.role, company: a.company });

// Verifying against a real hash for unknown users keeps the answer time the same.
let dummyHash: Promise<string> | undefined;

export async function login(
  prisma: HqPrisma,
  body: { username: string; password: string },
  now: Date,
  ttlHours: number,
): Promise<LoginResponse> {
  const user = await findAccount(prisma, body.username);
  dummyHash ??= hashPassword(newPassword());
  const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok || !user.active) throw new AppError('unauthenticated', 'Usuario o contraseña incorrectos / Wrong username or password');
  return openSession(prisma, user, now, ttlHours);
}

/**
 * Signs in a user the company's identity provider vouched for (single sign-on): the same
 * token and lifetime as a password login. 'unknown' when no user has that name,
 * 'inactive' when theirs is deactivated.
 */
export async function loginVouched(prisma: HqPrisma, username: string, now: Date, ttlHours: number): Promise<LoginResponse | 'unknown' | 'inactive'> {
  const user = await findAccount(prisma, username);
  if (!user) return 'unknown';
  if (!user.active) return 'inactive';
  return openSession(prisma, user, now, ttlHours);
}

async function openSession(prisma: HqPrisma, user: HqAccount, now: Date, ttlHours: number): Promise<LoginResponse> {
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  const { token } = await issueToken(prisma, { principalId: user.id, role: user.role, company: user.company, expiresAt });
  return { token, role: user.role, company: user.company, expiresAt: expiresAt.toISOString() };
}

export async function createUser(
  prisma: HqPrisma,
  u: { username: string; password: string; role: 'admin' | 'manager'; company?: string },
): Promise<UserDto> {
  const exists = await findAccount(prisma, u.username);
  if (exists) throw new AppError('conflict', `User ${u.username} already exists`);
  const account = await insertAccount(prisma, {
    id: randomUUID(),
    username: u.username,
    passwordHash: await hashPassword(u.password),
    role: u.role,
    company: u.role === 'manager' ? (u.company ?? null) : null,
  });
  return userDto(account);
}

/**
 * An admin deactivates or reactivates a user, or sets a new password. Deactivation and a
 * new password end every session of the user at once (their tokens are revoked; a
 * reactivated user signs in again). An admin cannot deactivate themselves.
 */
export async function editUser(
  prisma: HqPrisma,
  actorId: string,
  id: string,
  changes: { active?: boolean; password?: string },
  now: Date,
): Promise<UserDto & { active: boolean }> {
  if (id === actorId && changes.active === false) throw new AppError('conflict', 'You cannot deactivate yourself');
  const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
  const account = await updateAccount(prisma, id, { active: changes.active, passwordHash });
  if (!account) throw new AppError('not_found', `Unknown user ${id}`);
  if (changes.active === false || passwordHash) await revokeUserTokens(prisma, id, now);
  return { ...userDto(account), active: account.active };
}

export async function listUsers(prisma: HqPrisma): Promise<UserDto[]> {
  return (await listAccounts(prisma)).map(userDto);
}

export interface DemoCredentials {
  users: { username: string; password: string; role: string; company?: string }[];
}

/**
 * On an empty database, creates the first users: the given admin, or else users with
 * random passwords written to `file` (demo mode: an admin and a manager of EPM; otherwise
 * the admin only). Does nothing when users exist; returns what the file holds, if anything.
 */
export async function ensureInitialUsers(
  prisma: HqPrisma,
  file: string,
  demo: boolean,
  admin?: { username: string; password: string },
): Promise<DemoCredentials | null> {
  if ((await countAccounts(prisma)) > 0) {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials) : null;
  }
  if (admin) {
    // A real installation names its first admin (ADMIN_USERNAME/ADMIN_PASSWORD): no file.
    await createUser(prisma, { username: admin.username, password: admin.password, role: 'admin' });
    return null;
  }
  const wanted: DemoCredentials['users'] = [{ username: 'admin', password: newPassword(), role: 'admin' }];
  if (demo) wanted.push({ username: 'gerente.epm', password: newPassword(), role: 'manager', company: 'EPM' });
  for (const u of wanted) {
    await createUser(prisma, { username: u.username, password: u.password, role: u.role as 'admin' | 'manager', company: u.company });
  }
  const creds: DemoCredentials = { users: wanted };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(creds, null, 2) + '\n', { mode: 0o600 });
  return creds;
}
