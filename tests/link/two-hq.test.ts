/**
 * Two head-office processes behind one address, as a load balancer would run them: one
 * PostgreSQL (the truth) and one Redis (socket.io's adapter), offices linked to either.
 * What one process does must reach links held by the other: a publish made on A is
 * noticed at once by an office linked to B (no reconnection needed) and applied once, by
 * simulated links (bench/link-sim) and by a real office process; a token revoked on A
 * ends that office's link on B.
 *
 * The Redis server is shared with other test files running at the same time, and its
 * channels are not per database: office codes carry a random part so no other test's
 * notice or revocation can reach these links.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HqAdmin } from '../../bench/link-sim/hq-admin';
import { startHqProcess, type HqProcess } from '../../bench/link-sim/hq-process';
import type { SimLinkSpec } from '../../bench/link-sim/protocol';
import { LinkSimulator } from '../../bench/link-sim/simulator';
import { createTestDatabase, freePort, type TestDatabase } from '../hq/helpers';
import { closeOffice, openOffice, type OfficeSession } from '../office/helpers';
import { waitUntil } from '../printing/support';
import { officeServices, officeSync } from './helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WAIT_MS = 30_000;

let testDb: TestDatabase;
const dataDirs: string[] = [];
let hqA: HqProcess;
let hqB: HqProcess;
let sim: LinkSimulator;
let adminA: HqAdmin;
/** One office linked to A, two to B. */
let onA: SimLinkSpec;
let onB: SimLinkSpec[];
/** A real office process linked to B. */
let real: SimLinkSpec;
let office: OfficeSession | undefined;

async function startHq(): Promise<HqProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hq-two-'));
  dataDirs.push(dataDir);
  return startHqProcess({ databaseUrl: testDb.url, dataDir, port: await freePort(), redisUrl: REDIS_URL });
}

beforeAll(async () => {
  testDb = await createTestDatabase('hq_link_two');
  // One after the other: both apply migrations at start.
  hqA = await startHq();
  hqB = await startHq();
  sim = await LinkSimulator.start();
  adminA = await HqAdmin.signIn(hqA.url);
  const [a, b1, b2, r] = await adminA.createOffices(`T${randomBytes(3).toString('hex').toUpperCase()}`, 4);
  onA = a;
  onB = [b1, b2];
  real = r;
  await sim.open(hqA.url, [onA]);
  await sim.open(hqB.url, onB);
  await sim.waitUntil(() => sim.allConnected(), WAIT_MS, 'the three links connected');
});
afterAll(async () => {
  await closeOffice(office);
  await sim?.stop();
  await hqA?.stop();
  await hqB?.stop();
  await testDb?.drop();
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

describe('two head-office processes on one PostgreSQL and one Redis', () => {
  test('a publish on A reaches the office linked to B on its open link, and is applied once', async () => {
    const [target, bystander] = onB;
    const bystanderBefore = sim.view(bystander.id).versions.length;
    const published = await adminA.publish([target.id]);
    const version = published.get(target.id)!;
    assert.deepEqual([...published.keys()], [target.id]);

    await sim.waitUntil(() => sim.allApplied(version, [target.id]), WAIT_MS, `${target.id} (on B) applied version ${version}`);
    const v = sim.view(target.id);
    assert.equal(v.connects, 1, 'applied on its open link: B heard of the publish from A through Redis');
    assert.ok(v.notices.length >= 2, 'a link:pending after the one on connect');
    assert.equal(v.versions.filter((x) => x.version === version).length, 1, 'applied once');
    assert.deepEqual(v.appliedSeqs, v.appliedSeqs.map((_, i) => i + 1), 'seqs in order, no gap, no repeat');
    assert.deepEqual(v.anomalies, []);
    assert.equal(sim.view(bystander.id).versions.length, bystanderBefore, 'an office not published to applied nothing');

    // Both processes read one truth: A shows what the office reported to B.
    const links = await adminA.waitForLinks((rows) => rows.get(target.id)?.appliedVersion === version, WAIT_MS);
    assert.equal(links.get(target.id)!.connected, true);
    const config = await adminA.on(hqB.url).config(target.id);
    assert.equal(config.appliedVersion, version);
  });

  test('a real office linked to B gets a service published on A, once, and offers it', async () => {
    office = await openOffice({ env: { OFFICE_CODE: real.id, HQ_URL: hqB.url, HQ_TOKEN: real.token } });
    await adminA.addCatalogService('FACT', 'F', 'Facturación', 'Billing');
    const version = await adminA.setServices(real.id, [{ code: 'FACT', prefix: 'W' }]);

    const sync = await waitUntil(
      `the office on B to run version ${version}`,
      async () => {
        const now = await officeSync(office!.url, office!.supervisor);
        return now.link.configVersion >= version ? now : undefined;
      },
      WAIT_MS,
    );
    assert.equal(sync.link.configVersion, version, 'the office runs the version published on A');
    assert.equal(sync.link.state, 'connected');
    assert.equal(sync.link.lastAppliedSeq, 1, 'one message, applied once');
    const offered = (await officeServices(office.url, office.kiosk)).filter((s) => s.catalogCode === 'FACT');
    assert.deepEqual(offered.map((s) => s.prefix), ['W']);
    const seen = await adminA.waitForLinks((rows) => rows.get(real.id)?.appliedVersion === version, WAIT_MS);
    assert.equal(seen.get(real.id)!.appliedSeq, 1);
  });

  test('revoking an office token on A ends its link on B; other links stay up', async () => {
    const [stays, revoked] = onB;
    await adminA.revokeToken(revoked.id);
    await sim.waitUntil(() => !sim.view(revoked.id).connected, WAIT_MS, `${revoked.id}'s link on B closed`);
    assert.deepEqual(sim.view(revoked.id).disconnects, ['io server disconnect'], 'head office closed it (no reconnection follows)');
    assert.equal(sim.view(stays.id).connected, true);
    assert.equal(sim.view(onA.id).connected, true);

    // Its token opens nothing any more, on either process.
    await sim.close([revoked.id]);
    for (const hq of [hqA, hqB]) {
      await sim.open(hq.url, [revoked], { reconnectionDelayMs: 60_000, reconnectionDelayMaxMs: 60_000 });
      const v = sim.view(revoked.id);
      assert.equal(v.connects, 0, `refused by ${hq.url}`);
      assert.equal(v.refusals.length, 1);
      await sim.close([revoked.id]);
    }
  });
});
