/**
 * The live demo office: a sped-up simulated hour against a real office process, through
 * its real API, issues, calls and finishes tickets with gapless numbers; the office
 * started with DEMO_SIMULATE runs it by itself; a real office refuses it.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { QueueSnapshot } from '@turnero/contract/dto';
import { systemClock } from '@turnero/domain/types';
import { scaledTime } from '../../server/src/office/demo/demo-time';
import { startLiveDemo, type LiveDemoCounts } from '../../server/src/office/demo/live-demo';
import { withDeadline } from '../support/deadline';
import { login, request } from '../support/http';
import { REPO_ROOT, startTestOffice, tempDataDir, type TestOffice } from '../support/office';

const quietLogger = { info() {}, warn() {} };
/** An hour in 15 s of real time. */
const SPEED = 240;

describe('a simulated hour against a real office', () => {
  let office: TestOffice;
  let counts: LiveDemoCounts;
  let rows: Array<{ issuedServiceId: string; day: string; number: number; status: string }>;
  let agentEvents: string[];

  beforeAll(async () => {
    office = await startTestOffice();
    const demo = startLiveDemo({
      baseUrl: office.url,
      creds: office.creds,
      time: scaledTime(systemClock, SPEED),
      seed: 'live-demo-test',
      customersPerHour: 60,
      logger: quietLogger,
    });
    await new Promise((r) => setTimeout(r, (60 * 60 * 1000) / SPEED));
    await demo.stop();
    counts = demo.counts();
    console.info('live demo, one simulated hour:', JSON.stringify(counts));
    await office.stop();
    const db = new Database(join(office.dataDir, 'office.db'), { readonly: true });
    rows = db.prepare('SELECT issuedServiceId, day, number, status FROM Ticket').all() as typeof rows;
    agentEvents = (db.prepare('SELECT type FROM AgentEvent').all() as Array<{ type: string }>).map((e) => e.type);
    db.close();
  }, 120_000);
  afterAll(() => office?.cleanup());

  test('customers took tickets and agents called, served and finished them, every answer as expected', () => {
    assert.ok(counts.issued >= 25, `issued ${counts.issued} in the hour (about 60 expected)`);
    assert.equal(rows.length, counts.issued, 'every ticket the demo took is in the file, and no other');
    assert.ok(counts.called >= 10, `called ${counts.called}`);
    assert.ok(counts.finished >= 5, `finished ${counts.finished}`);
    assert.equal(rows.filter((r) => r.status === 'done').length, counts.finished, 'each ticket the demo finished is done in the file');
    assert.equal(rows.filter((r) => r.status === 'no_show').length, counts.noShows, 'each no-show is one in the file');
    assert.equal(counts.refused, 0, 'the API never refused the demo');
    assert.ok(agentEvents.filter((e) => e === 'signed_in').length >= 4, `agents signed in: ${agentEvents.join(',')}`);
  });

  test('numbering is gapless per service and day: 1..n, none skipped or repeated', () => {
    const byService = new Map<string, number[]>();
    for (const r of rows) byService.set(`${r.issuedServiceId}|${r.day}`, [...(byService.get(`${r.issuedServiceId}|${r.day}`) ?? []), r.number]);
    assert.ok(byService.size >= 3, `tickets for ${byService.size} services`);
    for (const [key, numbers] of byService) {
      assert.deepEqual(numbers.sort((a, b) => a - b), numbers.map((_, i) => i + 1), key);
    }
  });
});

test('an office started with DEMO_SIMULATE=true comes alive on its own: tickets are issued and called', { timeout: 120_000 }, async () => {
  const office = await startTestOffice({ env: { DEMO_SIMULATE: 'true', DEMO_SIMULATE_SPEED: '600', DEMO_SIMULATE_SEED: 'wired' } });
  try {
    const supervisor = office.creds.users.find((u) => u.role === 'supervisor')!;
    const token = await login(office.url, supervisor.username, supervisor.password);
    const deadline = Date.now() + 60_000;
    let snap: QueueSnapshot | null = null;
    while (Date.now() < deadline) {
      snap = (await request<QueueSnapshot>(office.url, 'GET', '/api/v1/queue', { token })).body;
      if (snap.recentCalls.length > 0 && snap.counters.some((c) => c.agentId)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(snap && snap.recentCalls.length > 0, 'the wall display has calls to show');
    assert.ok(snap.counters.some((c) => c.agentState !== 'signed_out'), 'agents are at their counters');
  } finally {
    await office.stop();
    office.cleanup();
  }
});

test('a real office (DEMO=false) refuses DEMO_SIMULATE and says why', { timeout: 60_000 }, async () => {
  const dataDir = tempDataDir();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DEMO: 'false', DEMO_SIMULATE: 'true', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'a long passphrase' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const code = await withDeadline(exited, 45_000, 'the office refusing DEMO_SIMULATE to exit').finally(() => child.kill('SIGKILL'));
  assert.equal(code, 2, output);
  assert.match(output, /DEMO_SIMULATE=true is for the demo office only/);
  assert.doesNotMatch(output, /listening on/);
});
