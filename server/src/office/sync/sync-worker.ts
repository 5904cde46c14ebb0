/**
 * The office's sync worker: sends outbox events to head office in order, in batches,
 * at-least-once (head office makes it exactly-once in effect).
 *
 * - Reads one page at a time (seq > SyncState.lastSentSeq, ordered, `batchSize` rows), so
 *   a million pending events after days offline cost no more memory than one batch.
 * - Success: SyncState.lastSentSeq = head office's ackedSeq (its word is the truth: if it
 *   holds less than we think, we resend from there). A full page is followed at once by
 *   the next; otherwise the worker idles until `notify()` or `idleMs`.
 * - 409 gap_in_sequence: jump back to details.expectedSeq and resend from there.
 * - Other failures: record lastError/lastAttemptAt and retry with exponential back-off
 *   and jitter (cap 5 min). 413: halve the batch.
 * - Restart: state lives in SyncState, so a new worker resumes where the last one was.
 * - When idle it still sends an empty batch every `heartbeatMs`, so head office can tell
 *   a quiet office from one that is cut off.
 *
 * Every database access goes through `serialize` (reads) and `write` (changes of the
 * sync state) when given: on the office the SQLite adapter has one connection, and a
 * query beside an open command transaction would join it (command-bus.ts), so the office
 * passes its command bus' read queue and a command of the bus.
 */
import type { IngestBatch, IngestResult, OutboxEnvelope } from '@turnero/contract/outbox';
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import type { Db, PrismaClient } from '../store/db';
import { ensureSyncRow, outboxPage, saveSyncRow } from '../store/sync-store';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

interface SyncWorkerOptions {
  prisma: PrismaClient;
  hqUrl: string;
  hqToken: string;
  officeCode: string;
  timeZone: string;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  /** Runs each database read in the office's serialized path. Default: directly. */
  serialize?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Runs each write of the sync state as one change of the office. Default: through `serialize`. */
  write?: <T>(name: string, fn: (db: Db) => Promise<T>) => Promise<T>;
  /** Injectable for tests. */
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Wait between polls when everything is sent (default 2 s; notify() wakes it early). */
  idleMs?: number;
  /** Empty batch this often when idle (default 60 s). */
  heartbeatMs?: number;
  /** Per request (default 60 s). */
  requestTimeoutMs?: number;
}

interface SyncWorkerState {
  running: boolean;
  lastSentSeq: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** When the next retry is due after failures (null when not backing off). */
  nextAttemptAt: string | null;
  batchSize: number;
  sentEvents: number;
  lastClockSkewMs: number | null;
}

export interface SyncWorker {
  start(): void;
  stop(): Promise<void>;
  state(): SyncWorkerState;
  /** New outbox rows exist: stop idling. */
  notify(): void;
  /** Resolves once head office acknowledged `seq` (rejects after timeoutMs); for tests and shutdown. */
  waitForSeq(seq: number, timeoutMs?: number): Promise<void>;
}

class HqHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

