/**
 * An honest kiosk's ticket latency while another client floods (issue 11, item 2).
 *
 * The office runs from the bundle exactly as `npm start` runs it (dist/, its node flags
 * and environment: `npm run build` first; BENCH_FLOOD_SOURCES=1 runs the sources), with
 * the real client budgets (SOCKET_COMMAND_BURST/PER_SECOND, the kiosk burst, the
 * per-address HTTP budget at their defaults; KIOSK_TICKET_SECONDS shortened so the honest
 * kiosk can be sampled often). Each run, the same honest kiosk issues at a steady
 * HONEST_RATE per second (open loop: a slow answer does not delay the next request):
 *   quiet: nothing else happens;
 *   flood: a second kiosk, from its own process and its own address (127.0.0.2: another
 *          machine on the office network), sends every second a burst of
 *          SNAPSHOTS_PER_SECOND snapshot:get on one socket and ISSUES_PER_SECOND
 *          POST /tickets (the review saw 5,000 snapshots and 500 tickets in bursts), and
 *          reconnects at once whenever the server closes its socket, as an attacker would.
 * Figures per run: p50/p99 of both phases, their ratio (target: flood p99 within 2x of
 * quiet), the load average before the run (the machine is shared), and what happened to
 * the flood. RUNS runs on fresh offices; the headline is the median run's ratio.
 */
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { login, request } from '../tests/support/http';
import { startTestOffice } from '../tests/support/office';
import { percentile, runIfMain } from './measure';

const RUNS = Number(process.env.BENCH_FLOOD_RUNS ?? 3);
const SAMPLES = Number(process.env.BENCH_FLOOD_SAMPLES ?? 400);
const HONEST_RATE = 10;
/** The flood, every second: this many snapshot:get at once on one socket, and ticket requests. */
const SNAPSHOTS_PER_SECOND = Number(process.env.BENCH_FLOOD_SNAPSHOTS ?? 1000);
const ISSUES_PER_SECOND = Number(process.env.BENCH_FLOOD_ISSUES ?? 50);
/** The flooder's own address: all of 127/8 is this machine's loopback. */
const FLOODER_ADDRESS = '127.0.0.2';
const FLOODER_FLAG = '--flooder';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n * 10) / 10;

export async function run(): Promise<Record<string, number>> {
  const runs: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const figures = await oneRun();
    console.log(`run ${i + 1}/${RUNS}: ${JSON.stringify(figures)}`);
    runs.push(figures);
  }
  const median = [...runs].sort((a, b) => a.floodToQuietP99 - b.floodToQuietP99)[Math.floor(runs.length / 2)];
  const perRun = Object.fromEntries(
    runs.flatMap((r, i) => [
      [`run${i + 1}FloodToQuietP99`, r.floodToQuietP99],
      [`run${i + 1}LoadAverage1m`, r.loadAverage1m],
    ]),
  );
  return { runs: runs.length, medianFloodToQuietP99: median.floodToQuietP99, ...perRun, ...prefixed('median', median) };
}

function prefixed(prefix: string, figures: RunFigures): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [`${prefix}${k[0].toUpperCase()}${k.slice(1)}`, v]));
}

interface RunFigures {
  loadAverage1m: number;
  samplesPerPhase: number;
  quietP50Ms: number;
  quietP99Ms: number;
  floodP50Ms: number;
  floodP99Ms: number;
  floodToQuietP99: number;
  honestRefused: number;
  honestErrors: number;
  floodSent: number;
  floodRefusedPercent: number;
  floodUnansweredPercent: number;
  floodSocketsClosed: number;
}

