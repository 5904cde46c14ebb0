/**
 * The role fuzz's shared part (tests/security/role-fuzz-office.test.ts and
 * role-fuzz-hq.test.ts): the credentials, what each route must answer each of them, the
 * fast-check probes, and fuzzRoutes, which walks every documented route with every
 * credential and checks that refusals leave the state fingerprint alone.
 *
 * Bounded: ROLE_FUZZ_RUNS random probes per route and phase (default 10) after one probe
 * per pair; the seed is printed and ROLE_FUZZ_SEED (or FUZZ_SEED) replays it.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expectStatus } from '../office/helpers';
import { request, type JsonResponse } from '../support/http';
import { documentedRoutes, routeKey, type DocumentedRoute } from '../support/route-table';

const RUNS = Number(process.env.ROLE_FUZZ_RUNS ?? 10);
const SEED = Number(process.env.ROLE_FUZZ_SEED ?? process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`role fuzz seed ${SEED} (replay with ROLE_FUZZ_SEED=${SEED})`);
fc.configureGlobal({ seed: SEED });

export const TTL_HOURS = 12;
/** Mounted under the API prefix but not an operation of it: the document itself. */
export const NOT_DOCUMENTED = new Set(['GET /api/v1/openapi.json']);

// ---------- credentials and what each route must answer them ----------

/** A credential as the fuzz holds it: the role it would act as, or null for a dead one. */
export interface Credential {
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
export const jsonJunk = fc.oneof(
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
export const oddId = fc
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
export async function fuzzRoutes(t: Target): Promise<number> {
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
export const everyOnceThenRandom = <T>(examples: T[]) => ({ numRuns: RUNS + examples.length, examples });

/** A probe with no body and placeholder ids: each pair's first, deterministic try. */
const emptyProbe = (route: DocumentedRoute): Probe => ({
  ids: Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'x'])),
  body: undefined,
  query: '',
});

export async function readDocumented(url: string): Promise<Map<string, DocumentedRoute>> {
  return documentedRoutes(expectStatus(await request(url, 'GET', '/api/v1/openapi.json'), 200, 'openapi').body);
}

// ---------- office ----------
