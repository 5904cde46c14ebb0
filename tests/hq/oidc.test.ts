/**
 * Single sign-on at head office against a real OpenID Connect provider (oidc-provider on
 * a free port) and a real head office on a test PostgreSQL: the sign-in is followed over
 * HTTP like a browser (cookie jar, the provider's login and consent forms), and the token
 * it ends with works on protected routes like a password login's. Refusals change nothing.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHqServer, type HqServer } from '../../server/src/hq/index';
import { oidcSettings } from '../../server/src/platform/oidc/settings';
import { FakeClock } from '../support/office';
import { CookieJar, signInThroughProvider, startIdentityProvider, type TestIdentityProvider } from '../support/oidc-provider';
import { api, createTestDatabase, freePort, silentLogger, type TestDatabase } from './helpers';

const ADMIN_PASSWORD = 'una-clave-de-prueba-larga';
let testDb: TestDatabase;
let idp: TestIdentityProvider;
let hq: HqServer;
let adminToken: string;
const dirs: string[] = [];

function settingsFor(issuer: string, port: number) {
  return oidcSettings(
    { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'turnero-test', OIDC_CLIENT_SECRET: 'a-test-client-secret-of-enough-length', OIDC_USERNAME_CLAIM: 'preferred_username' },
    `http://127.0.0.1:${port}`,
  );
}

/** Head office's clock: real time, moved on by the tests that need a sign-in to grow old. */
const clock = new FakeClock(new Date());

async function startHq(port: number, issuer: string): Promise<HqServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hq-oidc-'));
  dirs.push(dataDir);
  return createHqServer({
    port,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: testDb.url,
    demo: false,
    logger: await silentLogger(),
    clock,
    admin: { username: 'admin', password: ADMIN_PASSWORD },
    staticDir: dataDir,
    oidc: settingsFor(issuer, port),
  });
}

