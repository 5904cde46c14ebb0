/**
 * Copies the office's write-ahead log into the database file off the event loop.
 *
 * SQLite's automatic checkpoint runs inside whichever commit takes the WAL past 1000
 * pages, on the thread that committed, with two fsyncs: on this kind of disk a 10-35 ms
 * stall for that one request, every few hundred requests (bench/office-api.ts shows it in
 * the plain better-sqlite3 baseline's p99). So the office connection turns it off
 * (`wal_autocheckpoint = 0`) and a worker thread with its own connection runs PASSIVE
 * checkpoints, which never wait for nor block the writer, while the office is writing.
 *
 * A checkpoint that runs beside the writer can never copy the frames committed while it
 * ran, and SQLite restarts the log only once every frame is copied: under a steady load
 * the log would grow for as long as the load lasts (measured: a 30 s burst at 300
 * commands/s slowed commits fourfold). So once the log passes RESTART_FRAMES, the next
 * commit finishes the checkpoint on the office connection itself: the few frames the
 * worker had not reached, one fsync, and the log starts over.
 *
 * The worker starts on the first commit after a quiet spell and ends after a quiet
 * minute (an idle office keeps no thread). If it ever fails, the office connection gets
 * its automatic checkpoints back, so the log never grows without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

interface WalCheckpointerOptions {
  /** Path of the database file. */
  file: string;
  /** Turns SQLite's automatic checkpoint back on (the fallback when the worker fails). */
  restoreAutoCheckpoint: () => Promise<void>;
  /** Runs a PASSIVE checkpoint on the office connection (between two commands). */
  checkpointHere: () => void;
  log?: (msg: string, err?: unknown) => void;
  /** How often the worker checkpoints while running (ms). */
  intervalMs?: number;
  /** How long without commits before the worker ends (ms). */
  idleMs?: number;
}

interface WalCheckpointer {
  /**
   * A commit happened (call it between commands, on the office's queue): makes sure the
   * worker runs, and finishes its checkpoint here when the log has grown long.
   */
  committed(): void;
  /** Ends the worker after a last checkpoint. */
  stop(): Promise<void>;
}

// Plain CommonJS run with `eval`, so it needs no build step in either the bundled server
// or tsx; better-sqlite3 is resolved by the main thread and passed in.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage(result);
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  clearInterval(timer);
  try { checkpoint(); } finally { db.close(); parentPort.close(); }
});
`;

/** About 4 MB of 4 KB pages: the log restarts before it grows past a few times this. */
const RESTART_FRAMES = 1000;

export function createWalCheckpointer(opts: WalCheckpointerOptions): WalCheckpointer {
  const intervalMs = opts.intervalMs ?? 1000;
  const idleMs = opts.idleMs ?? 60_000;
  const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | null = null;
  let lastCommit = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  let failed = false;
  let finishHere = false;

  function end(): Promise<void> {
    const w = worker;
    worker = null;
    if (idleTimer) clearInterval(idleTimer);
    idleTimer = null;
    if (!w) return Promise.resolve();
    return new Promise((resolve) => {
      w.once('exit', () => resolve());
      // Unreferenced while it runs (it must not keep a finished process alive), but its
      // last checkpoint is awaited.
      w.ref();
      w.postMessage('stop');
    });
  }

  function start(): void {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: opts.file, sqlitePath, intervalMs },
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    });
    w.unref();
    w.on('message', (result: { log: number; checkpointed: number }) => {
      if (result.log >= RESTART_FRAMES) finishHere = true;
    });
    w.on('error', (err) => {
      failed = true;
      opts.log?.('WAL checkpoint worker failed; SQLite checkpoints on commit again', err);
      void opts.restoreAutoCheckpoint();
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
    });
    worker = w;
    idleTimer = setInterval(() => {
      if (Date.now() - lastCommit >= idleMs) void end();
    }, idleMs);
    idleTimer.unref();
  }

  return {
    committed() {
      lastCommit = Date.now();
      if (!worker && !failed) start();
      if (finishHere) {
        finishHere = false;
        opts.checkpointHere();
      }
    },
    stop: end,
  };
}
