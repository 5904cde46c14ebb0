/**
 * file:/dev/usb/lp0 — a device file. When the file is a terminal (a serial device or a
 * pty opened as a file) it is read back through a non-blocking tty stream, so status
 * queries work; otherwise the link is write-only and status is 'unknown'.
 * Regular files are created/appended (handy for capturing bytes); nothing is created under /dev.
 */
import fs from 'node:fs';
import tty from 'node:tty';
import { TransportError, withTimeout, type ByteLink } from './types';

export class FileLink implements ByteLink {
  private fd: number | null = null;
  private reader: tty.ReadStream | null = null;
  private isTty = false;
  private listeners: Array<(b: Buffer) => void> = [];

  constructor(private readonly path: string) {}

  get readable(): boolean {
    return this.isTty;
  }

  async open(_timeoutMs: number): Promise<void> {
    if (this.fd !== null) return;
    const { O_RDWR, O_WRONLY, O_APPEND, O_CREAT, O_NOCTTY, O_NONBLOCK } = fs.constants;
    let fd: number;
    try {
      fd = fs.openSync(this.path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    } catch {
      try {
        const create = this.path.startsWith('/dev/') ? 0 : O_CREAT;
        fd = fs.openSync(this.path, O_WRONLY | O_APPEND | create, 0o644);
      } catch (err) {
        throw new TransportError(`file ${this.path}: ${(err as Error).message}`, 'unreachable');
      }
    }
    this.fd = fd;
    this.isTty = tty.isatty(fd);
    if (this.isTty) {
      const reader = new tty.ReadStream(fd);
      reader.setRawMode(true);
      reader.on('data', (b: Buffer) => this.listeners.forEach((cb) => cb(b)));
      reader.on('error', () => void this.close());
      this.reader = reader;
    } else {
      // Regular files: writes go to the end, blocking is fine; make writes blocking again.
      fs.closeSync(fd);
      this.fd = fs.openSync(this.path, fs.constants.O_WRONLY | fs.constants.O_APPEND | (this.path.startsWith('/dev/') ? 0 : fs.constants.O_CREAT), 0o644);
    }
  }

  async write(data: Buffer, timeoutMs: number): Promise<void> {
    await this.open(timeoutMs);
    await withTimeout(this.writeAll(data), timeoutMs, `file ${this.path} write`);
  }

  private async writeAll(data: Buffer): Promise<void> {
    let off = 0;
    while (off < data.length) {
      if (this.fd === null) throw new TransportError(`file ${this.path}: closed`, 'closed');
      try {
        off += await new Promise<number>((resolve, reject) =>
          fs.write(this.fd!, data, off, data.length - off, null, (err, n) => (err ? reject(err) : resolve(n))),
        );
      } catch (err) {
        // A non-blocking terminal whose buffer is full: wait a little and go on.
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  }

  onData(cb: (chunk: Buffer) => void): void {
    this.listeners.push(cb);
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = null;
    if (this.reader) {
      // Destroying the tty stream closes its fd.
      this.reader.destroy();
      this.reader = null;
    } else if (fd !== null) {
      fs.closeSync(fd);
    }
  }
}
