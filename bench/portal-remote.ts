/**
 * Remote join bench (issue 14): from a phone's POST /api/v1/public/remote-tickets to the
 * 201 that only comes once the office has issued the ticket over the live link; p50/p99
 * (target p99 < 1 s). Head office runs on this machine's PostgreSQL; the office is a real
 * office server process (PORTAL_BENCH_OFFICE=real, the default once the office side takes
 * link:remote-ticket) or a stand-in link client that answers at once (=stand-in: head
 * office's own share). Same-run baseline: a bare socket.io emitWithAck round trip between
 * a server and a client on this machine.
 *
 *   npx tsx bench/portal-remote.ts      Env: PORTAL_REMOTE_JOINS (300), PORTAL_BENCH_OFFICE (real|stand-in)
 */
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { dialLink } from '../tests/hq/link-stand-in';
import { publicApi, startPortalHq } from '../tests/portal/helpers';
import { startTestOffice, tempDataDir, type TestOffice } from '../tests/support/office';
import { percentile, runIfMain } from './measure';

const JOINS = Number(process.env.PORTAL_REMOTE_JOINS ?? 300);
const OFFICE_KIND = process.env.PORTAL_BENCH_OFFICE ?? 'real';
const ms = (v: number) => Math.round(v * 10) / 10;

/** A bare socket.io round trip with an ack, on this machine, `n` times. */
async function bareRoundTrips(n: number): Promise<number[]> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  client.on('ask', (_p: unknown, ack: (a: unknown) => void) => ack({ ticketId: 't', code: 'F-001', position: 0, estimatedWaitMinutes: 1 }));
  await new Promise<void>((ok) => client.once('connect', () => ok()));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await io.timeout(1000).emitWithAck('ask', { serviceCode: 'FACT', requestKey: `k${i}`, requirePresence: false });
    times.push(performance.now() - t0);
  }
  client.close();
  await new Promise<void>((ok) => io.close(() => ok()));
  return times;
}

export async function run(): Promise<Record<string, number>> {
  const p = await startPortalHq({ limits: { remoteTimeoutMs: 5000 }, rateLimits: { readsPerMinute: 1e6, writesPerMinute: 1e6 } });
  const settings = {
    consentPolicyVersion: 'v1',
    openingHours: null,
    remoteQueue: { enabled: true, requirePresence: false, notifyWhenAhead: 0, notifyWhenMinutes: 0, maxActivePerContact: 10 },
  };
  const token = await p.addOffice('BENCH-R', { settings });
  p.clock.set(new Date().toISOString());
  let office: TestOffice | null = null;
  let standIn: ReturnType<typeof dialLink> | null = null;
  try {
    if (OFFICE_KIND === 'real') {
      office = await startTestOffice({ dataDir: tempDataDir('portal-bench-'), env: { OFFICE_CODE: 'BENCH-R', HQ_URL: p.hq.url, HQ_TOKEN: token, LOG_LEVEL: 'warn' } });
    } else {
      standIn = dialLink(p.hq.url, token);
      let n = 0;
      standIn.socket.on('link:remote-ticket', (_req: unknown, ack: (a: unknown) => void) => {
        n += 1;
        ack({ ticketId: `bench-${n}`, code: `F-${n}`, position: n - 1, estimatedWaitMinutes: n });
      });
      await standIn.connected();
    }
    // Until the office's link is up (and its configuration applied) a join is a 503: wait for the first 201.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await publicApi(p.hq, 'POST', '/remote-tickets', { officeCode: 'BENCH-R', serviceCode: 'FACT', phone: '+573000000000', consentVersion: PORTAL_CONSENT_VERSION });
      if (r.status === 201) break;
      if (Date.now() > deadline) throw new Error(`the office never issued a remote ticket: ${r.status} ${r.text}`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
    const joins: number[] = [];
    for (let i = 0; i < JOINS; i++) {
      const body = { officeCode: 'BENCH-R', serviceCode: 'FACT', phone: `+57301${String(i).padStart(7, '0')}`, consentVersion: PORTAL_CONSENT_VERSION };
      const t0 = performance.now();
      const r = await publicApi(p.hq, 'POST', '/remote-tickets', body);
      joins.push(performance.now() - t0);
      if (r.status !== 201) throw new Error(`join ${i} answered ${r.status}: ${r.text}`);
    }
    const bare = await bareRoundTrips(JOINS);
    const figures = {
      remote_joins: JOINS,
      office_real: OFFICE_KIND === 'real' ? 1 : 0,
      remote_join_p50_ms: ms(percentile(joins, 50)),
      remote_join_p99_ms: ms(percentile(joins, 99)),
      remote_join_max_ms: ms(Math.max(...joins)),
      baseline_emit_ack_p50_ms: ms(percentile(bare, 50)),
      baseline_emit_ack_p99_ms: ms(percentile(bare, 99)),
      load_avg_1m: Math.round(loadavg()[0] * 100) / 100,
    };
    return figures;
  } finally {
    standIn?.socket.close();
    await office?.stop();
    await p.stop();
  }
}

runIfMain(import.meta.url, run);
