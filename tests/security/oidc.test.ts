/**
 * Single sign-on at an office against a real OpenID Connect provider (oidc-provider on a
 * free port) and a real office server process: the sign-in is followed over HTTP like a
 * browser, its token is an ordinary staff session (protected routes, sockets, revocation
 * when an admin deactivates the user), refusals open no session, and an office whose
 * provider is down starts and signs people in with passwords.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeOffice, openOffice, type OfficeSession } from '../office/helpers';
import { connect, nextEvent } from '../office/sockets';
import { freePort } from '../hq/helpers';
import { request } from '../support/http';
import { CookieJar, signInThroughProvider, startIdentityProvider, type TestIdentityProvider } from '../support/oidc-provider';

let idp: TestIdentityProvider;
let office: OfficeSession;
const secretDir = mkdtempSync(join(tmpdir(), 'oidc-secret-'));

function oidcEnv(issuer: string, port: number): Record<string, string> {
  const secretFile = join(secretDir, `secret-${port}`);
  writeFileSync(secretFile, 'a-test-client-secret-of-enough-length\n', { mode: 0o600 });
  return {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'turnero-test',
    OIDC_CLIENT_SECRET_FILE: secretFile,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
}

beforeAll(async () => {
  const port = await freePort();
  idp = await startIdentityProvider({
    redirectUris: [`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`],
    people: [
      { login: 'maria', preferredUsername: 'asesor1' },
      { login: 'sofia', preferredUsername: 'asesor2' },
      { login: 'jefa', preferredUsername: 'admin' },
      { login: 'forastero', preferredUsername: 'desconocido' },
    ],
  });
  office = await openOffice({ port, env: oidcEnv(idp.issuer, port) });
});

afterAll(async () => {
  await closeOffice(office);
  await idp?.stop();
  rmSync(secretDir, { recursive: true, force: true });
});

const start = (query = '') => `${office.url}/api/v1/auth/oidc/start${query}`;
const reasonOf = (body: unknown) => (body as { error: { details: { reason: string } } }).error.details.reason;

describe('single sign-on at an office', () => {
  test('the desk is told single sign-on is there and its provider answers', async () => {
    assert.deepEqual((await request(office.url, 'GET', '/api/v1/auth/oidc')).body, { enabled: true, available: true });
  });

  test('an agent the provider names signs in as their office user; the token works on protected routes and sockets', async () => {
    const out = await signInThroughProvider(start(), 'maria');
    assert.equal(out.status, 303);
    assert.equal(out.location?.pathname, '/desk/');
    assert.equal(out.location?.search, '');
    const token = out.fragment.get('sso_token')!;
    assert.ok(token);
    const me = await request(office.url, 'GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.role, 'agent');
    assert.equal((await request(office.url, 'GET', '/api/v1/services', { token })).status, 200);
    const socket = await connect(office.url, { token });
    try {
      const ended = nextEvent(socket, 'session:ended');
      assert.equal((await request(office.url, 'POST', '/api/v1/auth/logout', { token })).status, 204);
      assert.ok(await ended, 'the socket heard its session end');
    } finally {
      socket.close();
    }
    assert.equal((await request(office.url, 'GET', '/api/v1/me', { token })).status, 401);
  });

  test('the browser returns to the staff page it started from, and only to a staff page', async () => {
    const out = await signInThroughProvider(start('?return=/desk/admin.html'), 'jefa');
    assert.equal(out.location?.pathname, '/desk/admin.html');
    const me = await request(office.url, 'GET', '/api/v1/me', { token: out.fragment.get('sso_token')! });
    assert.equal(me.body.role, 'admin');
    const evil = await request(office.url, 'GET', `/api/v1/auth/oidc/start?return=${encodeURIComponent('//evil.example/')}`);
    assert.equal(evil.status, 400);
    assert.equal(evil.headers.get('location'), null);
  });

  test('a replayed callback is refused', async () => {
    const jar = new CookieJar();
    const ok = await signInThroughProvider(start(), 'maria', { jar });
    assert.ok(ok.fragment.get('sso_token'));
    const replay = await fetch(ok.callback!, { headers: { cookie: jar.header(ok.callback!), accept: 'application/json' }, redirect: 'manual' });
    assert.equal(replay.status, 400);
    assert.equal(reasonOf(await replay.json()), 'state_invalid');
    assert.equal(replay.headers.get('location'), null);
  });

  test('a browser refused is sent back to the desk with the reason in the fragment', async () => {
    const out = await signInThroughProvider(start(), 'forastero', { accept: 'text/html' });
    assert.equal(out.status, 403);
    assert.match(String(out.body), /url=\/desk\/#sso_error=unknown_user/);
  });

  test('someone the office does not know is refused', async () => {
    const out = await signInThroughProvider(start(), 'forastero');
    assert.equal(out.status, 403);
    assert.equal(reasonOf(out.body), 'unknown_user');
  });

  test('deactivating a user ends their single sign-on session, and the provider cannot sign them in again', async () => {
    const first = await signInThroughProvider(start(), 'sofia');
    const token = first.fragment.get('sso_token')!;
    assert.equal((await request(office.url, 'GET', '/api/v1/me', { token })).status, 200);
    const users = (await request(office.url, 'GET', '/api/v1/admin/users', { token: office.admin })).body as { id: string; username: string }[];
    const sofia = users.find((u) => u.username === 'asesor2')!;
    const off = await request(office.url, 'PATCH', `/api/v1/admin/users/${sofia.id}`, { token: office.admin, body: { active: false } });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal((await request(office.url, 'GET', '/api/v1/me', { token })).status, 401);
    const again = await signInThroughProvider(start(), 'sofia');
    assert.equal(again.status, 403);
    assert.equal(reasonOf(again.body), 'inactive_user');
  });
});

describe('an office whose identity provider is down', () => {
  test('starts, says single sign-on is unavailable, and signs staff in with passwords', async () => {
    const port = await freePort();
    const down = await startIdentityProvider({ redirectUris: [`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`], people: [] });
    await down.stop();
    // openOffice signs every demo user in with their password: that it returns is the proof.
    const offline = await openOffice({ port, env: oidcEnv(down.issuer, port) });
    try {
      assert.ok(offline.admin && offline.agents.length > 0);
      assert.equal((await request(offline.url, 'GET', '/api/v1/me', { token: offline.admin })).status, 200);
      assert.deepEqual((await request(offline.url, 'GET', '/api/v1/auth/oidc')).body, { enabled: true, available: false });
      const started = await request(offline.url, 'GET', '/api/v1/auth/oidc/start');
      assert.equal(started.status, 503);
      assert.equal(reasonOf(started.body), 'unavailable');
    } finally {
      await closeOffice(offline);
    }
  });
});
