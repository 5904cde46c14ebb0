/**
 * What a refused request must not change on an office, read beside the running server:
 * the queue and today's figures (stateFingerprint), the users and devices as admin sees
 * them (printer status left out: the printer's own polls change it), and, read straight
 * from the SQLite file, what no answer shows: every user's password hash (a refused
 * password change must not set the new one) and every bearer token's hash, expiry and
 * revocation.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expectStatus, stateFingerprint } from '../office/helpers';
import { request } from './http';

/** Reads the office's SQLite file directly (read-only, beside the running server). */
export function readOfficeDb<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'office.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export async function officeFingerprint(office: { url: string; dataDir: string; supervisor: string; admin: string }): Promise<string> {
  const { url, supervisor, admin } = office;
  const state = await stateFingerprint(url, supervisor);
  const users = expectStatus(await request(url, 'GET', '/api/v1/admin/users', { token: admin }), 200, 'users').body;
  const devices = expectStatus(await request(url, 'GET', '/api/v1/admin/devices', { token: admin }), 200, 'devices').body.map(
    ({ printerStatus: _s, printerStatusAt: _at, ...device }: Record<string, unknown>) => device,
  );
  const { passwords, tokens } = readOfficeDb(office.dataDir, (db) => ({
    passwords: db.prepare('SELECT id, passwordHash FROM User ORDER BY id').all(),
    tokens: db.prepare('SELECT id, tokenHash, principalId, role, expiresAt, revokedAt FROM AuthToken ORDER BY id').all(),
  }));
  return JSON.stringify({ state, users, passwords, devices, tokens });
}

/**
 * Fails unless two fingerprints are equal, naming the parts that changed (state, users,
 * passwords, devices, tokens) and showing the first changed part's difference, rather than
 * two whole fingerprints side by side.
 */
export function assertUnchanged(after: string, before: string, what: string): void {
  if (after === before) return;
  const [now, then] = [JSON.parse(after), JSON.parse(before)] as Record<string, unknown>[];
  const changed = Object.keys({ ...then, ...now }).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(then[k]));
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  assert.deepEqual(parse(now[changed[0]]), parse(then[changed[0]]), `${what}: ${changed.join(', ')} changed`);
}
