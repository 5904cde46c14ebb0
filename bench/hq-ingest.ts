/**
 * Head office bench (issue 5), against a real head office process on the machine's
 * PostgreSQL, with the demo's realistic traffic (151 offices, arrivals by hour, services):
 *
 * 1. ingest throughput: all offices at once, each sending one day of events in batches of
 *    100 (live trickle), events/s; target >= 5,000/s.
 *    Baseline, same run: the same events written with plain pg (multi-row INSERT of the
 *    raw rows, no aggregates, 8 connections): the floor of what PostgreSQL costs here.
 * 2. catch-up after a one-day outage: every office sends a whole day at once in batches
 *    of 500 (the sync worker's default), time until all are acknowledged.
 * 3. offices/compare over 30 days, 151 offices with 90 days of history (aggregate rows
 *    filled with SQL for the other 88 days), p50/p95 of 60 requests; target p95 < 300 ms.
 *    Also breakdown by hour (30 days) and live, p95.
 *
 *   npx tsx bench/hq-ingest.ts            (alone)     import { run } from './hq-ingest'
 * Env: HQ_BENCH_OFFICES (151), HQ_BENCH_SCALE (traffic multiplier, 1), TEST_PG_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { OutboxEnvelope } from '@turnero/contract/outbox';
import { openHqDatabase } from '../server/src/hq/db';
import { createOffice } from '../server/src/hq/org/offices';
import { buildDemoOffices, type DemoOffice } from '../server/src/demo/offices';
import { simulateOfficeDay, toEnvelopes } from '../server/src/demo/simulate';
import { percentile, runIfMain } from './measure';

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SERVER_SCRIPT = fileURLToPath(new URL('./hq-server-process.ts', import.meta.url));
// Two ordinary weekdays (Tue, Wed) for the two ingest phases; history ends the day before.
const DAY_LIVE = '2026-11-03';
const DAY_OUTAGE = '2026-11-04';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const m = /READY (\S+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`head office exited (${code})`)));
  });
  return { child, url };
}

interface OfficeLoad {
  office: DemoOffice;
  token: string;
  bodies: string[];
  events: number;
}

/** Pre-serialised batches, so the bench measures head office, not JSON.stringify here. */
function prepare(office: DemoOffice, token: string, envelopes: OutboxEnvelope[], batchSize: number): OfficeLoad {
  const bodies: string[] = [];
  for (let i = 0; i < envelopes.length; i += batchSize) {
    const events = envelopes.slice(i, i + batchSize);
    bodies.push(JSON.stringify({ officeCode: office.code, sentAt: events.at(-1)!.occurredAt, timeZone: office.timeZone, events }));
  }
  return { office, token, bodies, events: envelopes.length };
}

