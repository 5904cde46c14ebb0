/**
 * Live ticket pages bench (issue 14): PORTAL_WATCHERS (5,000) phones, each a real socket.io
 * client on head office's /portal namespace watching its own remote ticket; the office
 * reports every ticket's new place over the live link (link:remote-update, 500 a message)
 * and head office pushes each phone its `ticket:update`. Measured: head office's resident
 * memory per 1,000 watchers, and the time from the office's report to each phone's update
 * (p50/p99 over all phones and rounds). Same-run baseline: the same number of clients on a
 * bare socket.io server in the same process, one broadcast, timed the same way.
 *
 * The phones and the office's link live in one child process (this file again, with
 * PORTAL_WATCHERS_CHILD=1): one clock times both the report and the receipts.
 *
 *   npx tsx bench/portal-watchers.ts     Env: PORTAL_WATCHERS (5000), PORTAL_WATCH_ROUNDS (5)
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { LINK_NAMESPACE } from '@turnero/contract/hq-link';
import { PORTAL_NAMESPACE } from '@turnero/contract/portal';
import { percentile, runIfMain } from './measure';

const WATCHERS = Number(process.env.PORTAL_WATCHERS ?? 5000);
const ROUNDS = Number(process.env.PORTAL_WATCH_ROUNDS ?? 5);
const ROUND_TIMEOUT_MS = 60_000;

interface Job {
  hqUrl: string;
  officeToken: string;
  tickets: { ticketId: string; publicId: string }[];
  bareUrl: string;
  rounds: number;
}
type ToParent = { type: 'connected' | 'connected-bare' } | { type: 'portal' | 'bare'; latencies: number[]; missed: number } | { type: 'error'; message: string };
type ToChild = { type: 'job'; job: Job } | { type: 'go' };

// ---------- child: the phones and the office ----------

/** Resolves once the message is handed to the channel: exiting before that would drop it. */
const send = (m: ToParent) => new Promise<void>((ok) => process.send!(m, undefined, {}, () => ok()));
let go: (() => void) | null = null;
const nextGo = () => new Promise<void>((ok) => (go = ok));

async function connectMany(count: number, open: (i: number) => Promise<Socket>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const BATCH = 100;
  for (let i = 0; i < count; i += BATCH) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, (_, k) => open(i + k)))));
  }
  return sockets;
}

const opened = (s: Socket) =>
  new Promise<Socket>((ok, fail) => {
    s.once('connect', () => ok(s));
    s.once('connect_error', (e) => fail(new Error(`connect failed: ${e.message}`)));
  });

/** Times `rounds` rounds: each starts at `start(round)` and ends when every socket heard its round (or the timeout). */
async function timeRounds(sockets: Socket[], event: string, roundOf: (payload: any) => number, rounds: number, start: (round: number) => void) {
  const heard = new Map<number, number[]>();
  let waiting: { round: number; done: () => void } | null = null;
  for (const s of sockets) {
    s.on(event, (payload: unknown) => {
      const at = performance.now();
      const round = roundOf(payload);
      const list = heard.get(round) ?? [];
      list.push(at);
      heard.set(round, list);
      if (waiting?.round === round && list.length === sockets.length) waiting.done();
    });
  }
  const latencies: number[] = [];
  let missed = 0;
  for (let round = 1; round <= rounds; round++) {
    const all = new Promise<void>((ok) => {
      const timer = setTimeout(ok, ROUND_TIMEOUT_MS);
      waiting = { round, done: () => (clearTimeout(timer), ok()) };
    });
    const t0 = performance.now();
    start(round);
    await all;
    const times = heard.get(round) ?? [];
    missed += sockets.length - times.length;
    latencies.push(...times.map((t) => t - t0));
  }
  return { latencies, missed };
}

async function child(job: Job): Promise<void> {
  const phones = await connectMany(job.tickets.length, async (i) => {
    const s = await opened(connect(job.hqUrl + PORTAL_NAMESPACE, { transports: ['websocket'], reconnection: false, forceNew: true }));
    const ack = await s.timeout(30_000).emitWithAck('watch', { publicId: job.tickets[i].publicId });
    if (!ack?.data) throw new Error(`watch refused: ${JSON.stringify(ack)}`);
    return s;
  });
  const office = await opened(connect(job.hqUrl + LINK_NAMESPACE, { transports: ['websocket'], reconnection: false, auth: { token: job.officeToken, appliedSeq: 0, configVersion: 0 } }));
  await send({ type: 'connected' });
  await nextGo();
  const portal = await timeRounds(phones, 'ticket:update', (v: { position: number }) => v.position - 1000, job.rounds, (round) => {
    for (let i = 0; i < job.tickets.length; i += 500) {
      const tickets = job.tickets.slice(i, i + 500).map((t) => ({ ticketId: t.ticketId, status: 'waiting', position: 1000 + round, estimatedWaitMinutes: 60, counterName: null, present: true }));
      office.emit('link:remote-update', { tickets }, () => undefined);
    }
  });
  // Closed (and given time to be dropped at head office) before reporting: the baseline's
  // memory is measured from then, without these sockets in it.
  for (const s of [...phones, office]) s.close();
  await new Promise((ok) => setTimeout(ok, 3000));
  await send({ type: 'portal', ...portal });

  const bare = await connectMany(job.tickets.length, () => opened(connect(job.bareUrl, { transports: ['websocket'], reconnection: false, forceNew: true })));
  const trigger = await opened(connect(job.bareUrl, { transports: ['websocket'], reconnection: false, forceNew: true, query: { trigger: '1' } }));
  await send({ type: 'connected-bare' });
  await nextGo();
  const baseline = await timeRounds(bare, 'tick', (round: number) => round, job.rounds, (round) => trigger.emit('trigger', round));
  await send({ type: 'bare', ...baseline });
  for (const s of [...bare, trigger]) s.close();
}