async function oneRun(): Promise<RunFigures> {
  const loadAverage1m = round(loadavg()[0]);
  const office = await startTestOffice({
    production: !process.env.BENCH_FLOOD_SOURCES,
    env: {
      LOG_LEVEL: 'warn',
      // The real budgets (tests/support/office.ts lifts them for the other tests).
      SOCKET_COMMAND_BURST: '20',
      SOCKET_COMMANDS_PER_SECOND: '5',
      KIOSK_TICKET_BURST: '10',
      // One ticket per 0.05 s per kiosk: the honest kiosk's 10 per second stay within it.
      KIOSK_TICKET_SECONDS: '0.05',
      // BENCH_FLOOD_PROFILE=dir: the office writes a CPU profile there when it stops.
      ...(process.env.BENCH_FLOOD_PROFILE ? { NODE_OPTIONS: `--import ${fileURLToPath(new URL('./flood-profile.mjs', import.meta.url))}` } : {}),
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
      const started = performance.now();
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
        // On a fixed schedule, not after the answer: a slow answer must not thin the samples.
        await sleep(Math.max(0, started + ((i + 1) * 1000) / HONEST_RATE - performance.now()));
      }
      await Promise.all(pending);
      return { latencies, refused, errors };
    };

    for (let i = 0; i < 20; i++) await issue(creds.kioskToken, i); // warm-up, not measured
    await sleep(1500); // the warm-up's budget refills
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

    const quietP99 = percentile(quiet.latencies, 99);
    const floodP99 = percentile(flooded.latencies, 99);
    return {
      loadAverage1m,
      samplesPerPhase: SAMPLES,
      quietP50Ms: round(percentile(quiet.latencies, 50)),
      quietP99Ms: round(quietP99),
      floodP50Ms: round(percentile(flooded.latencies, 50)),
      floodP99Ms: round(floodP99),
      floodToQuietP99: Math.round((floodP99 / quietP99) * 100) / 100,
      // The honest kiosk's own budget: requests the flood delayed may arrive in a clump.
      honestRefused: quiet.refused + flooded.refused,
      honestErrors: quiet.errors + flooded.errors,
      floodSent: flood.sent,
      floodRefusedPercent: round((flood.refused / Math.max(1, flood.sent)) * 100),
      // Sent but never answered: the server closed the socket or connection first.
      floodUnansweredPercent: round(((flood.sent - flood.answered) / Math.max(1, flood.sent)) * 100),
      floodSocketsClosed: flood.closed,
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
  /** Requests and commands put on the wire. */
  sent: number;
  /** Answered, refused or not. */
  answered: number;
  refused: number;
  /** Times the server closed the flooder's socket. */
  closed: number;
}

/** The flooding client (a child process): bursts every second until told to stop. */
async function flooder(job: FloodJob): Promise<void> {
  const stats: FloodStats = { sent: 0, answered: 0, refused: 0, closed: 0 };
  const socket = io(job.url, {
    auth: { token: job.token },
    transports: ['websocket'],
    localAddress: FLOODER_ADDRESS,
    // An attacker does not back off: straight back in whenever the server closes it.
    reconnectionDelay: 50,
    reconnectionDelayMax: 50,
    randomizationFactor: 0,
    forceNew: true,
  } as Parameters<typeof io>[1]);
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect' && reason !== 'transport close') return;
    stats.closed += 1;
    // socket.io does not reconnect after a server-side disconnect on its own: the flooder does.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 50);
  });
  // Refused at the handshake (cooling down): it keeps knocking.
  socket.on('connect_error', () => setTimeout(() => socket.connect(), 50));
  const agent = new Agent({ keepAlive: true });
  const answered = (refused: boolean) => {
    stats.answered += 1;
    if (refused) stats.refused += 1;
  };
  const post = (serviceId: string) => {
    stats.sent += 1;
    const body = JSON.stringify({ serviceId, print: false, category: 'preferential' });
    const req = httpRequest(
      `${job.url}/api/v1/tickets`,
      {
        method: 'POST',
        agent,
        localAddress: FLOODER_ADDRESS,
        headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => answered(res.statusCode === 429));
      },
    );
    req.on('error', () => undefined); // a connection the server closed: sent, not answered
    req.end(body);
  };
  const burst = () => {
    // Only while connected: socket.io would otherwise buffer the emits until it reconnects.
    if (socket.connected) {
      for (let i = 0; i < SNAPSHOTS_PER_SECOND; i++) {
        stats.sent += 1;
        socket.emit('snapshot:get', (r: { error?: { code: string } }) => answered(r.error?.code === 'rate_limited'));
      }
    }
    for (let i = 0; i < ISSUES_PER_SECOND; i++) post(job.serviceIds[i % job.serviceIds.length]);
  };
  burst();
  const timer = setInterval(burst, 1000);
  process.send!({ connected: true });
  process.on('message', () => {
    clearInterval(timer);
    socket.close();
    agent.destroy();
    process.send!(stats, () => process.exit(0));
  });
}

if (process.argv[2] === FLOODER_FLAG) process.once('message', (job) => void flooder(job as FloodJob));
else runIfMain(import.meta.url, run);
