/**
 * What a refused request must not change on an office, read beside the running server:
 * the queue and today's figures (stateFingerprint), the users and devices as admin sees
 * them (printer status left out: the printer's own polls change it), and every bearer
 * token's hash, expiry and revocation read straight from the SQLite file.
 */
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
  const tokens = readOfficeDb(office.dataDir, (db) =>
    db.prepare('SELECT id, tokenHash, principalId, role, expiresAt, revokedAt FROM AuthToken ORDER BY id').all(),
  );
  return JSON.stringify({ state, users, devices, tokens });
}