export function createSyncWorker(opts: SyncWorkerOptions): SyncWorker {
  const { prisma, clock, logger } = opts;
  const maxBatch = Math.max(1, Math.min(5000, opts.batchSize ?? 500));
  const serialize = opts.serialize ?? (<T>(fn: () => Promise<T>) => fn());
  const write = opts.write ?? (<T>(_name: string, fn: (db: Db) => Promise<T>) => serialize(() => fn(prisma)));
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? defaultSleep;
  const doFetch = opts.fetch ?? fetch;
  const backoff = { baseMs: opts.baseBackoffMs ?? DEFAULT_BACKOFF.baseMs, capMs: opts.maxBackoffMs ?? DEFAULT_BACKOFF.capMs, random };
  const idleMs = opts.idleMs ?? 2000;
  const heartbeatMs = opts.heartbeatMs ?? 60_000;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 60_000;
  const ingestUrl = new URL('/api/v1/hq/ingest', opts.hqUrl).toString();

  const st: SyncWorkerState = {
    running: false,
    lastSentSeq: 0,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    consecutiveFailures: 0,
    nextAttemptAt: null,
    batchSize: maxBatch,
    sentEvents: 0,
    lastClockSkewMs: null,
  };
  let loop: Promise<void> | null = null;
  let stopper = new AbortController();
  let wake = new AbortController();

  async function loadState() {
    const s = await write('sync-state', ensureSyncRow);
    st.lastSentSeq = s.lastSentSeq;
    st.lastSuccessAt = s.lastSuccessAt?.toISOString() ?? null;
    st.lastAttemptAt = s.lastAttemptAt?.toISOString() ?? null;
    st.lastError = s.lastError;
  }

  async function readPage(): Promise<OutboxEnvelope[]> {
    const rows = await serialize(() => outboxPage(prisma, st.lastSentSeq, st.batchSize));
    // Stop at the first hole in our own numbering: head office would refuse it anyway.
    const page: OutboxEnvelope[] = [];
    for (const r of rows) {
      if (r.seq !== st.lastSentSeq + 1 + page.length) break;
      page.push({ seq: r.seq, occurredAt: r.occurredAt.toISOString(), fact: JSON.parse(r.payload) });
    }
    return page;
  }

  async function post(events: OutboxEnvelope[]): Promise<IngestResult> {
    const batch: IngestBatch = { officeCode: opts.officeCode, sentAt: clock.now().toISOString(), timeZone: opts.timeZone, events };
    const res = await doFetch(ingestUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.hqToken}` },
      body: JSON.stringify(batch),
      signal: AbortSignal.any([stopper.signal, AbortSignal.timeout(requestTimeoutMs)]),
    });
    const text = await res.text();
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: a proxy's error page */
    }
    if (!res.ok) {
      const e = body?.error;
      throw new HqHttpError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `HTTP ${res.status}`, e?.details);
    }
    return body as IngestResult;
  }

  async function recordSuccess(result: IngestResult, sent: number) {
    const now = clock.now();
    if (result.ackedSeq > st.lastSentSeq + sent) {
      logger.warn({ ackedSeq: result.ackedSeq, lastSentSeq: st.lastSentSeq }, 'head office holds more events than this office sent');
    }
    st.lastSentSeq = result.ackedSeq;
    st.lastSuccessAt = now.toISOString();
    st.lastAttemptAt = now.toISOString();
    st.lastError = null;
    st.consecutiveFailures = 0;
    st.nextAttemptAt = null;
    st.sentEvents += result.applied;
    st.lastClockSkewMs = result.clockSkewMs;
    await write('sync-sent', (db) =>
      saveSyncRow(db, { lastSentSeq: result.ackedSeq, lastSuccessAt: now, lastAttemptAt: now, lastError: null }),
    );
  }

  async function recordFailure(err: unknown) {
    const now = clock.now();
    const message =
      err instanceof HqHttpError ? `${err.status} ${err.code}: ${err.message}` : `network: ${(err as Error)?.message ?? String(err)}`;
    st.consecutiveFailures += 1;
    st.lastError = message.slice(0, 500);
    st.lastAttemptAt = now.toISOString();
    const delay = backoffDelay(st.consecutiveFailures, backoff);
    st.nextAttemptAt = new Date(now.getTime() + delay).toISOString();
    logger.warn({ err: message, failures: st.consecutiveFailures, retryInMs: delay }, 'sync to head office failed');
    await write('sync-failed', (db) => saveSyncRow(db, { lastAttemptAt: now, lastError: st.lastError })).catch((e) => logger.error({ err: e }, 'could not record sync failure'));
    return delay;
  }

  async function jumpBack(expectedSeq: number) {
    logger.warn({ expectedSeq, lastSentSeq: st.lastSentSeq }, 'head office expects an earlier event: resending from there');
    st.lastSentSeq = Math.max(0, expectedSeq - 1);
    await write('sync-rewind', (db) => saveSyncRow(db, { lastSentSeq: st.lastSentSeq }));
  }

  async function idle(ms: number) {
    wake = new AbortController();
    await sleep(ms, AbortSignal.any([stopper.signal, wake.signal]));
  }

  async function run() {
    await loadState();
    let gapJumps = 0;
    while (st.running) {
      let page: OutboxEnvelope[];
      try {
        page = await readPage();
      } catch (err) {
        // A row that does not parse would stop sync here: say so where supervisors look.
        logger.error({ err }, 'could not read the outbox');
        st.lastError = `outbox: ${(err as Error)?.message ?? String(err)}`.slice(0, 500);
        await idle(Math.max(idleMs, 1000));
        continue;
      }
      const lastSuccess = st.lastSuccessAt ? Date.parse(st.lastSuccessAt) : 0;
      if (page.length === 0 && clock.now().getTime() - lastSuccess < heartbeatMs) {
        await idle(idleMs);
        continue;
      }
      try {
        const result = await post(page);
        await recordSuccess(result, page.length);
        gapJumps = 0;
      } catch (err) {
        if (!st.running) break;
        const expected = (err as HqHttpError)?.details as { expectedSeq?: number } | undefined;
        if (err instanceof HqHttpError && err.code === 'gap_in_sequence' && typeof expected?.expectedSeq === 'number' && gapJumps < 3) {
          gapJumps += 1;
          await jumpBack(expected.expectedSeq);
          continue;
        }
        if (err instanceof HqHttpError && err.status === 413 && st.batchSize > 1) {
          st.batchSize = Math.max(1, Math.floor(st.batchSize / 2));
        }
        const delay = await recordFailure(err);
        await sleep(delay, stopper.signal);
      }
    }
  }

  return {
    start() {
      if (st.running) return;
      st.running = true;
      stopper = new AbortController();
      loop = run().catch((err) => {
        logger.error({ err }, 'sync worker stopped on an unexpected error');
        st.running = false;
      });
    },
    async stop() {
      st.running = false;
      stopper.abort();
      await loop;
      loop = null;
    },
    state: () => ({ ...st }),
    notify() {
      wake.abort();
    },
    async waitForSeq(seq, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (st.lastSentSeq < seq) {
        if (Date.now() > deadline) throw new Error(`sync worker did not reach seq ${seq} (at ${st.lastSentSeq}: ${st.lastError})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
