/**
 * Head-office sessions end when they should (issue 11.1), against a real head office on
 * PostgreSQL with an injected clock. Head office has no sockets: the dashboard and the
 * offices' sync links speak HTTP, and every request checks its token's row. For each path
 * that ends a session - logout, a user deactivated or given a new password by an admin, an
 * office's ingest token rotated or revoked, expiry - the very next request with the old
 * token is refused (401), and the sessions the action does not concern go on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { api, createTestDatabase, OfficeStream, silentLogger, type TestDatabase } from '../hq/helpers';

const TTL_HOURS = 12;
let testDb: TestDatabase;
let hq: HqServer;
let dataDir: string;
let now = new Date('2026-11-02T15:30:00Z');
let admin: string;

beforeAll(async () => {
  testDb = await createTestDatabase('hq_sessions');
  dataDir = mkdtempSync(join(tmpdir(), 'hq-sessions-'));
  hq = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: testDb.url,
    demo: true,
    clock: { now: () => now },
    logger: await silentLogger(),
    tokenTtlHours: TTL_HOURS,
    loginRateLimitPerMinute: 1000,
  });
  admin = await signIn('admin', password('admin'));
});

afterAll(async () => {
  await hq?.stop();
  await testDb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function password(username: string): string {
  return hq.credentials!.users.find((u) => u.username === username)!.password;
}

async function signIn(username: string, pass: string): Promise<string> {
  const r = await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username, password: pass } });
  assert.equal(r.status, 200, `login ${username}: ${r.text}`);
  return r.body.token;
}

const me = async (token: string) => (await api(hq.url, 'GET', '/api/v1/auth/me', { token })).status;
const asAdmin = (method: string, path: string, body?: unknown) => api(hq.url, method, `/api/v1${path}`, { token: admin, body });

async function newManager(username: string): Promise<{ id: string; pass: string }> {
  const pass = `${username}-passphrase`;
  const r = await asAdmin('POST', '/hq/users', { username, password: pass, role: 'manager', company: 'EPM' });
  assert.equal(r.status, 201, r.text);
  return { id: r.body.id, pass };
}

async function newOffice(code: string): Promise<string> {
  const r = await asAdmin('POST', '/hq/offices', { code, name: `Oficina ${code}`, company: 'EPM' });
  assert.equal(r.status, 201, r.text);
  return r.body.token;
}

/** An office's empty batch (its heartbeat): the status says whether its link is still on. */
const heartbeat = async (code: string, token: string) =>
  (await api(hq.url, 'POST', '/api/v1/hq/ingest', { token, body: new OfficeStream(code, now).batch([]) })).status;

test('logout ends that token only', async () => {
  const token = await signIn('gerente.epm', password('gerente.epm'));
  const otherTab = await signIn('gerente.epm', password('gerente.epm'));
  assert.equal((await api(hq.url, 'POST', '/api/v1/auth/logout', { token })).status, 204);
  assert.equal(await me(token), 401);
  assert.equal(await me(otherTab), 200);
});

test('deactivating a user ends their sessions; reactivating does not bring old tokens back', async () => {
  const { id, pass } = await newManager('gerente.sesion');
  const token = await signIn('gerente.sesion', pass);
  const bystander = await signIn('gerente.epm', password('gerente.epm'));
  const r = await asAdmin('PATCH', `/hq/users/${id}`, { active: false });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.active, false);
  assert.equal(await me(token), 401);
  assert.equal((await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'gerente.sesion', password: pass } })).status, 401);
  assert.equal(await me(bystander), 200);
  assert.equal((await asAdmin('PATCH', `/hq/users/${id}`, { active: true })).status, 200);
  assert.equal(await me(token), 401, 'the token revoked at deactivation stays revoked');
  assert.equal(await me(await signIn('gerente.sesion', pass)), 200);
});

test('a password reset ends the user\'s sessions; the new password signs in', async () => {
  const { id, pass } = await newManager('gerente.clave');
  const token = await signIn('gerente.clave', pass);
  const fresh = 'otra-frase-de-paso-larga';
  assert.equal((await asAdmin('PATCH', `/hq/users/${id}`, { password: fresh })).status, 200);
  assert.equal(await me(token), 401);
  assert.equal((await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'gerente.clave', password: pass } })).status, 401);
  assert.equal(await me(await signIn('gerente.clave', fresh)), 200);
});

test('an admin cannot deactivate themselves, and bad edits change nothing', async () => {
  const self = (await api(hq.url, 'GET', '/api/v1/auth/me', { token: admin })).body.principalId as string;
  const r = await asAdmin('PATCH', `/hq/users/${self}`, { active: false });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'conflict');
  assert.equal((await asAdmin('PATCH', `/hq/users/${self}`, { password: 'short' })).status, 400);
  assert.equal((await asAdmin('PATCH', '/hq/users/no-such-user', { active: false })).status, 404);
  assert.equal(await me(admin), 200);
  const manager = await signIn('gerente.epm', password('gerente.epm'));
  assert.equal((await api(hq.url, 'PATCH', `/api/v1/hq/users/${self}`, { token: manager, body: { active: false } })).status, 403);
});

test("rotating an office's ingest token ends its link at once; the new token ingests", async () => {
  const old = await newOffice('SES-ROT');
  const neighbour = await newOffice('SES-NEI');
  assert.equal(await heartbeat('SES-ROT', old), 200);
  const r = await asAdmin('POST', '/hq/offices/SES-ROT/token');
  assert.equal(r.status, 201, r.text);
  assert.equal(await heartbeat('SES-ROT', old), 401);
  assert.equal(await heartbeat('SES-ROT', r.body.token), 200);
  assert.equal(await heartbeat('SES-NEI', neighbour), 200, "another office's link goes on");
});

test("revoking an office's ingest tokens ends its link", async () => {
  const token = await newOffice('SES-REV');
  assert.equal(await heartbeat('SES-REV', token), 200);
  assert.equal((await asAdmin('DELETE', '/hq/offices/SES-REV/token')).status, 204);
  assert.equal(await heartbeat('SES-REV', token), 401);
});

test('a user token ends when it expires by head office\'s clock', async () => {
  const token = await signIn('gerente.epm', password('gerente.epm'));
  now = new Date(now.getTime() + TTL_HOURS * 3_600_000 - 60_000);
  assert.equal(await me(token), 200, 'a minute before expiry');
  now = new Date(now.getTime() + 60_000);
  assert.equal(await me(token), 401, 'at expiry');
});
