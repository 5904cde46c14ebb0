/**
 * The office's link client looks for messages on its own while connected, so a lost
 * `link:pending` (a Redis hiccup between head-office processes) never leaves an office
 * behind until its next reconnect. Head office runs in this process on a test PostgreSQL
 * with its notices dropped (its LinkNotifier's `pending` replaced, everything else real);
 * the office is a real office in this process whose link (link-wiring's startLink) looks
 * every 300 ms: a publish nobody is told about is still applied, once, on the open link.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { AuthService } from '../../server/src/office/auth/auth-service';
import { startLink, type LinkHandle } from '../../server/src/office/link/link-wiring';
import { api, createTestDatabase, silentLogger, type TestDatabase } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { login } from '../support/http';
import { startInProcessOffice, type InProcessOffice } from '../support/office';
import { waitUntil } from '../printing/support';
import { officeAudit } from './helpers';

const CODE = 'LNK-LOOK';
const ADMIN = { username: 'admin', password: 'link-client-admin-pw' };
const LOOK_EVERY_MS = 300;

let testDb: TestDatabase;
let hqDir: string;
let hq: HqServer;
let hqAdmin: string;
let office: InProcessOffice;
let officeAdmin: string;
let link: LinkHandle | undefined;
/** Offices whose `link:pending` head office dropped instead of sending. */
const dropped: string[] = [];
/** Head office's own notice, kept to send it again in the last test. */
let sendNotice: HqServer['link']['pending'];

const publish = async (targetWaitMinutes: number) =>
  expectStatus(
    await api(hq.url, 'PUT', `/api/v1/hq/offices/${CODE}/services`, { token: hqAdmin, body: { services: [{ code: 'FACT', targetWaitMinutes }] } }),
    200,
    'publish',
  ).body.version as number;

const runs = (version: number) =>
  waitUntil(`the office to run configuration ${version}`, async () => {
    const status = await link!.status();
    return status.configVersion >= version ? status : undefined;
  });

beforeAll(async () => {
  testDb = await createTestDatabase('link_client');
  hqDir = mkdtempSync(join(tmpdir(), 'hq-look-'));
  hq = await createHqServer({ port: 0, host: '127.0.0.1', dataDir: hqDir, databaseUrl: testDb.url, demo: false, admin: ADMIN, logger: await silentLogger() });
  // The notice is lost on its way (as a Redis hiccup would lose it); the on-connect notice is the link server's own and still goes.
  sendNotice = hq.link.pending.bind(hq.link);
  hq.link.pending = (offices) => dropped.push(...offices.map((o) => o.code));
  hqAdmin = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: ADMIN })).body.token;
  const fact = { code: 'FACT', nameEs: 'Facturación', nameEn: 'Billing', prefix: 'F', targetWaitMinutes: 15 };
  expectStatus(await api(hq.url, 'POST', '/api/v1/hq/catalog/services', { token: hqAdmin, body: fact }), 201, 'catalogue');
  const officeToken = expectStatus(await api(hq.url, 'POST', '/api/v1/hq/offices', { token: hqAdmin, body: { code: CODE, name: 'Oficina que mira' } }), 201, 'office').body
    .token as string;

  office = await startInProcessOffice({ env: { OFFICE_CODE: CODE } });
  const { deps } = office.server;
  const admin = office.creds.users.find((u) => u.role === 'admin')!;
  officeAdmin = await login(office.url, admin.username, admin.password);
  link = startLink(deps, new AuthService(deps.bus, deps.clock, deps.config.TOKEN_TTL_HOURS), {
    hq: { url: hq.url, token: officeToken },
    fetchIntervalMs: LOOK_EVERY_MS,
  });
  await waitUntil('the link to connect', async () => ((await link!.status()).state === 'connected' ? true : undefined));
}, 60_000);

afterAll(async () => {
  await link?.stop();
  await office?.stop();
  await hq?.stop();
  await testDb?.drop();
  rmSync(hqDir, { recursive: true, force: true });
});

describe('a lost link:pending', () => {
  test('a publish whose notice was lost is applied on the open link after the quiet interval, once', async () => {
    const connectedSince = (await link!.status()).since;
    const first = await publish(20);
    expect(dropped).toEqual([CODE]);
    expect(await runs(first)).toMatchObject({ state: 'connected', since: connectedSince, lastAppliedSeq: 1, configVersion: first });

    const second = await publish(25);
    expect(dropped).toEqual([CODE, CODE]);
    expect(await runs(second)).toMatchObject({ state: 'connected', since: connectedSince, lastAppliedSeq: 2, configVersion: second });

    // Applied once each, in order, although the client kept looking in between.
    const fromHq = (await officeAudit(office.url, officeAdmin)).filter((c) => c.actor === 'hq' && c.subject === 'FACT').reverse();
    expect(fromHq.map((c) => [c.action, c.linkSeq])).toEqual([
      ['service.create', 1],
      ['service.update', 2],
    ]);
    await waitUntil('head office to record the version applied', async () => {
      const config = (await api(hq.url, 'GET', `/api/v1/hq/offices/${CODE}/config`, { token: hqAdmin })).body;
      return config.appliedVersion === second ? true : undefined;
    });
  });
});

describe('a notice that carries its message', () => {
  test('an office up to date applies the configuration the notice carried, without fetching it', async () => {
    // The notice is sent again, its carried copy marked (target 44 where head office stored
    // 30): the office running the marked copy proves it applied what the notice carried.
    hq.link.pending = (offices) =>
      sendNotice(
        offices.map((o) => {
          const m = o.message;
          if (m?.kind !== 'config') return o;
          const services = m.payload.services.map((s) => ({ ...s, targetWaitMinutes: 44 }));
          return { ...o, message: { ...m, payload: { ...m.payload, services } } };
        }),
      );
    const version = await publish(30);
    await runs(version);
    const services = expectStatus(await api(office.url, 'GET', '/api/v1/services', { token: officeAdmin }), 200, 'services').body as {
      catalogCode: string | null;
      targetWaitMinutes: number;
    }[];
    expect(services.find((s) => s.catalogCode === 'FACT')?.targetWaitMinutes).toBe(44);
  });
});

