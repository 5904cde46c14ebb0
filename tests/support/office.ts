/**
 * Test support: a real office server, either as a child process (for crash tests and
 * browser tests: SIGKILL-able, like production) or in this process (to inject a clock).
 * Both listen on port 0 with a temporary SQLite file and the demo seed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Clock } from '@turnero/domain/types';
import { createOfficeServer, type OfficeServer } from '../../server/src/office/app';
import type { DemoCredentials } from '../../server/src/office/seed/seed';
import { loadConfig } from '../../server/src/platform/config';
import { createLogger } from '../../server/src/platform/logger';
import { withDeadline } from './deadline';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface TestOffice {
  url: string;
  port: number;
  dataDir: string;
  creds: DemoCredentials;
  /** Graceful stop (SIGTERM), keeps the data directory. */
  stop(): Promise<void>;
  /** SIGKILL, like a power cut of the process; keeps the data directory. */
  kill(): Promise<void>;
  /** Removes the data directory (after stop/kill). */
  cleanup(): void;
  process: ChildProcess;
  /** The child's error-level log lines (pino level >= 50 on its stdout), for tests that fail on any. */
  errorLogs: string[];
}

const TEST_ENV = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  DEMO: 'true',
  LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  // Tests issue and ask far faster than people do; tests/security/limits.test.ts sets real budgets.
  KIOSK_TICKET_BURST: '100000',
  SOCKET_COMMAND_BURST: '100000',
  HTTP_IN_FLIGHT_PER_CLIENT: '100000',
};

/** What `npm start` runs the bundled server with: read from package.json's `config`, the one definition. */
const RUNTIME = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  config: { runtimeEnv: string; runtimeNodeFlags: string };
}).config;
const PRODUCTION_NODE_FLAGS = RUNTIME.runtimeNodeFlags.split(/\s+/).filter(Boolean);
const PRODUCTION_ENV = Object.fromEntries(
  RUNTIME.runtimeEnv.split(/\s+/).filter(Boolean).map((pair) => pair.split('=') as [string, string]),
);

export function tempDataDir(prefix = 'turnero-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts `server/src/main.ts` in a child process and waits until it listens. */
export async function startTestOffice(
  opts: {
    dataDir?: string;
    env?: Record<string, string>;
    port?: number;
    /** Run the bundled server exactly as `npm start` does (needs `npm run build` first). */
    production?: boolean;
  } = {},
): Promise<TestOffice> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const args = opts.production ? productionCommand().args : ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...TEST_ENV,
      ...(opts.production ? productionCommand().env : {}),
      PORT: String(opts.port ?? 0),
      DATA_DIR: dataDir,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errorLogs = collectErrorLogs(child);
  const url = await waitForListening(child, 'office');
  const port = Number(new URL(url).port);
  const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await withDeadline(exited, 30_000, `the office (pid ${child.pid}) to exit after ${sig}`);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    creds,
    process: child,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
    errorLogs,
  };
}

/** pino's error level; fatal is 60. */
const PINO_ERROR = 50;

/** Keeps every JSON line of the child's stdout whose pino level is error or fatal. */
function collectErrorLogs(child: ChildProcess): string[] {
  const found: string[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        if ((JSON.parse(line) as { level?: number }).level! >= PINO_ERROR) found.push(line);
      } catch {
        /* not a log line */
      }
    }
  });
  return found;
}

/**
 * Resolves with the URL a server child process prints (`listening on http://...`), then
 * keeps draining its output so it never blocks on a full pipe (TEST_SERVER_LOGS=1 shows
 * its stderr). Rejects with the output so far if it exits first or takes over 60 s.
 */
export async function waitForListening(child: ChildProcess, what: string): Promise<string> {
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before listening:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.on('data', (c: Buffer) => {
    if (process.env.TEST_SERVER_LOGS) process.stderr.write(c);
  });
  return url;
}

/** Node arguments and environment that run the bundled server exactly as `npm start` does. */
export function productionCommand(): { args: string[]; env: Record<string, string> } {
  return { args: [...PRODUCTION_NODE_FLAGS, join(REPO_ROOT, 'dist/server/main.js')], env: PRODUCTION_ENV };
}

export interface InProcessOffice {
  url: string;
  server: OfficeServer;
  creds: DemoCredentials;
  dataDir: string;
  stop(): Promise<void>;
}

/** The office in this process, so a test can pass a fake clock. */
export async function startInProcessOffice(
  opts: { clock?: Clock; env?: Record<string, string>; dataDir?: string } = {},
): Promise<InProcessOffice> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const config = loadConfig({ ...TEST_ENV, PORT: '0', DATA_DIR: dataDir, ...opts.env });
  const server = await createOfficeServer({ config, clock: opts.clock, logger: createLogger('silent') });
  const { port } = await server.start();
  const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    creds,
    dataDir,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A settable clock for tests. */
export class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
