/**
 * A pseudo-terminal pair from Debian's socat: bytes written to one end come out of the
 * other, with real termios (baud rate, raw mode) as on a USB-serial adapter. The virtual
 * printer holds the printer end; clients open the other end as a serial port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tty from 'node:tty';

export interface PtyPair {
  printerPath: string;
  clientPath: string;
  stop(): Promise<void>;
}

/** `makeSession(reply)` returns the function that receives the bytes the client writes. */
export async function startPtyPair(
  makeSession: (reply: (b: Buffer) => void) => (chunk: Buffer) => void,
  timeoutMs = 3000,
): Promise<PtyPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnero-vp-'));
  const printerPath = path.join(dir, 'printer');
  const clientPath = path.join(dir, 'client');
  const socat: ChildProcess = spawn(
    'socat',
    [`pty,raw,echo=0,link=${printerPath}`, `pty,raw,echo=0,link=${clientPath}`],
    { stdio: 'ignore' },
  );
  let exited = false;
  let spawnError: Error | null = null;
  const exitedPromise = new Promise<void>((resolve) =>
    socat.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  socat.once('error', (err) => {
    spawnError = err;
    exited = true;
  });

  const deadline = Date.now() + timeoutMs;
  while (!(fs.existsSync(printerPath) && fs.existsSync(clientPath))) {
    if (spawnError || exited || Date.now() > deadline) {
      socat.kill();
      fs.rmSync(dir, { recursive: true, force: true });
      const why = spawnError ? (spawnError as Error).message : 'socat did not create the pty pair';
      throw new Error(`virtual printer pty: ${why} (install it with: apt-get install socat)`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }

  const { O_RDWR, O_NOCTTY, O_NONBLOCK } = fs.constants;
  const fd = fs.openSync(printerPath, O_RDWR | O_NOCTTY | O_NONBLOCK);
  const reader = new tty.ReadStream(fd);
  reader.setRawMode(true);
  let open = true;
  const feed = makeSession((b) => {
    if (!open) return;
    fs.write(fd, b, () => undefined);
  });
  reader.on('data', (chunk: Buffer) => feed(chunk));
  reader.on('error', () => undefined);

  return {
    printerPath,
    clientPath,
    async stop() {
      open = false;
      reader.destroy();
      if (!exited) {
        socat.kill('SIGTERM');
        await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, 1000))]);
        if (!exited) socat.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
