/**
 * Input that other people's screens, printers and figures take in (issue 11, item 8):
 * control and bidi characters are refused in every name and in the ticker (400, nothing
 * stored), and stripped again on the way to paper; head office takes a batch from an
 * office whose clock jumped (an event in 1970, the next in 2100) instead of failing it
 * for ever; passwords are at least 12 characters, and a user can change their own (the
 * other sessions end); dead login tokens and old idempotency keys are deleted.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { samplePrintJob } from '@turnero/contract/print-job-fixture';
import { ticketPrintData } from '@turnero/contract/print-data';
import { renderTicket } from '@turnero/hardware';
import { openHqDatabase, type HqDatabase } from '../../server/src/hq/db';
import { ingestBatch } from '../../server/src/hq/ingest/ingest';
import { MAX_SPAN_SECONDS } from '../../server/src/hq/ingest/reducer';
import { createTestDatabase, OfficeStream, type TestDatabase } from '../hq/helpers';
import { runEndOfDay } from '../../server/src/office/commands/expiry';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

/** ESC p 0 25 250: open the cash drawer; GS V 0: cut the paper. */
const DRAWER_KICK = '\x1bp\x00\x19\xfa';
const CUT = '\x1dV\x00';
const BIDI_OVERRIDE = '\u202e';

let office: InProcessOffice;
let admin: string;

beforeAll(async () => {
  office = await startInProcessOffice();
  const a = office.creds.users.find((u) => u.role === 'admin')!;
  admin = await login(office.url, a.username, a.password);
});
afterAll(async () => {
  await office?.stop();
});

const api = (method: string, path: string, body?: unknown) => request(office.url, method, `/api/v1${path}`, { token: admin, body });

