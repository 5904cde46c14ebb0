/**
 * Head office's live link at group scale (issue 13): a real head-office process (the
 * bundled server, as `npm run hq` runs it) on the machine's PostgreSQL, and 2,000 simulated
 * office links in another process (bench/link-sim), each fetching, applying in order and
 * reporting as an office does.
 *
 * 1. publish -> applied at every office: p50/p99 over offices of (applied - publish call
 *    start), over several rounds of `POST /hq/publish` to all offices (target p99 < 2 s,
 *    goal < 500 ms); and how long the publish call itself takes (its one transaction);
 * 2. head-office RSS per link: (RSS with every link up - RSS with none) / links, each read
 *    after a full garbage collection (through the inspector), so garbage left by setting
 *    up 2,000 offices or by the rounds does not count (without it the figure moved 0-87 KB);
 * 3. reconnect storm, after SIGTERM and after SIGKILL of head office: a publish is made
 *    while the offices are away (by another head-office process on the same database),
 *    head office restarts on its port, time from it listening again until every office is
 *    linked and has applied that publish. The links back off as the office's link client
 *    does (1 s doubling to 60 s, jitter 0.5), so that schedule is part of the figure.
 * Baseline in the same run, the same links and the same simulator: a bare socket.io server
 * emitting one event to every socket (time until all received it, p50/p99), and the same
 * server SIGKILLed, left down as long as head office was, and restarted (time until every
 * socket is back: the back-off schedule alone).
 *
 *   npx tsx bench/hq-link.ts          import { run } from './hq-link'
 * Env: LINK_BENCH_OFFICES (2,000), LINK_BENCH_ROUNDS (5), TEST_PG_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, type TestDatabase } from '../tests/hq/helpers';
import { startBareServer } from './link-sim/bare-server';
import { HqAdmin, inParallel } from './link-sim/hq-admin';
import { startHqProcess, type HqProcess } from './link-sim/hq-process';
import { epochMs } from './link-sim/sim-link';
import { LinkSimulator } from './link-sim/simulator';
import { percentile, runIfMain } from './measure';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
/** Deadlines (not measurements): a run that needs longer is broken, not slow. */
const CONNECT_DEADLINE_MS = 180_000;
const ROUND_DEADLINE_MS = 60_000;
const STORM_DEADLINE_MS = 120_000;
/** Time for head office to settle (garbage, pools) before its memory is read. */
const SETTLE_MS = 2000;

const CATALOGUE = [
  { code: 'FACT', prefix: 'F', nameEs: 'Facturación', nameEn: 'Billing' },
  { code: 'PAGO', prefix: 'P', nameEs: 'Pagos', nameEn: 'Payments' },
  { code: 'RECL', prefix: 'R', nameEs: 'Reclamos', nameEn: 'Complaints' },
];

const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

async function memoryAfterGc(server: { collectGarbage(): Promise<void>; rssMb(): number }): Promise<number> {
  await settle();
  await server.collectGarbage();
  await settle();
  return server.rssMb();
}

interface Spread {
  p50: number;
  p99: number;
}
const spread = (ms: number[]): Spread => ({ p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)) });

