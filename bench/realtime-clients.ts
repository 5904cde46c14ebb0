/**
 * Child process of bench/realtime-fanout.ts: holds N real socket.io clients (displays and
 * desks) and drives the agents' call-next requests, timing each call from the request to
 * the moment the LAST client received its 'ticket:called'. One process, one monotonic
 * clock, so no cross-process clock error enters the figures.
 *
 * Protocol (IPC): parent sends a FanoutJob; child answers {type:'connected'} once every
 * socket is in, then {type:'result', latenciesMs} or {type:'error', message}.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { CallResultDto } from '@turnero/contract/dto';

export interface FanoutJob {
  url: string;
  /** One token per client socket (display tokens and staff tokens, in any mix). */
  clientTokens: string[];
  /** Agents that call, round robin: their token and counter. */
  agents: { token: string; counterId: string }[];
  iterations: number;
  /** Give up on one call after this long (a lost event must not hang the bench). */
  perCallTimeoutMs: number;
}

/** One timed call: total (request -> last client), the HTTP answer, and the first client's receipt. */
export interface CallTiming {
  totalMs: number;
  httpMs: number;
  firstMs: number;
}

type Msg = { type: 'connected' } | { type: 'result'; timings: CallTiming[]; timeouts: number } | { type: 'error'; message: string };
const send = (m: Msg) => process.send!(m);

async function connectAll(job: FanoutJob): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const BATCH = 25; // connect in batches: a real office's screens do not all boot in the same millisecond
  for (let i = 0; i < job.clientTokens.length; i += BATCH) {
    const batch = job.clientTokens.slice(i, i + BATCH).map(
      (token) =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(job.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
          s.once('connect', () => resolve(s));
          s.once('connect_error', (e) => reject(new Error(`socket connect failed: ${e.message}`)));
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

async function post<T>(url: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function run(job: FanoutJob): Promise<void> {
  const sockets = await connectAll(job);
  // ticketId -> receive times of the clients that got its call so far
  const received = new Map<string, number[]>();
  let waiter: { ticketId: string; resolve: (times: number[]) => void } | null = null;
  for (const s of sockets) {
    s.on('ticket:called', (e: { ticket: { id: string } }) => {
      const at = performance.now();
      const list = received.get(e.ticket.id) ?? [];
      list.push(at);
      received.set(e.ticket.id, list);
      if (waiter && waiter.ticketId === e.ticket.id && list.length === sockets.length) waiter.resolve(list);
    });
  }
  send({ type: 'connected' });

  const timings: CallTiming[] = [];
  let timeouts = 0;
  for (let i = 0; i < job.iterations; i++) {
    const agent = job.agents[i % job.agents.length];
    const t0 = performance.now();
    const call = await post<CallResultDto | null>(`${job.url}/api/v1/counters/${agent.counterId}/call-next`, agent.token);
    if (call.status !== 200 || !call.body) throw new Error(`call-next answered ${call.status}: ${JSON.stringify(call.body)}`);
    const httpAt = performance.now();
    const ticketId = call.body.ticket.id;
    const times = await new Promise<number[] | null>((resolve) => {
      const already = received.get(ticketId);
      if (already && already.length === sockets.length) return resolve(already);
      const timer = setTimeout(() => resolve(null), job.perCallTimeoutMs);
      waiter = {
        ticketId,
        resolve: (list) => {
          clearTimeout(timer);
          resolve(list);
        },
      };
    });
    waiter = null;
    received.delete(ticketId);
    if (times === null) timeouts++;
    else timings.push({ totalMs: Math.max(...times) - t0, httpMs: httpAt - t0, firstMs: Math.min(...times) - t0 });
    // Free the counter for its next call (not timed).
    const done = await post(`${job.url}/api/v1/tickets/${ticketId}/no-show`, agent.token);
    if (done.status !== 200) throw new Error(`no-show answered ${done.status}: ${JSON.stringify(done.body)}`);
  }
  for (const s of sockets) s.disconnect();
  send({ type: 'result', timings, timeouts });
}

process.once('message', (job: FanoutJob) => {
  run(job).then(
    () => process.exit(0),
    (e: unknown) => {
      send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      process.exit(1);
    },
  );
});
