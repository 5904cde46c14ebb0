/**
 * Head office's embedded PostgreSQL (issue 11, item 5): pglite-socket checks no user or
 * password, so on a TCP port any local process could log in as anyone and read password
 * hashes and tokens. It must listen on no TCP port (a Unix socket in a 0700 folder), and
 * a real head office (DEMO=false) must refuse it. Also the head office's data folder
 * modes (item 4).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { loadConfig } from '../../server/src/platform/config';
import { createLogger } from '../../server/src/platform/logger';
import { tempDataDir } from '../support/office';
import { listeningTcpPorts } from './support';

const dataDir = tempDataDir('turnero-hq-embedded-');
let hq: HqServer | undefined;
let portsBefore: Set<number>;
let portsWhileRunning: Set<number>;

beforeAll(async () => {
  chmodSync(dataDir, 0o755);
  portsBefore = listeningTcpPorts();
  hq = await createHqServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: createLogger('silent') });
  portsWhileRunning = listeningTcpPorts();
});
afterAll(async () => {
  await hq?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL (PGlite)', () => {
  test('listens on no TCP port: the only new one is the HTTP server', () => {
    const opened = [...portsWhileRunning].filter((p) => !portsBefore.has(p));
    assert.deepEqual(opened, [hq!.port]);
  });

  test('is reached through a Unix socket in a folder only this user can enter, and it works', async () => {
    const socketDir = new URL(hq!.db.url).searchParams.get('host') ?? '';
    assert.match(socketDir, /^\//, `a socket folder, not a TCP host: ${hq!.db.url}`);
    assert.equal(statSync(socketDir).mode & 0o777, 0o700);
    assert.ok(statSync(join(socketDir, '.s.PGSQL.5432')).isSocket());
    const rows = await hq!.db.sql.$queryRawUnsafe<{ n: number }[]>('SELECT 1 AS n');
    assert.deepEqual(rows, [{ n: 1 }]);
  });

  test('a client naming any user over TCP at 127.0.0.1 finds nothing to talk to', async () => {
    for (const port of portsWhileRunning) {
      if (port === hq!.port || portsBefore.has(port)) continue;
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'attacker', password: 'anything', database: 'postgres' });
      const outcome = await client.connect().then(
        () => 'connected',
        (err: Error) => `refused: ${err.message}`,
      );
      await client.end().catch(() => {});
      assert.match(outcome, /^refused/, `port ${port}`);
    }
  });

  test('the data folder is 0700, the database folder 0700, the credentials 0600', () => {
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dataDir, 'hq-pglite')).mode & 0o777, 0o700);
    assert.equal(statSync(join(dataDir, 'demo-credentials.json')).mode & 0o777, 0o600);
  });

  test('stopping head office removes the socket folder', async () => {
    const socketDir = new URL(hq!.db.url).searchParams.get('host')!;
    assert.ok(existsSync(socketDir));
    await hq!.stop();
    hq = undefined;
    assert.ok(!existsSync(socketDir));
  });
});

describe('outside demo mode', () => {
  test('head office refuses the embedded database: at boot, and when started in-process', async () => {
    assert.throws(() => loadConfig({ ROLE: 'hq', DEMO: 'false' }), /DATABASE_URL is required when DEMO=false/);
    assert.equal(loadConfig({ ROLE: 'hq', DEMO: 'false', DATABASE_URL: 'postgresql://x@db/hq' }).DEMO, false);
    const dir = tempDataDir('turnero-hq-refused-');
    try {
      await assert.rejects(
        createHqServer({ port: 0, host: '127.0.0.1', dataDir: dir, demo: false, logger: createLogger('silent') }),
        (err: Error) => err.name === 'EmbeddedDatabaseRefused' && /DATABASE_URL/.test(err.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
