/**
 * Realtime fan-out bench (issue 4): from an agent's call-next request to 'ticket:called'
 * received by EVERY connected client, with 200 displays and desks as real socket.io
 * clients in a separate process, against a real office server process; p50/p99 (target
 * p99 < 100 ms) and the server's RSS with them. Baseline in the same run: 1 client.
 *
 *   npx tsx bench/realtime-fanout.ts            (alone)
 *   import { run } from './realtime-fanout'     (from bench/run.ts)
 * Env: FANOUT_CLIENTS (200), FANOUT_ITERATIONS (150).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { login, request } from '../tests/support/http';
import { startTestOffice, type TestOffice } from '../tests/support/office';
import type { CounterDto, ServiceDto } from '@turnero/contract/dto';
import type { CallTiming, FanoutJob } from './realtime-clients';
import { loadavg } from 'node:os';
import { memoryOf, percentile, runIfMain } from './measure';

const CLIENT_SCRIPT = fileURLToPath(new URL('./realtime-clients.ts', import.meta.url));

/** Resident set size of a process, in MB, to one decimal. */
const rssMb = (pid: number) => Math.round(memoryOf(pid).rss * 10) / 10;

interface Scenario {
  p50: number;
  p99: number;
  max: number;
  /** The call-next HTTP answer alone (server work), p50. */
  httpP50: number;
  /** First client's receipt, p50: the rest of the spread is fan-out and client-side load. */
  firstP50: number;
  timeouts: number;
  serverRssMb: number;
}

async function scenario(office: TestOffice, job: FanoutJob): Promise<Scenario> {
  const child = fork(CLIENT_SCRIPT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pid = office.process.pid!;
  let peakRss = 0;
  const result = await new Promise<{ timings: CallTiming[]; timeouts: number }>((resolve, reject) => {
    let sampler: ReturnType<typeof setInterval> | null = null;
    child.on('message', (m: { type: string; timings?: CallTiming[]; timeouts?: number; message?: string }) => {
      if (m.type === 'connected') {
        peakRss = rssMb(pid);
        sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 100);
      } else if (m.type === 'result') {
        if (sampler) clearInterval(sampler);
        resolve({ timings: m.timings!, timeouts: m.timeouts! });
      } else if (m.type === 'error') {
        if (sampler) clearInterval(sampler);
        reject(new Error(m.message));
      }
    });
    child.once('exit', (code) => {
      if (sampler) clearInterval(sampler);
      if (code !== 0) reject(new Error(`client process exited with ${code}`));
    });
    child.send(job);
  });
  const sortedBy = (f: (t: CallTiming) => number) => result.timings.map(f).sort((a, b) => a - b);
  const sorted = sortedBy((t) => t.totalMs);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    httpP50: round(percentile(sortedBy((t) => t.httpMs), 50)),
    firstP50: round(percentile(sortedBy((t) => t.firstMs), 50)),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    timeouts: result.timeouts,
    serverRssMb: peakRss,
  };
}

export async function run(): Promise<Record<string, number>> {
  const clients = Number(process.env.FANOUT_CLIENTS ?? 200);
  const iterations = Number(process.env.FANOUT_ITERATIONS ?? 150);
  const baselineIterations = Math.max(20, Math.round(iterations / 2));
  const office = await startTestOffice({ env: { LOG_LEVEL: 'error' } });
  try {
    const { creds, url } = office;
    const supervisor = creds.users.find((u) => u.role === 'supervisor')!;
    const supToken = await login(url, supervisor.username, supervisor.password);
    const services = (await request<ServiceDto[]>(url, 'GET', '/api/v1/services', { token: supToken })).body;
    const counters = (await request<CounterDto[]>(url, 'GET', '/api/v1/counters', { token: supToken })).body;
    const serviceA = services.find((s) => s.prefix === 'A')!;

    // Agents whose counters serve A sign in and will call.
    const agents: FanoutJob['agents'] = [];
    for (const u of creds.users.filter((x) => x.role === 'agent' && x.counterId)) {
      const counter = counters.find((c) => c.id === u.counterId)!;
      if (!counter.services.some((s) => s.serviceId === serviceA.id)) continue;
      const token = await login(url, u.username, u.password);
      const r = await request(url, 'POST', `/api/v1/counters/${counter.id}/sign-in`, { token });
      if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
      agents.push({ token, counterId: counter.id });
    }

    // Enough waiting tickets for both scenarios.
    for (let i = 0; i < iterations + baselineIterations; i++) {
      const r = await request(url, 'POST', '/api/v1/tickets', {
        token: creds.kioskToken,
        headers: { 'Idempotency-Key': randomUUID() },
        body: { serviceId: serviceA.id, print: false },
      });
      if (r.status !== 201) throw new Error(`issue failed: ${r.status} ${JSON.stringify(r.body)}`);
    }

    // Clients: three displays for every desk (an office has more screens watching than agents).
    const staffTokens = [supToken, ...agents.map((a) => a.token)];
    const clientTokens = Array.from({ length: clients }, (_, i) =>
      i % 4 === 3 ? staffTokens[i % staffTokens.length] : creds.displayToken,
    );
    const rssIdle = rssMb(office.process.pid!);
    const base = await scenario(office, {
      url,
      clientTokens: [creds.displayToken],
      agents,
      iterations: baselineIterations,
      perCallTimeoutMs: 5000,
    });
    const fan = await scenario(office, { url, clientTokens, agents, iterations, perCallTimeoutMs: 5000 });
    return {
      clients,
      iterations,
      fanout_p50_ms: fan.p50,
      fanout_p99_ms: fan.p99,
      fanout_max_ms: fan.max,
      fanout_timeouts: fan.timeouts,
      fanout_http_answer_p50_ms: fan.httpP50,
      fanout_first_client_p50_ms: fan.firstP50,
      baseline_1_client_p50_ms: base.p50,
      baseline_1_client_p99_ms: base.p99,
      server_rss_idle_mb: rssIdle,
      server_rss_1_client_mb: base.serverRssMb,
      server_rss_with_clients_mb: fan.serverRssMb,
      p99_target_ms: 100,
      p99_within_target: fan.p99 < 100 ? 1 : 0,
      // 2-core machine shared with other work: read the figures against the load they ran under.
      loadavg_1m: Math.round(loadavg()[0] * 100) / 100,
    };
  } finally {
    await office.stop();
    office.cleanup();
  }
}

runIfMain(import.meta.url, run);
