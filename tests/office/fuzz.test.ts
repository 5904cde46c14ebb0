/**
 * Property-based robustness (fast-check) against a real office process: random and
 * malformed input at every route the office mounts in Express (checked against
 * /api/v1/openapi.json: a route missing from either fails) and at every socket command,
 * with ids that exist mixed with random ones. The answer is always a 4xx with an error
 * body (or an ack error), never a 5xx; the server stays up; a refused request leaves the
 * office's state unchanged (queue, figures, users, devices and tokens); numbering and the
 * outbox are still gapless afterwards.
 * FUZZ_RUNS sets the runs per route (default 40); FUZZ_SEED replays a run (its seed is printed).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test, vi } from 'vitest';
import fc from 'fast-check';
import { withDeadline } from '../support/deadline';
import { request, type JsonResponse } from '../support/http';
import { assertUnchanged, officeFingerprint as fingerprintOf, readOfficeDb as readDb } from '../support/office-fingerprint';
import { startInProcessOffice } from '../support/office';
import { documentedRoutes, mountedApiRoutes, routeDrift } from '../support/route-table';
import { closeOffice, expectStatus, issue, openOffice, stateFingerprint, type OfficeSession } from './helpers';
import { command, connect, type OfficeSocket } from './sockets';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
fc.configureGlobal({ seed: SEED });

// The Express apps the office builds are recorded, so the test reads the routes really
// mounted rather than a list of its own (tests/support/route-table.ts).
vi.mock('../../server/src/platform/http', async (importOriginal) =>
  (await import('../support/route-table')).recordingHttpModule(await importOriginal()),
);

/**
 * Non-GET routes where generated input may be valid: a partial settings change, an admin
 * creating something with a random (but acceptable) name, or changing one of the fuzz's
 * own throwaway entities (its real ids are in the mix). Their state is re-read afterwards.
 */
const MAY_ACCEPT = new Set([
  'PATCH /api/v1/office',
  'POST /api/v1/admin/services',
  'POST /api/v1/admin/counters',
  'POST /api/v1/admin/users',
  'POST /api/v1/admin/devices',
  'PATCH /api/v1/admin/services/{id}',
  'PATCH /api/v1/admin/counters/{id}',
  'PATCH /api/v1/admin/users/{id}',
  'PATCH /api/v1/admin/devices/{id}',
  'POST /api/v1/admin/devices/{id}/token',
  'DELETE /api/v1/admin/devices/{id}/token',
]);

/** Mounted under the API prefix but not an operation of it: the document itself. */
const NOT_DOCUMENTED = new Set(['GET /api/v1/openapi.json']);

type Route = { method: string; path: string; bodyKeys: string[]; hasBody: boolean };

let s: OfficeSession;
let routes: Route[] = [];
let documented: string[] = [];
let mounted: string[] = [];
/**
 * Ids that exist, by path parameter, mixed with random ones at every route so requests get
 * past the 404 to validation, roles and the state machine. Admin routes (`{id}`) get the
 * fuzz's own throwaway service, counter, user and device, so an accepted change cannot
 * break the demo office the other tests here use.
 */
let realIds: Record<string, string[]> = {};
const sockets: OfficeSocket[] = [];

/** The API routes the office really mounts, read from an office built in this process. */
async function officeApiRoutes(): Promise<string[]> {
  const office = await startInProcessOffice();
  try {
    return mountedApiRoutes();
  } finally {
    await office.stop();
  }
}

async function created(path: string, body: unknown): Promise<string> {
  const r = expectStatus(await request(s.url, 'POST', `/api/v1${path}`, { token: s.admin, body }), 201, `create ${path}`).body;
  return r.id ?? r.device.id;
}

beforeAll(async () => {
  s = await openOffice();
  const doc = expectStatus(await request(s.url, 'GET', '/api/v1/openapi.json'), 200).body;
  const byKey: Map<string, Route> = documentedRoutes(doc);
  documented = [...byKey.keys()];
  mounted = await officeApiRoutes();
  // The fuzz runs over what Express really serves; the document only lends body field names.
  routes = mounted
    .filter((key) => !NOT_DOCUMENTED.has(key))
    .map((key) => byKey.get(key) ?? { method: key.split(' ')[0], path: key.split(' ')[1], hasBody: true, bodyKeys: [] });

  const waiting = await issue(s, 'A');
  const other = await issue(s, 'B', { category: 'preferential' });
  const q = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
  realIds = {
    ticketId: [waiting.id, other.id],
    counterId: q.counters.map((c: { id: string }) => c.id),
    serviceId: Object.values(s.services).map((x) => x.id),
    'admin/services': [await created('/admin/services', { nameEs: 'Fuzz', nameEn: 'Fuzz', prefix: 'FZ' })],
    'admin/counters': [await created('/admin/counters', { name: 'Fuzz' })],
    'admin/users': [await created('/admin/users', { username: 'fuzz.user', displayName: 'Fuzz', role: 'agent', password: 'fuzz-password-1' })],
    'admin/devices': [await created('/admin/devices', { kind: 'kiosk', name: 'Fuzz kiosk' })],
  };
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await closeOffice(s);
});

