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
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, test, vi } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import type { ClientToServerEvents } from '@turnero/contract/realtime';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { createTestDatabase, silentLogger, type TestDatabase } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { connect, command, type OfficeSocket } from '../office/sockets';
import { login, request, type JsonResponse } from '../support/http';
import { officeFingerprint } from '../support/office-fingerprint';
import { FakeClock, startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';
import { documentedRoutes, mountedApiRoutes, routeDrift, routeKey, type DocumentedRoute } from '../support/route-table';

vi.mock('../../server/src/platform/http', async (importOriginal) =>
  (await import('../support/route-table')).recordingHttpModule(await importOriginal()),
);

const RUNS = Number(process.env.ROLE_FUZZ_RUNS ?? 10);
const SEED = Number(process.env.ROLE_FUZZ_SEED ?? process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`role fuzz seed ${SEED} (replay with ROLE_FUZZ_SEED=${SEED})`);
fc.configureGlobal({ seed: SEED });

const TTL_HOURS = 12;
/** Mounted under the API prefix but not an operation of it: the document itself. */
const NOT_DOCUMENTED = new Set(['GET /api/v1/openapi.json']);

// ---------- credentials and what each route must answer them ----------

/** A credential as the fuzz holds it: the role it would act as, or null for a dead one. */
interface Credential {
  name: string;
  token: string | undefined;
  role: string | null;
}

const isPasswordLogin = (route: DocumentedRoute) => route.method === 'POST' && route.path === '/api/v1/auth/login';

type Expected = 'unauthenticated' | 'forbidden' | 'not_own' | 'allowed';

/**
 * What a route must answer a credential. `ownedBy` names the routes that also scope an
 * allowed role by ownership, with the credential that does not own the fuzz's target.
 */
function expectedFor(route: DocumentedRoute, cred: Credential, notOwner: (route: DocumentedRoute, cred: Credential) => boolean): Expected {
  if (route.roles === 'public') return 'allowed';
  if (cred.role === null) return 'unauthenticated';
  if (!route.roles.includes(cred.role)) return 'forbidden';
  return notOwner(route, cred) ? 'not_own' : 'allowed';
}

// ---------- generators ----------

/** JSON values of any type, for the fields of a body. */
const jsonJunk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, '', '__proto__', "'; DROP TABLE Ticket; --", '<img src=x onerror=alert(1)>'),
);
/**
 * Whole bodies: JSON objects and arrays. A bare `null` or number is refused by head office's
 * strict body parser (400) before any token is read; that ordering, and malformed, huge and
 * deep bodies, are tests/office/fuzz.test.ts's and tests/security/limits.test.ts's concern.
 */
const jsonBody = fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), jsonJunk, { maxKeys: 4 }), fc.array(jsonJunk, { maxLength: 4 }));
/**
 * Random path ids. Not `.`/`..` in any spelling: the URL parser folds those segments before
 * the request leaves, so it would reach another route (held.test.ts tries traversal itself).
 */
const oddId = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
    fc.constantFrom('%00', '%2F', 'null', '0', 'x'.repeat(65), 'RF-NOPE'),
  )
  .filter((id) => !/^(\.|%2e){1,2}$/i.test(id));

interface Probe {
  ids: Record<string, string>;
  body: unknown;
  query: string;
}

/** A probe of a route: path ids from `idFor`, a body with the route's own field names (or any JSON), a query. */
function probeFor(route: DocumentedRoute, idFor: (param: string) => fc.Arbitrary<string>, value: fc.Arbitrary<unknown>): fc.Arbitrary<Probe> {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const ids = fc.record(Object.fromEntries(params.map((p) => [p, idFor(p)])) as Record<string, fc.Arbitrary<string>>);
  const body =
    route.method === 'GET'
      ? fc.constant(undefined)
      : fc.oneof(
          jsonBody,
          fc.dictionary(route.bodyKeys.length ? fc.constantFrom(...route.bodyKeys) : fc.string({ maxLength: 8 }), fc.oneof(jsonJunk, value), {
            maxKeys: route.bodyKeys.length + 1,
          }),
          fc.constant(undefined),
        );
  const query = fc.oneof(fc.constant(''), fc.string({ maxLength: 20 }).map((q) => `?company=${encodeURIComponent(q)}&office=${encodeURIComponent(q)}`));
  return fc.record({ ids, body, query });
}

