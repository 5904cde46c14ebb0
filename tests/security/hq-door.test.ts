/**
 * Head office has the office's door (platform/client-guard.ts): a client that keeps asking
 * after its refusals is turned away before Express, connection closed, while a client on
 * another address is served. Real head office on a test PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { createTestDatabase, silentLogger, type TestDatabase } from '../hq/helpers';

let testDb: TestDatabase;
let dataDir: string;
let hq: HqServer;

beforeAll(async () => {
  testDb = await createTestDatabase('hq_door');
  dataDir = mkdtempSync(join(tmpdir(), 'hq-door-'));
  hq = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: testDb.url,
    demo: true,
    logger: await silentLogger(),
    loginRateLimitPerMinute: 1,
    // Longer than the test: a cool-down never ends by itself here.
    web: { FLOOD_REFUSALS: 3, FLOOD_COOLDOWN_SECONDS: 600 },
  });
});
afterAll(async () => {
  await hq?.stop();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One request from a given loopback address: its status and whether the server closes the connection. */
function from(localAddress: string, method: string, path: string, body?: object): Promise<{ status: number; closes: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${hq.url}${path}`, { method, localAddress, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, closes: res.headers.connection === 'close' }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

test('a client that keeps guessing after its refusals is turned away at the door; another address is served', async () => {
  const guesses: number[] = [];
  for (let i = 0; i < 10; i++) guesses.push((await from('127.0.0.9', 'POST', '/api/v1/auth/login', { username: 'admin', password: `guess-${i}` })).status);
  assert.equal(guesses[0], 401, 'the first guess is judged');
  assert.ok(guesses.slice(1).every((s) => s === 429), `later guesses refused: ${guesses.join(' ')}`);
  // Cooling down: even the health check is refused before routing, and the connection closed.
  const health = await from('127.0.0.9', 'GET', '/api/v1/health');
  assert.deepEqual(health, { status: 429, closes: true });
  assert.equal((await from('127.0.0.10', 'GET', '/api/v1/health')).status, 200, 'another address is served');
});