// ---------- generators ----------

const hugeString = fc.constantFrom('x'.repeat(70_000), 'ñ'.repeat(5_000), '🎫'.repeat(2_000));
const deepNesting = fc.integer({ min: 50, max: 400 }).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d)));
const junk = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withSparseArray: true }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  hugeString,
  deepNesting,
  fc.constantFrom(null, true, 0, -1, 1e308, '', ' ', '__proto__', 'constructor', '../../etc/passwd', "'; DROP TABLE Ticket; --"),
);

/** The same junk, well under socket.io's 64 KB message limit (bigger ones are tested on their own). */
const underSocketLimit = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '') < 16_000;
const socketSized = junk.filter(underSocketLimit);

/**
 * An object with the route's own field names and values of any (mostly wrong) type, or an
 * id that exists (a real ticket in a counter's field, a real counter as a service...).
 */
const wrongTypes = (keys: string[]) => {
  const value = fc.oneof(junk, fc.constantFrom(...Object.values(realIds).flat()));
  return keys.length === 0 ? fc.object({ maxDepth: 2 }) : fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length + 1 });
};

const malformedJson = fc.oneof(
  fc.constantFrom('{', '{"serviceId":', '[1,2', 'nul', '{"a":1}}', '\u0000', '"unterminated', '{"a":1,}', '{\'a\':1}', '💥'),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
);

const oddId = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom('%', '%ZZ', '%00', '..', '%2e%2e', '%2F', 'null', 'undefined', '0', '-1', 'x'.repeat(65), '%F0%9F%8E%AB'),
);

type Probe = {
  ids: Record<string, string>;
  token: string | undefined;
  body:
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; text: string; contentType: string }
    | { kind: 'none' };
  query: string;
};

/** Ids that exist for a path parameter of this route, if the fuzz has any. */
function realIdsFor(route: Route, param: string): string[] | undefined {
  return realIds[param] ?? realIds[/^\/api\/v1\/(admin\/\w+)\//.exec(route.path)?.[1] ?? ''];
}

/** `withRealIds`: path ids that exist, mixed with random ones; otherwise random ids only. */
function probeFor(route: Route, token: () => fc.Arbitrary<string | undefined>, withRealIds: boolean): fc.Arbitrary<Probe> {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const idFor = (param: string) => {
    const real = withRealIds ? realIdsFor(route, param) : undefined;
    return real ? fc.oneof(fc.constantFrom(...real), oddId) : oddId;
  };
  const ids = fc.record(
    Object.fromEntries(params.map((p) => [p, idFor(p)])) as Record<
      string,
      fc.Arbitrary<string>
    >,
  );
  const body: fc.Arbitrary<Probe['body']> =
    route.method === 'GET'
      ? fc.constant({ kind: 'none' as const })
      : fc.oneof(
          fc.record({ kind: fc.constant('json' as const), value: junk }),
          fc.record({ kind: fc.constant('json' as const), value: wrongTypes(route.bodyKeys) }),
          fc.record({ kind: fc.constant('raw' as const), text: malformedJson, contentType }),
          fc.constant({ kind: 'none' as const }),
        );
  const query = fc.oneof(fc.constant(''), fc.string({ maxLength: 30 }).map((q) => `?${encodeURIComponent(q)}=${encodeURIComponent(q)}`), fc.constant('?a[b][c]=1&a=2'));
  return fc.record({ ids, token: token(), body, query });
}

async function send(route: Route, p: Probe): Promise<JsonResponse> {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => p.ids[name]).replace(/^\/api\/v1/, '') + p.query;
  const opts =
    p.body.kind === 'json'
      ? { token: p.token, body: p.body.value }
      : p.body.kind === 'raw'
        ? { token: p.token, rawBody: p.body.text, headers: { 'content-type': p.body.contentType } }
        : { token: p.token };
  return request(s.url, route.method, `/api/v1${path}`, opts);
}

/**
 * A refusal is a 4xx with an error body. An acceptance of a change is allowed only where
 * generated input may be valid (MAY_ACCEPT), or where the route takes no body and the probe
 * named ids that exist: cancelling a real waiting ticket is a valid command, whatever junk
 * rides along in a body the route does not read.
 */
