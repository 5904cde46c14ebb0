/**
 * A virtual Epson-like thermal printer for tests and the demo. It listens on TCP (and,
 * on request, on a pseudo-terminal pair made by socat), decodes the ESC/POS it receives,
 * answers DLE EOT like a real Epson (even mid-job), prints at a paper speed, and writes
 * each ticket as readable text. Faults are switched with setState().
 */
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { EscPosDecoder, type DecodedTicket } from '../escpos/decoder';
import type { Dialect } from '../layout/render-escpos';
import {
  BIT_COVER_OPEN,
  BIT_OFFLINE,
  BIT_STOPPED_PAPER_END,
  BITS_PAPER_END,
  BITS_PAPER_NEAR_END,
  STATUS_BASE,
  STATUS_OFFLINE_CAUSE,
  STATUS_PAPER,
  STATUS_PRINTER,
  processIdResponse,
} from '../escpos/status';
import { startPtyPair, type PtyPair } from './pty';

export const VIRTUAL_PRINTER_STATES = ['ok', 'paper_out', 'cover_open', 'paper_near_end', 'slow', 'unplugged'] as const;
export type VirtualPrinterState = (typeof VIRTUAL_PRINTER_STATES)[number];

export interface VirtualPrinterOptions {
  /** TCP port to listen on (0: any free port). */
  tcpPort?: number;
  tcpHost?: string;
  /** Also expose a serial line through a socat pty pair. */
  pty?: boolean;
  /** Paper speed in mm/s (default 250, a typical kiosk printer). */
  speedMmPerSec?: number;
  /** Where each ticket is written as text (none when absent). */
  outDir?: string;
  dialect?: Dialect;
  /** Paper left on the roll; when it runs out mid-ticket the printer stops with paper_out. */
  paperRemainingMm?: number;
  /** How much slower 'slow' prints (default 10x). */
  slowFactor?: number;
  /** Name for `virtual:<name>` URIs (default "default"). */
  name?: string;
  /**
   * Answer the process ID request (GS ( H) once printing reaches it (default true).
   * false: like many cheaper ESC/POS printers, never answer it (status still answers).
   */
  answersProcessId?: boolean;
}

export interface VirtualPrinter {
  readonly name: string;
  /** tcp://127.0.0.1:<port> */
  readonly uri: string;
  readonly port: number;
  /** Client side of the pty pair: open it as `serial:<ptyPath>` or `file:<ptyPath>`. */
  readonly ptyPath: string | null;
  readonly tickets: DecodedTicket[];
  readonly state: VirtualPrinterState;
  onTicket(cb: (t: DecodedTicket) => void): () => void;
  setState(state: VirtualPrinterState): void;
  /** Switch answering the process ID request on or off (see the option). */
  setAnswersProcessId(answers: boolean): void;
  /** Reload the roll (paperRemainingMm back to unlimited or to the given length). */
  loadPaper(mm?: number): void;
  /** In-process connection (what `virtual:` URIs use). */
  connect(): VirtualSession;
  stop(): Promise<void>;
}

export interface VirtualSession {
  write(data: Buffer): void;
  onData(cb: (b: Buffer) => void): void;
  close(): void;
}

type Work =
  | { kind: 'feed'; mm: number }
  | { kind: 'cut'; ticket: DecodedTicket }
  | { kind: 'process-id'; id: Buffer; reply: (b: Buffer) => void };

const registry = new Map<string, VirtualPrinter>();

/** The running virtual printer of that name, if any (used by `virtual:` transports). */
export function findVirtualPrinter(name = 'default'): VirtualPrinter | undefined {
  return registry.get(name);
}

