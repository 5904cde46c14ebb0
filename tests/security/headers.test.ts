/**
 * Headers and what stays private (issue 11, item 8): a Content-Security-Policy that runs
 * no inline script, no framing, no MIME sniffing on every answer; /metrics only to this
 * machine or with METRICS_TOKEN (a request forwarded by a local proxy is not "this
 * machine"); source maps only in demos and development. On the office and head office.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { createOfficeServer, type OfficeServer } from '../../server/src/office/app';
import { loadConfig } from '../../server/src/platform/config';
import { createLogger } from '../../server/src/platform/logger';
import { WEB_ROOT } from '../../server/src/platform/web';
import { createTestDatabase, type TestDatabase } from '../hq/helpers';
import { startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
let demo: InProcessOffice;
let production: InProcessOffice;
let real: { url: string; server: OfficeServer; dataDir: string };

beforeAll(async () => {
  assert.ok(existsSync(join(WEB_ROOT, 'desk', 'main.js.map')), 'run `npm run build` first: the web apps and their maps');
  demo = await startInProcessOffice();
  production = await startInProcessOffice({ env: { NODE_ENV: 'production', METRICS_TOKEN } });
  const dataDir = tempDataDir();
  const config = loadConfig({
    HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent',
    DEMO: 'false', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'a long passphrase here',
  });
  const server = await createOfficeServer({ config, logger: createLogger('silent') });
  const { port } = await server.start();
  real = { url: `http://127.0.0.1:${port}`, server, dataDir };
});
afterAll(async () => {
  await demo?.stop();
  await production?.stop();
  await real?.server.stop();
  if (real) rmSync(real.dataDir, { recursive: true, force: true });
});

function assertSecurityHeaders(headers: Headers, what: string): void {
  const csp = headers.get('content-security-policy') ?? '';
  assert.match(csp, /(^|; )default-src 'self'(;|$)/, `${what}: CSP default-src`);
  assert.match(csp, /(^|; )script-src 'self'(;|$)/, `${what}: CSP runs only the server's own script files`);
  assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/, `${what}: CSP forbids framing`);
  assert.match(csp, /(^|; )object-src 'none'(;|$)/, `${what}: no plugins`);
  assert.equal(headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.equal(headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(headers.get('strict-transport-security'), null, `${what}: no HSTS over plain HTTP`);
}

describe('security headers', () => {
  test('every kind of office answer carries them: pages, scripts, API, errors, docs', async () => {
    for (const path of ['/', '/desk/', '/dispenser/', '/display/', '/desk/main.js', '/api/v1/health', '/api/v1/nope', '/api/docs', '/nope']) {
      const r = await fetch(demo.url + path);
      await r.arrayBuffer();
      assertSecurityHeaders(r.headers, `office ${path} (${r.status})`);
    }
  });

  test('the built web apps hold no inline script or inline event handler the policy would block', () => {
    const pages = readdirSync(WEB_ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    assert.ok(pages.length >= 6, `built pages: ${pages.join(', ')}`);
    for (const page of pages) {
      const html = readFileSync(join(WEB_ROOT, page), 'utf8');
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        assert.match(m[1], /\bsrc=/, `${page}: inline <script>`);
        assert.equal(m[2].trim(), '', `${page}: a <script src> with a body`);
      }
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${page}: inline event handler`);
    }
  });

  test('the API docs page loads its start-up from a script file', async () => {
    const html = await (await fetch(`${demo.url}/api/docs`)).text();
    assert.doesNotMatch(html, /<script>[^<]/, 'inline script');
    const start = await fetch(`${demo.url}/api/docs/start.js`);
    assert.equal(start.status, 200);
    assert.match(await start.text(), /SwaggerUIBundle/);
  });
});

describe('source maps', () => {
  test('served by a demo office (development)', async () => {
    const r = await fetch(`${demo.url}/desk/main.js.map`);
    assert.equal(r.status, 200);
    assert.match(await r.text(), /"sources"/);
  });

  test('not served with NODE_ENV=production nor with DEMO=false', async () => {
    for (const [what, url] of [['NODE_ENV=production', production.url], ['DEMO=false', real.url]]) {
      for (const path of ['/desk/main.js.map', '/dispenser/main.js.map', '/display/main.js.map', '/api/docs/assets/swagger-ui-bundle.js.map']) {
        const r = await fetch(url + path);
        assert.equal(r.status, 404, `${what}: ${path}`);
        assert.doesNotMatch(await r.text(), /"sources"/);
      }
      const js = await fetch(`${url}/desk/main.js`);
      assert.equal(js.status, 200, `${what}: the app itself is still served`);
      await js.arrayBuffer();
    }
  });
});

describe('/metrics', () => {
  test('without METRICS_TOKEN: served to a direct loopback client only, never to a forwarded request', async () => {
    const direct = await fetch(`${demo.url}/metrics`);
    assert.equal(direct.status, 200);
    assert.match(await direct.text(), /^# HELP /m);
    // What a TLS proxy on this machine sends for a client elsewhere.
    for (const headers of [{ 'x-forwarded-for': '203.0.113.7' }, { forwarded: 'for=203.0.113.7' }] as Record<string, string>[]) {
      const r = await fetch(`${demo.url}/metrics`, { headers });
      assert.equal(r.status, 403);
      const body = await r.json();
      assert.equal(body.error.code, 'forbidden');
    }
  });

  test('with METRICS_TOKEN: only with that bearer token, even from loopback', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789abcdef', `Basic ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`]) {
      const r = await fetch(`${production.url}/metrics`, { headers: authorization ? { authorization } : {} });
      assert.equal(r.status, 401, String(authorization));
      assert.equal((await r.json()).error.code, 'unauthenticated');
    }
    const ok = await fetch(`${production.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, 'x-forwarded-for': '203.0.113.7' } });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /turnero_http_request_duration_seconds/);
  });
});

describe('head office', () => {
  let db: TestDatabase;
  let hq: HqServer;
  const dataDir = tempDataDir('turnero-hq-headers-');
  beforeAll(async () => {
    db = await createTestDatabase('hq_headers');
    hq = await createHqServer({
      port: 0, host: '127.0.0.1', dataDir, databaseUrl: db.url, demo: false,
      admin: { username: 'admin', password: 'a long passphrase here' },
      logger: createLogger('silent'),
      web: { METRICS_TOKEN },
    });
  });
  afterAll(async () => {
    await hq?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('same headers, no source maps outside demo, metrics behind the token', async () => {
    for (const path of ['/hq/', '/hq/main.js', '/api/v1/health', '/api/docs', '/nope']) {
      const r = await fetch(hq.url + path);
      await r.arrayBuffer();
      assertSecurityHeaders(r.headers, `head office ${path} (${r.status})`);
    }
    assert.equal((await fetch(`${hq.url}/hq/main.js.map`)).status, 404);
    assert.equal((await fetch(`${hq.url}/metrics`)).status, 401);
    const ok = await fetch(`${hq.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /turnero_hq_/);
  });
});