function assertRefusedOrHarmless(route: Route, p: Probe, r: JsonResponse): void {
  const what = `${route.method} ${route.path} ${JSON.stringify(p).slice(0, 300)} -> ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
  assert.ok(r.status < 500, `server error: ${what}`);
  if (r.status >= 400) {
    assert.equal(typeof r.body?.error?.code, 'string', `no error body: ${what}`);
    assert.equal(typeof r.body?.error?.message, 'string', `no error message: ${what}`);
  } else if (route.method !== 'GET') {
    const realTarget = !route.hasBody && Object.entries(p.ids).every(([param, id]) => realIdsFor(route, param)?.includes(id));
    assert.ok(MAY_ACCEPT.has(`${route.method} ${route.path}`) || realTarget, `junk accepted: ${what}`);
  }
}

/** Reads the office's SQLite file directly (read-only, beside the running server). */
const readOfficeDb = <T>(read: Parameters<typeof readDb<T>>[1]): T => readDb(s.office.dataDir, read);

/** What a refused request must not change (tests/support/office-fingerprint.ts). */
const officeFingerprint = () => fingerprintOf({ url: s.url, dataDir: s.office.dataDir, supervisor: s.supervisor, admin: s.admin });

// ---------- HTTP ----------

test('every API route mounted in Express is in the OpenAPI document, and every documented one is mounted', () => {
  assert.deepEqual(routeDrift(mounted, documented, NOT_DOCUMENTED), { undocumented: [], notMounted: [] });
  assert.ok(routes.length >= 30, `only ${routes.length} routes mounted`);
});

test('junk at every route: 4xx with an error body, never 5xx; refusals change nothing', { timeout: 20 * 60_000 }, async () => {
  assert.ok(routes.length >= 30, `only ${routes.length} routes mounted`);
  // The logout route would revoke a real token when it works: give it only junk tokens.
  const goodToken = (route: Route) => () =>
    route.path === '/api/v1/auth/logout'
      ? fc.constantFrom(undefined, 'junk', '')
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant(s.admin) },
          { weight: 1, arbitrary: fc.constantFrom(undefined, 'not-a-token', s.kiosk, s.display, s.agents[0].token) },
        );
  const accepted: string[] = [];
  // Random ids first (every probe must be refused unless MAY_ACCEPT), then ids that exist.
  for (const withRealIds of [false, true]) {
    for (const route of routes) {
      const before = await officeFingerprint();
      let changedOnPurpose = false;
      await fc.assert(
        fc.asyncProperty(probeFor(route, goodToken(route), withRealIds), async (p) => {
          const r = await send(route, p);
          assertRefusedOrHarmless(route, p, r);
          if (r.status < 300 && route.method !== 'GET') {
            changedOnPurpose = true;
            accepted.push(`${route.method} ${route.path}`);
          }
        }),
        { numRuns: RUNS },
      );
      if (!changedOnPurpose) {
        assertUnchanged(await officeFingerprint(), before, `refused requests at ${route.method} ${route.path}`);
      }
      expectStatus(await request(s.url, 'GET', '/api/v1/health'), 200, `health after ${route.path}`);
    }
  }
  assert.ok(s.office.process.exitCode === null && s.office.process.signalCode === null, 'server died');
});

test('bad Idempotency-Key headers on a valid issue request are refused (400) and issue nothing', async () => {
  const before = await officeFingerprint();
  const badKey = fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 129, maxLength: 400 }).map((k) => k.replace(/[\r\n\0]/g, 'x')),
    // HTTP trims a header value's ends, so the odd character goes in the middle.
    fc
      .tuple(fc.stringMatching(/^[!-~]{1,20}$/), fc.constantFrom(' ', '\t', 'é', 'ñ', '\u00ff'), fc.stringMatching(/^[!-~]{1,20}$/))
      .map(([a, b, c]) => a + b + c),
  );
  await fc.assert(
    fc.asyncProperty(badKey, async (key) => {
      const r = await request(s.url, 'POST', '/api/v1/tickets', {
        token: s.kiosk,
        body: { serviceId: s.services.B.id, print: false },
        headers: { 'Idempotency-Key': key },
      });
      assert.equal(r.status, 400, `key ${JSON.stringify(key)}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'validation_failed');
    }),
    { numRuns: RUNS },
  );
  assertUnchanged(await officeFingerprint(), before, 'refused Idempotency-Keys');
});

// ---------- sockets ----------

const SOCKET_COMMANDS = [
  'snapshot:get',
  'print:result',
  'printer:status',
];

