import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInitialUsers, login } from '../../server/src/hq/auth/users';
import { openHqDatabase, type HqDatabase } from '../../server/src/hq/db';
import { createTestDatabase, type TestDatabase } from './helpers';

let testDb: TestDatabase;
let db: HqDatabase;
const dir = mkdtempSync(join(tmpdir(), 'hq-users-'));
beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openHqDatabase({ databaseUrl: testDb.url, dataDir: dir });
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('a named first admin is created without writing passwords to disk, once', async () => {
  const file = join(dir, 'initial-credentials.json');
  const now = new Date('2026-11-02T12:00:00Z');
  assert.equal(await ensureInitialUsers(db.prisma, file, false, { username: 'jefe', password: 'una-clave-larga-123' }), null);
  assert.equal(existsSync(file), false);
  const ok = await login(db.prisma, { username: 'jefe', password: 'una-clave-larga-123' }, now, 12);
  assert.equal(ok.role, 'admin');
  assert.equal(ok.expiresAt, '2026-11-03T00:00:00.000Z');
  await assert.rejects(login(db.prisma, { username: 'jefe', password: 'otra' }, now, 12), { code: 'unauthenticated' });
  await assert.rejects(login(db.prisma, { username: 'nadie', password: 'otra' }, now, 12), { code: 'unauthenticated' });
  // Users exist now: nothing else is created.
  await ensureInitialUsers(db.prisma, file, true);
  assert.equal(await db.prisma.hqUser.count(), 1);
});
