/**
 * An office and head office linked for real: head office in a child process on a test
 * PostgreSQL, the office a real office process with HQ_URL/HQ_TOKEN. A published service
 * reaches the office and is issued at once; three publishes made while the office was down
 * arrive in order, once; SIGKILL of the office right after a publish and of head office
 * while it sends applies nothing twice; the office runs on its last configuration with the
 * link down, across a restart; what head office owns is read-only on the office's admin
 * pages. Head office's people at the office: staff-link.test.ts.
 *
 * Both are SIGKILLed and restarted, so both run as `npm start` and `npm run hq` run them:
 * the built bundle (`npm run build` first; a bundle older than its sources fails the file).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServiceDto } from '@turnero/contract/dto';
import { OfficeConfigResponse } from '@turnero/contract/hq-link';
import { api, createTestDatabase, freePort, type TestDatabase } from '../hq/helpers';
import type { TicketDto } from '@turnero/contract/dto';
import { closeOffice, expectStatus, sessionFor, type OfficeSession } from '../office/helpers';
import { request } from '../support/http';
import { staleBuildReason } from '../support/check-build';
import { startTestOffice, tempDataDir } from '../support/office';
import { waitUntil } from '../printing/support';
import { hqLogin, officeAudit, officeServices, officeSync, startHq, type HqProcess } from './helpers';

const CODE = 'LNK-OF1';
let testDb: TestDatabase;
let hq: HqProcess;
let hqPort: number;
let hqDir: string;
let admin: string;
let officeToken: string;
let officeDir: string;
let s: OfficeSession | undefined;
/** Everything every office process wrote (the token must never be in it). */
let officeOutput = '';

const hqApi = (method: string, path: string, body?: unknown) => api(hq.url, method, path, { token: admin, body });
const hqConfig = async () => OfficeConfigResponse.parse((await hqApi('GET', `/api/v1/hq/offices/${CODE}/config`)).body);
const publish = async (services: unknown[]) => expectStatus(await hqApi('PUT', `/api/v1/hq/offices/${CODE}/services`, { services }), 200, 'publish').body.version as number;

async function startOffice(): Promise<OfficeSession> {
  const office = await startTestOffice({
    dataDir: officeDir,
    production: true,
    env: { OFFICE_CODE: CODE, HQ_URL: hq.url, HQ_TOKEN: officeToken, LOG_LEVEL: 'info' },
  });
  for (const stream of [office.process.stdout, office.process.stderr]) stream?.on('data', (d: Buffer) => (officeOutput += d.toString()));
  return sessionFor(office);
}

/** The office's link has applied up to `version` (its own GET /api/v1/sync). */
const applied = (version: number) =>
  waitUntil(`the office to run configuration ${version}`, async () => {
    const sync = await officeSync(s!.url, s!.supervisor);
    return sync.link.configVersion >= version ? sync : undefined;
  });

/** The kiosk issues a ticket of a service (by id: the session's services are from its start). */
async function issueAt(serviceId: string): Promise<TicketDto> {
  const r = await request<TicketDto>(s!.url, 'POST', '/api/v1/tickets', { token: s!.kiosk, body: { serviceId, category: 'general', print: false } });
  return expectStatus(r, 201, 'issue').body;
}

const audit = () => officeAudit(s!.url, s!.admin);

beforeAll(async () => {
  const stale = staleBuildReason();
  if (stale) throw new Error(`The link tests SIGKILL the built office and head office, and the build is out of date (${stale}): run \`npm run build\` first.`);
  testDb = await createTestDatabase('link_office');
  hqPort = await freePort();
  hqDir = tempDataDir('hq-link-');
  hq = await startHq(testDb.url, hqPort, hqDir, true);
  admin = await hqLogin(hq.url);
  for (const [code, prefix] of [['FACT', 'F'], ['RECL', 'R']]) {
    const body = { code, nameEs: `Servicio ${code}`, nameEn: `Service ${code}`, prefix, targetWaitMinutes: 15 };
    expectStatus(await hqApi('POST', '/api/v1/hq/catalog/services', body), 201, 'catalogue');
  }
  officeToken = expectStatus(await hqApi('POST', '/api/v1/hq/offices', { code: CODE, name: 'Oficina enlazada', company: 'EPM' }), 201, 'office').body.token;
  officeDir = tempDataDir('office-link-');
  s = await startOffice();
}, 120_000);

afterAll(async () => {
  await closeOffice(s);
  await hq?.stop();
  await testDb?.drop();
});

