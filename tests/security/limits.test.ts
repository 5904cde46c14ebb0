/**
 * Bounded work per client (issue 11, item 2), against real servers: socket commands per
 * socket and per token, tickets per kiosk, login attempts per account and per address (the
 * peer's address: X-Forwarded-For is not believed), password hashing that leaves libuv's
 * threads free, head office's ingest token checked before its body is read, and a command
 * queue where a flood of snapshot reads does not hold a kiosk's ticket. Each limit refuses
 * past its budget with `rate_limited` and changes nothing; honest clients get through.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { createOfficeServer, type OfficeServer } from '../../server/src/office/app';
import type { DemoCredentials } from '../../server/src/office/seed/seed';
import { loadConfig } from '../../server/src/platform/config';
import { hashPassword, verifyPassword } from '../../server/src/platform/secrets';
import { api, createTestDatabase, OfficeStream, silentLogger, type TestDatabase } from '../hq/helpers';
import { command, connect, type OfficeSocket } from '../office/sockets';
import { withDeadline } from '../support/deadline';
import { login, request } from '../support/http';
import { startTestOffice, tempDataDir, type TestOffice } from '../support/office';

// ---------- a strict office in this process, its log lines kept ----------

const logs: { msg: string; key?: string; limit?: string }[] = [];
let office: OfficeServer;
let url: string;
let dataDir: string;
let creds: DemoCredentials;
/** Logged in once: the login limiter allows this office two attempts per account a minute. */
let supervisorToken: string;
const sockets: OfficeSocket[] = [];

beforeAll(async () => {
  dataDir = tempDataDir('turnero-limits-');
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DEMO: 'true',
    SOCKET_COMMAND_BURST: '5',
    SOCKET_COMMANDS_PER_SECOND: '1',
    KIOSK_TICKET_BURST: '3',
    KIOSK_TICKET_SECONDS: '1',
    LOGIN_RATE_LIMIT_PER_MINUTE: '2',
  });
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  office = await createOfficeServer({ config, logger });
  const { port } = await office.start();
  url = `http://127.0.0.1:${port}`;
  creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
  supervisorToken = await login(url, 'supervisor', user('supervisor').password);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await office?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(token: string): Promise<OfficeSocket> {
  const s = await connect(url, { token });
  sockets.push(s);
  return s;
}

const user = (username: string) => creds.users.find((u) => u.username === username)!;
const waitingCount = async (token: string) =>
  (await request<{ waiting: unknown[] }>(url, 'GET', '/api/v1/queue', { token })).body.waiting.length;

/** A login POST sent from a given loopback address (127.0.0.x), with extra headers. */
function loginFrom(localAddress: string, body: object, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = httpRequest(
      `${url}/api/v1/auth/login`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers }, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('socket commands per socket and per token', () => {
  test('one socket past its burst gets rate_limited acks, logged once; another client still gets its snapshot', async () => {
    const display = await open(creds.displayToken);
    const acks = await Promise.all(Array.from({ length: 15 }, () => command(display, 'snapshot:get')));
    const served = acks.filter((a) => 'data' in a).length;
    const refused = acks.filter((a) => a.error?.code === 'rate_limited');
    // A snapshot costs five small commands: the burst of 5 buys one, then one per 5 s.
    assert.ok(served >= 1 && served <= 2, `served ${served} of 15 (burst 5, 1 per second, 5 a snapshot)`);
    assert.equal(refused.length, 15 - served, 'every other ack is rate_limited');
    assert.match((refused[0] as { error: { message: string } }).error.message, /Too many requests; wait \d+ s/);

    const supervisor = await open(supervisorToken);
    const honest = await command(supervisor, 'snapshot:get');
    assert.ok('data' in honest, `the supervisor's snapshot was refused: ${JSON.stringify(honest)}`);
    const logged = logs.filter((l) => l.limit === 'socket' && l.key === display.id);
    assert.equal(logged.length, 1, `refusals of one burst logged ${logged.length} times`);
  });

  test('many sockets on one token share its budget (four sockets worth)', async () => {
    const kiosks = await Promise.all(Array.from({ length: 6 }, () => open(creds.kioskToken)));
    const started = performance.now();
    const acks = (await Promise.all(kiosks.map((s) => Promise.all(Array.from({ length: 5 }, () => command(s, 'snapshot:get')))))).flat();
    const seconds = (performance.now() - started) / 1000;
    const served = acks.filter((a) => 'data' in a).length;
    // Each socket stays within its own burst (5: one snapshot of 5); the token's is 20 (four
    // snapshots), refilled 4 per second: six sockets get no more than four at once.
    assert.ok(served <= 4 + Math.ceil((4 * seconds) / 5) + 1, `served ${served} of 30 in ${seconds.toFixed(1)} s`);
    assert.ok(acks.some((a) => a.error?.code === 'rate_limited'), 'no command was refused');
  });
});

describe('tickets per kiosk', () => {
  test('a kiosk past its burst is refused and nothing is issued; staff still issue; the kiosk goes on at a human pace', async () => {
    const supervisor = supervisorToken;
    const services = (await request<{ id: string }[]>(url, 'GET', '/api/v1/services', { token: creds.kioskToken })).body;
    const issue = (token: string) => request(url, 'POST', '/api/v1/tickets', { token, body: { serviceId: services[0].id, print: false } });
    const before = await waitingCount(supervisor);

    const statuses: number[] = [];
    let refusal: { error: { code: string; message: string } } | null = null;
    for (let i = 0; i < 6; i++) {
      const r = await issue(creds.kioskToken);
      statuses.push(r.status);
      if (r.status === 429) refusal = r.body;
    }
    assert.deepEqual(statuses, [201, 201, 201, 429, 429, 429]);
    assert.equal(refusal!.error.code, 'rate_limited');
    assert.match(refusal!.error.message, /Too many tickets from this kiosk; wait \d+ s/);
    assert.equal(await waitingCount(supervisor), before + 3, 'a refused request issued a ticket');

    assert.equal((await issue(supervisor)).status, 201, 'staff issuing at a desk are not limited by the kiosk budget');
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await issue(creds.kioskToken)).status, 201, 'one ticket per second passes again');
    assert.equal(await waitingCount(supervisor), before + 5);
    assert.equal(logs.filter((l) => l.limit === 'kiosk').length, 1, 'one burst of refusals, one log line');
  });
});

