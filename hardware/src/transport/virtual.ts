/** virtual:[name] — an in-process link to a running virtual printer (started on demand). */
import { findVirtualPrinter, startVirtualPrinter, type VirtualSession } from '../virtual-printer/virtual-printer';
import { TransportError, type ByteLink } from './types';

export interface VirtualLinkOptions {
  name: string;
  /** Used only when no printer of that name runs yet. */
  outDir?: string;
  speedMmPerSec?: number;
}

export class VirtualLink implements ByteLink {
  readonly readable = true;
  private session: VirtualSession | null = null;
  private listeners: Array<(b: Buffer) => void> = [];
  /** The printer this link started itself (stopped with the link, so nothing lingers). */
  private owned: { stop(): Promise<void> } | null = null;

  constructor(private readonly opts: VirtualLinkOptions) {}

  async open(): Promise<void> {
    if (this.session) return;
    let printer = findVirtualPrinter(this.opts.name);
    if (!printer) {
      printer = await startVirtualPrinter({ name: this.opts.name, outDir: this.opts.outDir, speedMmPerSec: this.opts.speedMmPerSec });
      this.owned = printer;
    }
    const session = printer.connect();
    session.onData((b) => this.listeners.forEach((cb) => cb(b)));
    this.session = session;
  }

  async write(data: Buffer): Promise<void> {
    await this.open();
    if (!this.session) throw new TransportError('virtual printer: closed', 'closed');
    this.session.write(data);
  }

  onData(cb: (chunk: Buffer) => void): void {
    this.listeners.push(cb);
  }

  async close(): Promise<void> {
    this.session?.close();
    this.session = null;
    const owned = this.owned;
    this.owned = null;
    await owned?.stop();
  }
}
