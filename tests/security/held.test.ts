/**
 * The checks that held in issue 11's review keep holding, against a real office (SQLite
 * file, in this process) and a real head office (PostgreSQL), with the built web apps in
 * Debian's Chromium:
 * - XSS: a service, counter, office and user name and the ticker set to an HTML payload are
 *   shown as text on the kiosk, the live ticket page, the wall display, the desk, the board,
 *   admin and the head-office dashboard: no dialog, no injected element;
 * - SQL injection: quotes and statements in every text field round-trip unchanged and every
 *   table is still there; in query strings they select nothing they should not;
 * - body and header limits: a 2 MB JSON body is 413, a 32 KB header is 431;
 * - path traversal on the static file routes: every spelling of `..` is 404, never the file;
 * - ingest: an office token sending another office's events is 403 and stores nothing; the
 *   same batch sent twice counts once.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { REPO_ROOT } from '../../server/src/platform/repo-root';
import { WEB_ROOT } from '../../server/src/platform/web';
import { createTestDatabase, OfficeStream, silentLogger, type TestDatabase } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { launchChromium } from '../support/browser';
import { login, request } from '../support/http';
import { startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

const XSS = '<img src=x onerror=alert(1)>';
const SQL = `Robert'); DROP TABLE "Ticket"; --`;

let office: InProcessOffice;
let hq: HqServer;
let testDb: TestDatabase;
const hqDataDir = tempDataDir('turnero-held-hq-');
let browser: Browser;
let admin: string;
let supervisor: string;
let hqAdmin: string;
let ticketId: string;

const user = (name: string) => office.creds.users.find((u) => u.username === name)!;
const api = (method: string, path: string, token: string, body?: unknown) => request(office.url, method, `/api/v1${path}`, { token, body });
const hqApi = (method: string, path: string, token: string | undefined, body?: unknown) => request(hq.url, method, `/api/v1${path}`, { token, body });

beforeAll(async () => {
  assert.ok(existsSync(join(WEB_ROOT, 'desk', 'index.html')) && existsSync(join(WEB_ROOT, 'hq', 'index.html')), 'run `npm run build` first');
  office = await startInProcessOffice({ env: { OFFICE_NAME: `Oficina ${XSS}` } });
  admin = await login(office.url, 'admin', user('admin').password);
  supervisor = await login(office.url, 'supervisor', user('supervisor').password);
  testDb = await createTestDatabase('hq_held');
  hq = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: hqDataDir,
    databaseUrl: testDb.url,
    demo: true,
    logger: await silentLogger(),
    loginRateLimitPerMinute: 1000,
  });
  const hqUser = hq.credentials!.users.find((u) => u.role === 'admin')!;
  hqAdmin = expectStatus(await hqApi('POST', '/auth/login', undefined, { username: hqUser.username, password: hqUser.password }), 200).body.token;
});

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  await hq?.stop();
  await testDb?.drop();
  rmSync(hqDataDir, { recursive: true, force: true });
});

// ---------- XSS ----------

/** Every text of the page, open shadow roots and form values included. */
function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (texts.nextNode()) parts.push(texts.currentNode.textContent ?? '');
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(el.value);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return parts.join('\n');
  });
}

/** Elements the payload would have made, in the page or any open shadow root. */
function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('img, [onerror]')) {
        if (el.getAttribute('src') === 'x' || el.hasAttribute('onerror')) found.push(el.outerHTML);
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return found;
  });
}

/**
 * Opens a screen, runs its way to where the payload shows, and checks it shows as text
 * (so the check cannot pass on a screen that shows nothing) and nothing was injected.
 */
async function assertShownAsText(name: string, url: string, reach: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-CO', timezoneId: 'America/Bogota' });
  const dialogs: string[] = [];
  context.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await reach(page);
    const deadline = Date.now() + 20_000;
    while (!(await deepText(page)).includes(XSS)) {
      if (Date.now() > deadline) assert.fail(`${name}: the payload is not shown as text; the page reads:\n${(await deepText(page)).slice(0, 1500)}`);
      await page.waitForTimeout(200);
    }
    // Give an injected element's error handler the time to fire.
    await page.waitForTimeout(300);
    assert.deepEqual(await injectedElements(page), [], `${name}: an element was injected`);
    assert.deepEqual(dialogs, [], `${name}: a dialog opened`);
  } finally {
    await context.close();
  }
}

