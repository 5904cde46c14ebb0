/**
 * A real head-office process for the link's bench and tests: the bundled server exactly as
 * `npm run hq` runs it (production: true, needs `npm run build`), or the sources through
 * tsx (tests, no build needed). On a given port, so a restarted process is found where its
 * offices reconnect; with REDIS_URL when several processes share the links.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { join } from 'node:path';
import { productionCommand, REPO_ROOT, waitForListening } from '../../tests/support/office';
import { withDeadline } from '../../tests/support/deadline';
import { memoryOf } from '../measure';

export const BENCH_ADMIN = { username: 'admin', password: 'bench-admin-password-1' };

export interface HqProcessOptions {
  databaseUrl: string;
  dataDir: string;
  port: number;
  redisUrl?: string;
  production?: boolean;
  logLevel?: string;
  /** Opens the inspector on a loopback port, so collectGarbage() can run a full GC before memory is read. */
  inspect?: boolean;
  /** The first admin of an empty database (default BENCH_ADMIN). */
  admin?: { username: string; password: string };
  /** More environment for head office (single sign-on settings, say), applied last. */
  env?: Record<string, string>;
}

export interface HqProcess {
  url: string;
  pid: number;
  rssMb(): number;
  /** A full garbage collection in head office (needs `inspect`), so RSS is read without garbage in it. */
  collectGarbage(): Promise<void>;
  /** SIGTERM: head office closes its links and stops cleanly. */
  stop(): Promise<void>;
  /** SIGKILL, like a crash or a power cut. */
  kill(): Promise<void>;
}

export async function startHqProcess(o: HqProcessOptions): Promise<HqProcess> {
  const command = o.production ? productionCommand() : { args: ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')], env: {} };
  const child = spawn(process.execPath, [...(o.inspect ? ['--inspect=127.0.0.1:0'] : []), ...command.args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...command.env,
      ROLE: 'hq',
      HOST: '127.0.0.1',
      PORT: String(o.port),
      DATA_DIR: o.dataDir,
      DATABASE_URL: o.databaseUrl,
      DEMO: 'false',
      ADMIN_USERNAME: (o.admin ?? BENCH_ADMIN).username,
      ADMIN_PASSWORD: (o.admin ?? BENCH_ADMIN).password,
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      LOG_LEVEL: o.logLevel ?? 'warn',
      ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const inspector = inspectorUrlOf(child);
  const url = await waitForListening(child, 'head office');
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await withDeadline(exited, 30_000, `head office (pid ${child.pid}) to exit after ${sig}`);
  };
  return {
    url,
    pid: child.pid!,
    rssMb: () => memoryOf(child.pid!).rss,
    collectGarbage: () => collectGarbage(inspector()),
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}

/** The inspector's address a child started with --inspect prints on its stderr (read when needed). */
export function inspectorUrlOf(child: ChildProcess): () => string {
  let url = '';
  child.stderr!.on('data', (c: Buffer) => (url ||= /Debugger listening on (ws:\/\/\S+)/.exec(c.toString())?.[1] ?? ''));
  return () => url;
}

/** HeapProfiler.collectGarbage over the inspector's WebSocket (the DevTools protocol). */
export async function collectGarbage(inspectorUrl: string): Promise<void> {
  if (!inspectorUrl) throw new Error('head office was started without inspect: true');
  const ws = new WebSocket(inspectorUrl);
  await new Promise<void>((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  await new Promise<void>((ok) => {
    ws.on('message', (data) => {
      if ((JSON.parse(data.toString()) as { id?: number }).id === 1) ok();
    });
    ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
  });
  ws.close();
}