const tokenCount = async () => Number((await hq.db.sql.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM hq_token'))[0].n);

beforeAll(async () => {
  testDb = await createTestDatabase('hq_oidc');
  const port = await freePort();
  idp = await startIdentityProvider({
    redirectUris: [`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`],
    people: [
      { login: 'ana', preferredUsername: 'ana.admin' },
      { login: 'luis', preferredUsername: 'luis.gerente' },
      { login: 'extrana', preferredUsername: 'nadie.aqui' },
    ],
  });
  hq = await startHq(port, idp.issuer);
  adminToken = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
  for (const u of [
    { username: 'ana.admin', password: 'otra-clave-larga-de-ana', role: 'admin' },
    { username: 'luis.gerente', password: 'otra-clave-larga-de-luis', role: 'manager', company: 'EPM' },
  ]) {
    assert.equal((await api(hq.url, 'POST', '/api/v1/hq/users', { token: adminToken, body: u })).status, 201);
  }
});

afterAll(async () => {
  await hq?.stop();
  await idp?.stop();
  await testDb?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const start = () => `${hq.url}/api/v1/auth/oidc/start`;

describe('single sign-on at head office', () => {
  test('the sign-in page is told single sign-on is there and its provider answers', async () => {
    const r = await api(hq.url, 'GET', '/api/v1/auth/oidc');
    assert.deepEqual(r.body, { enabled: true, available: true });
  });

  test('a person the provider names is signed in as their head-office user, with the token in the fragment only', async () => {
    const out = await signInThroughProvider(start(), 'ana');
    assert.equal(out.status, 303);
    assert.equal(out.location?.pathname, '/hq/');
    assert.equal(out.location?.search, '', 'nothing in the query string');
    const token = out.fragment.get('sso_token');
    assert.ok(token, `no token in ${out.location?.hash}`);
    const me = await api(hq.url, 'GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'ana.admin');
    assert.equal(me.body.role, 'admin');
    // A protected, admin-only route, and the same revocation as a password session.
    assert.equal((await api(hq.url, 'GET', '/api/v1/hq/users', { token })).status, 200);
    assert.equal((await api(hq.url, 'POST', '/api/v1/auth/logout', { token })).status, 204);
    assert.equal((await api(hq.url, 'GET', '/api/v1/auth/me', { token })).status, 401);
  });

  test('a manager signed in this way sees only what a manager may', async () => {
    const out = await signInThroughProvider(start(), 'luis');
    const token = out.fragment.get('sso_token')!;
    assert.equal((await api(hq.url, 'GET', '/api/v1/auth/me', { token })).body.company, 'EPM');
    assert.equal((await api(hq.url, 'GET', '/api/v1/hq/users', { token })).status, 403);
  });

  test('a callback opened twice, or by another browser, signs nobody in', async () => {
    const jar = new CookieJar();
    const first = await signInThroughProvider(start(), 'ana', { jar, stopAtCallback: true });
    const callback = first.callback!;
    // Another browser (no sign-on cookie) brings the right state: refused, and the state is spent.
    const stranger = await api(hq.url, 'GET', callback.pathname + callback.search);
    assert.equal(stranger.status, 400);
    assert.equal(stranger.body.error.details.reason, 'state_invalid');
    const before = await tokenCount();
    const again = await fetch(callback, { headers: { cookie: jar.header(callback), accept: 'application/json' }, redirect: 'manual' });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { error: { details: { reason: string } } }).error.details.reason, 'state_invalid');
    assert.equal(await tokenCount(), before, 'no session was opened');
  });

  test('a replayed callback is refused after a successful sign-in, and a browser is sent back to the app with the reason', async () => {
    const jar = new CookieJar();
    const ok = await signInThroughProvider(start(), 'ana', { jar });
    assert.ok(ok.fragment.get('sso_token'));
    const replay = await fetch(ok.callback!, { headers: { cookie: jar.header(ok.callback!), accept: 'text/html' }, redirect: 'manual' });
    assert.equal(replay.status, 400);
    const page = await replay.text();
    assert.match(page, /url=\/hq\/#sso_error=state_invalid/);
    assert.match(page, /lang="es"/);
  });

  test('a sign-in left at the provider for ten minutes is refused when it comes back', async () => {
    const jar = new CookieJar();
    const late = await signInThroughProvider(start(), 'ana', { jar, stopAtCallback: true });
    clock.advance(10 * 60_000);
    const r = await fetch(late.callback!, { headers: { cookie: jar.header(late.callback!), accept: 'application/json' }, redirect: 'manual' });
    assert.equal(r.status, 400);
    assert.equal(((await r.json()) as { error: { details: { reason: string } } }).error.details.reason, 'state_invalid');
  });

  test('a person the provider knows but head office does not is refused, and no session is opened', async () => {
    const before = await tokenCount();
    const out = await signInThroughProvider(start(), 'extrana');
    assert.equal(out.status, 403);
    assert.deepEqual((out.body as { error: { code: string; details: unknown } }).error.details, { reason: 'unknown_user' });
    assert.equal(await tokenCount(), before);
  });

  test('a deactivated user is refused even though the provider vouches for them', async () => {
    const users = (await api(hq.url, 'GET', '/api/v1/hq/users', { token: adminToken })).body.users as { id: string; username: string }[];
    const luis = users.find((u) => u.username === 'luis.gerente')!;
    assert.equal((await api(hq.url, 'PATCH', `/api/v1/hq/users/${luis.id}`, { token: adminToken, body: { active: false } })).status, 200);
    const out = await signInThroughProvider(start(), 'luis');
    assert.equal(out.status, 403);
    assert.equal((out.body as { error: { details: { reason: string } } }).error.details.reason, 'inactive_user');
    await api(hq.url, 'PATCH', `/api/v1/hq/users/${luis.id}`, { token: adminToken, body: { active: true } });
  });

  test('the person cancelling at the provider ends in a refusal, not a session', async () => {
    const out = await signInThroughProvider(start(), 'ana', { abortAtProvider: true });
    assert.equal(out.status, 401);
    assert.equal((out.body as { error: { details: { reason: string } } }).error.details.reason, 'provider_error');
  });

  test('only the dashboard is a place to return to', async () => {
    const r = await api(hq.url, 'GET', `/api/v1/auth/oidc/start?return=${encodeURIComponent('https://evil.example/')}`);
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('location'), null);
  });
});

describe('head office with its identity provider down', () => {
  test('starts, says single sign-on is unavailable, password sign-in still works, and the provider is found when it is back', async () => {
    const down = await startIdentityProvider({ redirectUris: ['http://127.0.0.1:1/cb'], people: [] });
    await down.stop();
    const second = await startHq(0, down.issuer);
    try {
      assert.deepEqual((await api(second.url, 'GET', '/api/v1/auth/oidc')).body, { enabled: true, available: false });
      const started = await api(second.url, 'GET', '/api/v1/auth/oidc/start');
      assert.equal(started.status, 503);
      assert.equal(started.body.error.details.reason, 'unavailable');
      const login = await api(second.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
      assert.equal(login.status, 200);
      assert.equal((await api(second.url, 'GET', '/api/v1/hq/users', { token: login.body.token })).status, 200);
      // The provider comes back: asked again once the retry pause has passed, no restart needed.
      await down.start();
      assert.equal((await api(second.url, 'GET', '/api/v1/auth/oidc')).body.available, false, 'not asked again at once');
      clock.advance(15_000);
      assert.deepEqual((await api(second.url, 'GET', '/api/v1/auth/oidc')).body, { enabled: true, available: true });
      assert.equal((await api(second.url, 'GET', '/api/v1/auth/oidc/start')).status, 302);
    } finally {
      await second.stop();
      await down.stop();
    }
  });

  test('without single sign-on configured the button stays hidden and its routes are 404', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hq-oidc-'));
    dirs.push(dataDir);
    const plain = await createHqServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: testDb.url, demo: false, logger: await silentLogger(), staticDir: dataDir });
    try {
      assert.deepEqual((await api(plain.url, 'GET', '/api/v1/auth/oidc')).body, { enabled: false, available: false });
      assert.equal((await api(plain.url, 'GET', '/api/v1/auth/oidc/start')).status, 404);
      assert.equal((await api(plain.url, 'GET', '/api/v1/auth/oidc/callback?state=x&code=y')).status, 404);
    } finally {
      await plain.stop();
    }
  });
});
