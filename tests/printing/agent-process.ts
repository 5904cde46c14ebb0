/**
 * The kiosk agent as a real child process, started the way an installer would:
 * `node --import tsx dispenser/agent/main.ts --server URL --token T --printer URI`.
 * Its log is kept so a failing test can show what the agent saw.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/office';
import { withDeadline } from '../support/deadline';

export interface AgentProcess {
  readonly child: ChildProcess;
  /** Everything the agent wrote (pino JSON lines). */
  output(): string;
  /** SIGKILL: the kiosk PC loses power or the agent crashes. */
  kill(): Promise<void>;
  /** SIGTERM: a clean shutdown. */
  stop(): Promise<void>;
}

export function startAgentProcess(opts: { serverUrl: string; token: string; printerUri: string; pollMs?: number }): AgentProcess {
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx', join(REPO_ROOT, 'dispenser/agent/main.ts'),
      '--server', opts.serverUrl,
      '--printer', opts.printerUri,
      '--poll-ms', String(opts.pollMs ?? 10_000),
    ],
    // The token travels in the environment, never in the arguments (see dispenser/agent/main.ts).
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TURNERO_TOKEN: opts.token } },
  );
  let output = '';
  const keep = (c: Buffer) => {
    output += c.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (process.env.TEST_SERVER_LOGS) process.stderr.write(`[agent] ${c.toString()}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await withDeadline(exited, 30_000, `the kiosk agent (pid ${child.pid}) to exit after ${sig}`);
  };
  return { child, output: () => output, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
