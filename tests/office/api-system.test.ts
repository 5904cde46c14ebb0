/**
 * The office REST API against a real server process (port 0, temporary SQLite file):
 * system routes (health, OpenAPI, docs, metrics) and auth (login, tokens, logout, the
 * login rate limit). The other routes: api-issuing, api-lifecycle.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';
import { apiSession } from './api-helpers';
import { closeOffice, expectStatus, openOffice, type OfficeSession } from './helpers';

let s: OfficeSession;
let limited: TestOffice;
const { counterPath } = apiSession(() => s);

beforeAll(async () => {
  // The rate-limited office boots beside the main one (boot is the slow part).
  [s, limited] = await Promise.all([
    openOffice(),
    startTestOffice({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } }),
  ]);
});

afterAll(async () => {
  await closeOffice(s);
  if (limited) {
    await limited.stop();
    limited.cleanup();
  }
});

describe('system routes', () => {
  test('GET /health answers 200 {status: "ok"} without a token', async () => {
    const r = await request(s.url, 'GET', '/api/v1/health');
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'ok');
    assert.equal(r.body.role, 'office');
  });

  test('the OpenAPI document lists every route of the issue with its method', async () => {
    const r = expectStatus(await request(s.url, 'GET', '/api/v1/openapi.json'), 200);
    assert.match(r.body.openapi, /^3\./);
    const expected: [string, string][] = [
      ['get', '/api/v1/health'],
      ['post', '/api/v1/auth/login'],
      ['post', '/api/v1/auth/logout'],
      ['get', '/api/v1/services'],
      ['post', '/api/v1/tickets'],
      ['get', '/api/v1/tickets/{ticketId}'],
      ['post', '/api/v1/counters/{counterId}/sign-in'],
      ['post', '/api/v1/counters/{counterId}/sign-out'],
      ['post', '/api/v1/counters/{counterId}/call-next'],
      ...['recall', 'start', 'finish', 'no-show', 'transfer', 'cancel'].map(
        (x) => ['post', `/api/v1/tickets/{ticketId}/${x}`] as [string, string],
      ),
      ['get', '/api/v1/queue'],
      ['get', '/api/v1/stats/today'],
    ];
    for (const [method, path] of expected) {
      const op = r.body.paths[path]?.[method];
      assert.ok(op, `${method.toUpperCase()} ${path} missing from openapi.json`);
      assert.ok(Object.keys(op.responses).length > 0, `${path} has no responses`);
    }
    // Request bodies are documented from the same zod schemas the server validates with.
    const issueBody = r.body.paths['/api/v1/tickets'].post.requestBody.content['application/json'].schema;
    assert.ok(JSON.stringify(issueBody).includes('serviceId'));
  });

  test('the API docs page and its assets load', async () => {
    const page = await fetch(`${s.url}/api/docs`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, /openapi\.json/);
    const scripts = [...html.matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1]);
    assert.ok(scripts.length > 0, 'docs page has no script');
    for (const src of scripts) {
      const asset = await fetch(new URL(src, `${s.url}/api/docs`));
      assert.equal(asset.status, 200, src);
      await asset.arrayBuffer();
    }
  });

  test('/metrics serves Prometheus text with HTTP request durations by route', async () => {
    await request(s.url, 'GET', '/api/v1/health');
    const r = await fetch(`${s.url}/metrics`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await r.text();
    assert.match(text, /^# HELP /m);
    assert.match(text, /^# TYPE turnero_http_request_duration_seconds histogram$/m);
    assert.match(text, /turnero_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/health"[^}]*\} [1-9]/);
    assert.match(text, /^turnero_process_resident_memory_bytes \d+/m);
  });
});

describe('auth', () => {
  test('login returns a bearer token that works; a wrong password is 401', async () => {
    const user = s.office.creds.users.find((u) => u.username === 'supervisor')!;
    const ok = expectStatus(
      await request(s.url, 'POST', '/api/v1/auth/login', { body: { username: user.username, password: user.password } }),
      200,
    );
    assert.equal(typeof ok.body.token, 'string');
    assert.ok(ok.body.token.length >= 20);
    const me = expectStatus(await request(s.url, 'GET', '/api/v1/me', { token: ok.body.token }), 200);
    assert.equal(me.body.role, 'supervisor');

    const bad = await request(s.url, 'POST', '/api/v1/auth/login', { body: { username: user.username, password: 'wrong-password' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'unauthenticated');
    const malformed = await request(s.url, 'POST', '/api/v1/auth/login', { body: { username: 7 } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'validation_failed');
  });

  test('missing, wrong or malformed credentials are 401 with an error body', async () => {
    const variants: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }, { authorization: 'Basic YWRtaW46YWRtaW4=' }, { authorization: 'Bearer' }];
    for (const headers of variants) {
      for (const [method, path] of [['GET', '/api/v1/queue'], ['POST', '/api/v1/tickets'], ['POST', counterPath(1, 'call-next')]]) {
        const r = await request(s.url, method, path, { headers, body: method === 'GET' ? undefined : {} });
        assert.equal(r.status, 401, `${method} ${path} with ${JSON.stringify(headers)}`);
        assert.equal(r.body.error.code, 'unauthenticated');
      }
    }
  });

  test('a revoked token (logout) stops working, others keep working', async () => {
    const user = s.office.creds.users.find((u) => u.username === 'asesor6')!;
    const token = await login(s.url, user.username, user.password);
    const other = await login(s.url, user.username, user.password);
    expectStatus(await request(s.url, 'GET', '/api/v1/me', { token }), 200);
    expectStatus(await request(s.url, 'POST', '/api/v1/auth/logout', { token }), 204);
    const after = await request(s.url, 'GET', '/api/v1/me', { token });
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'unauthenticated');
    expectStatus(await request(s.url, 'GET', '/api/v1/me', { token: other }), 200);
  });

  test('login is rate-limited per address and username (429)', async () => {
    const user = limited.creds.users.find((u) => u.username === 'asesor1')!;
    for (let i = 0; i < 3; i++) {
      const r = await request(limited.url, 'POST', '/api/v1/auth/login', { body: { username: user.username, password: 'guess-' + i } });
      assert.equal(r.status, 401, `attempt ${i + 1}`);
    }
    const blocked = await request(limited.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: user.password },
    });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error.code, 'rate_limited');
    // Another account from the same address is not locked out.
    const other = limited.creds.users.find((u) => u.username === 'asesor2')!;
    expectStatus(
      await request(limited.url, 'POST', '/api/v1/auth/login', { body: { username: other.username, password: other.password } }),
      200,
    );
  });
});

test('no request above made the server log an error', () => {
  assert.deepEqual(s.serverErrors, []);
});
