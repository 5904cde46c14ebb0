/**
 * Head office holds a live link to every office of a large group: 2,000 simulated office
 * links (bench/link-sim, in their own process, each fetching, applying in order and
 * reporting as an office does) on one real head-office process and PostgreSQL. Counts and
 * order are asserted, never times (those are in bench/hq-link.ts).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { HqAdmin } from '../../bench/link-sim/hq-admin';
import { startHqProcess, type HqProcess } from '../../bench/link-sim/hq-process';
import type { SimLinkSpec } from '../../bench/link-sim/protocol';
import { LinkSimulator } from '../../bench/link-sim/simulator';
import { createTestDatabase, freePort, type TestDatabase } from '../hq/helpers';

const OFFICES = Number(process.env.LINK_SCALE_OFFICES ?? 2000);

let testDb: TestDatabase;
let dataDir: string;
let hq: HqProcess;
let sim: LinkSimulator;
let admin: HqAdmin;
let links: SimLinkSpec[];

beforeAll(async () => {
  testDb = await createTestDatabase('hq_link_scale');
  dataDir = mkdtempSync(join(tmpdir(), 'hq-link-scale-'));
  hq = await startHqProcess({ databaseUrl: testDb.url, dataDir, port: await freePort() });
  sim = await LinkSimulator.start();
  admin = await HqAdmin.signIn(hq.url);
  links = await admin.createOffices(`S${randomBytes(2).toString('hex').toUpperCase()}`, OFFICES);
});
afterAll(async () => {
  await sim?.stop();
  await hq?.stop();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe(`${OFFICES} office links on one head office`, () => {
  test('all connect; two bulk publishes reach every office once each, in order, and head office sees them applied', async () => {
    await sim.open(hq.url, links);
    await sim.waitUntil(() => sim.allConnected(), 90_000, `all ${OFFICES} links connected`);
    const ids = links.map((l) => l.id);
    const before = new Map(sim.all().map((v) => [v.id, v.versions.length]));

    // Named: a bulk publish with no list goes to the offices that have services configured.
    const first = await admin.publish(ids);
    const second = await admin.publish(ids);
    assert.equal(first.size, OFFICES, 'the publish names every office');
    await sim.waitUntil(() => sim.allApplied((id) => second.get(id)!), 90_000, 'both publishes applied at every office');

    for (const v of sim.all()) {
      const fresh = v.versions.slice(before.get(v.id)).map((x) => x.version);
      assert.deepEqual(fresh, [first.get(v.id), second.get(v.id)], `${v.id} applied each publish once, in order`);
      assert.deepEqual(v.appliedSeqs, v.appliedSeqs.map((_, i) => i + 1), `${v.id} applied seqs 1..n without gaps or repeats`);
      assert.deepEqual(v.anomalies, [], `${v.id} saw nothing outside the contract`);
      assert.equal(v.redelivered, 0, `${v.id} was never sent a message it had applied`);
      assert.equal(v.connects, 1, `${v.id} stayed on its first connection`);
    }

    // Head office's own record agrees: every office on the second version, linked.
    const seen = await admin.waitForLinks((rows) => ids.every((id) => rows.get(id)?.appliedVersion === second.get(id)), 60_000);
    for (const id of ids) {
      const link = seen.get(id)!;
      assert.equal(link.connected, true, `${id} shows as connected`);
      assert.equal(link.currentVersion, second.get(id));
      assert.equal(link.appliedSeq, sim.view(id).appliedSeqs.at(-1));
    }
  });
});
