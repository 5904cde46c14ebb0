/**
 * Head office's people at a real office, through the real routes: head office a child
 * process on a test PostgreSQL, the office a real office process linked to it. A person an
 * admin creates at head office (POST /hq/staff) signs in at the office within seconds, and
 * still does with head office down (the office holds their password verifier); once
 * head office deactivates them (PATCH /hq/staff/:username), the office refuses their login
 * and ends their open session, over REST and on their socket; a person moved to another
 * office loses access at the first. Waits are bounded (STAFF_WAIT_MS, "within seconds").
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StaffDto } from '@turnero/contract/hq';
import { api, createTestDatabase, freePort, type TestDatabase } from '../hq/helpers';
import { closeOffice, expectStatus, sessionFor, type OfficeSession } from '../office/helpers';
import { connect, nextEvent } from '../office/sockets';
import { withDeadline } from '../support/deadline';
import { request } from '../support/http';
import { startTestOffice, tempDataDir } from '../support/office';
import { waitUntil } from '../printing/support';
import { hqLogin, officeAudit, officeSync, startHq, type HqProcess } from './helpers';

const HERE = 'STF-LNK1';
const ELSEWHERE = 'STF-LNK2';
/** "Within seconds": how long a change at head office may take to reach the office. */
const STAFF_WAIT_MS = 10_000;

let testDb: TestDatabase;
let hq: HqProcess;
let hqPort: number;
let hqDir: string;
let admin: string;
let s: OfficeSession | undefined;

const hqApi = (method: string, path: string, body?: unknown) => api(hq.url, method, `/api/v1${path}`, { token: admin, body });
const officeLogin = (username: string, password: string) =>
  request<{ token: string }>(s!.url, 'POST', '/api/v1/auth/login', { body: { username, password } });
const me = (token: string) => request(s!.url, 'GET', '/api/v1/me', { token });

/** Polls the office's login until it answers `status`; returns the last answer. */
const loginAnswers = (username: string, password: string, status: number) =>
  waitUntil(
    `the office to answer ${status} to ${username}'s login`,
    async () => {
      const r = await officeLogin(username, password);
      return r.status === status ? r : undefined;
    },
    STAFF_WAIT_MS,
  );

const linkState = (state: 'connected' | 'not connected') =>
  waitUntil(`the office's link ${state}`, async () => {
    const now = (await officeSync(s!.url, s!.supervisor)).link.state;
    return (state === 'connected') === (now === 'connected') ? now : undefined;
  });

async function createPerson(username: string, password: string, offices: string[]) {
  const body = { username, displayName: `Persona ${username}`, role: 'agent', password, offices };
  return StaffDto.parse(expectStatus(await hqApi('POST', '/hq/staff', body), 201, 'create staff').body);
}

beforeAll(async () => {
  testDb = await createTestDatabase('link_staff');
  hqPort = await freePort();
  hqDir = tempDataDir('hq-staff-link-');
  hq = await startHq(testDb.url, hqPort, hqDir);
  admin = await hqLogin(hq.url);
  const tokens: Record<string, string> = {};
  for (const code of [HERE, ELSEWHERE]) {
    tokens[code] = expectStatus(await hqApi('POST', '/hq/offices', { code, name: `Oficina ${code}`, company: 'EPM' }), 201, 'office').body.token;
  }
  const office = await startTestOffice({ dataDir: tempDataDir('office-staff-link-'), env: { OFFICE_CODE: HERE, HQ_URL: hq.url, HQ_TOKEN: tokens[HERE] } });
  s = await sessionFor(office);
  await linkState('connected');
}, 120_000);

afterAll(async () => {
  await closeOffice(s);
  await hq?.stop();
  await testDb?.drop();
});

describe("head office's people at a linked office", () => {
  const marta = { username: 'marta.ruiz', password: 'marta-clave-de-prueba' };

  test('a person created at head office signs in at the office within seconds, and is managed there by head office', async () => {
    expect(await createPerson(marta.username, marta.password, [HERE])).toMatchObject({ active: true, hasPassword: true, offices: [HERE] });
    const { token } = (await loginAnswers(marta.username, marta.password, 200)).body;
    expectStatus(await me(token), 200, 'me');
    expect((await officeLogin(marta.username, 'not-her-password-at-all')).status).toBe(401);

    // Head office owns the person: the office neither changes their password nor their name.
    const own = await request<{ error: { code: string } }>(s!.url, 'PUT', '/api/v1/me/password', {
      token,
      body: { currentPassword: marta.password, newPassword: 'otra-clave-local-123' },
    });
    expect([own.status, own.body.error.code]).toEqual([409, 'managed_by_hq']);
    const users = expectStatus(await request<{ username: string; id: string; managedBy: string }[]>(s!.url, 'GET', '/api/v1/admin/users', { token: s!.admin }), 200).body;
    const row = users.find((u) => u.username === marta.username)!;
    expect(row.managedBy).toBe('hq');
    const edit = await request<{ error: { code: string } }>(s!.url, 'PATCH', `/api/v1/admin/users/${row.id}`, { token: s!.admin, body: { displayName: 'Otra' } });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'managed_by_hq']);
  });

  test('with head office down she still signs in at the office (offline login)', async () => {
    await hq.stop();
    await linkState('not connected');
    const r = expectStatus(await officeLogin(marta.username, marta.password), 200, 'offline login');
    expectStatus(await me(r.body.token), 200, 'me offline');

    hq = await startHq(testDb.url, hqPort, hqDir);
    admin = await hqLogin(hq.url);
    await linkState('connected');
  });

  test('deactivated at head office: within seconds the office refuses her login and ends her open session and socket', async () => {
    const { token } = expectStatus(await officeLogin(marta.username, marta.password), 200, 'login').body;
    const socket = await connect(s!.url, { token });
    try {
      const ended = nextEvent(socket, 'session:ended', () => true, STAFF_WAIT_MS);
      const disconnected = new Promise<string>((ok) => socket.once('disconnect', (reason) => ok(reason)));
      expect(StaffDto.parse(expectStatus(await hqApi('PATCH', `/hq/staff/${marta.username}`, { active: false }), 200, 'deactivate').body).active).toBe(false);

      await loginAnswers(marta.username, marta.password, 401);
      expect((await me(token)).status).toBe(401);
      expect(await ended).toEqual({ reason: 'revoked' });
      expect(await withDeadline(disconnected, STAFF_WAIT_MS, 'the deactivated agent\'s socket to be disconnected')).toBe('io server disconnect');
    } finally {
      socket.close();
    }
    const deactivated = (await officeAudit(s!.url, s!.admin)).filter((c) => c.action === 'user.deactivate' && c.subject === marta.username);
    expect(deactivated).toHaveLength(1);
    expect(JSON.stringify(deactivated[0])).not.toMatch(/scrypt/);
    // Logins racing the roster were answered 401, never a server error.
    expect(s!.serverErrors).toEqual([]);
  });

  test('a person moved to another office loses access at the first', async () => {
    const pablo = { username: 'pablo.diaz', password: 'pablo-clave-de-prueba' };
    await createPerson(pablo.username, pablo.password, [HERE]);
    const { token } = (await loginAnswers(pablo.username, pablo.password, 200)).body;

    const moved = StaffDto.parse(expectStatus(await hqApi('PATCH', `/hq/staff/${pablo.username}`, { offices: [ELSEWHERE] }), 200, 'move').body);
    expect(moved).toMatchObject({ active: true, offices: [ELSEWHERE] });
    await loginAnswers(pablo.username, pablo.password, 401);
    expect((await me(token)).status).toBe(401);
    expect(s!.serverErrors).toEqual([]);
  });
});