export async function run(): Promise<Record<string, number>> {
  const offices = Number(process.env.LINK_BENCH_OFFICES ?? 2000);
  const rounds = Number(process.env.LINK_BENCH_ROUNDS ?? 5);
  const db = await createTestDatabase('hq_link_bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'hq-link-bench-'));
  const port = await freePort();
  const sim = await LinkSimulator.start();
  let hq: HqProcess | null = null;
  try {
    hq = await startHqProcess({ databaseUrl: db.url, dataDir, port, production: true, inspect: true });
    const admin = await HqAdmin.signIn(hq.url);
    let t0 = performance.now();
    for (const s of CATALOGUE) await admin.addCatalogService(s.code, s.prefix, s.nameEs, s.nameEn);
    const links = await admin.createOffices('LNK', offices);
    const ids = links.map((l) => l.id);
    const firstVersions = await inParallel(ids, 8, (id) => admin.setServices(id, CATALOGUE.map((s) => ({ code: s.code }))));
    const firstVersion = new Map(ids.map((id, i) => [id, firstVersions[i]]));
    const setupSeconds = (performance.now() - t0) / 1000;
    console.log(`  ${offices} offices registered with 3 services each in ${round(setupSeconds)} s`);

    const rssNoLinks = await memoryAfterGc(hq);
    t0 = performance.now();
    await sim.open(hq.url, links);
    await sim.waitUntil(() => sim.allConnected() && sim.allApplied((id) => firstVersion.get(id)!), CONNECT_DEADLINE_MS, `${offices} links up and on their first version`);
    const connectSeconds = (performance.now() - t0) / 1000;
    console.log(`  ${offices} links up and caught up in ${round(connectSeconds)} s`);

    // 1. publish -> applied everywhere, several rounds.
    const publishMs: number[] = [];
    const roundP99: number[] = [];
    const callMs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const start = epochMs();
      const published = await admin.publish();
      callMs.push(epochMs() - start);
      await sim.waitUntil(() => sim.allApplied((id) => published.get(id)!), ROUND_DEADLINE_MS, `round ${r + 1} applied everywhere`);
      const ms = sim.all().map((v) => v.versions.find((x) => x.version === published.get(v.id))!.at - start);
      publishMs.push(...ms);
      roundP99.push(percentile(ms, 99));
      console.log(`  round ${r + 1}: publish call ${round(callMs[r])} ms; applied p50 ${round(percentile(ms, 50))} ms, p99 ${round(percentile(ms, 99))} ms`);
      // Not timed: head office records the offices' reports (they lock the rows a publish
      // takes its numbers from), so the next round starts from a quiet head office.
      await admin.waitForLinks((rows) => ids.every((id) => rows.get(id)?.appliedVersion === published.get(id)), ROUND_DEADLINE_MS);
    }
    const publish = spread(publishMs);
    const rssLinks = await memoryAfterGc(hq);

    // 3. reconnect storms.
    const lastConnect = () => Math.max(...sim.all().map((v) => v.connectedAt!));
    const storm = async (how: 'stop' | 'kill') => {
      const down = epochMs();
      await hq![how]();
      await sim.waitUntil(() => sim.all().every((v) => !v.connected), STORM_DEADLINE_MS, `every link down after ${how}`);
      const expected = await publishWhileAway(db, dataDir, ids);
      hq = await startHqProcess({ databaseUrl: db.url, dataDir, port, production: true });
      const listening = epochMs();
      await sim.waitUntil(
        () => sim.allConnected() && sim.allApplied((id) => expected.get(id)!),
        STORM_DEADLINE_MS,
        `every link back and caught up after ${how}`,
      );
      const caughtUp = Math.max(...sim.all().map((v) => v.versions.at(-1)!.at));
      const figures = {
        downSeconds: (listening - down) / 1000,
        linkedSeconds: round((lastConnect() - listening) / 1000, 2),
        caughtUpSeconds: round((caughtUp - listening) / 1000, 2),
      };
      console.log(`  storm after ${how}: ${JSON.stringify(figures)}`);
      return figures;
    };
    const afterTerm = await storm('stop');
    const afterKill = await storm('kill');
    const anomalies = sim.all().reduce((n, v) => n + v.anomalies.length, 0);
    const redelivered = sim.all().reduce((n, v) => n + v.redelivered, 0);
    await sim.close();

    // Baseline: the same links on a bare socket.io server.
    const basePort = await freePort();
    let bare = await startBareServer(basePort);
    const baseRssNoLinks = await memoryAfterGc(bare);
    await sim.open(bare.url, links, { fetch: false });
    await sim.waitUntil(() => sim.allConnected(), CONNECT_DEADLINE_MS, `${offices} links up on the bare server`);
    const baseMs: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const start = epochMs();
      await bare.broadcast(r);
      await sim.waitUntil(() => sim.all().every((v) => v.notices.length >= r), ROUND_DEADLINE_MS, `bare broadcast ${r} received`);
      baseMs.push(...sim.all().map((v) => v.notices[r - 1] - start));
    }
    const base = spread(baseMs);
    const baseRssLinks = await memoryAfterGc(bare);
    // Down as long as head office was after SIGKILL, so the links' back-off is the same.
    const bareDown = epochMs();
    await bare.kill();
    await sim.waitUntil(() => sim.all().every((v) => !v.connected), STORM_DEADLINE_MS, 'every link down after the bare server was killed');
    await new Promise((r) => setTimeout(r, Math.max(0, afterKill.downSeconds * 1000 - (epochMs() - bareDown))));
    bare = await startBareServer(basePort);
    const bareListening = epochMs();
    await sim.waitUntil(() => sim.allConnected(), STORM_DEADLINE_MS, 'every link back on the bare server');
    const baseLinkedSeconds = round((lastConnect() - bareListening) / 1000, 2);
    await sim.close();
    await bare.stop();

    return {
      offices,
      publish_rounds: rounds,
      setup_seconds: round(setupSeconds),
      connect_all_seconds: round(connectSeconds, 2),
      publish_applied_p50_ms: publish.p50,
      publish_applied_p99_ms: publish.p99,
      publish_applied_worst_round_p99_ms: round(Math.max(...roundP99)),
      publish_call_p50_ms: round(percentile(callMs, 50)),
      baseline_bare_broadcast_p50_ms: base.p50,
      baseline_bare_broadcast_p99_ms: base.p99,
      publish_p99_over_baseline: round(publish.p99 / base.p99, 1),
      hq_rss_no_links_mb: round(rssNoLinks),
      hq_rss_links_mb: round(rssLinks),
      hq_rss_per_link_kb: round(((rssLinks - rssNoLinks) * 1024) / offices),
      baseline_bare_rss_per_link_kb: round(((baseRssLinks - baseRssNoLinks) * 1024) / offices),
      rss_per_link_over_baseline: round((rssLinks - rssNoLinks) / (baseRssLinks - baseRssNoLinks), 1),
      storm_sigterm_down_s: round(afterTerm.downSeconds),
      storm_sigterm_all_linked_s: afterTerm.linkedSeconds,
      storm_sigterm_all_caught_up_s: afterTerm.caughtUpSeconds,
      storm_sigkill_down_s: round(afterKill.downSeconds),
      storm_sigkill_all_linked_s: afterKill.linkedSeconds,
      storm_sigkill_all_caught_up_s: afterKill.caughtUpSeconds,
      baseline_bare_storm_all_linked_s: baseLinkedSeconds,
      storm_sigkill_linked_over_baseline: round(afterKill.linkedSeconds / baseLinkedSeconds, 1),
      anomalies,
      redelivered,
    };
  } finally {
    await sim.stop();
    await hq?.stop().catch(() => {});
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A publish made while every office is away: another head-office process on the same
 * database (the one the links dial is down) republishes to all; returns each office's
 * new version.
 */
async function publishWhileAway(db: TestDatabase, dataDir: string, ids: string[]): Promise<Map<string, number>> {
  const other = await startHqProcess({ databaseUrl: db.url, dataDir: mkdtempSync(join(dataDir, 'other-')), port: 0, production: true });
  try {
    const published = await (await HqAdmin.signIn(other.url)).publish();
    if (ids.some((id) => !published.has(id))) throw new Error('the publish while away missed offices');
    return published;
  } finally {
    await other.stop();
  }
}

runIfMain(import.meta.url, run);
