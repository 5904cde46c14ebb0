/**
 * Kill -9 in the middle of a batch, on either side of the link: nothing is lost, nothing
 * is counted twice, and the aggregates still equal a rebuild from the stored events.
 * Head office is the bundle `npm run hq` runs (needs `npm run build`); the sync worker
 * runs alone from its sources (fixtures/worker-process.ts), so the test can hold head
 * office's answer and kill the worker between the two acknowledgements.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openOfficeDb } from '../../server/src/db/office-db';
import { openHqDatabase, type HqDatabase } from '../../server/src/hq/db';
import { rebuildOffice } from '../../server/src/hq/ingest/rebuild';
import { createOffice } from '../../server/src/hq/org/offices';
import { createSyncWorker } from '../../server/src/office/sync/sync-worker';
import type { OutboxEnvelope } from '@turnero/contract/outbox';
import { startHqProcess, type HqProcess } from '../../bench/link-sim/hq-process';
import { staleBuildReason } from '../support/check-build';
import { withDeadline } from '../support/deadline';
import { createTestDatabase, freePort, OfficeStream, silentLogger, simulateTraffic, type TestDatabase } from './helpers';

const BATCH_SIZE = 700;
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
let testDb: TestDatabase;
let db: HqDatabase;
let dir: string;
const children = new Set<ChildProcess>();
const headOffices = new Set<HqProcess>();

/** Head office from the bundle on `port`, as `npm run hq` runs it. */
async function startHeadOffice(port: number): Promise<HqProcess> {
  const hq = await startHqProcess({ production: true, databaseUrl: testDb.url, port, dataDir: dir });
  headOffices.add(hq);
  return hq;
}

async function killHeadOffice(hq: HqProcess): Promise<void> {
  await hq.kill();
  headOffices.delete(hq);
}

/** Starts a fixture; resolves once it printed a line starting with `ready`. */
function spawnFixture(file: string, env: Record<string, string>, onLine?: (line: string) => void): Promise<ChildProcess> {
  return withDeadline(startFixture(file, env, onLine), 60_000, `${file} printing READY`);
}

function startFixture(file: string, env: Record<string, string>, onLine?: (line: string) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.startsWith('READY')) resolve(child);
        onLine?.(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`${file} exited early (${code})`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((r) => {
    if (child.exitCode !== null || child.signalCode !== null) return r();
    child.once('exit', () => r());
    child.kill('SIGKILL');
  });
  return withDeadline(exited, 10_000, 'a SIGKILLed fixture exiting');
}

async function appendOutbox(file: string, events: OutboxEnvelope[]) {
  const office = await openOfficeDb({ file });
  for (let i = 0; i < events.length; i += 2000) {
    await office.prisma.outboxEvent.createMany({
      data: events.slice(i, i + 2000).map((e) => ({ seq: e.seq, type: e.fact.kind, occurredAt: new Date(e.occurredAt), payload: JSON.stringify(e.fact) })),
    });
  }
  await office.close();
}

/** The sequence the office's file says head office acknowledged (SyncState), read-only. */
function persistedSeq(file: string): number {
  const office = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = office.prepare('SELECT lastSentSeq FROM SyncState').get() as { lastSentSeq: number } | undefined;
    return row?.lastSentSeq ?? 0; // no row before the first worker ran
  } finally {
    office.close();
  }
}

/**
 * A restarted worker goes on from what its file says head office acknowledged: its first
 * batch starts past that, and it resends at most the one batch the kill interrupted.
 */
function assertResumedFrom(persisted: number, postedBefore: number, posts: [number, number][], where: string): void {
  assert.ok(posts.length > 0, `${where}: the worker sent nothing`);
  const [first] = posts[0];
  assert.ok(first > persisted, `${where}: resumed at ${first}, but the file held ${persisted} as acknowledged`);
  const resent = Math.max(0, postedBefore - first + 1);
  assert.ok(resent <= BATCH_SIZE, `${where}: resent ${resent} events, more than one batch of ${BATCH_SIZE}`);
}

async function snapshot(code: string) {
  const office = await db.prisma.hqOffice.findUniqueOrThrow({ where: { code } });
  const q = (sql: string) => db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql, office.id);
  return {
    ackedSeq: office.ackedSeq,
    events: (await q('SELECT COUNT(*)::int AS n FROM hq_event WHERE office_id = $1'))[0].n,
    totals: (await q('SELECT SUM(issued)::int AS issued, SUM(served)::int AS served, SUM(no_shows)::int AS no_shows FROM hq_agg_day WHERE office_id = $1'))[0],
    hours: await q('SELECT * FROM hq_agg_hour WHERE office_id = $1 ORDER BY service_code, day, hour'),
    agent: await q('SELECT * FROM hq_agent_hour WHERE office_id = $1 ORDER BY day, hour'),
  };
}

