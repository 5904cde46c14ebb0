/**
 * A streaming ESC/POS decoder (Epson ESC/POS and Star Line mode): the subset a ticket
 * printer needs (text, character sizes, bold, alignment, QR, feeds, cuts) plus the
 * real-time status request and the process ID request. Used by the virtual printer and
 * by tests to read rendered bytes back. Unknown commands are skipped by their known
 * length so one odd byte does not garble the rest of the ticket.
 */
import type { Dialect } from '../layout/render-escpos';
import { decodeCp858Byte } from './cp858';

export type Align = 'left' | 'center' | 'right';

export interface DecodedLine {
  text: string;
  /** Character magnification (1 = normal). */
  width: number;
  height: number;
  bold: boolean;
  align: Align;
}

export interface DecodedTicket {
  /** All lines joined with "\n". */
  text: string;
  lines: DecodedLine[];
  /** Content of the last QR code printed, or null. */
  qr: string | null;
  cut: boolean;
  /** Paper used, estimated from line heights, QR size and feeds. */
  lengthMm: number;
  /**
   * Blank paper fed between the last printed line or QR and the cut (the margin a
   * "feed to the cutter" cut adds included; the fixed distance from the print head to
   * the cutter, which every cut crosses, not counted).
   */
  blankBeforeCutMm: number;
  /**
   * The cut command fed the paper to the cutter first (Epson GS V 65/66, Star ESC d 2/3).
   * A cut "where the paper stands" leaves the last lines under the cutter for the next ticket.
   */
  cutFeedsToCutter: boolean;
}

export type DecoderEvent =
  /** DLE EOT n: answer now, even mid-job (real-time command). */
  | { kind: 'status-request'; n: number }
  /** Paper moved by this much (a printed line, a QR, a feed). */
  | { kind: 'feed'; mm: number }
  /** GS ( H: answer when printing reaches this point. */
  | { kind: 'process-id'; id: Buffer }
  | { kind: 'cut'; ticket: DecodedTicket };

const DOTS_PER_MM = 8; // 203 dpi
const LINE_DOTS = 24;
const LINE_GAP_DOTS = 6;
const NEED_MORE = -1;

/** QR model 2, level M, byte mode: data capacity per version 1..10. */
const QR_CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];

export class EscPosDecoder {
  private pending = Buffer.alloc(0);
  private lines: DecodedLine[] = [];
  private line = '';
  private lineWidth = 1;
  private lineHeight = 1;
  private lineBold = false;
  private width = 1;
  private height = 1;
  private bold = false;
  private align: Align = 'left';
  private qrStored: string | null = null;
  private qrCell = 3;
  private qrPrinted: string | null = null;
  private lengthMm = 0;
  private blankMm = 0;
  private cutFeeds = false;

  constructor(readonly dialect: Dialect = 'epson') {}

  /** Feed received bytes; returns what happened, in order. Incomplete commands wait for more bytes. */
  push(chunk: Buffer): DecoderEvent[] {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const events: DecoderEvent[] = [];
    let i = 0;
    while (i < buf.length) {
      const used = this.step(buf, i, events);
      if (used === NEED_MORE) break;
      i += used;
    }
    this.pending = Buffer.from(buf.subarray(i));
    return events;
  }

  /** What was received since the last cut (a ticket that never got its cut). */
  partial(): DecodedTicket | null {
    if (!this.lines.length && !this.line && !this.qrPrinted) return null;
    if (this.line) this.endLine([]);
    return this.snapshot(false);
  }