test('junk at every socket command: an ack error, the socket and server stay up, nothing changes', { timeout: 20 * 60_000 }, async () => {
  const byRole = {
    supervisor: await connect(s.url, { token: s.supervisor }),
    agent: await connect(s.url, { token: s.agents[0].token }),
    kiosk: await connect(s.url, { token: s.kiosk }),
    display: await connect(s.url, { token: s.display }),
  };
  sockets.push(...Object.values(byRole));
  const socketJunk = fc.oneof(
    socketSized,
    fc.record({ ticketId: socketSized, counterId: socketSized, serviceId: socketSized, reason: socketSized, status: socketSized }, { requiredKeys: [] }),
    fc.record({ jobId: socketSized, ticketId: socketSized, ok: socketSized, printerStatus: socketSized }, { requiredKeys: [] }),
  ).filter(underSocketLimit);
  for (const event of SOCKET_COMMANDS) {
    const before = await stateFingerprint(s.url, s.supervisor);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...(Object.keys(byRole) as (keyof typeof byRole)[])), socketJunk, async (role, payload) => {
        const socket = byRole[role];
        const r = await command(socket, event, payload);
        if (event === 'snapshot:get') {
          // Reading takes no payload: junk is ignored, the answer is the snapshot.
          assert.ok(r.data, `${role} snapshot:get: ${JSON.stringify(r.error)}`);
          return;
        }
        assert.ok(r.error, `${role} ${event} ${JSON.stringify(payload)?.slice(0, 200)} accepted: ${JSON.stringify(r.data)?.slice(0, 200)}`);
        assert.equal(typeof r.error.code, 'string');
        assert.notEqual(r.error.code, 'internal', `${role} ${event} ${JSON.stringify(payload)?.slice(0, 200)}`);
      }),
      { numRuns: RUNS },
    );
    // Odd shapes: no payload, no ack, extra arguments, a non-function last argument.
    for (const socket of Object.values(byRole)) {
      const raw = socket as unknown as { emit: (...a: unknown[]) => void };
      raw.emit(event);
      raw.emit(event, { ticketId: 1 }, 'not-a-function');
      raw.emit(event, 1, 2, 3, 4);
    }
    for (const [role, socket] of Object.entries(byRole)) {
      assert.ok(socket.connected, `${role} socket dropped after ${event}`);
      const snap = await command(socket, 'snapshot:get');
      assert.ok(snap.data, `${role} socket unusable after ${event}`);
    }
    assert.equal(await stateFingerprint(s.url, s.supervisor), before, `state changed by refused ${event}`);
  }
  expectStatus(await request(s.url, 'GET', '/api/v1/health'), 200);
});

test('an oversized socket message drops only that connection; the server and other sockets carry on', async () => {
  const victim = await connect(s.url, { token: s.agents[0].token });
  const bystander = await connect(s.url, { token: s.display });
  sockets.push(victim, bystander);
  const before = await stateFingerprint(s.url, s.supervisor);
  const dropped = new Promise<string>((resolve) => victim.once('disconnect', (reason) => resolve(reason)));
  (victim as unknown as { emit: (...a: unknown[]) => void }).emit('ticket:issue', { serviceId: 'x'.repeat(200_000) });
  assert.match(await withDeadline(dropped, 30_000, 'the oversized message to drop its connection'), /transport/);
  assert.ok((await command(bystander, 'snapshot:get')).data);
  const again = await connect(s.url, { token: s.agents[0].token });
  sockets.push(again);
  assert.ok((await command(again, 'snapshot:get')).data);
  assert.equal(await stateFingerprint(s.url, s.supervisor), before);
});

test('after the fuzzing, ticket numbers and the outbox are still gapless', () => {
  readOfficeDb((db) => {
    const tickets = db.prepare('SELECT issuedServiceId AS serviceId, day, number FROM Ticket ORDER BY issuedServiceId, day, number').all() as {
      serviceId: string;
      day: string;
      number: number;
    }[];
    assert.ok(tickets.length >= 2, 'the fuzz issued its tickets');
    const numbers = new Map<string, number[]>();
    for (const t of tickets) numbers.set(`${t.serviceId} ${t.day}`, [...(numbers.get(`${t.serviceId} ${t.day}`) ?? []), t.number]);
    const heads = db.prepare('SELECT serviceId, day, value FROM TicketCounter').all() as { serviceId: string; day: string; value: number }[];
    for (const [key, got] of numbers) {
      assert.deepEqual(got, got.map((_, i) => i + 1), `numbers of ${key}`);
      assert.equal(heads.find((h) => `${h.serviceId} ${h.day}` === key)?.value, got.length, `numbering head of ${key}`);
    }
    const seqs = (db.prepare('SELECT seq FROM OutboxEvent ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    assert.ok(seqs.length >= tickets.length, `outbox holds ${seqs.length} facts for ${tickets.length} tickets`);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'outbox seq is 1..N');
  });
});

test('the server logged no unexpected errors while being fuzzed', () => {
  assert.deepEqual(s.serverErrors, []);
});
