/**
 * Roles mixed at every door (issue 11, "Tests and figures"): fast-check sends every REST
 * route of the office and of head office (read from each one's OpenAPI document, checked
 * against the routes Express really mounts) and every socket command of the contract
 * (ClientToServerEvents) with every kind of credential mixed in: admin, supervisor, an
 * agent signed in at a counter, an agent at another counter, kiosk, display, the public
 * ticket page, no token, a junk token, an expired one, a revoked one (staff and device);
 * at head office admin, a company manager, an office ingest token, and the same dead ones.
 *
 * For every (route, credential) pair the answer is what the route's declared roles allow:
 * 401 without a live token, 403 for a role not declared, never 2xx for either, never 5xx
 * for anyone; an allowed role is never answered 401, nor 403 except where the route also
 * scopes by ownership (an agent's own counter and ticket, a manager's company). Refused
 * requests run first, route by route, and the state fingerprint (the office's, or every
 * head-office table) must not move; the allowed ones run after, with random ids, so their
 * legitimate changes cannot touch the fixtures the refusals are aimed at.
 *
 * Bounded: ROLE_FUZZ_RUNS random probes per route and phase (default 10) after one probe
 * per pair; the seed is printed and ROLE_FUZZ_SEED (or FUZZ_SEED) replays it.
 *
 * This file: the office (REST and sockets); role-fuzz-hq.test.ts: head office; the shared
 * probes and fuzzRoutes: role-fuzz-support.ts.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test, vi } from 'vitest';
import fc from 'fast-check';
import type { ClientToServerEvents } from '@turnero/contract/realtime';
import { expectStatus } from '../office/helpers';
import { connect, command, type OfficeSocket } from '../office/sockets';
import { login, request } from '../support/http';
import { officeFingerprint } from '../support/office-fingerprint';
import { FakeClock, startInProcessOffice, type InProcessOffice } from '../support/office';
import { mountedApiRoutes, routeDrift, type DocumentedRoute } from '../support/route-table';
import { everyOnceThenRandom, fuzzRoutes, jsonJunk, NOT_DOCUMENTED, oddId, readDocumented, TTL_HOURS, type Credential } from './role-fuzz-support';

vi.mock('../../server/src/platform/http', async (importOriginal) =>
  (await import('../support/route-table')).recordingHttpModule(await importOriginal()),
);

describe('office: every REST route and socket command, every role', () => {
  const clock = new FakeClock(new Date());
  let office: InProcessOffice;
  let mounted: string[];
  let documented: Map<string, DocumentedRoute>;
  let creds: Record<string, Credential>;
  let admin: string;
  let supervisor: string;
  /** Counter 1, where asesor1 sits, and the ticket called there; asesor2 sits at counter 2. */
  let counter1: string;
  let ticketAt1: string;
  let ticketWaiting: string;
  let serviceIds: string[];
  const sockets: OfficeSocket[] = [];

  const user = (name: string) => office.creds.users.find((u) => u.username === name)!;
  const loginAs = (name: string) => login(office.url, name, user(name).password);
  const createDevice = async (kind: 'kiosk' | 'display', name: string) =>
    expectStatus(await request(office.url, 'POST', '/api/v1/admin/devices', { token: admin, body: { kind, name } }), 201, 'device').body as {
      device: { id: string };
      token: string;
    };

  beforeAll(async () => {
    office = await startInProcessOffice({ clock, env: { TOKEN_TTL_HOURS: String(TTL_HOURS) } });
    mounted = mountedApiRoutes();
    const expired = await loginAs('asesor6');
    clock.advance((TTL_HOURS + 1) * 3_600_000);
    admin = await loginAs('admin');
    supervisor = await loginAs('supervisor');
    const revoked = await loginAs('asesor5');
    expectStatus(await request(office.url, 'POST', '/api/v1/auth/logout', { token: revoked }), 204, 'logout');
    const gone = await createDevice('kiosk', 'Kiosco revocado');
    expectStatus(await request(office.url, 'DELETE', `/api/v1/admin/devices/${gone.device.id}/token`, { token: admin }), 200, 'revoke');
    const agent1 = await loginAs('asesor1');
    const agent2 = await loginAs('asesor2');
    counter1 = user('asesor1').counterId!;
    for (const [token, name] of [[agent1, 'asesor1'], [agent2, 'asesor2']] as const) {
      expectStatus(await request(office.url, 'POST', `/api/v1/counters/${user(name).counterId}/sign-in`, { token }), 200, `sign-in ${name}`);
    }
    const services = expectStatus(await request(office.url, 'GET', '/api/v1/services', { token: supervisor }), 200).body as { id: string }[];
    serviceIds = services.map((s) => s.id);
    // Tickets for every service, so counter 1 has one to call and one stays waiting.
    for (const serviceId of serviceIds) {
      for (let i = 0; i < 2; i++) {
        expectStatus(await request(office.url, 'POST', '/api/v1/tickets', { token: supervisor, body: { serviceId, print: false } }), 201, 'issue');
      }
    }
    ticketAt1 = expectStatus(await request(office.url, 'POST', `/api/v1/counters/${counter1}/call-next`, { token: agent1 }), 200, 'call').body.ticket.id;
    const queue = expectStatus(await request(office.url, 'GET', '/api/v1/queue', { token: supervisor }), 200).body;
    ticketWaiting = queue.waiting?.[0]?.id ?? queue.queues?.flatMap((q: { tickets?: { id: string }[] }) => q.tickets ?? [])[0]?.id;
    creds = Object.fromEntries(
      (
        [
          ['admin', admin, 'admin'],
          ['supervisor', supervisor, 'supervisor'],
          ['agent at counter 1', agent1, 'agent'],
          ['agent at counter 2', agent2, 'agent'],
          ['kiosk', office.creds.kioskToken, 'kiosk'],
          ['display', office.creds.displayToken, 'display'],
          ['no token', undefined, null],
          ['junk token', 'not-a-token', null],
          ['expired staff token', expired, null],
          ['revoked staff token', revoked, null],
          ['revoked kiosk token', gone.token, null],
        ] as const
      ).map(([name, token, role]) => [name, { name, token, role }]),
    );
    documented = await readDocumented(office.url);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await office?.stop();
  });

  test('the routes Express mounts are exactly the documented ones, each with its roles declared', () => {
    assert.deepEqual(routeDrift(mounted, [...documented.keys()], NOT_DOCUMENTED), { undocumented: [], notMounted: [] });
    assert.ok(documented.size >= 30, `only ${documented.size} routes documented`);
    assert.deepEqual(documented.get('POST /api/v1/tickets')?.roles, ['kiosk', 'agent', 'supervisor', 'admin']);
  });

  /** Counter and ticket work of agents is theirs only: the agent at counter 2 aims at counter 1's. */
  const ownershipRoute = (route: DocumentedRoute) =>
    route.method !== 'GET' && (/\{counterId\}/.test(route.path) || /^\/api\/v1\/tickets\/\{ticketId\}\/./.test(route.path));
  const isOtherAgent = (cred: Credential) => cred.name === 'agent at counter 2';

  test('REST: every route answers every credential as its declared roles say; refusals change nothing', { timeout: 10 * 60_000 }, async () => {
    const routes = [...documented.values()];
    const fuzzCreds = Object.values(creds);
    const pairs = await fuzzRoutes({
      url: office.url,
      routes,
      creds: fuzzCreds,
      notOwner: (route, cred) => ownershipRoute(route) && isOtherAgent(cred),
      refusedIds: (_route, _cred, param) =>
        // Ids that exist (counter 1 and its ticket, or any real one), mixed with random ones.
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...(param === 'counterId' ? [counter1] : param === 'ticketId' ? [ticketAt1, ticketWaiting] : serviceIds)) },
          { weight: 1, arbitrary: oddId },
        ),
      realValues: fc.constantFrom(counter1, ticketAt1, ticketWaiting, ...serviceIds),
      // Agents act only at their own counter (403 elsewhere); a route may document a 403 of its own.
      scopedFor: (route, cred) => (cred.role === 'agent' && ownershipRoute(route)) || route.forbidsBeyondRole,
      fingerprint: () => officeFingerprint({ url: office.url, dataDir: office.dataDir, supervisor, admin }),
      throwawayTokens: (route) =>
        route.path === '/api/v1/auth/logout'
          ? (async () => [
              { name: 'fresh admin', token: await loginAs('admin'), role: 'admin' },
              { name: 'fresh supervisor', token: await loginAs('supervisor'), role: 'supervisor' },
              { name: 'fresh agent', token: await loginAs('asesor3'), role: 'agent' },
              { name: 'fresh kiosk', token: (await createDevice('kiosk', 'Kiosco de paso')).token, role: 'kiosk' },
              { name: 'fresh display', token: (await createDevice('display', 'Pantalla de paso')).token, role: 'display' },
            ])()
          : null,
    });
    console.log(`office: ${pairs} (route, credential) pairs over ${routes.length} routes`);
    assert.ok(pairs >= routes.length * fuzzCreds.length - 1, `only ${pairs} (route, credential) pairs tried`);
    // The fixtures the refusals aimed at are as they were: counter 1 still serves its ticket.
    const ticket = expectStatus(await request(office.url, 'GET', `/api/v1/tickets/${ticketAt1}`, { token: supervisor }), 200).body;
    assert.equal(ticket.status, 'called');
  });

  test('sockets: a dead credential cannot connect; each command answers each role as the contract says', { timeout: 5 * 60_000 }, async () => {
    /** Who may send each command (ClientToServerEvents): the snapshot any signed-in socket, the printer reports only kiosks. */
    const SOCKET_ROLES: Record<keyof ClientToServerEvents, readonly string[]> = {
      'snapshot:get': ['admin', 'supervisor', 'agent', 'kiosk', 'display'],
      'print:result': ['kiosk'],
      'printer:status': ['kiosk'],
    };
    for (const cred of Object.values(creds).filter((c) => c.role === null && c.token !== undefined)) {
      await assert.rejects(connect(office.url, { token: cred.token }), /unauthenticated/, `${cred.name} connected`);
    }
    await assert.rejects(connect(office.url, {}), /unauthenticated/, 'a socket without a token connected');
    await assert.rejects(connect(office.url, { ticketId: 'no-such-ticket' }), /unauthenticated/, 'a public page of no ticket connected');

    // A kiosk of its own, so its printer reports enlist no socket as the demo kiosk's printer.
    const kiosk = await createDevice('kiosk', 'Kiosco del fuzz');
    const byName: Record<string, { role: string; socket: OfficeSocket }> = {};
    for (const cred of Object.values(creds).filter((c) => c.role !== null)) {
      byName[cred.name] = { role: cred.role!, socket: await connect(office.url, { token: cred.name === 'kiosk' ? kiosk.token : cred.token }) };
    }
    byName['public ticket page'] = { role: 'public', socket: await connect(office.url, { ticketId: ticketWaiting }) };
    sockets.push(...Object.values(byName).map((x) => x.socket));

    const payload = fc.oneof(
      jsonJunk,
      fc.record({ status: fc.constantFrom('ok', 'paper_out', 'offline', 'x'), jobId: fc.uuid(), ticketId: fc.constantFrom(ticketWaiting, ticketAt1), ok: fc.boolean() }, { requiredKeys: [] }),
    );
    const fingerprint = () => officeFingerprint({ url: office.url, dataDir: office.dataDir, supervisor, admin });
    for (const [event, roles] of Object.entries(SOCKET_ROLES)) {
      const names = Object.keys(byName);
      const refused = names.filter((n) => !roles.includes(byName[n].role));
      const allowed = names.filter((n) => roles.includes(byName[n].role));
      const before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...refused), payload, async (name, p) => {
          const r = await command(byName[name].socket, event, p);
          assert.equal(r.error?.code, 'forbidden', `${name} sent ${event} ${JSON.stringify(p)}: ${JSON.stringify(r)}`);
        }),
        everyOnceThenRandom(refused.map((n): [string, {}] => [n, {}])),
      );
      assert.equal(await fingerprint(), before, `refused ${event} changed state`);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...allowed), payload, async (name, p) => {
          const r = await command(byName[name].socket, event, p);
          assert.ok(!r.error || !['forbidden', 'unauthenticated', 'internal'].includes(r.error.code), `${name} sent ${event}: ${JSON.stringify(r)}`);
        }),
        everyOnceThenRandom(allowed.map((n): [string, {}] => [n, {}])),
      );
    }
    for (const [name, { socket }] of Object.entries(byName)) assert.ok(socket.connected, `${name}'s socket dropped`);
  });
});