  private step(b: Buffer, i: number, ev: DecoderEvent[]): number {
    const c = b[i];
    const has = (n: number) => i + n <= b.length;
    if (c === 0x10) {
      if (!has(3)) return NEED_MORE;
      if (b[i + 1] === 0x04) ev.push({ kind: 'status-request', n: b[i + 2] });
      return 3; // DLE EOT n / DLE ENQ n / DLE DC4 ... all three bytes
    }
    if (c === 0x0a) return this.endLine(ev), 1;
    // VT: Star's line feed; Epson's vertical tab, a line feed when no tab stops are set.
    if (c === 0x0b) return this.endLine(ev), 1;
    if (c === 0x0d || c === 0x00) return 1;
    if (c === 0x09) return (this.line += ' '), 1;
    if (c === 0x0c) return this.feedLines(ev, 1), 1;
    if (c === 0x1b) return this.dialect === 'star' ? this.escStar(b, i, ev) : this.escEpson(b, i, ev);
    if (c === 0x1d) return this.gsEpson(b, i, ev);
    if (c < 0x20) return 1;
    this.addChar(decodeCp858Byte(c));
    return 1;
  }

  private escEpson(b: Buffer, i: number, ev: DecoderEvent[]): number {
    if (i + 2 > b.length) return NEED_MORE;
    const cmd = String.fromCharCode(b[i + 1]);
    const arg = (n: number) => (i + 2 + n <= b.length ? b.subarray(i + 2, i + 2 + n) : null);
    switch (cmd) {
      case '@':
        this.resetModes();
        return 2;
      case '2':
        return 2;
      case '!': {
        const a = arg(1);
        if (!a) return NEED_MORE;
        this.height = a[0] & 0x10 ? 2 : 1;
        this.width = a[0] & 0x20 ? 2 : 1;
        this.bold = (a[0] & 0x08) !== 0;
        return 3;
      }
      case 'E': {
        const a = arg(1);
        if (!a) return NEED_MORE;
        this.bold = (a[0] & 1) === 1;
        return 3;
      }
      case 'a': {
        const a = arg(1);
        if (!a) return NEED_MORE;
        this.align = alignOf(a[0]);
        return 3;
      }
      case 'd': {
        const a = arg(1);
        if (!a) return NEED_MORE;
        if (this.line) this.endLine(ev);
        this.feedLines(ev, a[0]);
        return 3;
      }
      case 'J': {
        const a = arg(1);
        if (!a) return NEED_MORE;
        this.feed(ev, a[0] / DOTS_PER_MM);
        return 3;
      }
      case 'p':
        return arg(3) ? 5 : NEED_MORE;
      case 'B':
        return arg(2) ? 4 : NEED_MORE;
      default:
        // ESC t, ESC -, ESC M, ESC 3, ESC {, ESC R, ESC G, ESC V ...: one parameter byte.
        return arg(1) ? 3 : NEED_MORE;
    }
  }

  private gsEpson(b: Buffer, i: number, ev: DecoderEvent[]): number {
    if (i + 2 > b.length) return NEED_MORE;
    const cmd = String.fromCharCode(b[i + 1]);
    const need = (n: number) => i + n <= b.length;
    switch (cmd) {
      case '!': {
        if (!need(3)) return NEED_MORE;
        this.width = (b[i + 2] >> 4) + 1;
        this.height = (b[i + 2] & 0x0f) + 1;
        return 3;
      }
      case 'V': {
        if (!need(3)) return NEED_MORE;
        const m = b[i + 2];
        const len = m === 65 || m === 66 ? 4 : 3;
        if (!need(len)) return NEED_MORE;
        if (len === 4) this.feed(ev, b[i + 3] / DOTS_PER_MM);
        this.cut(ev, len === 4);
        return len;
      }
      case '(': {
        if (!need(5)) return NEED_MORE;
        const fnGroup = String.fromCharCode(b[i + 2]);
        const len = b[i + 3] + b[i + 4] * 256;
        if (!need(5 + len)) return NEED_MORE;
        const body = b.subarray(i + 5, i + 5 + len);
        if (fnGroup === 'k' && body[0] === 0x31) this.qrFunction(body, ev);
        if (fnGroup === 'H' && body[0] === 0x30 && body.length >= 6) {
          ev.push({ kind: 'process-id', id: Buffer.from(body.subarray(2, 6)) });
        }
        return 5 + len;
      }
      case 'v': {
        // GS v 0 m xL xH yL yH data: raster image, skipped (paper still moves).
        if (!need(8)) return NEED_MORE;
        const bytes = (b[i + 4] + b[i + 5] * 256) * (b[i + 6] + b[i + 7] * 256);
        if (!need(8 + bytes)) return NEED_MORE;
        this.feed(ev, (b[i + 6] + b[i + 7] * 256) / DOTS_PER_MM);
        return 8 + bytes;
      }
      case 'L':
      case 'W':
        return need(4) ? 4 : NEED_MORE;
      case 'k': {
        // GS k m n d1..dn (function B barcodes); function A (NUL-terminated) is not used here.
        if (!need(4)) return NEED_MORE;
        return need(4 + b[i + 3]) ? 4 + b[i + 3] : NEED_MORE;
      }
      default:
        // GS B, GS H, GS f, GS h, GS w, GS r, GS a ...: one parameter byte.
        return need(3) ? 3 : NEED_MORE;
    }
  }