async function signInUi(page: Page, username: string): Promise<void> {
  await page.fill('#username', username);
  await page.fill('#password', user(username).password);
  await page.click('turnero-staff-login button[type=submit]');
}

describe('XSS: an HTML payload in every name and the ticker is shown as text on every screen', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    const services = expectStatus(await api('GET', '/services', supervisor), 200).body as { id: string; prefix: string }[];
    const serviceA = services.find((s) => s.prefix === 'A')!;
    expectStatus(await api('PATCH', `/admin/services/${serviceA.id}`, admin, { nameEs: `Pagos ${XSS}`, nameEn: `Payments ${XSS}` }), 200, 'service');
    const counter2 = user('asesor2').counterId!;
    expectStatus(await api('PATCH', `/admin/counters/${counter2}`, admin, { name: `Módulo ${XSS}` }), 200, 'counter');
    const agent2 = await login(office.url, 'asesor2', user('asesor2').password);
    const agentId = (expectStatus(await api('GET', '/me', agent2), 200).body as { principalId: string }).principalId;
    expectStatus(await api('PATCH', `/admin/users/${agentId}`, admin, { displayName: `Asesora ${XSS}` }), 200, 'user');
    expectStatus(await api('PATCH', '/office', supervisor, { ticker: `Aviso ${XSS}` }), 200, 'ticker');
    // A ticket of that service called at that counter: the display shows both.
    for (let i = 0; i < 2; i++) ticketId = expectStatus(await api('POST', '/tickets', supervisor, { serviceId: serviceA.id, print: false }), 201).body.id;
    expectStatus(await api('POST', `/counters/${counter2}/sign-in`, agent2), 200, 'sign-in');
    expectStatus(await api('PUT', `/counters/${counter2}/services`, supervisor, { services: [{ serviceId: serviceA.id, weight: 1 }] }), 200);
    expectStatus(await api('POST', `/counters/${counter2}/call-next`, agent2), 200, 'call');
  });

  test('kiosk', async () => {
    await assertShownAsText('kiosk', `${office.url}/dispenser/index.html#token=${office.creds.kioskToken}`, async (page) => {
      await page.locator('[data-testid=start]').waitFor();
      await page.waitForTimeout(450); // the kiosk ignores taps right after a screen change
      await page.locator('[data-testid=start]').click();
      await page.locator('button.tile').first().waitFor();
    });
  });

  test('live ticket page', async () => {
    await assertShownAsText('ticket page', `${office.url}/dispenser/ticket.html?id=${ticketId}`);
  });

  test('wall display', async () => {
    await assertShownAsText('display', `${office.url}/display/index.html#token=${office.creds.displayToken}`);
  });

  test('agent desk', async () => {
    await assertShownAsText('desk', `${office.url}/desk/index.html`, (page) => signInUi(page, 'asesor1'));
  });

  test('supervisor board', async () => {
    await assertShownAsText('board', `${office.url}/desk/board.html`, (page) => signInUi(page, 'supervisor'));
  });

  test('admin', async () => {
    await assertShownAsText('admin', `${office.url}/desk/admin.html`, (page) => signInUi(page, 'admin'));
  });

  test('head-office dashboard', async () => {
    const code = 'XSS-1';
    const token = expectStatus(await hqApi('POST', '/hq/offices', hqAdmin, { code, name: `Sede ${XSS}`, company: 'EPM', region: `Región ${XSS}` }), 201).body.token;
    const s = new OfficeStream(code, new Date(Date.now() - 3_600_000));
    s.ticket('x1', 'issued');
    s.advance(60).ticket('x1', 'called');
    expectStatus(await hqApi('POST', '/hq/ingest', token, s.batch(s.events, new Date())), 200, 'ingest');
    const hqUser = hq.credentials!.users.find((u) => u.role === 'admin')!;
    await assertShownAsText('hq dashboard', `${hq.url}/hq/`, async (page) => {
      await page.getByLabel('Usuario').fill(hqUser.username);
      await page.getByLabel('Contraseña').fill(hqUser.password);
      await page.getByRole('button', { name: 'Ingresar' }).click();
    });
  });
});

