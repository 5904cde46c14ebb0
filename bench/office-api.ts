/**
 * Office API benchmark: issue-ticket and call-next over HTTP at a steady rate (default
 * 100 requests/s for 30 s each) on loopback against a real office process, with p50/p99
 * latency, the server's idle and peak RSS; next to the same database work done directly
 * with better-sqlite3 on a copy of the schema, and the ratio between the two.
 *
 * Env: BENCH_SECONDS (default 30), BENCH_RATE (default 100 per second), BENCH_QUEUE (most
 * tickets waiting at once, default 300: issuing cost grows with the queue).
 * Latency is measured from the moment a request is sent (open loop: requests go out on
 * schedule whether or not earlier ones have answered, so a slow server cannot slow the load).
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openOfficeDb } from '../server/src/db/office-db';
import { login, request } from '../tests/support/http';
import { startTestOffice, tempDataDir } from '../tests/support/office';
import { memoryOf, percentile } from './measure';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const QUEUE = Number(process.env.BENCH_QUEUE ?? 300);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Starts `count` sends at `rate`/s on schedule, without waiting for earlier ones; counts failures. */
async function steady(count: number, rate: number, send: (i: number) => Promise<void>): Promise<{ errors: number; seconds: number }> {
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(
      send(i).catch(() => {
        errors += 1;
      }),
    );
  }
  await Promise.all(inFlight);
  return { errors, seconds: (performance.now() - start) / 1000 };
}

// ---------- over HTTP, against the real server ----------