  private qrFunction(body: Buffer, ev: DecoderEvent[]): void {
    const fn = body[1];
    if (fn === 0x43) this.qrCell = body[2] ?? this.qrCell; // module size
    if (fn === 0x50) this.qrStored = body.subarray(3).toString('latin1'); // store data
    if (fn === 0x51) this.printQr(ev); // print stored symbol
  }

  private escStar(b: Buffer, i: number, ev: DecoderEvent[]): number {
    if (i + 2 > b.length) return NEED_MORE;
    const c1 = b[i + 1];
    const need = (n: number) => i + n <= b.length;
    if (c1 === 0x1d) return this.escGsStar(b, i, ev);
    if (c1 === 0x1e) return need(4) ? 4 : NEED_MORE; // ESC RS F n: font
    const cmd = String.fromCharCode(c1);
    switch (cmd) {
      case '@':
        this.resetModes();
        return 2;
      case 'E':
        this.bold = true;
        return 2;
      case 'F':
        this.bold = false;
        return 2;
      case '4':
      case '5':
      case '2':
      case '0':
        return 2;
      case 'i': {
        if (!need(4)) return NEED_MORE;
        this.height = b[i + 2] + 1;
        this.width = b[i + 3] + 1;
        return 4;
      }
      case 'd': {
        if (!need(3)) return NEED_MORE;
        this.cut(ev, b[i + 2] === 2 || b[i + 2] === 3);
        return 3;
      }
      case 'a': {
        // ESC a n: feed n lines.
        if (!need(3)) return NEED_MORE;
        this.feedLines(ev, b[i + 2]);
        return 3;
      }
      case 'p':
        return need(5) ? 5 : NEED_MORE;
      case 'b': {
        // ESC b n1 n2 n3 n4 d... RS: barcode, terminated by 0x1e.
        const end = b.indexOf(0x1e, i + 6);
        return end < 0 ? NEED_MORE : end + 1 - i;
      }
      default:
        return need(3) ? 3 : NEED_MORE;
    }
  }

  private escGsStar(b: Buffer, i: number, ev: DecoderEvent[]): number {
    const need = (n: number) => i + n <= b.length;
    if (!need(3)) return NEED_MORE;
    const cmd = String.fromCharCode(b[i + 2]);
    if (cmd === 'a') {
      if (!need(4)) return NEED_MORE;
      this.align = alignOf(b[i + 3]);
      return 4;
    }
    if (cmd === 't') return need(4) ? 4 : NEED_MORE;
    if (cmd === 'y') {
      if (!need(4)) return NEED_MORE;
      const sub = String.fromCharCode(b[i + 3]);
      if (sub === 'S') {
        if (!need(6)) return NEED_MORE;
        if (b[i + 4] === 0x32) this.qrCell = b[i + 5];
        return 6;
      }
      if (sub === 'D') {
        // ESC GS y D 1 m nL nH d1..dk
        if (!need(8)) return NEED_MORE;
        const len = b[i + 6] + b[i + 7] * 256;
        if (!need(8 + len)) return NEED_MORE;
        this.qrStored = b.subarray(i + 8, i + 8 + len).toString('latin1');
        return 8 + len;
      }
      if (sub === 'P') {
        this.printQr(ev);
        return 4;
      }
      return 4;
    }
    return need(4) ? 4 : NEED_MORE;
  }

