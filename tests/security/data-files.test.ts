/**
 * Files on disk and the start-up banner (issue 11, items 4 and 8): DATA_DIR is 0700 and
 * everything the server writes there (database, its WAL and shared memory, lock, demo
 * credentials, printed tickets) is 0600, so another user of the machine reads nothing;
 * a folder an older version left open is closed at the next start; the banner says where
 * the device tokens are instead of printing them into logs. Head office: embedded-pg.test.ts.
 */
import { afterAll, describe, test } from 'vitest';
import { withDeadline } from '../support/deadline';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { request } from '../support/http';
import { REPO_ROOT, startInProcessOffice, tempDataDir } from '../support/office';
import { eventually, openEntries } from './support';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('office data folder', () => {
  test('npm start: DATA_DIR 0700, every file 0600, and the banner prints no token', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    rmSync(dataDir, { recursive: true }); // let the server create it, as on a first start
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: 'true', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      await eventually(async () => /listening on http:\/\/\S+[\s\S]*\n\n/.test(stdout), 60_000, `the banner:\n${stdout}\n${stderr}`);
      const url = /listening on (http:\/\/\S+)/.exec(stdout)![1].replace('localhost', '127.0.0.1');
      const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));

      assert.ok(!stdout.includes(creds.kioskToken), 'the banner printed the kiosk token');
      assert.ok(!stdout.includes(creds.displayToken), 'the banner printed the display token');
      assert.ok(stdout.includes(join(dataDir, 'demo-credentials.json')), 'the banner says where the tokens are');

      // A printed ticket, so the virtual printer's files are on disk too.
      const services = (await request(url, 'GET', '/api/v1/services', { token: creds.kioskToken })).body;
      const list = Array.isArray(services) ? services : services.services;
      const issued = await request(url, 'POST', '/api/v1/tickets', { token: creds.kioskToken, body: { serviceId: list[0].id } });
      assert.equal(issued.status, 201);
      const printed = join(dataDir, 'printed');
      await eventually(async () => existsSync(printed) && readdirSync(printed).length > 0, 20_000, 'a printed ticket file');

      for (const f of ['office.db', 'office.db-wal', 'office.db-shm', 'office.lock', 'demo-credentials.json']) {
        assert.ok(existsSync(join(dataDir, f)), `${f} exists (else this test checks nothing about it)`);
      }
      assert.deepEqual(openEntries(dataDir), []);
    } finally {
      child.kill('SIGTERM');
      await withDeadline(exited, 15_000, 'the office to exit after SIGTERM');
    }
  });

  test('a data folder an earlier version left readable is made private at the next start', async () => {
    const first = await startInProcessOffice();
    const dataDir = first.dataDir;
    await first.server.stop();
    dirs.push(dataDir);
    const loosened = ['office.db', 'office.lock', 'demo-credentials.json'].map((f) => join(dataDir, f)).filter(existsSync);
    chmodSync(dataDir, 0o755);
    for (const f of loosened) chmodSync(f, 0o644);
    assert.notDeepEqual(openEntries(dataDir), [], 'the folder is open before the restart');

    const again = await startInProcessOffice({ dataDir });
    try {
      assert.deepEqual(openEntries(dataDir).filter((e) => !e.includes(`${join(dataDir, 'printed')}`)), []);
    } finally {
      await again.server.stop();
    }
  });
});