async function send(baseUrl: string, route: DocumentedRoute, token: string | undefined, p: Probe): Promise<JsonResponse> {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => p.ids[name]) + p.query;
  return request(baseUrl, route.method, path, p.body === undefined ? { token } : { token, body: p.body });
}

/**
 * The answer a credential got is the one its expectation allows. `scoped` says whether an
 * allowed credential may meet a 403 of the route's own scoping (ownership, company).
 */
function assertAnswer(route: DocumentedRoute, cred: Credential, expected: Expected, scoped: boolean, p: Probe, r: JsonResponse): void {
  const what = `${routeKey(route)} as ${cred.name} ${JSON.stringify(p).slice(0, 200)} -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
  assert.ok(r.status < 500, `server error: ${what}`);
  if (r.status >= 400) {
    assert.equal(typeof r.body?.error?.code, 'string', `no error body: ${what}`);
    assert.equal(typeof r.body?.error?.message, 'string', `no error message: ${what}`);
  }
  // A NUL byte in the address is refused before anything else, whoever asks (400).
  if (JSON.stringify(p.ids).includes('%00') || p.query.includes('%00')) {
    assert.equal(r.status, 400, `a NUL byte in the address was not refused first: ${what}`);
    assert.equal(r.body.error.code, 'bad_request', what);
    return;
  }
  switch (expected) {
    case 'unauthenticated':
      assert.equal(r.status, 401, `a dead credential got past authentication: ${what}`);
      assert.equal(r.body.error.code, 'unauthenticated', what);
      break;
    case 'forbidden':
      assert.equal(r.status, 403, `a role the route does not declare got past authorization: ${what}`);
      assert.equal(r.body.error.code, 'forbidden', what);
      break;
    case 'not_own':
      // Body and ids are checked before ownership: a 400 or 404 refuses too; a 2xx never.
      assert.ok([400, 403, 404, 409].includes(r.status), `an agent acted on another counter's work: ${what}`);
      break;
    case 'allowed':
      // The login route judges the username and password in its body, not the token: a fuzzed
      // body that happens to be well formed is a wrong password, rightly 401.
      if (!(r.status === 401 && isPasswordLogin(route))) {
        assert.notEqual(r.status, 401, `an allowed, live credential was refused as unauthenticated: ${what}`);
      }
      if (r.status === 403) assert.ok(scoped, `an allowed role was refused by role: ${what}`);
      break;
  }
}

interface Target {
  url: string;
  routes: DocumentedRoute[];
  creds: Credential[];
  notOwner: (route: DocumentedRoute, cred: Credential) => boolean;
  /** Path ids the refused credentials aim at (ids that exist, so a slip would act on them). */
  refusedIds: (route: DocumentedRoute, cred: Credential, param: string) => fc.Arbitrary<string>;
  /** Body values that exist, mixed into refused bodies (a real counter, service...). */
  realValues: fc.Arbitrary<unknown>;
  /** Where an allowed role may still get a 403 of the route's own (ownership, company, documented 403). */
  scopedFor: (route: DocumentedRoute, cred: Credential) => boolean;
  /** Random path ids for the allowed credentials (default oddId). */
  allowedIds?: fc.Arbitrary<string>;
  fingerprint: () => Promise<string>;
  /** Fresh tokens of each allowed role for a route that ends the token it is called with. */
  throwawayTokens?: (route: DocumentedRoute) => Promise<Credential[]> | null;
}

/**
 * Route by route: every refused pair once, then random refused probes with the
 * credentials mixed, and the fingerprint must not have moved; then the allowed pairs the
 * same way, with random ids. Fails on a pair never tried; returns how many pairs were.
 */