async function overHttp(count: number) {
  // Measured as `npm start` runs it: the bundled server with its Node flags (npm run build first).
  const office = await startTestOffice({ env: { LOG_LEVEL: 'warn' }, production: true });
  const pid = office.process.pid!;
  try {
    const { url, creds } = office;
    const agents = await Promise.all(
      creds.users
        .filter((u) => u.role === 'agent')
        .map(async (u) => ({ token: await login(url, u.username, u.password), counterId: u.counterId! })),
    );
    for (const a of agents) await request(url, 'POST', `/api/v1/counters/${a.counterId}/sign-in`, { token: a.token });
    const services = (await request<{ id: string }[]>(url, 'GET', '/api/v1/services', { token: creds.kioskToken })).body;

    // Idle: booted, logged in, nothing happening.
    await sleep(3000);
    const idle = memoryOf(pid);
    let peak = idle.rss;
    const poll = setInterval(() => {
      peak = Math.max(peak, memoryOf(pid).rss);
    }, 200);

    const issueOnce = async (i: number): Promise<number> => {
      const t0 = performance.now();
      const r = await fetch(`${url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${creds.kioskToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: services[i % services.length].id, print: false }),
      });
      await r.arrayBuffer();
      if (r.status !== 201) throw new Error(`issue: ${r.status}`);
      return performance.now() - t0;
    };

    // Warm-up (not measured): JIT, prepared statements, connection pool.
    for (let i = 0; i < 200; i++) await issueOnce(i);

    // The queue is kept to a busy office's size (BENCH_QUEUE, default 300 waiting): the
    // measured requests run in batches of that many at a steady RATE; between batches the
    // queue is emptied (issue phase) or refilled (call-next phase) without measuring.
    const batches = Math.ceil(count / QUEUE);
    const issueLatencies: number[] = [];
    let issueErrors = 0;
    let issueSeconds = 0;
    const supervisorUser = creds.users.find((u) => u.role === 'supervisor')!;
    const supervisor = await login(url, supervisorUser.username, supervisorUser.password);
    const post = async (path: string, token: string) => {
      const r = await fetch(`${url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      await r.arrayBuffer().catch(() => undefined);
      return r;
    };
    const emptyQueue = async () => {
      const q = await request<{ waiting: { id: string }[] }>(url, 'GET', '/api/v1/queue', { token: supervisor });
      for (const t of q.body.waiting) await post(`/tickets/${t.id}/cancel`, supervisor);
    };
    await emptyQueue();
    for (let b = 0; b < batches; b++) {
      const n = Math.min(QUEUE, count - b * QUEUE);
      const phase = await steady(n, RATE, async (i) => {
        issueLatencies.push(await issueOnce(i));
      });
      issueErrors += phase.errors;
      issueSeconds += phase.seconds;
      await emptyQueue();
    }

    // Call-next: rotate over the 6 counters; each call is followed by start + finish (not
    // measured). A counter still finishing its previous ticket delays its next call.
    const busy = new Map<string, Promise<void>>();
    let delayed = 0;
    const callLatencies: number[] = [];
    let callErrors = 0;
    // 204: nothing waits for that counter's services (demo counters serve some services
    // only, so near the end of a batch a counter may find its queues empty). Measured, not an error.
    let nothingWaiting = 0;
    let callSeconds = 0;
    for (let b = 0; b < batches; b++) {
      const n = Math.min(QUEUE, count - b * QUEUE);
      for (let i = 0; i < n; i++) await issueOnce(i);
      const phase = await steady(n, RATE, async (i) => {
        const agent = agents[i % agents.length];
        const previous = busy.get(agent.counterId);
        let release!: () => void;
        busy.set(agent.counterId, new Promise<void>((r) => (release = r)));
        try {
          if (previous) {
            const t = performance.now();
            await previous;
            if (performance.now() - t > 1) delayed += 1;
          }
          const t0 = performance.now();
          const r = await fetch(`${url}/api/v1/counters/${agent.counterId}/call-next`, {
            method: 'POST',
            headers: { authorization: `Bearer ${agent.token}` },
          });
          const text = await r.text();
          callLatencies.push(performance.now() - t0);
          if (r.status === 204) {
            nothingWaiting += 1;
            return;
          }
          if (r.status !== 200) throw new Error(`call-next: ${r.status}`);
          const id = (JSON.parse(text) as { ticket: { id: string } }).ticket.id;
          const start = await post(`/tickets/${id}/start`, agent.token);
          const finish = await post(`/tickets/${id}/finish`, agent.token);
          if (start.status !== 200 || finish.status !== 200) throw new Error(`start/finish: ${start.status}/${finish.status}`);
        } finally {
          release();
        }
      });
      callErrors += phase.errors;
      callSeconds += phase.seconds;
    }
    clearInterval(poll);
    const end = memoryOf(pid);
    return {
      issue: { latencies: issueLatencies, errors: issueErrors, rate: count / issueSeconds },
      callNext: { latencies: callLatencies, errors: callErrors, rate: count / callSeconds, delayed, nothingWaiting },
      idleRssMb: idle.rss,
      peakRssMb: Math.max(peak, end.rss),
      hwmMb: end.hwm,
    };
  } finally {
    await office.stop();
    office.cleanup();
  }
}

// ---------- the same database work, directly with better-sqlite3 ----------

async function direct(count: number) {
  const dir = tempDataDir('turnero-bench-');
  const file = join(dir, 'office.db');
  try {
    // The real schema: migrations applied by the server's own opener.
    await (await openOfficeDb({ file })).close();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');

    const services = ['A', 'B', 'C', 'D'].map((prefix) => ({ id: randomUUID(), prefix }));
    const counters = Array.from({ length: 6 }, (_, i) => ({ id: randomUUID(), name: `Módulo ${i + 1}` }));
    const addService = db.prepare('INSERT INTO Service (id, nameEs, nameEn, prefix) VALUES (?, ?, ?, ?)');
    const addCounter = db.prepare("INSERT INTO Counter (id, name, agentId, agentState) VALUES (?, ?, ?, 'idle')");
    const link = db.prepare('INSERT INTO CounterService (counterId, serviceId, weight) VALUES (?, ?, 1)');
    db.transaction(() => {
      for (const s of services) addService.run(s.id, s.prefix, s.prefix, s.prefix);
      for (const c of counters) {
        addCounter.run(c.id, c.name, randomUUID());
        for (const s of services) link.run(c.id, s.id);
      }
    })();

    const day = '2026-11-27';
    const bump = db.prepare(
      'INSERT INTO TicketCounter (serviceId, day, value) VALUES (?, ?, 1) ON CONFLICT (serviceId, day) DO UPDATE SET value = value + 1 RETURNING value',
    );
    const insertTicket = db.prepare(
      "INSERT INTO Ticket (id, serviceId, issuedServiceId, category, day, number, code, status, issuedAt) VALUES (?, ?, ?, 'general', ?, ?, ?, 'waiting', ?)",
    );
    const insertEvent = db.prepare(
      "INSERT INTO TicketEvent (ticketId, type, at, actorId, counterId, serviceId, category, data) VALUES (?, ?, ?, ?, ?, ?, 'general', ?)",
    );
    const outboxHead = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM OutboxEvent');
    const insertOutbox = db.prepare('INSERT INTO OutboxEvent (seq, type, occurredAt, payload) VALUES (?, ?, ?, ?)');
    const loadCounter = db.prepare('SELECT * FROM Counter WHERE id = ?');
    const openAtCounter = db.prepare("SELECT id FROM Ticket WHERE counterId = ? AND status IN ('called', 'serving') LIMIT 1");
    const waitingFor = db.prepare(
      "SELECT t.* FROM Ticket t JOIN CounterService cs ON cs.serviceId = t.serviceId AND cs.counterId = ? WHERE t.status = 'waiting' ORDER BY t.issuedAt LIMIT 50",
    );
    const setStatus = db.prepare('UPDATE Ticket SET status = ?, counterId = ?, calledAt = COALESCE(calledAt, ?) WHERE id = ?');
    const setCounter = db.prepare('UPDATE Counter SET agentState = ?, stateSince = ? WHERE id = ?');

    const outbox = (type: string, at: string, payload: unknown) =>
      insertOutbox.run((outboxHead.get() as { seq: number }).seq + 1, type, at, JSON.stringify(payload));
    // BEGIN IMMEDIATE, like the server's write path: the write lock is taken up front.
    const tx = <A extends unknown[], R>(fn: (...a: A) => R) => {
      const t = db.transaction(fn);
      return (...a: A): R => t.immediate(...a);
    };

    const issueTx = tx((serviceId: string, prefix: string) => {
      const at = new Date().toISOString();
      const { value } = bump.get(serviceId, day) as { value: number };
      const id = randomUUID();
      const code = `${prefix}-${String(value).padStart(3, '0')}`;
      insertTicket.run(id, serviceId, serviceId, day, value, code, at);
      insertEvent.run(id, 'issued', at, 'kiosk', null, serviceId, null);
      outbox('ticket', at, { kind: 'ticket', id, code, type: 'issued', at });
    });
    const callTx = tx((counterId: string) => {
      const at = new Date().toISOString();
      loadCounter.get(counterId);
      if (openAtCounter.get(counterId)) throw new Error('counter busy');
      const next = waitingFor.all(counterId)[0] as { id: string; serviceId: string } | undefined;
      if (!next) throw new Error('nothing waits');
      setStatus.run('called', counterId, at, next.id);
      insertEvent.run(next.id, 'called', at, 'agent', counterId, next.serviceId, '{"reason":"fifo"}');
      outbox('ticket', at, { kind: 'ticket', id: next.id, type: 'called', at });
      setCounter.run('serving', at, counterId);
      return next.id;
    });
    const finishTx = tx((ticketId: string, counterId: string) => {
      const at = new Date().toISOString();
      for (const type of ['started', 'finished']) {
        setStatus.run(type === 'started' ? 'serving' : 'done', counterId, at, ticketId);
        insertEvent.run(ticketId, type, at, 'agent', counterId, services[0].id, null);
        outbox('ticket', at, { kind: 'ticket', id: ticketId, type, at });
      }
      setCounter.run('idle', at, counterId);
    });
    for (let i = 0; i < 200; i++) issueTx(services[i % 4].id, services[i % 4].prefix); // warm-up
    const issueMs: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      issueTx(services[i % 4].id, services[i % 4].prefix);
      issueMs.push(performance.now() - t0);
    }
    const callMs: number[] = [];
    for (let i = 0; i < count; i++) {
      const counterId = counters[i % 6].id;
      const t0 = performance.now();
      const ticketId = callTx(counterId);
      callMs.push(performance.now() - t0);
      finishTx(ticketId, counterId); // not measured, as over HTTP
    }
    db.close();
    return { issueMs, callMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, number>> {
  const count = Math.round(SECONDS * RATE);
  const http = await overHttp(count);
  const db = await direct(count);
  const figures: Record<string, number> = {
    'issue_http_p50_ms': round(percentile(http.issue.latencies, 50)),
    'issue_http_p99_ms': round(percentile(http.issue.latencies, 99)),
    'issue_http_rate_per_s': round(http.issue.rate, 1),
    'issue_http_errors': http.issue.errors,
    'issue_sqlite_p50_ms': round(percentile(db.issueMs, 50), 3),
    'issue_sqlite_p99_ms': round(percentile(db.issueMs, 99), 3),
    'issue_p50_ratio_http_to_sqlite': round(percentile(http.issue.latencies, 50) / percentile(db.issueMs, 50), 1),
    'issue_p99_ratio_http_to_sqlite': round(percentile(http.issue.latencies, 99) / percentile(db.issueMs, 99), 1),
    'call_next_http_p50_ms': round(percentile(http.callNext.latencies, 50)),
    'call_next_http_p99_ms': round(percentile(http.callNext.latencies, 99)),
    'call_next_http_rate_per_s': round(http.callNext.rate, 1),
    'call_next_http_errors': http.callNext.errors,
    'call_next_delayed_by_busy_counter': http.callNext.delayed,
    'call_next_nothing_waiting_204': http.callNext.nothingWaiting,
    'call_next_sqlite_p50_ms': round(percentile(db.callMs, 50), 3),
    'call_next_sqlite_p99_ms': round(percentile(db.callMs, 99), 3),
    'call_next_p50_ratio_http_to_sqlite': round(percentile(http.callNext.latencies, 50) / percentile(db.callMs, 50), 1),
    'call_next_p99_ratio_http_to_sqlite': round(percentile(http.callNext.latencies, 99) / percentile(db.callMs, 99), 1),
    'server_idle_rss_mb': round(http.idleRssMb, 1),
    'server_peak_rss_mb': round(http.peakRssMb, 1),
    'server_vmhwm_mb': round(http.hwmMb, 1),
    'requests_per_phase': count,
    'max_tickets_waiting': QUEUE,
  };
  const verdict = (name: string, ok: boolean) => console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}`);
  console.log(`office-api targets (${SECONDS} s at ${RATE}/s per phase):`);
  verdict(`issue p99 ${figures.issue_http_p99_ms} ms < 20 ms`, figures.issue_http_p99_ms < 20);
  verdict(`call-next p99 ${figures.call_next_http_p99_ms} ms < 20 ms`, figures.call_next_http_p99_ms < 20);
  verdict(`idle RSS ${figures.server_idle_rss_mb} MB < 150 MB`, figures.server_idle_rss_mb < 150);
  return figures;
}
