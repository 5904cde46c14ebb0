/** The parent's handle on the bare socket.io baseline server (bare-server-process.ts). */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withDeadline } from '../../tests/support/deadline';
import { waitForListening } from '../../tests/support/office';
import { memoryOf } from '../measure';

const BARE_PROCESS = fileURLToPath(new URL('./bare-server-process.ts', import.meta.url));

export interface BareServer {
  url: string;
  pid: number;
  /** Emits one `link:pending` to every socket; resolves when the server has sent it. */
  broadcast(headSeq: number): Promise<void>;
  rssMb(): number;
  stop(): Promise<void>;
  /** SIGKILL (the baseline of head office's reconnect storm). */
  kill(): Promise<void>;
}

export async function startBareServer(port = 0): Promise<BareServer> {
  const child = fork(BARE_PROCESS, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
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
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}