async function fuzzRoutes(t: Target): Promise<number> {
  let pairs = 0;
  for (const route of t.routes) {
    const tried = new Set<string>();
    const expectation = (c: Credential) => expectedFor(route, c, t.notOwner);
    const refused = t.creds.filter((c) => expectation(c) !== 'allowed');
    if (refused.length) {
      const before = await t.fingerprint();
      const probe = fc.constantFrom(...refused).chain((cred) =>
        probeFor(route, (param) => t.refusedIds(route, cred, param), t.realValues).map((p) => ({ cred, p })),
      );
      await fc.assert(
        fc.asyncProperty(probe, async ({ cred, p }) => {
          tried.add(cred.name);
          assertAnswer(route, cred, expectation(cred), false, p, await send(t.url, route, cred.token, p));
        }),
        everyOnceThenRandom(refused.map((cred) => [{ cred, p: emptyProbe(route) }])),
      );
      assert.equal(await t.fingerprint(), before, `refused requests changed state at ${routeKey(route)}`);
    }
    const throwaway = t.throwawayTokens?.(route);
    const allowed = throwaway ? await throwaway : t.creds.filter((c) => expectation(c) === 'allowed');
    if (allowed.length) await fuzzAllowed(t, route, allowed, Boolean(throwaway), tried);
    const untried = [...refused, ...allowed].map((c) => c.name).filter((name) => !tried.has(name));
    assert.deepEqual(untried, [], `credentials never tried at ${routeKey(route)}`);
    pairs += tried.size;
  }
  return pairs;
}