describe('control and bidi characters', () => {
  test('refused in service, counter, user and device names and in the ticker: 400, nothing stored', async () => {
    const before = JSON.stringify((await api('GET', '/admin/services')).body);
    const attempts: [string, string, unknown][] = [
      ['POST', '/admin/services', { nameEs: `Caja${DRAWER_KICK}${CUT}`, nameEn: 'Cash', prefix: 'K' }],
      ['POST', '/admin/services', { nameEs: 'Caja', nameEn: `Cash${BIDI_OVERRIDE}`, prefix: 'K' }],
      ['POST', '/admin/counters', { name: `Módulo\t9` }],
      ['POST', '/admin/users', { username: 'intruso', displayName: `Ana\u2066 Admin`, role: 'agent', password: 'a long passphrase 1' }],
      ['POST', '/admin/devices', { kind: 'display', name: `Pantalla\x07` }],
      ['PATCH', '/office', { ticker: `Bienvenidos${DRAWER_KICK}` }],
    ];
    for (const [method, path, body] of attempts) {
      const r = await api(method, path, body);
      assert.equal(r.status, 400, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'validation_failed', path);
    }
    assert.equal(JSON.stringify((await api('GET', '/admin/services')).body), before, 'services changed');
    const users = (await api('GET', '/admin/users')).body as { username: string }[];
    assert.equal(users.some((u) => u.username === 'intruso'), false);
    const queue = (await api('GET', '/queue')).body as { office: { ticker: string }; counters: { name: string }[] };
    assert.doesNotMatch(queue.office.ticker, /Bienvenidos\x1b/);
    assert.equal(queue.counters.some((c) => c.name.startsWith('Módulo\t')), false);
  });

  test('ordinary Spanish text is still taken', async () => {
    const r = await api('POST', '/admin/services', { nameEs: 'Atención al ciudadano ¿Señor? ¡Sí!', nameEn: 'Citizens', prefix: 'Q' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const t = await api('PATCH', '/office', { ticker: 'Horario: 8:00–17:00 · Pague en línea' });
    assert.equal(t.status, 200, JSON.stringify(t.body));
  });

  test('stripped on the way to paper: a name stored before the rule opens no drawer and cuts nothing', () => {
    const job = samplePrintJob();
    job.serviceName = `Facturación${DRAWER_KICK}${CUT}`;
    job.office.name = `Oficina${CUT}Centro`;
    job.footer = `Gracias${DRAWER_KICK}`;
    const data = ticketPrintData(job);
    // Two lines: the print data mapping strips them, and the layout prints only code page 858 text.
    assert.deepEqual([data.serviceName, data.officeName, data.footer], ['FacturaciónpúV', 'OficinaVCentro', 'Graciaspú']);
    const bytes = renderTicket(data, { dialect: 'epson', paperWidthMm: 80 });
    assert.equal(renderTicket({ ...data, serviceName: job.serviceName }, { dialect: 'epson', paperWidthMm: 80 }).indexOf(Buffer.from('\x1bp', 'latin1')), -1);
    assert.equal(bytes.indexOf(Buffer.from('\x1bp', 'latin1')), -1, 'a drawer kick reached the printer');
    const cuts = bytes.toString('latin1').split('\x1dV').length - 1;
    assert.equal(cuts, 1, 'the layout cuts once, at its end');
  });
});

describe('passwords', () => {
  test('fewer than 12 characters are refused when an admin sets one; 12 are taken', async () => {
    const short = await api('POST', '/admin/users', { username: 'corto', displayName: 'Corto', role: 'agent', password: 'elevenchars' });
    assert.equal(short.status, 400, JSON.stringify(short.body));
    const ok = await api('POST', '/admin/users', { username: 'largo', displayName: 'Largo', role: 'agent', password: 'twelve chars' });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });
});

describe('changing one\'s own password', () => {
  test('the current password is asked, the new one has 12 characters, and every other session ends', async () => {
    const agent = office.creds.users.find((u) => u.role === 'agent')!;
    const here = await login(office.url, agent.username, agent.password);
    const elsewhere = await login(office.url, agent.username, agent.password);
    const change = (token: string, body: unknown) => request(office.url, 'PUT', '/api/v1/me/password', { token, body });
    const next = 'una frase de paso nueva';

    const wrong = await change(here, { currentPassword: 'not my password', newPassword: next });
    assert.equal(wrong.status, 403, JSON.stringify(wrong.body));
    const short = await change(here, { currentPassword: agent.password, newPassword: 'elevenchars' });
    assert.equal(short.status, 400, JSON.stringify(short.body));
    assert.equal((await request(office.url, 'GET', '/api/v1/me', { token: elsewhere })).status, 200, 'a refused change ended a session');
    const kiosk = await change(office.creds.kioskToken, { currentPassword: 'x', newPassword: next });
    assert.equal(kiosk.status, 403);

    const ok = await change(here, { currentPassword: agent.password, newPassword: next });
    assert.equal(ok.status, 204, JSON.stringify(ok.body));
    assert.equal((await request(office.url, 'GET', '/api/v1/me', { token: elsewhere })).status, 401, 'the other session still works');
    assert.equal((await request(office.url, 'GET', '/api/v1/me', { token: here })).status, 200, 'the session that changed it ended');
    const old = await request(office.url, 'POST', '/api/v1/auth/login', { body: { username: agent.username, password: agent.password } });
    assert.equal(old.status, 401);
    await login(office.url, agent.username, next);
  });
});

describe('rows that only grow', () => {
  test('the end-of-day job deletes login tokens a day after they died and idempotency keys after two days', async () => {
    const clock = new FakeClock(new Date('2026-03-02T14:00:00Z'));
    const dataDir = tempDataDir();
    // A file printer: the on-demand virtual printer would outlive stop() in this process.
    const o = await startInProcessOffice({ clock, dataDir, env: { DEMO_PRINTER_URI: `file:${join(dataDir, 'printer.out')}` } });
    try {
      const agent = o.creds.users.find((u) => u.role === 'agent')!;
      const loggedOut = await login(o.url, agent.username, agent.password);
      await request(o.url, 'POST', '/api/v1/auth/logout', { token: loggedOut });
      await login(o.url, agent.username, agent.password); // expires after TOKEN_TTL_HOURS (12)
      const services = (await request<{ id: string }[]>(o.url, 'GET', '/api/v1/services', { token: o.creds.kioskToken })).body;
      const issued = await request(o.url, 'POST', '/api/v1/tickets', {
        token: o.creds.kioskToken, body: { serviceId: services[0].id }, headers: { 'idempotency-key': 'purge-me' },
      });
      assert.equal(issued.status, 201);
      const rows = () => {
        const db = new Database(join(dataDir, 'office.db'), { readonly: true });
        try {
          const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
          return {
            deadTokens: count('SELECT COUNT(*) AS n FROM AuthToken WHERE revokedAt IS NOT NULL OR expiresAt IS NOT NULL'),
            deviceTokens: count('SELECT COUNT(*) AS n FROM AuthToken WHERE expiresAt IS NULL AND revokedAt IS NULL'),
            keys: count('SELECT COUNT(*) AS n FROM IdempotencyKey'),
          };
        } finally {
          db.close();
        }
      };
      const before = rows();
      assert.ok(before.deadTokens >= 2 && before.keys === 1, JSON.stringify(before));

      clock.advance(20 * 3_600_000); // the logout is 20 h old, the other login expired 8 h ago
      await runEndOfDay(o.server.deps);
      assert.equal(rows().deadTokens, before.deadTokens, 'a token dead for less than a day was deleted');
      clock.advance(24 * 3_600_000);
      await runEndOfDay(o.server.deps);
      const after = rows();
      assert.equal(after.deadTokens, 0, 'dead login tokens are kept');
      assert.equal(after.keys, 1, 'a key younger than two days was deleted');
      assert.equal(after.deviceTokens, before.deviceTokens, 'live device tokens were deleted');
      clock.advance(5 * 3_600_000);
      await runEndOfDay(o.server.deps);
      assert.equal(rows().keys, 0, 'old idempotency keys are kept');
    } finally {
      await o.stop();
    }
  });
});

describe('head office and an office whose clock jumped', () => {
  let testDb: TestDatabase;
  let db: HqDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('hq_input');
    db = await openHqDatabase({ databaseUrl: testDb.url, dataDir: '/tmp' });
    await db.prisma.hqOffice.create({ data: { code: 'OF-CLK', name: 'Oficina reloj', company: 'EPM', timeZone: 'America/Bogota' } });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  test('an event in 1970 called in 2100 is taken (spans capped at a week), so the office does not resend it for ever', async () => {
    const s = new OfficeStream('OF-CLK', new Date('1970-01-01T15:00:00Z'));
    s.agent('u1', 'signed_in');
    s.ticket('t1', 'issued');
    s.at('2100-01-01T15:00:00Z').ticket('t1', 'called');
    s.advance(60).ticket('t1', 'started');
    s.advance(600).ticket('t1', 'finished');
    s.agent('u1', 'signed_out');
    const started = Date.now();
    const result = await ingestBatch(db, { role: 'office-sync', officeCode: 'OF-CLK' }, s.batch(s.events), new Date('2026-11-30T12:00:00Z'));
    assert.equal(result.ackedSeq, s.events.length);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    const [ticket] = await db.prisma.$queryRawUnsafe<{ wait_seconds: number }[]>(`SELECT wait_seconds FROM hq_ticket WHERE ticket_id = 't1'`);
    assert.equal(ticket.wait_seconds, MAX_SPAN_SECONDS);
  });
});
