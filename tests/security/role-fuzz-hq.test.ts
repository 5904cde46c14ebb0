/**
 * Roles mixed at every door of head office (issue 11, "Tests and figures"): every REST route
 * (read from the OpenAPI document, checked against the routes Express really mounts) with
 * admin, a company manager, an office ingest token, no token, a junk token, an expired one
 * and revoked ones (manager and office). Each answer is what the route's declared roles
 * allow; refused requests must leave every head-office table as it was.
 *
 * The office's doors: role-fuzz-office.test.ts; the shared probes and fuzzRoutes:
 * role-fuzz-support.ts (ROLE_FUZZ_RUNS, ROLE_FUZZ_SEED).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, test, vi } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { createTestDatabase, silentLogger, type TestDatabase } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { request } from '../support/http';
import { FakeClock, tempDataDir } from '../support/office';
import { mountedApiRoutes, routeDrift, type DocumentedRoute } from '../support/route-table';
import { fuzzRoutes, NOT_DOCUMENTED, oddId, readDocumented, TTL_HOURS, type Credential } from './role-fuzz-support';

vi.mock('../../server/src/platform/http', async (importOriginal) =>
  (await import('../support/route-table')).recordingHttpModule(await importOriginal()),
);

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