beforeAll(async () => {
  const stale = staleBuildReason();
  if (stale) throw new Error(`The crash tests run the built head office, and it is out of date (${stale}): run \`npm run build\` first.`);
  testDb = await createTestDatabase();
  db = await openHqDatabase({ databaseUrl: testDb.url, dataDir: '/tmp' });
  dir = mkdtempSync(join(tmpdir(), 'hq-crash-'));
});
afterAll(async () => {
  for (const c of children) await kill9(c);
  for (const hq of headOffices) await killHeadOffice(hq);
  await db?.close();
  await testDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  test('head office killed with SIGKILL mid-batch, restarted: nothing lost, nothing counted twice', async () => {
    const { token } = await createOffice(db.prisma, { code: 'KILL-HQ', name: 'Kill HQ' });
    const file = join(dir, 'kill-hq.db');
    const s = new OfficeStream('KILL-HQ', new Date('2026-11-02T12:00:00Z'));
    const expected = simulateTraffic(s, 2500, 10);
    await appendOutbox(file, s.events);

    const port = await freePort();
    let hq = await startHeadOffice(port);
    let posts = 0;
    let kills = 0;
    let restarting: Promise<void> | null = null;
    const office = await openOfficeDb({ file });
    const worker = createSyncWorker({
      prisma: office.prisma,
      hqUrl: `http://127.0.0.1:${port}`,
      hqToken: token,
      officeCode: 'KILL-HQ',
      timeZone: 'America/Bogota',
      clock: { now: () => new Date() },
      logger: await silentLogger(),
      batchSize: 1000,
      baseBackoffMs: 50,
      maxBackoffMs: 200,
      idleMs: 20,
      // Kill head office 15 ms into every 3rd batch (twice), then bring it back up.
      fetch: async (url, init) => {
        posts += 1;
        if (posts % 3 === 0 && kills < 2 && !restarting) {
          kills += 1;
          const victim = hq;
          restarting = new Promise<void>((r) => setTimeout(r, 15))
            .then(() => killHeadOffice(victim))
            .then(async () => {
              hq = await startHeadOffice(port);
            })
            .finally(() => (restarting = null));
        }
        return fetch(url, init);
      },
    });
    worker.start();
    await worker.waitForSeq(s.seq, 120_000);
    await worker.stop();
    await office.close();
    assert.equal(kills, 2);

    const incremental = await snapshot('KILL-HQ');
    assert.equal(incremental.ackedSeq, s.seq);
    assert.equal(incremental.events, s.seq);
    assert.equal(incremental.totals.issued, expected.issued);
    assert.equal(incremental.totals.served, expected.served);
    await rebuildOffice(db, 'KILL-HQ');
    assert.deepEqual(await snapshot('KILL-HQ'), incremental);
    await killHeadOffice(hq);
  });

  test('sync worker killed with SIGKILL mid-batch, restarted: resumes from its file, resends at most that batch, head office ignores the repeats', async () => {
    const { token } = await createOffice(db.prisma, { code: 'KILL-WK', name: 'Kill worker' });
    const file = join(dir, 'kill-wk.db');
    const s = new OfficeStream('KILL-WK', new Date('2026-11-02T12:00:00Z'));
    const expected = simulateTraffic(s, 2500, 10);
    await appendOutbox(file, s.events);
    const port = await freePort();
    const hq = await startHeadOffice(port);
    const env = { OFFICE_DB: file, HQ_URL: `http://127.0.0.1:${port}`, HQ_TOKEN: token, OFFICE_CODE: 'KILL-WK', BATCH_SIZE: String(BATCH_SIZE) };

    let sent = 0;
    /** The last batch the killed worker got head office's answer to, never acknowledged here. */
    let held: [number, number] | null = null;
    /** The last sequence any killed worker posted. */
    let postedBeforeRestart = 0;
    const onWorkerLine = (onHeld: () => void) => (line: string) => {
      const [word, a, b] = line.split(' ');
      if (word === 'SENT') sent = Number(a);
      if (word === 'POST') posts.push([Number(a), Number(b)]);
      if (word === 'ANSWERED') {
        held = [Number(a), Number(b)];
        onHeld();
      }
    };
    let posts: [number, number][] = [];
    for (let round = 0; round < 2 && sent < s.seq; round++) {
      held = null;
      let victim: ChildProcess | null = null;
      const persistedBefore = persistedSeq(file);
      posts = [];
      const killed = new Promise<void>((resolve) => {
        // Head office answers the third batch, and the worker dies before it records that answer.
        void spawnFixture('worker-process.ts', { ...env, HOLD_ANSWER_OF_BATCH: '3' }, onWorkerLine(() => void kill9(victim!).then(resolve))).then(
          (c) => (victim = c),
        );
      });
      await withDeadline(killed, 120_000, `round ${round}: the worker reaching its held batch and being killed`);
      assertResumedFrom(persistedBefore, postedBeforeRestart, posts, `restart ${round}`);
      // The kill hit mid-batch: head office holds the held batch, the office's file does not.
      assert.ok(held, 'no batch was held');
      const [first, last] = held as [number, number];
      assert.equal(persistedSeq(file), first - 1, `round ${round}: the office persisted the ack of the batch it was killed in`);
      assert.ok((await snapshot('KILL-WK')).ackedSeq >= last, `round ${round}: head office never got the batch the kill hit`);
      postedBeforeRestart = last;
    }
    assert.ok(sent < s.seq, 'the worker was killed before finishing');
    const persisted = persistedSeq(file);
    posts = [];
    const final = await spawnFixture('worker-process.ts', env, onWorkerLine(() => undefined));
    const deadline = Date.now() + 60_000;
    while (sent < s.seq && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await kill9(final);
    await killHeadOffice(hq);
    assertResumedFrom(persisted, postedBeforeRestart, posts, 'the last restart');

    const snap = await snapshot('KILL-WK');
    assert.equal(snap.ackedSeq, s.seq);
    assert.equal(snap.events, s.seq);
    assert.equal(snap.totals.issued, expected.issued);
    assert.equal(snap.totals.served, expected.served);
  });
});
