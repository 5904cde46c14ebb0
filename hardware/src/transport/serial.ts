/** serial:/dev/ttyUSB0?baudRate=38400 — through serialport 13. */
import type { SerialPort } from 'serialport';
import { TransportError, withTimeout, type ByteLink } from './types';

export interface SerialOptions {
  path: string;
  baudRate: number;
  rtscts?: boolean;
}

export class SerialLink implements ByteLink {
  readonly readable = true;
  private port: SerialPort | null = null;
  private opening: Promise<SerialPort> | null = null;
  private listeners: Array<(b: Buffer) => void> = [];

  constructor(private readonly opts: SerialOptions) {}

  async open(timeoutMs: number): Promise<void> {
    await this.ensureOpen(timeoutMs);
  }

  private ensureOpen(timeoutMs: number): Promise<SerialPort> {
    if (this.port?.isOpen) return Promise.resolve(this.port);
    if (this.opening) return this.opening;
    // serialport (and its native binding) is loaded only by offices with a serial printer.
    const opening = import('serialport').then(({ SerialPort: Port }) => {
      const port = new Port({
        path: this.opts.path,
        baudRate: this.opts.baudRate,
        rtscts: this.opts.rtscts ?? false,
        autoOpen: false,
      });
      return this.wire(port);
    });
    this.opening = withTimeout(
      opening.then(
        (port) =>
          new Promise<SerialPort>((resolve, reject) =>
            port.open((err) =>
              err
                ? reject(new TransportError(`serial ${this.opts.path}: ${err.message}`, 'unreachable'))
                : resolve(port),
            ),
          ),
      ),
      timeoutMs,
      `serial ${this.opts.path} open`,
    )
      .then((p) => (this.port = p))
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  private wire(port: SerialPort): SerialPort {
    port.on('data', (b: Buffer) => this.listeners.forEach((cb) => cb(b)));
    port.on('close', () => {
      if (this.port === port) this.port = null;
    });
    // An unplugged USB adapter emits 'error' outside any call; it must not crash the process.
    port.on('error', () => {
      if (this.port === port) this.port = null;
    });
    return port;
  }

  async write(data: Buffer, timeoutMs: number): Promise<void> {
    const port = await this.ensureOpen(timeoutMs);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        port.write(data, (err) => {
          if (err) return reject(err);
          port.drain((e) => (e ? reject(e) : resolve()));
        });
      }),
      timeoutMs,
      'serial write',
    );
  }

  onData(cb: (chunk: Buffer) => void): void {
    this.listeners.push(cb);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
