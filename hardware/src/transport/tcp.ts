/** tcp://host:9100 — raw socket printing (JetDirect / port 9100), one persistent connection. */
import net from 'node:net';
import { TransportError, withTimeout, type ByteLink } from './types';

export class TcpLink implements ByteLink {
  readonly readable = true;
  private socket: net.Socket | null = null;
  private connecting: Promise<net.Socket> | null = null;
  private listeners: Array<(b: Buffer) => void> = [];

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  async open(timeoutMs: number): Promise<void> {
    await this.connect(timeoutMs);
  }

  private connect(timeoutMs: number): Promise<net.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new TransportError(`tcp ${this.host}:${this.port}: connect timeout`, 'timeout'));
      }, timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        s.setKeepAlive(true, 5000);
        s.setNoDelay(true);
        this.socket = s;
        resolve(s);
      });
      s.on('data', (b) => this.listeners.forEach((cb) => cb(b)));
      s.on('error', (err) => {
        clearTimeout(timer);
        reject(new TransportError(`tcp ${this.host}:${this.port}: ${err.message}`, 'unreachable'));
      });
      s.on('close', () => {
        if (this.socket === s) this.socket = null;
      });
    }).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async write(data: Buffer, timeoutMs: number): Promise<void> {
    const s = await this.connect(timeoutMs);
    await withTimeout(
      new Promise<void>((resolve, reject) => s.write(data, (err) => (err ? reject(err) : resolve()))),
      timeoutMs,
      'tcp write',
    ).catch((err) => {
      // A write that cannot finish means a dead link: drop it so the next job reconnects.
      s.destroy();
      throw err;
    });
  }

  onData(cb: (chunk: Buffer) => void): void {
    this.listeners.push(cb);
  }

  /** Drop the connection (e.g. after a printer stopped answering) so the next call reconnects. */
  reset(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  async close(): Promise<void> {
    this.reset();
  }
}
