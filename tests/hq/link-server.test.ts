/**
 * Head office's end of the live link, with real socket.io clients standing in for offices:
 * a publish is announced, fetched in order and recorded as applied; what was published while
 * an office was away arrives in order on its return; refusals show; bad tokens never link;
 * a rotated token cuts the link.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkMessage, OfficeConfigResponse } from '@turnero/contract/hq-link';
import { OfficeListResponse } from '@turnero/contract/hq';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { api, createTestDatabase, silentLogger, type TestDatabase } from './helpers';
import { dialLink } from './link-stand-in';
import { withDeadline } from '../support/deadline';

let testDb: TestDatabase;
let hq: HqServer;
let dataDir: string;
let admin: string;
const ADMIN = { username: 'admin', password: 'link-test-admin-pw' };

interface Office {
  code: string;
  token: string;
}

const dial = (token: string, appliedSeq = 0, configVersion = 0) => dialLink(hq.url, token, appliedSeq, configVersion);

async function newOffice(code: string, company = 'EPM'): Promise<Office> {
  const r = await api(hq.url, 'POST', '/api/v1/hq/offices', { token: admin, body: { code, name: `Oficina ${code}`, company } });
  assert.equal(r.status, 201);
  return { code, token: r.body.token };
}

const putServices = (code: string, services: unknown[]) => api(hq.url, 'PUT', `/api/v1/hq/offices/${code}/services`, { token: admin, body: { services } });
const config = async (code: string) => OfficeConfigResponse.parse((await api(hq.url, 'GET', `/api/v1/hq/offices/${code}/config`, { token: admin })).body);

beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'hq-link-'));
  hq = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: testDb.url,
    demo: false,
    admin: ADMIN,
    logger: await silentLogger(),
    // Room for every test's requests on one socket, refilled too slowly to matter in a test run.
    linkRequestLimit: { burst: 12, perSecond: 0.001 },
  });
  admin = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: ADMIN })).body.token;
  for (const [code, prefix] of [['FACT', 'F'], ['RECL', 'R'], ['CONX', 'C']]) {
    const r = await api(hq.url, 'POST', '/api/v1/hq/catalog/services', {
      token: admin,
      body: { code, nameEs: `Servicio ${code}`, nameEn: `Service ${code}`, prefix, targetWaitMinutes: 15 },
    });
    assert.equal(r.status, 201);
  }
});
afterAll(async () => {
  await hq?.stop();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the link at head office', () => {
  test('publish -> link:pending -> fetch in order -> applied recorded -> config shows the applied version', async () => {
    const office = await newOffice('LNK-001');
    const link = dial(office.token);
    await link.connected();
    await link.heard(0);
    assert.deepEqual(link.pending, [0], 'a fresh office hears an empty log on connect');

    const put = await putServices(office.code, [{ code: 'FACT' }, { code: 'RECL', prefix: 'Q', targetWaitMinutes: 20 }]);
    assert.equal(put.status, 200);
    assert.equal(put.body.version, 1);
    await link.heard(1);

    const fetched = await link.request<{ messages: LinkMessage[]; headSeq: number }>('link:fetch', { afterSeq: 0 });
    assert.equal(fetched.headSeq, 1);
    const [m] = fetched.messages.map((x) => LinkMessage.parse(x));
    assert.equal(m.seq, 1);
    assert.equal(m.kind, 'config');
    assert.ok(m.kind === 'config');
    assert.deepEqual(
      m.payload.services.map((s) => [s.catalogCode, s.prefix, s.targetWaitMinutes, s.sortOrder]),
      [
        ['FACT', 'F', 15, 0],
        ['RECL', 'Q', 20, 1],
      ],
    );
    assert.equal((await config(office.code)).appliedVersion, 0, 'nothing applied before the report');
    // The publish's notice carried that very message (an office up to date needs no fetch);
    // the connect notice carried nothing.
    assert.deepEqual(link.carried, [[], [fetched.messages[0]]]);

    const ack = await link.request<{ ok?: true; error?: unknown }>('link:applied', { results: [{ seq: 1, status: 'applied', configVersion: 1 }] });
    assert.deepEqual(ack, { ok: true });
    const c = await config(office.code);
    assert.equal(c.version, 1);
    assert.equal(c.appliedVersion, 1);
    assert.equal(c.refused, null);

    const list = OfficeListResponse.parse((await api(hq.url, 'GET', '/api/v1/hq/offices', { token: admin })).body);
    const row = list.offices.find((o) => o.code === office.code)!;
    assert.equal(row.link.connected, true);
    assert.equal(row.link.appliedSeq, 1);
    assert.equal(row.link.currentVersion, 1);
    assert.ok(row.link.lastSeenAt);

    // A repeated or older report changes nothing.
    assert.deepEqual(await link.request('link:applied', { results: [{ seq: 1, status: 'refused', reason: 'late duplicate' }] }), { ok: true });
    assert.equal((await config(office.code)).refused, null);
    link.socket.disconnect();
  });

  test('three publishes while the office is away arrive in order, once, when it reconnects', async () => {
    const office = await newOffice('LNK-002');
    for (const services of [[{ code: 'FACT' }], [{ code: 'FACT' }, { code: 'RECL' }], [{ code: 'CONX' }]]) {
      assert.equal((await putServices(office.code, services)).status, 200);
    }
    const link = dial(office.token);
    await link.connected();
    await link.heard(3);
    const first = await link.request<{ messages: LinkMessage[]; headSeq: number }>('link:fetch', { afterSeq: 0, limit: 2 });
    const rest = await link.request<{ messages: LinkMessage[]; headSeq: number }>('link:fetch', { afterSeq: 2 });
    const all = [...first.messages, ...rest.messages].map((m) => LinkMessage.parse(m));
    assert.deepEqual(all.map((m) => m.seq), [1, 2, 3]);
    assert.deepEqual(all.map((m) => (m.kind === 'config' ? m.payload.version : 0)), [1, 2, 3]);
    assert.deepEqual(all.map((m) => (m.kind === 'config' ? m.payload.services.map((s) => s.catalogCode).join() : '')), ['FACT', 'FACT,RECL', 'CONX']);
    assert.deepEqual((await link.request<{ messages: unknown[] }>('link:fetch', { afterSeq: 3 })).messages, []);

    await link.request('link:applied', { results: [1, 2, 3].map((seq) => ({ seq, status: 'applied' })) });
    assert.equal((await config(office.code)).appliedVersion, 3);
    link.socket.disconnect();

    // Reconnecting with its stored seq: nothing new to fetch.
    const again = dial(office.token, 3, 3);
    await again.connected();
    await again.heard(3);
    assert.deepEqual((await again.request<{ messages: unknown[] }>('link:fetch', { afterSeq: 3 })).messages, []);
    again.socket.disconnect();
  });

  test('a refused version shows with its reason until a newer one is applied', async () => {
    const office = await newOffice('LNK-003');
    await putServices(office.code, [{ code: 'FACT' }]);
    const link = dial(office.token);
    await link.connected();
    await link.request('link:applied', { results: [{ seq: 1, status: 'refused', reason: 'prefix F is a local service' }] });
    let c = await config(office.code);
    assert.deepEqual(c.refused, { version: 1, reason: 'prefix F is a local service' });
    assert.equal(c.appliedVersion, 0);

    await putServices(office.code, [{ code: 'FACT', prefix: 'G' }]);
    await link.heard(2);
    await link.request('link:applied', { results: [{ seq: 2, status: 'applied' }] });
    c = await config(office.code);
    assert.equal(c.appliedVersion, 2);
    assert.equal(c.refused, null);
    link.socket.disconnect();
  });

  test('bad payloads are answered with an error and change nothing; a seq never sent is refused', async () => {
    const office = await newOffice('LNK-004');
    const link = dial(office.token);
    await link.connected();
    const bad = await link.request<{ error: { code: string } }>('link:fetch', { afterSeq: -1 });
    assert.equal(bad.error.code, 'validation_failed');
    const never = await link.request<{ error: { code: string } }>('link:applied', { results: [{ seq: 9, status: 'applied' }] });
    assert.equal(never.error.code, 'validation_failed');
    assert.equal((await config(office.code)).appliedVersion, 0);
    link.socket.disconnect();
  });

  test('one socket past its request budget is refused with rate_limited, and the refusal changes nothing', async () => {
    const office = await newOffice('LNK-006');
    const link = dial(office.token);
    await link.connected();
    const answers = await Promise.all(Array.from({ length: 14 }, () => link.request<{ error?: { code: string } }>('link:fetch', { afterSeq: 0 })));
    assert.equal(answers.filter((a) => !a.error).length, 12);
    assert.deepEqual(new Set(answers.filter((a) => a.error).map((a) => a.error!.code)), new Set(['rate_limited']));
    link.socket.disconnect();
    // Another socket of the same office has its own budget.
    const fresh = dial(office.token);
    await fresh.connected();
    assert.ok(!(await fresh.request<{ error?: unknown }>('link:fetch', { afterSeq: 0 })).error);
    fresh.socket.disconnect();
  });

  test('a bad, foreign or malformed handshake is refused; rotating the token cuts the link', async () => {
    const office = await newOffice('LNK-005');
    for (const auth of [{ token: 'not-a-token', appliedSeq: 0, configVersion: 0 }, { token: admin, appliedSeq: 0, configVersion: 0 }]) {
      const l = dial(auth.token);
      await assert.rejects(l.connected(), /invalid|revoked/i);
      l.socket.close();
    }
    const malformed = dial(office.token, -5);
    await assert.rejects(malformed.connected(), /handshake/i);
    malformed.socket.close();

    const link = dial(office.token);
    await link.connected();
    const dropped = withDeadline(new Promise<string>((ok) => link.socket.once('disconnect', (reason) => ok(reason))), 5000, 'link to drop');
    assert.equal((await api(hq.url, 'POST', `/api/v1/hq/offices/${office.code}/token`, { token: admin })).status, 201);
    assert.equal(await dropped, 'io server disconnect');
    const stale = dial(office.token);
    await assert.rejects(stale.connected(), /revoked/i);
    stale.socket.close();
  });
});