// ---------- SQL injection ----------

describe('SQL injection: quotes and statements in text are data', () => {
  test('office: every admin text field and the ticker round-trip unchanged; every table is still there', async () => {
    const service = expectStatus(await api('POST', '/admin/services', admin, { nameEs: SQL, nameEn: `${SQL} en`, prefix: 'SQ', icon: `x' OR '1'='1` }), 201).body;
    const counter = expectStatus(await api('POST', '/admin/counters', admin, { name: `M' OR 1=1 --` }), 201).body;
    const person = expectStatus(
      await api('POST', '/admin/users', admin, { username: 'sql.user', displayName: SQL, role: 'agent', password: 'una-clave-bastante-larga' }),
      201,
    ).body;
    const device = expectStatus(await api('POST', '/admin/devices', admin, { kind: 'display', name: `P"; DELETE FROM "Device"; --` }), 201).body.device;
    expectStatus(await api('PATCH', '/office', supervisor, { ticker: `'; UPDATE "Office" SET name='x'; --` }), 200);

    const services = expectStatus(await api('GET', '/admin/services', admin), 200).body as { id: string; nameEs: string; nameEn: string; icon: string }[];
    assert.deepEqual(
      services.filter((s) => s.id === service.id).map(({ nameEs, nameEn, icon }) => ({ nameEs, nameEn, icon })),
      [{ nameEs: SQL, nameEn: `${SQL} en`, icon: `x' OR '1'='1` }],
    );
    const counters = expectStatus(await api('GET', '/admin/counters', admin), 200).body as { id: string; name: string }[];
    assert.equal(counters.find((c) => c.id === counter.id)?.name, `M' OR 1=1 --`);
    const users = expectStatus(await api('GET', '/admin/users', admin), 200).body as { id: string; displayName: string }[];
    assert.equal(users.find((u) => u.id === person.id)?.displayName, SQL);
    const devices = expectStatus(await api('GET', '/admin/devices', admin), 200).body as { id: string; name: string }[];
    assert.equal(devices.find((d) => d.id === device.id)?.name, `P"; DELETE FROM "Device"; --`);
    const queue = expectStatus(await api('GET', '/queue', supervisor), 200).body;
    assert.equal(queue.office.ticker, `'; UPDATE "Office" SET name='x'; --`);
    assert.equal(queue.office.name, `Oficina ${XSS}`, 'the office name is untouched');
    // Ids in paths: an injection is an unknown id, not a match of everything.
    for (const id of [`' OR '1'='1`, `1; DROP TABLE "Ticket"`]) {
      assert.equal((await api('GET', `/tickets/${encodeURIComponent(id)}`, supervisor)).status, 404, id);
      assert.equal((await request(office.url, 'GET', `/api/v1/public/tickets/${encodeURIComponent(id)}`)).status, 404, id);
    }
    // Every table still works: a ticket of the new service is issued and read back.
    const issued = expectStatus(await api('POST', '/tickets', supervisor, { serviceId: service.id, print: false }), 201).body;
    assert.equal(expectStatus(await api('GET', `/tickets/${issued.id}`, supervisor), 200).body.code, issued.code);
  });

  test('head office: office names, companies and regions round-trip; filters with quotes select only their match', async () => {
    const company = `EPM' OR '1'='1`;
    const token = expectStatus(await hqApi('POST', '/hq/offices', hqAdmin, { code: 'SQL-1', name: SQL, company, region: `R'); DROP TABLE hq_event; --` }), 201)
      .body.token;
    const s = new OfficeStream('SQL-1', new Date(Date.now() - 7_200_000));
    s.ticket('q1', 'issued', { service: 'A' });
    const batch = s.batch(s.events, new Date());
    (batch.events[0].fact as { serviceName: string }).serviceName = SQL;
    expectStatus(await hqApi('POST', '/hq/ingest', token, batch), 200, 'ingest');
    const offices = expectStatus(await hqApi('GET', '/hq/offices', hqAdmin), 200).body.offices as { code: string; name: string; company: string; region: string }[];
    const stored = offices.find((o) => o.code === 'SQL-1');
    assert.deepEqual({ name: stored?.name, company: stored?.company, region: stored?.region }, { name: SQL, company, region: `R'); DROP TABLE hq_event; --` });
    const day = new Date(Date.now() - 7_200_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const rows = expectStatus(await hqApi('GET', `/hq/offices/compare?from=${from}&to=${to}&company=${encodeURIComponent(company)}`, hqAdmin), 200).body.rows as {
      officeCode: string;
      issued: number;
    }[];
    assert.deepEqual(rows.map((r) => [r.officeCode, r.issued]), [['SQL-1', 1]], `only the office of that company (day ${day})`);
    const none = expectStatus(await hqApi('GET', `/hq/offices/compare?from=${from}&to=${to}&company=${encodeURIComponent(`x' OR '1'='1`)}`, hqAdmin), 200);
    assert.deepEqual(none.body.rows, []);
    const breakdown = expectStatus(await hqApi('GET', `/hq/offices/SQL-1/breakdown?from=${from}&to=${to}&by=service`, hqAdmin), 200).body;
    assert.ok(JSON.stringify(breakdown).includes(JSON.stringify(SQL).slice(1, -1)), `the service name round-trips: ${JSON.stringify(breakdown).slice(0, 300)}`);
    const wrong = await hqApi('POST', '/auth/login', undefined, { username: `admin' --`, password: `' OR '1'='1` });
    assert.equal(wrong.status, 401);
  });
});

// ---------- body and header limits ----------

/** A request whose answer status is read even when the server closes the connection right after. */
function rawRequest(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + path, { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('body and header limits', () => {
  const twoMegabytes = JSON.stringify({ serviceId: 'x', pad: 'x'.repeat(2 * 1024 * 1024) });

  test('a 2 MB JSON body is 413 payload_too_large, on the office and at head office', async () => {
    const atOffice = await request(office.url, 'POST', '/api/v1/tickets', { token: office.creds.kioskToken, rawBody: twoMegabytes });
    assert.equal(atOffice.status, 413);
    assert.equal(atOffice.body.error.code, 'payload_too_large');
    const atLogin = await request(office.url, 'POST', '/api/v1/auth/login', { rawBody: twoMegabytes });
    assert.equal(atLogin.status, 413);
    const atHq = await request(hq.url, 'POST', '/api/v1/hq/offices', { token: hqAdmin, rawBody: twoMegabytes });
    assert.equal(atHq.status, 413);
    assert.equal(atHq.body.error.code, 'payload_too_large');
  });

  test("a stranger's body is never read: without a valid token a malformed or 2 MB body is 401, on every route of both servers", async () => {
    for (const [url, path] of [
      [office.url, '/api/v1/tickets'],
      [office.url, '/api/v1/admin/services'],
      [hq.url, '/api/v1/hq/offices'],
      [hq.url, '/api/v1/hq/ingest'],
    ] as const) {
      for (const rawBody of ['{not json', twoMegabytes]) {
        const r = await request(url, 'POST', path, { token: 'not-a-token', rawBody });
        assert.equal(r.status, 401, `${path} read the body of a request without a valid token`);
        assert.equal(r.body.error.code, 'unauthenticated');
      }
    }
  });

  test('a NUL byte in a path id or a query value is 400, never a database error', async () => {
    for (const [url, path, token] of [
      [hq.url, '/api/v1/hq/offices/compare?company=a%00b', hqAdmin],
      [hq.url, '/api/v1/hq/offices/RF%00X/config', hqAdmin],
      [office.url, '/api/v1/tickets/a%00b', supervisor],
    ] as const) {
      const r = await request(url, 'GET', path, { token });
      assert.equal(r.status, 400, `${path}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'bad_request');
    }
  });

  test('a 32 KB header is 431, on the office and at head office; both answer the next request', async () => {
    for (const url of [office.url, hq.url]) {
      const r = await rawRequest(url, '/api/v1/health', { 'x-padding': 'x'.repeat(32 * 1024) });
      assert.equal(r.status, 431, url);
      assert.equal((await request(url, 'GET', '/api/v1/health')).status, 200);
    }
  });
});

// ---------- path traversal ----------

describe('path traversal on the static file routes', () => {
  const TRAVERSALS = [
    '..%2f..%2fpackage.json',
    '..%2F..%2F..%2Fpackage.json',
    '%2e%2e/%2e%2e/package.json',
    '%2e%2e%2f%2e%2e%2fpackage.json',
    '..%5c..%5cpackage.json',
    '%252e%252e%252f%252e%252e%252fpackage.json',
    '....//....//package.json',
    '../../package.json',
    '..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
    '..%00/..%00/package.json',
    '.%2e/.%2e/package.json',
  ];
  const packageJson = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');

  test('every spelling of .. under /desk/, /dispenser/, /display/ and /hq/ is 404 (400 with a NUL byte), never the file', async () => {
    const answers: string[] = [];
    for (const [url, apps] of [
      [office.url, ['desk', 'dispenser', 'display']],
      [hq.url, ['hq']],
    ] as const) {
      for (const app of apps) {
        for (const traversal of TRAVERSALS) {
          // node:http sends the path as written: no client-side folding of `..`.
          const r = await rawRequest(url, `/${app}/${traversal}`);
          assert.ok(!r.body.includes('"workspaces"') && !r.body.includes(packageJson.slice(0, 40)) && !r.body.includes('root:x:0:0'), `/${app}/${traversal} served a file`);
          answers.push(`${r.status} /${app}/${traversal}`);
        }
      }
    }
    // A NUL byte is refused before any route (400); every other spelling is a plain 404.
    const unexpected = answers.filter((a) => !(a.startsWith('404 ') || (a.startsWith('400 ') && a.includes('%00'))));
    assert.deepEqual(unexpected, [], 'every traversal is a plain 404');
    // The same routes do serve their own files (the check above is not of a dead route).
    assert.equal((await rawRequest(office.url, '/desk/index.html')).status, 200);
    assert.equal((await rawRequest(hq.url, '/hq/index.html')).status, 200);
  });
});

// ---------- ingest ----------

describe('head-office ingest', () => {
  test("an office token posting another office's events is 403 and stores nothing; a replayed batch counts once", async () => {
    const tokenA = expectStatus(await hqApi('POST', '/hq/offices', hqAdmin, { code: 'ING-A', name: 'A', company: 'EPM' }), 201).body.token;
    const tokenB = expectStatus(await hqApi('POST', '/hq/offices', hqAdmin, { code: 'ING-B', name: 'B', company: 'EPM' }), 201).body.token;
    const s = new OfficeStream('ING-B', new Date(Date.now() - 3_600_000));
    s.ticket('r1', 'issued');
    s.advance(60).ticket('r1', 'called');
    s.ticket('r1', 'started');
    s.advance(120).ticket('r1', 'finished');
    const batch = s.batch(s.events, new Date());

    const forged = await hqApi('POST', '/hq/ingest', tokenA, batch);
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error.code, 'forbidden');
    const stateOfB = async () =>
      (expectStatus(await hqApi('GET', '/hq/offices', hqAdmin), 200).body.offices as { code: string; ackedSeq?: number; lastSeq?: number }[]).find(
        (o) => o.code === 'ING-B',
      );
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const issuedAtB = async () =>
      (expectStatus(await hqApi('GET', `/hq/offices/compare?from=${from}&to=${to}`, hqAdmin), 200).body.rows as { officeCode: string; issued: number }[]).find(
        (r) => r.officeCode === 'ING-B',
      )?.issued ?? 0;
    const beforeAny = JSON.stringify(await stateOfB());
    assert.equal(await issuedAtB(), 0, 'the forged batch stored nothing');

    const first = expectStatus(await hqApi('POST', '/hq/ingest', tokenB, batch), 200).body;
    assert.deepEqual([first.ackedSeq, first.applied, first.duplicates], [4, 4, 0]);
    const replay = expectStatus(await hqApi('POST', '/hq/ingest', tokenB, batch), 200).body;
    assert.equal(replay.applied, 0);
    assert.equal(replay.duplicates, 4);
    assert.equal(await issuedAtB(), 1, 'one ticket issued, however often its batch came');
    assert.notEqual(JSON.stringify(await stateOfB()), beforeAny, 'the honest batch was recorded');
  });
});