/** Every office sends its batches in order, all offices at once; resolves with elapsed ms. */
async function sendAll(url: string, loads: OfficeLoad[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    loads.map(async (l) => {
      for (const body of l.bodies) {
        for (let attempt = 0; ; attempt++) {
          const res = await fetch(`${url}/api/v1/hq/ingest`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${l.token}` },
            body,
          });
          const text = await res.text();
          if (res.ok) break;
          if (attempt > 5) throw new Error(`ingest ${l.office.code}: ${res.status} ${text}`);
        }
      }
    }),
  );
  return performance.now() - t0;
}

async function baselineInsert(url: string, loads: OfficeLoad[]): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  await pool.query(`CREATE TABLE bench_raw (office_id int, seq int, occurred_at timestamp, received_at timestamp,
    kind text, type text, fact jsonb, PRIMARY KEY (office_id, seq))`);
  const t0 = performance.now();
  await Promise.all(
    loads.map(async (l, officeId) => {
      for (const body of l.bodies) {
        const rows = (JSON.parse(body).events as OutboxEnvelope[]).map((e) => ({
          seq: e.seq,
          occurred_at: e.occurredAt,
          kind: e.fact.kind,
          type: e.fact.event,
          fact: e.fact,
        }));
        await pool.query(
          `INSERT INTO bench_raw SELECT $1, x.seq, x.occurred_at, now(), x.kind, x.type, x.fact
           FROM json_to_recordset($2::json) AS x(seq int, occurred_at timestamp, kind text, type text, fact jsonb)
           ON CONFLICT DO NOTHING`,
          [officeId, JSON.stringify(rows)],
        );
      }
    }),
  );
  const ms = performance.now() - t0;
  await pool.query('DROP TABLE bench_raw');
  await pool.end();
  return ms;
}

/** 90 days of history for every office, written straight into the aggregate tables. */
async function fillHistory(url: string, lastDay: string, days: number) {
  const c = new pg.Client(url);
  await c.connect();
  const buckets = Array.from({ length: 30 }, (_, i) => String(i).padStart(2, '0'));
  const waitCols = buckets.map((b) => `w${b}`).join(', ');
  const svcCols = buckets.map((b) => `s${b}`).join(', ');
  // Waits skewed to the first buckets, services around 4-10 minutes; deterministic.
  const waitVals = buckets.map((_, i) => `(CASE WHEN ${i} < 20 THEN ((o.id + h + ${i}) % (22 - ${i})) ELSE ${i % 2} END)`).join(', ');
  const svcVals = buckets.map((_, i) => `(CASE WHEN ${i} BETWEEN 6 AND 14 THEN ((o.id + h * 3 + ${i}) % 5) ELSE 0 END)`).join(', ');
  await c.query(`
    INSERT INTO hq_agg_hour (office_id, service_code, day, hour, issued, called, served, no_shows, cancelled, walkouts, expired,
      wait_count, wait_sum, within_target, service_count, service_sum, ${waitCols}, ${svcCols})
    SELECT o.id, s.code, to_char(d, 'YYYY-MM-DD'), h, 40, 38, 35, 3, 1, 2, 0, 38, 38 * 420, 30, 35, 35 * 380, ${waitVals}, ${svcVals}
    FROM hq_office o
    CROSS JOIN generate_series($1::date - ($2::int - 1), $1::date, interval '1 day') AS d
    CROSS JOIN generate_series(7, 16) AS h
    CROSS JOIN (VALUES ('F'), ('P'), ('R'), ('C')) AS s(code)
    ON CONFLICT DO NOTHING`, [lastDay, days]);
  await c.query(`
    INSERT INTO hq_agg_day (office_id, service_code, day, ${['issued', 'called', 'served', 'no_shows', 'cancelled', 'walkouts', 'expired', 'wait_count', 'wait_sum', 'within_target', 'service_count', 'service_sum'].join(', ')}, ${waitCols}, ${svcCols})
    SELECT office_id, service_code, day, SUM(issued), SUM(called), SUM(served), SUM(no_shows), SUM(cancelled), SUM(walkouts), SUM(expired),
      SUM(wait_count), SUM(wait_sum), SUM(within_target), SUM(service_count), SUM(service_sum),
      ${buckets.map((b) => `SUM(w${b})`).join(', ')}, ${buckets.map((b) => `SUM(s${b})`).join(', ')}
    FROM hq_agg_hour WHERE day <= $1 GROUP BY office_id, service_code, day
    ON CONFLICT DO NOTHING`, [lastDay]);
  await c.query(`
    INSERT INTO hq_agent_hour (office_id, day, hour, signed_in_seconds, paused_seconds, serving_seconds)
    SELECT o.id, to_char(d, 'YYYY-MM-DD'), h, 6 * 3600, 1800, 4 * 3600
    FROM hq_office o
    CROSS JOIN generate_series($1::date - ($2::int - 1), $1::date, interval '1 day') AS d
    CROSS JOIN generate_series(7, 16) AS h
    ON CONFLICT DO NOTHING`, [lastDay, days]);
  await c.query('ANALYZE');
  const { rows } = await c.query('SELECT (SELECT COUNT(*) FROM hq_agg_hour)::int AS hours, (SELECT COUNT(*) FROM hq_agg_day)::int AS days');
  await c.end();
  return rows[0] as { hours: number; days: number };
}

async function timeGets(url: string, token: string, path: string, n: number): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

export async function run(): Promise<Record<string, number>> {
  const officeCount = Number(process.env.HQ_BENCH_OFFICES ?? 151);
  const scale = Number(process.env.HQ_BENCH_SCALE ?? 1);
  const dbName = `hq_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(PG_ADMIN_URL);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${dbName}` }).toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'hq-bench-'));
  let server: ChildProcess | null = null;
  try {
    const started = await startServer({ DATABASE_URL: dbUrl, DATA_DIR: dataDir });
    server = started.child;
    const url = started.url;

    // Register the offices (the bench's own connection; the server process serves HTTP).
    const offices = buildDemoOffices(officeCount, 'bench');
    const db = await openHqDatabase({ databaseUrl: dbUrl, dataDir, poolSize: 2 });
    const tokens = new Map<string, string>();
    for (const o of offices) {
      const r = await createOffice(db.prisma, { code: o.code, name: o.name, company: o.company, region: o.region, timeZone: o.timeZone });
      tokens.set(o.code, r.token);
    }
    await db.close();

    const sim = { seed: 'bench', trafficScale: scale };
    const live = offices.map((o) => toEnvelopes(simulateOfficeDay(o, DAY_LIVE, sim), 1));
    const outage = offices.map((o, i) => toEnvelopes(simulateOfficeDay(o, DAY_OUTAGE, sim), live[i].length + 1));
    const liveLoads = offices.map((o, i) => prepare(o, tokens.get(o.code)!, live[i], 100));
    const outageLoads = offices.map((o, i) => prepare(o, tokens.get(o.code)!, outage[i], 500));
    const liveEvents = liveLoads.reduce((a, l) => a + l.events, 0);
    const outageEvents = outageLoads.reduce((a, l) => a + l.events, 0);

    // 1. Throughput, then the plain-pg baseline with the same rows.
    const ingestMs = await sendAll(url, liveLoads);
    const baselineMs = await baselineInsert(dbUrl, liveLoads);
    // 2. One day of outage: everything at once, worker-sized batches.
    const catchupMs = await sendAll(url, outageLoads);

    // 3. Reports over 30 days with 90 days of history.
    const history = await fillHistory(dbUrl, '2026-11-02', 88);
    const creds = JSON.parse(readFileSync(join(dataDir, 'initial-credentials.json'), 'utf8'));
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: creds.users[0].username, password: creds.users[0].password }),
    });
    const { token } = (await login.json()) as { token: string };
    await timeGets(url, token, '/api/v1/hq/offices/compare?from=2026-10-06&to=2026-11-04', 5); // warm-up
    const compare = await timeGets(url, token, '/api/v1/hq/offices/compare?from=2026-10-06&to=2026-11-04', 60);
    const compareCompany = await timeGets(url, token, '/api/v1/hq/offices/compare?from=2026-10-06&to=2026-11-04&company=EPM&service=F', 30);
    const breakdown = await timeGets(url, token, `/api/v1/hq/offices/${offices[0].code}/breakdown?from=2026-10-06&to=2026-11-04&by=hour`, 30);
    const liveView = await timeGets(url, token, '/api/v1/hq/live', 30);

    return {
      offices: officeCount,
      ingest_events: liveEvents,
      ingest_events_per_s: Math.round(liveEvents / (ingestMs / 1000)),
      baseline_plain_insert_events_per_s: Math.round(liveEvents / (baselineMs / 1000)),
      catchup_events: outageEvents,
      catchup_seconds: round(catchupMs / 1000, 2),
      catchup_events_per_s: Math.round(outageEvents / (catchupMs / 1000)),
      history_hour_rows: history.hours,
      history_day_rows: history.days,
      compare_30d_p50_ms: compare.p50,
      compare_30d_p95_ms: compare.p95,
      compare_company_service_p95_ms: compareCompany.p95,
      breakdown_by_hour_30d_p95_ms: breakdown.p95,
      live_p95_ms: liveView.p95,
      loadavg_1m: round(loadavg()[0], 2),
    };
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, run);
