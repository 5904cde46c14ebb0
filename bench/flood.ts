/**
 * An honest kiosk's ticket latency while another client floods (issue 11, item 2).
 *
 * One office (a child process from the sources, as the tests start it, with the real
 * limits: SOCKET_COMMAND_BURST/PER_SECOND and the kiosk burst at their defaults,
 * KIOSK_TICKET_SECONDS shortened so the honest kiosk can be sampled often). Two phases in the same run, the same honest kiosk issuing
 * at a steady HONEST_RATE per second:
 *   quiet: nothing else happens;
 *   flood: a second kiosk, from its own process, sends every second a burst of
 *          SNAPSHOTS_PER_SECOND snapshot:get on one socket and ISSUES_PER_SECOND
 *          POST /tickets (the review saw 5,000 snapshots and 500 tickets in bursts);
 *          BENCH_FLOOD_SNAPSHOTS and BENCH_FLOOD_ISSUES change the rates. A refusal is
 *          cheap but not free: a flood of refused HTTP requests still takes CPU.
 * Figures: p50/p99 of both phases, their ratio (target: flood p99 within 2x of quiet),
 * what the flooder sent and how much of it was refused with rate_limited.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { login, request } from '../tests/support/http';
import { startTestOffice } from '../tests/support/office';
import { percentile, runIfMain } from './measure';

const SAMPLES = Number(process.env.BENCH_FLOOD_SAMPLES ?? 150);
const HONEST_RATE = 5;
/** The flood, every second: this many snapshot:get at once on one socket, and ticket requests. */
const SNAPSHOTS_PER_SECOND = Number(process.env.BENCH_FLOOD_SNAPSHOTS ?? 1000);
const ISSUES_PER_SECOND = Number(process.env.BENCH_FLOOD_ISSUES ?? 50);
const FLOODER_FLAG = '--flooder';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<Record<string, number>> {
  const office = await startTestOffice({
    env: {
      LOG_LEVEL: 'warn',
      // The real budgets (tests/support/office.ts lifts them for the other tests).
      SOCKET_COMMAND_BURST: '20',
      SOCKET_COMMANDS_PER_SECOND: '5',
      KIOSK_TICKET_BURST: '10',
      // One ticket per 0.1 s per kiosk: the honest kiosk's 5 per second stay within it.
      KIOSK_TICKET_SECONDS: '0.1',
    },
  });
  try {
    const { url, creds } = office;
    const admin = creds.users.find((u) => u.role === 'admin')!;
    const adminToken = await login(url, admin.username, admin.password);
    const second = await request<{ token: string }>(url, 'POST', '/api/v1/admin/devices', {
      token: adminToken,
      body: { name: 'Kiosco abusivo', kind: 'kiosk' },
    });
    if (second.status !== 201) throw new Error(`second kiosk: ${second.status} ${JSON.stringify(second.body)}`);
    const services = (await request<{ id: string }[]>(url, 'GET', '/api/v1/services', { token: creds.kioskToken })).body;

    const issue = async (token: string, i: number) => {
      const r = await fetch(`${url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: services[i % services.length].id, print: false }),
      });
      await r.arrayBuffer();
      return r.status;
    };

    /** The honest kiosk: SAMPLES tickets at HONEST_RATE per second, each timed. */
    const honest = async () => {
      const latencies: number[] = [];
      let refused = 0;
      let errors = 0;
      const pending: Promise<void>[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        pending.push(
          (async () => {
            const t0 = performance.now();
            const status = await issue(creds.kioskToken, i);
            latencies.push(performance.now() - t0);
            if (status === 429) refused += 1;
            else if (status !== 201) errors += 1;
          })(),
        );
        await sleep(1000 / HONEST_RATE);
      }
      await Promise.all(pending);
      return { latencies, refused, errors };
    };

    for (let i = 0; i < 20; i++) await issue(creds.kioskToken, i); // warm-up, not measured
    await sleep(2500); // the warm-up's budget refills
    const quiet = await honest();

    // ---- flood: from its own process, so this one's clock only times the honest kiosk ----
    const flooder = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), FLOODER_FLAG], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const job: FloodJob = { url, token: second.body.token, serviceIds: services.map((s) => s.id) };
    flooder.send(job);
    await new Promise<void>((ok) => flooder.once('message', () => ok())); // connected
    await sleep(1000); // the flood is in full swing before the first sample
    const flooded = await honest();
    flooder.send('stop');
    const flood = await new Promise<FloodStats>((ok) => flooder.once('message', (m) => ok(m as FloodStats)));
    flooder.kill();

    const round = (n: number) => Math.round(n * 10) / 10;
    const quietP99 = percentile(quiet.latencies, 99);
    const floodP99 = percentile(flooded.latencies, 99);
    return {
      samplesPerPhase: SAMPLES,
      quietP50Ms: round(percentile(quiet.latencies, 50)),
      quietP99Ms: round(quietP99),
      floodP50Ms: round(percentile(flooded.latencies, 50)),
      floodP99Ms: round(floodP99),
      floodToQuietP99: Math.round((floodP99 / quietP99) * 100) / 100,
      // The honest kiosk's own budget: requests the flood delayed may arrive in a clump.
      honestRefused: quiet.refused + flooded.refused,
      honestErrors: quiet.errors + flooded.errors,
      floodRequests: flood.sent,
      floodRefusedPercent: round((flood.refused / Math.max(1, flood.sent)) * 100),
    };
  } finally {
    await office.stop();
    office.cleanup();
  }
}

interface FloodJob {
  url: string;
  token: string;
  serviceIds: string[];
}
interface FloodStats {
  sent: number;
  refused: number;
}

/** The flooding client (a child process): bursts every second until told to stop. */
async function flooder(job: FloodJob): Promise<void> {
  const stats: FloodStats = { sent: 0, refused: 0 };
  const socket = io(job.url, { auth: { token: job.token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
  const count = (refused: boolean) => {
    stats.sent += 1;
    if (refused) stats.refused += 1;
  };
  const burst = () => {
    for (let i = 0; i < SNAPSHOTS_PER_SECOND; i++) {
      socket.emit('snapshot:get', (r: { error?: { code: string } }) => count(r.error?.code === 'rate_limited'));
    }
    for (let i = 0; i < ISSUES_PER_SECOND; i++) {
      void fetch(`${job.url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: job.serviceIds[i % job.serviceIds.length], print: false, category: 'preferential' }),
      }).then(
        async (r) => {
          await r.arrayBuffer();
          count(r.status === 429);
        },
        () => count(false),
      );
    }
  };
  burst();
  const timer = setInterval(burst, 1000);
  process.send!({ connected: true });
  process.on('message', () => {
    clearInterval(timer);
    socket.close();
    process.send!(stats, () => process.exit(0));
  });
}

if (process.argv[2] === FLOODER_FLAG) process.once('message', (job) => void flooder(job as FloodJob));
else runIfMain(import.meta.url, run);
