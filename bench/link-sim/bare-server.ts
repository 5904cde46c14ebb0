/** The parent's handle on the bare socket.io baseline server (bare-server-process.ts). */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withDeadline } from '../../tests/support/deadline';
import { waitForListening } from '../../tests/support/office';
import { memoryOf } from '../measure';
import { collectGarbage, inspectorUrlOf } from './hq-process';

const BARE_PROCESS = fileURLToPath(new URL('./bare-server-process.ts', import.meta.url));

export interface BareServer {
  url: string;
  pid: number;
  /** Emits one `link:pending` to every socket; resolves when the server has sent it. */
  broadcast(headSeq: number): Promise<void>;
  rssMb(): number;
  /** A full garbage collection in the server, so RSS is read as in head office's figure. */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL (the baseline of head office's reconnect storm). */
  kill(): Promise<void>;
}

export async function startBareServer(port = 0): Promise<BareServer> {
  const child = fork(BARE_PROCESS, [], {
    execArgv: ['--inspect=127.0.0.1:0', '--import', 'tsx'],
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const inspector = inspectorUrlOf(child);
  const url = await waitForListening(child, 'bare socket.io server');
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await withDeadline(exited, 30_000, `the bare socket.io server to exit after ${sig}`);
  };
  return {
    url,
    pid: child.pid!,
    broadcast: (headSeq) =>
      new Promise((resolve) => {
        child.once('message', () => resolve());
        child.send({ cmd: 'broadcast', headSeq });
      }),
    rssMb: () => memoryOf(child.pid!).rss,
    collectGarbage: () => collectGarbage(inspector()),
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}
