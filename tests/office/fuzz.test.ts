/**
 * Property-based robustness (fast-check) against a real office process: random and
 * malformed input at every route listed in /api/v1/openapi.json and at every socket
 * command. The answer is always a 4xx with an error body (or an ack error), never a 5xx;
 * the server stays up; and a refused request leaves the office's state unchanged.
 * FUZZ_RUNS sets the runs per route (default 40).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import fc from 'fast-check';
import { request, type JsonResponse } from '../support/http';
import { closeOffice, expectStatus, issue, openOffice, stateFingerprint, type OfficeSession } from './helpers';
import { command, connect, type OfficeSocket } from './sockets';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/**
 * Non-GET routes where generated input may be valid: a partial settings change, or an admin
 * creating something with a random (but acceptable) name. Their state is re-read afterwards.
 */
const MAY_ACCEPT = new Set([
  'PATCH /api/v1/office',
  'POST /api/v1/admin/services',
  'POST /api/v1/admin/counters',
  'POST /api/v1/admin/users',
  'POST /api/v1/admin/devices',
]);

let s: OfficeSession;
let routes: { method: string; path: string; bodyKeys: string[]; hasBody: boolean }[] = [];
/** Real ids for routes whose body is what gets fuzzed (the id must exist to reach the body). */
let realIds: Record<string, string[]> = {};
const sockets: OfficeSocket[] = [];

beforeAll(async () => {
  s = await openOffice();
  const doc = expectStatus(await request(s.url, 'GET', '/api/v1/openapi.json'), 200).body;
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method.toUpperCase(),
        path,
        hasBody: Boolean(schema),
        bodyKeys: Object.keys(schema?.properties ?? schema?.allOf?.[0]?.properties ?? {}),
      });
    }
  }
  const waiting = await issue(s, 'A');
  const q = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
  realIds = { ticketId: [waiting.id], counterId: q.counters.map((c: { id: string }) => c.id) };
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

/** An object with the route's own field names and values of any (mostly wrong) type. */
const wrongTypes = (keys: string[]) =>
  keys.length === 0 ? fc.object({ maxDepth: 2 }) : fc.dictionary(fc.constantFrom(...keys), junk, { maxKeys: keys.length + 1 });

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

function probeFor(route: (typeof routes)[number], token: () => fc.Arbitrary<string | undefined>): fc.Arbitrary<Probe> {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  // A real id only where the body decides the outcome (and an accepted junk body cannot do harm).
  const useReal = route.hasBody && /\/(tickets\/\{ticketId\}\/(transfer|finish|call)|counters\/\{counterId\}\/pause)$/.test(route.path);
  const ids = fc.record(
    Object.fromEntries(
      params.map((p) => [p, useReal && realIds[p] ? fc.oneof(fc.constantFrom(...realIds[p]), oddId) : oddId]),
    ) as Record<string, fc.Arbitrary<string>>,
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

async function send(route: (typeof routes)[number], p: Probe): Promise<JsonResponse> {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => p.ids[name]).replace(/^\/api\/v1/, '') + p.query;
  const opts =
    p.body.kind === 'json'
      ? { token: p.token, body: p.body.value }
      : p.body.kind === 'raw'
        ? { token: p.token, rawBody: p.body.text, headers: { 'content-type': p.body.contentType } }
        : { token: p.token };
  return request(s.url, route.method, `/api/v1${path}`, opts);
}

function assertRefusedOrHarmless(route: (typeof routes)[number], p: Probe, r: JsonResponse): void {
  const what = `${route.method} ${route.path} ${JSON.stringify(p).slice(0, 300)} -> ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
  assert.ok(r.status < 500, `server error: ${what}`);
  if (r.status >= 400) {
    assert.equal(typeof r.body?.error?.code, 'string', `no error body: ${what}`);
    assert.equal(typeof r.body?.error?.message, 'string', `no error message: ${what}`);
  } else if (route.method !== 'GET') {
    assert.ok(MAY_ACCEPT.has(`${route.method} ${route.path}`), `junk accepted: ${what}`);
  }
}

// ---------- HTTP ----------

test('junk at every route: 4xx with an error body, never 5xx; refusals change nothing', { timeout: 20 * 60_000 }, async () => {
  assert.ok(routes.length >= 30, `only ${routes.length} routes in openapi.json`);
  // The logout route would revoke a real token when it works: give it only junk tokens.
  const goodToken = (route: (typeof routes)[number]) => () =>
    route.path === '/api/v1/auth/logout'
      ? fc.constantFrom(undefined, 'junk', '')
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant(s.admin) },
          { weight: 1, arbitrary: fc.constantFrom(undefined, 'not-a-token', s.kiosk, s.display, s.agents[0].token) },
        );
  const accepted: string[] = [];
  for (const route of routes) {
    const before = await stateFingerprint(s.url, s.supervisor);
    let changedOnPurpose = false;
    await fc.assert(
      fc.asyncProperty(probeFor(route, goodToken(route)), async (p) => {
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
      assert.equal(await stateFingerprint(s.url, s.supervisor), before, `state changed by refused requests at ${route.method} ${route.path}`);
    }
    expectStatus(await request(s.url, 'GET', '/api/v1/health'), 200, `health after ${route.path}`);
  }
  assert.ok(s.office.process.exitCode === null && s.office.process.signalCode === null, 'server died');
});

test('bad Idempotency-Key headers on a valid issue request are refused (400) and issue nothing', async () => {
  const before = await stateFingerprint(s.url, s.supervisor);
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
  assert.equal(await stateFingerprint(s.url, s.supervisor), before);
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
  assert.match(await dropped, /transport/);
  assert.ok((await command(bystander, 'snapshot:get')).data);
  const again = await connect(s.url, { token: s.agents[0].token });
  sockets.push(again);
  assert.ok((await command(again, 'snapshot:get')).data);
  assert.equal(await stateFingerprint(s.url, s.supervisor), before);
});

test('the server logged no unexpected errors while being fuzzed', () => {
  assert.deepEqual(s.serverErrors, []);
});