  private addChar(ch: string): void {
    if (!this.line) {
      this.lineWidth = this.width;
      this.lineHeight = this.height;
      this.lineBold = this.bold;
    } else {
      this.lineWidth = Math.max(this.lineWidth, this.width);
      this.lineHeight = Math.max(this.lineHeight, this.height);
      this.lineBold ||= this.bold;
    }
    this.line += ch;
  }

  private endLine(ev: DecoderEvent[]): void {
    const height = this.line ? this.lineHeight : this.height;
    this.lines.push({
      text: this.line,
      width: this.line ? this.lineWidth : 1,
      height: this.line ? this.lineHeight : 1,
      bold: this.line ? this.lineBold : false,
      align: this.align,
    });
    const printed = this.line !== '';
    this.line = '';
    this.feed(ev, (LINE_DOTS * height + LINE_GAP_DOTS) / DOTS_PER_MM);
    if (printed) this.blankMm = 0;
  }

  private feedLines(ev: DecoderEvent[], n: number): void {
    this.feed(ev, (n * (LINE_DOTS + LINE_GAP_DOTS)) / DOTS_PER_MM);
  }

  private feed(ev: DecoderEvent[], mm: number): void {
    if (mm <= 0) return;
    this.lengthMm += mm;
    this.blankMm += mm;
    ev.push({ kind: 'feed', mm });
  }

  private printQr(ev: DecoderEvent[]): void {
    if (this.qrStored === null) return;
    if (this.line) this.endLine(ev);
    this.qrPrinted = this.qrStored;
    const version = QR_CAPACITY_M.findIndex((cap) => cap >= this.qrStored!.length) + 1 || 15;
    const modules = 17 + 4 * version + 8; // with quiet zone
    this.feed(ev, (modules * this.qrCell) / DOTS_PER_MM);
    this.blankMm = 0;
  }

  private cut(ev: DecoderEvent[], feedsToCutter: boolean): void {
    if (this.line) this.endLine(ev);
    this.cutFeeds = feedsToCutter;
    ev.push({ kind: 'cut', ticket: this.snapshot(true) });
    this.lines = [];
    this.qrPrinted = null;
    this.lengthMm = 0;
    this.blankMm = 0;
    this.cutFeeds = false;
  }

  private snapshot(cut: boolean): DecodedTicket {
    const lines = this.lines.slice();
    return {
      text: lines.map((l) => l.text).join('\n'),
      lines,
      qr: this.qrPrinted,
      cut,
      lengthMm: Math.round(this.lengthMm * 10) / 10,
      blankBeforeCutMm: Math.round(this.blankMm * 10) / 10,
      cutFeedsToCutter: this.cutFeeds,
    };
  }

  private resetModes(): void {
    this.width = 1;
    this.height = 1;
    this.bold = false;
    this.align = 'left';
  }
}

function alignOf(n: number): Align {
  if (n === 1 || n === 0x31) return 'center';
  if (n === 2 || n === 0x32) return 'right';
  return 'left';
}

/** Decode a whole buffer into the tickets it contains (cut or not). */
export function decodeTickets(bytes: Buffer, dialect: Dialect = 'epson'): DecodedTicket[] {
  const d = new EscPosDecoder(dialect);
  const tickets = d
    .push(bytes)
    .flatMap((e) => (e.kind === 'cut' ? [e.ticket] : []));
  const rest = d.partial();
  return rest ? [...tickets, rest] : tickets;
}