export async function startVirtualPrinter(opts: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const name = opts.name ?? 'default';
  const speed = opts.speedMmPerSec ?? 250;
  const slowFactor = opts.slowFactor ?? 10;
  const dialect = opts.dialect ?? 'epson';
  let state: VirtualPrinterState = 'ok';
  let answersProcessId = opts.answersProcessId ?? true;
  let paperLeft = opts.paperRemainingMm ?? Infinity;
  let stopped = false;
  const tickets: DecodedTicket[] = [];
  const ticketListeners = new Set<(t: DecodedTicket) => void>();
  const stateWaiters: Array<() => void> = [];
  const work: Work[] = [];
  let wakeWorker: (() => void) | null = null;
  const sessions = new Set<{ close(): void }>();
  let ticketCount = 0;

  if (opts.outDir) fs.mkdirSync(opts.outDir, { recursive: true });

  const paperOut = () => state === 'paper_out';
  const halted = () => state === 'paper_out' || state === 'cover_open' || state === 'unplugged';

  function statusByte(n: number): number {
    let b = STATUS_BASE;
    if (n === STATUS_PRINTER && (paperOut() || state === 'cover_open')) b |= BIT_OFFLINE;
    if (n === STATUS_OFFLINE_CAUSE) {
      if (state === 'cover_open') b |= BIT_COVER_OPEN;
      if (paperOut()) b |= BIT_STOPPED_PAPER_END;
    }
    if (n === STATUS_PAPER) {
      if (paperOut()) b |= BITS_PAPER_END | BITS_PAPER_NEAR_END;
      else if (state === 'paper_near_end') b |= BITS_PAPER_NEAR_END;
    }
    return b;
  }

  function setState(next: VirtualPrinterState): void {
    state = next;
    stateWaiters.splice(0).forEach((w) => w());
  }

  function waitForStateChange(): Promise<void> {
    return new Promise((resolve) => stateWaiters.push(resolve));
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** One print head: work from every connection is printed in arrival order. */
  async function worker(): Promise<void> {
    while (!stopped) {
      const item = work.shift();
      if (!item) {
        await new Promise<void>((r) => (wakeWorker = r));
        wakeWorker = null;
        continue;
      }
      while (halted() && !stopped) await waitForStateChange();
      if (stopped) return;
      if (item.kind === 'feed') {
        const mm = Math.min(item.mm, paperLeft);
        const mmPerSec = state === 'slow' ? speed / slowFactor : speed;
        await sleep((mm / mmPerSec) * 1000);
        paperLeft -= mm;
        if (paperLeft <= 0 && item.mm > mm) {
          // The roll ran out in the middle of this feed: finish it after a reload.
          setState('paper_out');
          work.unshift({ kind: 'feed', mm: item.mm - mm });
        } else if (paperLeft <= 0) setState('paper_out');
      } else if (item.kind === 'cut') {
        ticketCount++;
        tickets.push(item.ticket);
        if (opts.outDir) writeTicketFile(opts.outDir, ticketCount, item.ticket);
        ticketListeners.forEach((cb) => cb(item.ticket));
      } else if (answersProcessId) {
        item.reply(processIdResponse(item.id));
      }
    }
  }
  void worker();

  function enqueue(w: Work): void {
    work.push(w);
    wakeWorker?.();
  }

  /** Bytes in from any link; `reply` sends bytes back on that same link. */
  function openSession(reply: (b: Buffer) => void): (chunk: Buffer) => void {
    const decoder = new EscPosDecoder(dialect);
    return (chunk) => {
      if (state === 'unplugged' || stopped) return; // the cable is out: nothing arrives
      for (const ev of decoder.push(chunk)) {
        if (ev.kind === 'status-request') reply(Buffer.from([statusByte(ev.n)]));
        else if (ev.kind === 'process-id') enqueue({ kind: 'process-id', id: ev.id, reply });
        else enqueue(ev);
      }
    };
  }

  // ---- TCP ----
  const server = net.createServer((socket) => {
    const feed = openSession((b) => {
      if (state !== 'unplugged' && !socket.destroyed) socket.write(b);
    });
    const entry = { close: () => socket.destroy() };
    sessions.add(entry);
    socket.on('data', feed);
    socket.on('error', () => undefined);
    socket.on('close', () => sessions.delete(entry));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.tcpPort ?? 0, opts.tcpHost ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  // ---- pty ----
  let pty: PtyPair | null = null;
  if (opts.pty) {
    try {
      pty = await startPtyPair((reply) => openSession(reply));
    } catch (err) {
      server.close();
      throw err;
    }
  }

  const printer: VirtualPrinter = {
    name,
    uri: `tcp://127.0.0.1:${port}`,
    port,
    ptyPath: pty?.clientPath ?? null,
    tickets,
    get state() {
      return state;
    },
    onTicket(cb) {
      ticketListeners.add(cb);
      return () => ticketListeners.delete(cb);
    },
    setState,
    setAnswersProcessId(answers) {
      answersProcessId = answers;
    },
    loadPaper(mm = Infinity) {
      paperLeft = mm;
      if (state === 'paper_out') setState('ok');
    },
    connect() {
      const listeners: Array<(b: Buffer) => void> = [];
      let open = true;
      const feed = openSession((b) => {
        // Answer asynchronously, as a real link would.
        if (open && state !== 'unplugged') setImmediate(() => listeners.forEach((cb) => cb(b)));
      });
      const session: VirtualSession = {
        write: (data) => {
          if (open) feed(Buffer.from(data));
        },
        onData: (cb) => void listeners.push(cb),
        close: () => {
          open = false;
          sessions.delete(session);
        },
      };
      sessions.add(session);
      return session;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (registry.get(name) === printer) registry.delete(name);
      stateWaiters.splice(0).forEach((w) => w());
      wakeWorker?.();
      for (const s of sessions) s.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pty?.stop();
    },
  };
  registry.set(name, printer);
  return printer;
}

function writeTicketFile(dir: string, n: number, t: DecodedTicket): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  // A barcode's FNC1 separators (GS) are written as <GS>: the file stays readable text.
  const bars = (t.barcodes ?? []).map((b) => `[${b.symbology.toUpperCase()}] ${b.data.replace(/\x1d/g, '<GS>')}\n`).join('');
  const body = `${t.text}\n${bars}${t.qr ? `[QR] ${t.qr}\n` : ''}${t.cut ? '--- corte / cut ---\n' : ''}`;
  try {
    fs.writeFileSync(path.join(dir, `${String(n).padStart(4, '0')}-${stamp}.txt`), body);
  } catch {
    // A full disk must not stop the virtual printer from answering.
  }
}