if (process.env.PORTAL_WATCHERS_CHILD === '1') {
  process.on('message', (m: ToChild) => {
    if (m.type === 'go') go?.();
    else child(m.job).then(
      () => process.exit(0),
      (e: Error) => void send({ type: 'error', message: e.stack ?? e.message }).then(() => process.exit(1)),
    );
  });
}

// ---------- parent: head office and the bare server ----------

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/**
 * Memory held now, after two full collections: JS heap plus buffers outside it (sockets'
 * buffers). Resident size moves with whatever the allocator keeps (its growth even came out
 * negative), so only the process's total is reported beside it.
 */
function heldBytes(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}
const ms = (v: number) => Math.round(v * 10) / 10;

export async function run(): Promise<Record<string, number>> {
  const { startPortalHq } = await import('../tests/portal/helpers');
  const p = await startPortalHq({ rateLimits: { readsPerMinute: 1e6, writesPerMinute: 1e6 } });
  const token = await p.addOffice('BENCH-W', { settings: { consentPolicyVersion: 'v1', openingHours: null, remoteQueue: { enabled: true, requirePresence: false, notifyWhenAhead: 0, notifyWhenMinutes: 0, maxActivePerContact: 2 } } });
  await p.hq.db.sql.$executeRawUnsafe(
    `INSERT INTO hq_remote_ticket (ticket_id, office_id, service_code, code, public_id, contact_key, consent_version, status, position, created_at, updated_at, delete_after)
     SELECT 'w-' || i, o.id, 'FACT', 'F-' || i, 'watch-public-id-' || lpad(i::text, 8, '0'), 'bench', 'v1', 'waiting', i, now(), now(), now() + interval '1 day'
     FROM generate_series(1, $1::int) i, hq_office o WHERE o.code = 'BENCH-W'`,
    WATCHERS,
  );
  const tickets = Array.from({ length: WATCHERS }, (_, k) => ({ ticketId: `w-${k + 1}`, publicId: `watch-public-id-${String(k + 1).padStart(8, '0')}` }));

  const http = createServer();
  const bareIo = new Server(http, { transports: ['websocket'] });
  bareIo.on('connection', (s) => s.on('trigger', (round: number) => bareIo.except(s.id).emit('tick', round)));
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  const bareUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const kid = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, PORTAL_WATCHERS_CHILD: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: ToParent[] = [];
  let wake: (() => void) | null = null;
  kid.on('message', (m: ToParent) => (inbox.push(m), wake?.()));
  const exited = new Promise<number | null>((ok) => kid.once('exit', ok));
  const next = async (type: ToParent['type']): Promise<ToParent> => {
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type || m.type === 'error');
      if (i >= 0) {
        const m = inbox.splice(i, 1)[0];
        if (m.type === 'error') throw new Error(`watcher process: ${m.message}`);
        return m;
      }
      await Promise.race([new Promise<void>((ok) => (wake = ok)), exited.then((c) => Promise.reject(new Error(`watcher process exited ${c}`)))]);
    }
  };
  try {
    const before = { rss: process.memoryUsage().rss, held: heldBytes() };
    kid.send({ type: 'job', job: { hqUrl: p.hq.url, officeToken: token, tickets, bareUrl, rounds: ROUNDS } } satisfies ToChild);
    await next('connected');
    const withWatchers = { rss: process.memoryUsage().rss, held: heldBytes() };
    kid.send({ type: 'go' } satisfies ToChild);
    const portal = (await next('portal')) as { latencies: number[]; missed: number };
    const beforeBare = { rss: process.memoryUsage().rss, held: heldBytes() };
    await next('connected-bare');
    const withBare = { rss: process.memoryUsage().rss, held: heldBytes() };
    kid.send({ type: 'go' } satisfies ToChild);
    const bare = (await next('bare')) as { latencies: number[]; missed: number };
    await exited;
    return {
      watchers: WATCHERS,
      rounds: ROUNDS,
      update_p50_ms: ms(percentile(portal.latencies, 50)),
      update_p99_ms: ms(percentile(portal.latencies, 99)),
      updates_missed: portal.missed,
      hq_held_per_1000_watchers_mb: mb(((withWatchers.held - before.held) / WATCHERS) * 1000),
      hq_rss_mb: mb(withWatchers.rss),
      baseline_broadcast_p50_ms: ms(percentile(bare.latencies, 50)),
      baseline_broadcast_p99_ms: ms(percentile(bare.latencies, 99)),
      baseline_missed: bare.missed,
      baseline_held_per_1000_clients_mb: mb(((withBare.held - beforeBare.held) / WATCHERS) * 1000),
      load_avg_1m: Math.round(loadavg()[0] * 100) / 100,
    };
  } finally {
    if (kid.exitCode === null) kid.kill();
    await new Promise<void>((ok) => bareIo.close(() => ok()));
    await p.stop();
  }
}

if (process.env.PORTAL_WATCHERS_CHILD !== '1') runIfMain(import.meta.url, run);
