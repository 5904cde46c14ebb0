/**
 * The offices' people managed at head office: only admins manage them, every change is a
 * full roster for each office it touches (including the one a person leaves), carried over
 * the link with password verifiers only, and audited.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkMessage, type StaffRoster } from '@turnero/contract/hq-link';
import { StaffListResponse } from '@turnero/contract/hq';
import { verifyPassword } from '../../server/src/platform/secrets';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { api, createTestDatabase, silentLogger, type TestDatabase } from './helpers';
import { dialLink } from './link-stand-in';

let testDb: TestDatabase;
let hq: HqServer;
let dataDir: string;
let admin: string;
let manager: string;
const tokens: Record<string, string> = {};
const ADMIN = { username: 'admin', password: 'staff-test-admin-pw' };

const call = (method: string, path: string, token: string | undefined, body?: unknown) => api(hq.url, method, `/api/v1${path}`, { token, body });

/** Every roster the office has been sent, oldest first, fetched over the link as the office would. */
async function rosters(code: string): Promise<StaffRoster[]> {
  const link = dialLink(hq.url, tokens[code]);
  try {
    await link.connected();
    const r = await link.request<{ messages: unknown[] }>('link:fetch', { afterSeq: 0, limit: 100 });
    return r.messages.map((m) => LinkMessage.parse(m)).flatMap((m) => (m.kind === 'staff' ? [m.payload] : []));
  } finally {
    link.socket.disconnect();
  }
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'hq-staff-'));
  hq = await createHqServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: testDb.url, demo: false, admin: ADMIN, logger: await silentLogger() });
  admin = (await call('POST', '/auth/login', undefined, ADMIN)).body.token;
  await call('POST', '/hq/users', admin, { username: 'gerente', password: 'staff-test-manager-pw', role: 'manager', company: 'EPM' });
  manager = (await call('POST', '/auth/login', undefined, { username: 'gerente', password: 'staff-test-manager-pw' })).body.token;
  for (const code of ['STF-001', 'STF-002']) tokens[code] = (await call('POST', '/hq/offices', admin, { code, name: code, company: 'EPM' })).body.token;
});
afterAll(async () => {
  await hq?.stop();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('staff managed at head office', () => {
  const ana = { username: 'ana.gomez', displayName: 'Ana Gómez', role: 'agent', password: 'ana-first-password', offices: ['STF-001', 'STF-002'] };

  test('only admins manage staff; bad input is a 400 and changes nothing', async () => {
    assert.equal((await call('GET', '/hq/staff', manager)).status, 403);
    assert.equal((await call('POST', '/hq/staff', manager, ana)).status, 403);
    assert.equal((await call('POST', '/hq/staff', tokens['STF-001'], ana)).status, 403);
    assert.equal((await call('GET', '/hq/staff', undefined)).status, 401);
    for (const bad of [
      { ...ana, password: 'short' },
      { ...ana, username: 'Ana Gómez' },
      { ...ana, role: 'manager' },
      { ...ana, offices: ['NO-SUCH'] },
      { ...ana, displayName: 'a\u0007' },
    ]) {
      assert.equal((await call('POST', '/hq/staff', admin, bad)).status, 400, JSON.stringify(bad));
    }
    assert.deepEqual((await call('GET', '/hq/staff', admin)).body, { staff: [] });
    assert.deepEqual(await rosters('STF-001'), []);
  });

  test('a new person reaches every office they may work at, with a verifier of their password', async () => {
    const r = await call('POST', '/hq/staff', admin, ana);
    assert.equal(r.status, 201);
    assert.deepEqual(r.body, { username: 'ana.gomez', displayName: 'Ana Gómez', role: 'agent', active: true, hasPassword: true, offices: ['STF-001', 'STF-002'] });
    assert.equal((await call('POST', '/hq/staff', admin, ana)).status, 409);
    await call('POST', '/hq/staff', admin, { username: 'luis', displayName: 'Luis', role: 'supervisor', offices: ['STF-002'] });

    const [first] = await rosters('STF-001');
    assert.equal(first.version, 1);
    assert.deepEqual(first.staff.map((s) => s.username), ['ana.gomez']);
    const hash = first.staff[0].passwordHash!;
    assert.ok(!hash.includes(ana.password), 'never the password itself');
    assert.equal(await verifyPassword(ana.password, hash), true);
    const second = await rosters('STF-002');
    assert.deepEqual(second.map((r) => [r.version, r.staff.map((s) => `${s.username}:${s.role}:${s.passwordHash === null ? 'sso' : 'pw'}`)]), [
      [1, ['ana.gomez:agent:pw']],
      [2, ['ana.gomez:agent:pw', 'luis:supervisor:sso']],
    ]);
  });

  test('deactivating and moving a person sends new rosters to the offices they leave and keep; audited without verifiers', async () => {
    assert.equal((await call('PATCH', '/hq/staff/nobody', admin, { active: false })).status, 404);
    assert.equal((await call('PATCH', '/hq/staff/ana.gomez', admin, { password: 'short' })).status, 400);
    const moved = await call('PATCH', '/hq/staff/ana.gomez', admin, { offices: ['STF-002'] });
    assert.deepEqual(moved.body.offices, ['STF-002']);
    const off = await call('PATCH', '/hq/staff/ana.gomez', admin, { active: false });
    assert.equal(off.body.active, false);

    const one = await rosters('STF-001');
    assert.deepEqual(one.at(-1), { version: 2, staff: [] }, 'the office she left no longer lists her');
    const two = (await rosters('STF-002')).at(-1)!;
    assert.equal(two.version, 4);
    assert.deepEqual(two.staff.map((s) => [s.username, s.active]), [['ana.gomez', false], ['luis', true]]);

    const list = StaffListResponse.parse((await call('GET', '/hq/staff', admin)).body);
    assert.deepEqual(list.staff.map((s) => [s.username, s.active, s.offices.join()]), [['ana.gomez', false, 'STF-002'], ['luis', true, 'STF-002']]);

    const audit = (await call('GET', '/hq/config-audit?target=staff:ana.gomez', admin)).body.entries;
    assert.deepEqual(audit.map((e: { action: string }) => e.action), ['edit', 'edit', 'create']);
    assert.ok(!JSON.stringify(audit).includes('scrypt$'), 'no verifier in the audit log');
  });
});