describe('login attempts', () => {
  test('per account from any address: the third guess from a third address is refused; other accounts log in', async () => {
    const guesses = [];
    for (const from of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
      guesses.push(await loginFrom(from, { username: 'asesor1', password: 'wrong-guess-1' }));
    }
    assert.deepEqual(guesses, [401, 401, 429]);
    assert.equal(await loginFrom('127.0.0.2', { username: 'asesor2', password: user('asesor2').password }), 200);
  });

  test('per address for any account, and X-Forwarded-For does not buy a new address', async () => {
    for (const [from, spoof] of [['127.0.0.6', false], ['127.0.0.8', true]] as const) {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const headers: Record<string, string> = spoof ? { 'x-forwarded-for': `203.0.113.${i + 1}` } : {};
        statuses.push(await loginFrom(from, { username: `nobody-${from}-${i}`, password: 'spray-password' }, headers));
      }
      assert.deepEqual(statuses, [...Array(10).fill(401), 429], `from ${from}${spoof ? ' with X-Forwarded-For' : ''}`);
    }
    assert.equal(await loginFrom('127.0.0.7', { username: 'asesor3', password: user('asesor3').password }), 200);
  });

  test("changing one's own password is limited per session like a login: a stolen session cannot try current passwords at speed", async () => {
    const token = await login(url, 'asesor4', user('asesor4').password);
    const change = (currentPassword: string) =>
      request<{ error: { code: string } }>(url, 'PUT', '/api/v1/me/password', { token, body: { currentPassword, newPassword: 'a-new-password-2026' } });
    const guesses = [(await change('guess-1')).status, (await change('guess-2')).status];
    assert.deepEqual(guesses, [403, 403]);
    const third = await change(user('asesor4').password);
    assert.equal(third.status, 429, 'the right password after two guesses is still refused for this minute');
    assert.equal(third.body.error.code, 'rate_limited');
    // Nothing changed: the old password still signs in, and another session has its own budget.
    const other = await login(url, 'asesor4', user('asesor4').password);
    const fromOther = await request(url, 'PUT', '/api/v1/me/password', { token: other, body: { currentPassword: 'guess-3', newPassword: 'a-new-password-2026' } });
    assert.equal(fromOther.status, 403);
  });

  test('TRUST_PROXY decides whose X-Forwarded-For counts (default: nobody)', () => {
    const base = { DATA_DIR: dataDir };
    assert.equal(loadConfig(base).TRUST_PROXY, false);
    assert.deepEqual(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY, ['loopback', '10.0.0.0/8']);
    assert.equal(loadConfig({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY, 1);
  });

  test('password hashing leaves libuv threads free: a file read is not queued behind 24 bad passwords', async () => {
    const stored = await hashPassword('the right password');
    const started = performance.now();
    const all = Promise.all(Array.from({ length: 24 }, () => verifyPassword('a bad guess', stored)));
    await stat(dataDir);
    const fileMs = performance.now() - started;
    await all;
    const allMs = performance.now() - started;
    assert.ok(fileMs < allMs / 4, `the file read took ${fileMs.toFixed(0)} ms of the hashes' ${allMs.toFixed(0)} ms`);
  });
});

// ---------- head office: the ingest token before the body ----------

describe('head office ingest', () => {
  let testDb: TestDatabase;
  let hq: HqServer;
  let hqDir: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('hq_limits');
    hqDir = mkdtempSync(join(tmpdir(), 'hq-limits-'));
    hq = await createHqServer({ port: 0, host: '127.0.0.1', dataDir: hqDir, databaseUrl: testDb.url, demo: true, logger: await silentLogger() });
  });
  afterAll(async () => {
    await hq?.stop();
    await testDb?.drop();
    rmSync(hqDir, { recursive: true, force: true });
  });

  /** Starts a 7 MB ingest body, sends 64 KB of it and resolves with the status answered meanwhile. */
  function partialIngest(token: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${hq.url}/api/v1/hq/ingest`, {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(7_000_000) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      req.write('{"events":[' + ' '.repeat(64 * 1024));
    });
  }

  test('a bad or non-office token is refused before the body arrives; an office token gets its batch applied', async () => {
    const refusedUnknown = await withDeadline(partialIngest('not-a-token'), 5000, 'an answer before the 7 MB body is sent');
    assert.equal(refusedUnknown, 401);
    const admin = (hq.credentials!.users.find((u) => u.role === 'admin'))!;
    const adminToken = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } })).body.token;
    assert.equal(await withDeadline(partialIngest(adminToken), 5000, 'a 403 before the body is sent'), 403);

    const created = await api(hq.url, 'POST', '/api/v1/hq/offices', { token: adminToken, body: { code: 'LIM-1', name: 'Límites', company: 'EPM' } });
    const stream = new OfficeStream('LIM-1', new Date());
    const applied = await api(hq.url, 'POST', '/api/v1/hq/ingest', {
      token: created.body.token,
      body: stream.batch([stream.ticket('t1', 'issued')]),
    });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal(applied.body.applied, 1);
  });
});

// ---------- a fair command queue (the office as npm start runs it, limits off) ----------

describe('command queue fairness', () => {
  let flooded: TestOffice;
  beforeAll(async () => {
    flooded = await startTestOffice();
  });
  afterAll(async () => {
    await flooded?.stop();
    flooded?.cleanup();
  });

  test("a kiosk's ticket is issued while 3,000 snapshot reads from one display are still queued", async () => {
    const display = await connect(flooded.url, { token: flooded.creds.displayToken });
    try {
      const services = (await request<{ id: string }[]>(flooded.url, 'GET', '/api/v1/services', { token: flooded.creds.kioskToken })).body;
      const FLOOD = 3000;
      let acked = 0;
      let ackedWhenIssued = -1;
      // Acks and broadcasts leave the server on this socket in the order it sends them, so
      // the acks before 'ticket:issued' are the snapshots served before the ticket.
      display.on('ticket:issued', () => {
        if (ackedWhenIssued < 0) ackedWhenIssued = acked;
      });
      let firstAck: () => void = () => {};
      const started = new Promise<void>((r) => (firstAck = r));
      for (let i = 0; i < FLOOD; i++) {
        display.emit('snapshot:get', () => {
          acked += 1;
          firstAck();
        });
      }
      await withDeadline(started, 15_000, 'the first snapshot:get ack of the flood');
      const issued = await request(flooded.url, 'POST', '/api/v1/tickets', {
        token: flooded.creds.kioskToken,
        body: { serviceId: services[0].id, print: false },
      });
      assert.equal(issued.status, 201);
      await withDeadline(
        (async () => {
          while (acked < FLOOD) await new Promise((r) => setTimeout(r, 50));
        })(),
        60_000,
        'every snapshot to be answered after all',
      );
      assert.ok(ackedWhenIssued >= 0, 'the display never heard of the ticket');
      assert.ok(ackedWhenIssued < FLOOD / 2, `the ticket waited for ${ackedWhenIssued} of ${FLOOD} snapshots`);
    } finally {
      display.close();
    }
  });
});