describe('the office end of the link', () => {
  test('a catalogue service published to the office appears with its code and is issued at once', async () => {
    const version = await publish([{ code: 'FACT' }]);
    const sync = await applied(version);
    expect(sync.link).toMatchObject({ state: 'connected', lastAppliedSeq: 1, configVersion: version });
    expect(sync.link.since).not.toBeNull();
    const fact = (await officeServices(s!.url, s!.kiosk)).find((x) => x.catalogCode === 'FACT');
    expect(fact).toMatchObject({ prefix: 'F', nameEs: 'Servicio FACT', active: true });
    const ticket = await issueAt(fact!.id);
    expect(ticket.code).toMatch(/^F-0*1$/);
    await waitUntil('head office to record the version applied', async () => ((await hqConfig()).appliedVersion === version ? true : undefined));
  });

  test('what head office owns is read-only at the office; the office keeps its own settings', async () => {
    const fact = (await officeServices(s!.url, s!.supervisor)).find((x) => x.catalogCode === 'FACT')!;
    const r = await request<{ error: { code: string; message: string } }>(s!.url, 'PATCH', `/api/v1/admin/services/${fact.id}`, { token: s!.admin, body: { nameEs: 'Otra' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('managed_by_hq');
    expect(r.body.error.message).toMatch(/head office/);
    const local = s!.services.A;
    expectStatus(await request(s!.url, 'PATCH', `/api/v1/admin/services/${local.id}`, { token: s!.admin, body: { targetWaitMinutes: 12 } }), 200, 'local service');
    const changes = await audit();
    expect(changes.some((c) => c.actor !== 'hq' && c.action === 'service.update' && c.subject === local.id)).toBe(true);
    expect(changes.filter((c) => c.actor === 'hq' && c.action === 'service.create' && c.subject === 'FACT')).toHaveLength(1);
  });

  test('three publishes while the office is down arrive in order, once, when it comes back', async () => {
    await s!.office.stop();
    const versions: number[] = [];
    for (const minutes of [10, 20, 30]) versions.push(await publish([{ code: 'FACT', targetWaitMinutes: minutes }]));
    s = await startOffice();
    const sync = await applied(versions[2]);
    expect(sync.link.lastAppliedSeq).toBe(4);
    const updates = (await audit()).filter((c) => c.actor === 'hq' && c.action === 'service.update').reverse();
    expect(updates.map((c) => [c.linkSeq, (c.after as ServiceDto).targetWaitMinutes])).toEqual([
      [2, 10],
      [3, 20],
      [4, 30],
    ]);
    expect((await officeServices(s!.url, s!.kiosk)).find((x) => x.catalogCode === 'FACT')?.targetWaitMinutes).toBe(30);
  });

  test('an office killed right after a publish applies it exactly once after its restart', async () => {
    const version = await publish([{ code: 'FACT', targetWaitMinutes: 30 }, { code: 'RECL' }]);
    await s!.office.kill();
    s = await startOffice();
    const sync = await applied(version);
    expect(sync.link.lastAppliedSeq).toBe(5);
    const recl = (await audit()).filter((c) => c.actor === 'hq' && c.subject === 'RECL');
    expect(recl.map((c) => [c.action, c.linkSeq])).toEqual([['service.create', 5]]);
    expect((await officeServices(s!.url, s!.kiosk)).filter((x) => x.catalogCode === 'RECL')).toHaveLength(1);
  });

  test('head office killed while it sends: the office catches up once head office is back', async () => {
    const version = await publish([{ code: 'RECL' }]);
    await hq.kill();
    hq = await startHq(testDb.url, hqPort, hqDir, true);
    admin = await hqLogin(hq.url);
    const sync = await applied(version);
    expect(sync.link.lastAppliedSeq).toBe(6);
    const fact = (await audit()).filter((c) => c.actor === 'hq' && c.subject === 'FACT' && c.action === 'service.deactivate');
    expect(fact.map((c) => c.linkSeq)).toEqual([6]);
    expect((await officeServices(s!.url, s!.kiosk)).find((x) => x.catalogCode === 'FACT')?.active).toBe(false);
    await waitUntil('the link to come back', async () => ((await officeSync(s!.url, s!.supervisor)).link.state === 'connected' ? true : undefined));
    await waitUntil('head office to record it', async () => ((await hqConfig()).appliedVersion === version ? true : undefined));
  });

  test('with head office down the office runs on its last configuration, across a restart', async () => {
    const before = await officeSync(s!.url, s!.supervisor);
    await hq.stop();
    await s!.office.stop();
    s = await startOffice();
    const sync = await officeSync(s!.url, s!.supervisor);
    expect(sync.link.state).not.toBe('connected');
    expect(sync.link.configVersion).toBe(before.link.configVersion);
    expect(sync.link.lastAppliedSeq).toBe(before.link.lastAppliedSeq);
    const recl = (await officeServices(s!.url, s!.kiosk)).find((x) => x.catalogCode === 'RECL')!;
    expect(recl.active).toBe(true);
    expect((await issueAt(recl.id)).code).toMatch(/^R-/);
    expect(officeOutput).toMatch(/link to head office/);
    expect(officeOutput).not.toContain(officeToken);
  });
});