async function fuzzAllowed(t: Target, route: DocumentedRoute, allowed: Credential[], throwaway: boolean, tried: Set<string>): Promise<void> {
  if (throwaway) {
    // A route that ends its own token (logout) serves each fresh token once, then never again.
    for (const cred of allowed) {
      tried.add(cred.name);
      const r = await send(t.url, route, cred.token, emptyProbe(route));
      assert.ok(r.status >= 200 && r.status < 300, `${routeKey(route)} as ${cred.name}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal((await send(t.url, route, cred.token, emptyProbe(route))).status, 401, `${cred.name} still live after ${routeKey(route)}`);
    }
    return;
  }
  const probe = fc.constantFrom(...allowed).chain((cred) => probeFor(route, () => t.allowedIds ?? oddId, jsonJunk).map((p) => ({ cred, p })));
  await fc.assert(
    fc.asyncProperty(probe, async ({ cred, p }) => {
      tried.add(cred.name);
      assertAnswer(route, cred, 'allowed', t.scopedFor(route, cred), p, await send(t.url, route, cred.token, p));
    }),
    everyOnceThenRandom(allowed.map((cred) => [{ cred, p: emptyProbe(route) }])),
  );
}

/** Each example once, then RUNS random probes (fast-check counts examples within numRuns). */
const everyOnceThenRandom = <T>(examples: T[]) => ({ numRuns: RUNS + examples.length, examples });

/** A probe with no body and placeholder ids: each pair's first, deterministic try. */
const emptyProbe = (route: DocumentedRoute): Probe => ({
  ids: Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'x'])),
  body: undefined,
  query: '',
});

async function readDocumented(url: string): Promise<Map<string, DocumentedRoute>> {
  return documentedRoutes(expectStatus(await request(url, 'GET', '/api/v1/openapi.json'), 200, 'openapi').body);
}

// ---------- office ----------

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

// ---------- head office ----------

describe('head office: every REST route, every role', () => {
  const clock = new FakeClock(new Date('2026-11-02T15:00:00Z'));
  const dataDir = tempDataDir('turnero-role-fuzz-hq-');
  let testDb: TestDatabase;
  let hq: HqServer;
  let mounted: string[];
  let documented: Map<string, DocumentedRoute>;
  let creds: Credential[];
  let admin: string;

  const hqLogin = async (username: string, password: string) =>
    expectStatus(await request(hq.url, 'POST', '/api/v1/auth/login', { body: { username, password } }), 200, `login ${username}`).body.token as string;
  const newOfficeToken = async (code: string) =>
    expectStatus(
      await request(hq.url, 'POST', '/api/v1/hq/offices', { token: admin, body: { code, name: `Oficina ${code}`, company: 'EPM', region: 'Antioquia' } }),
      201,
      `office ${code}`,
    ).body.token as string;

  /** Every head-office table, row by row, hashed: what refused requests must leave alone. */
  async function hqFingerprint(): Promise<string> {
    const client = new pg.Client(testDb.url);
    await client.connect();
    try {
      const tables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`)).rows;
      const parts: string[] = [];
      for (const { tablename } of tables) {
        const rows = await client.query(`SELECT t::text AS row FROM "${tablename}" t ORDER BY 1`);
        parts.push(`${tablename}:${createHash('sha256').update(rows.rows.map((r) => r.row).join('\n')).digest('hex')}`);
      }
      return parts.join(' ');
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    testDb = await createTestDatabase('hq_role_fuzz');
    hq = await createHqServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: testDb.url,
      demo: true,
      clock,
      logger: await silentLogger(),
      tokenTtlHours: TTL_HOURS,
      loginRateLimitPerMinute: 10_000,
    });
    mounted = mountedApiRoutes();
    const users = hq.credentials!.users;
    const adminUser = users.find((u) => u.role === 'admin')!;
    const manager = users.find((u) => u.role === 'manager')!;
    const expired = await hqLogin(adminUser.username, adminUser.password);
    clock.advance((TTL_HOURS + 1) * 3_600_000);
    admin = await hqLogin(adminUser.username, adminUser.password);
    const revoked = await hqLogin(manager.username, manager.password);
    expectStatus(await request(hq.url, 'POST', '/api/v1/auth/logout', { token: revoked }), 204, 'logout');
    const revokedOffice = await newOfficeToken('RF-GONE');
    expectStatus(await request(hq.url, 'DELETE', '/api/v1/hq/offices/RF-GONE/token', { token: admin }), 204, 'revoke office');
    creds = (
      [
        ['admin', admin, 'admin'],
        ['manager of EPM', await hqLogin(manager.username, manager.password), 'manager'],
        ['office ingest token', await newOfficeToken('RF-SYNC'), 'office-sync'],
        ['no token', undefined, null],
        ['junk token', 'not-a-token', null],
        ['expired admin token', expired, null],
        ['revoked manager token', revoked, null],
        ['revoked office token', revokedOffice, null],
      ] as const
    ).map(([name, token, role]) => ({ name, token, role }));
    documented = await readDocumented(hq.url);
  });

  afterAll(async () => {
    await hq?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the routes Express mounts are exactly the documented ones, each with its roles declared', () => {
    assert.deepEqual(routeDrift(mounted, [...documented.keys()], NOT_DOCUMENTED), { undocumented: [], notMounted: [] });
    assert.ok(documented.size >= 15, `only ${documented.size} routes documented`);
    assert.deepEqual(documented.get('POST /api/v1/hq/ingest')?.roles, ['office-sync']);
  });

  test('REST: every route answers every credential as its declared roles say; refusals change nothing', { timeout: 10 * 60_000 }, async () => {
    const routes = [...documented.values()];
    const users = hq.credentials!.users;
    const pairs = await fuzzRoutes({
      url: hq.url,
      routes,
      creds,
      notOwner: () => false,
      // The offices that exist (an accepted rotation would end the fuzz's own token), or random codes.
      refusedIds: () => fc.oneof(fc.constantFrom('RF-SYNC', 'RF-GONE'), oddId),
      realValues: fc.constantFrom('RF-SYNC', 'EPM', 'CHEC'),
      // A manager sees only their company: naming another one is a 403 of the report's scope.
      scopedFor: (route, cred) => cred.role === 'manager' || route.forbidsBeyondRole,
      fingerprint: hqFingerprint,
      // A NUL byte in an id (PostgreSQL refuses 0x00 in text) once answered 500 here; the
      // shared HTTP app now refuses it with 400 before any route runs.
      allowedIds: oddId,
      throwawayTokens: (route) =>
        route.path === '/api/v1/auth/logout'
          ? (async () => [
              { name: 'fresh admin', token: await hqLogin(users.find((u) => u.role === 'admin')!.username, users.find((u) => u.role === 'admin')!.password), role: 'admin' },
              { name: 'fresh manager', token: await hqLogin(users.find((u) => u.role === 'manager')!.username, users.find((u) => u.role === 'manager')!.password), role: 'manager' },
              { name: 'fresh office token', token: await newOfficeToken(`RF-OUT-${Date.now() % 100_000}`), role: 'office-sync' },
            ])()
          : null,
    });
    console.log(`head office: ${pairs} (route, credential) pairs over ${routes.length} routes`);
    assert.ok(pairs >= routes.length * creds.length, `only ${pairs} (route, credential) pairs tried`);
    // The ingest token the refusals were aimed around still works.
    const me = await request(hq.url, 'GET', '/api/v1/auth/me', { token: creds[2].token });
    assert.equal(me.status, 200);
  });
});
