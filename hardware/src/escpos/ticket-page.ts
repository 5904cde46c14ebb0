/**
 * The paper as the decoder sees it between two cuts: print modes, the lines so far, the QR,
 * and how much paper moved. The command parsers (epson-commands.ts, star-commands.ts) change
 * it; each paper movement is reported as a DecoderEvent.
 */
import type { Align, DecodedBarcode, DecodedLine, DecodedTicket, DecoderEvent } from './decoded-ticket';

const DOTS_PER_MM = 8; // 203 dpi
const LINE_DOTS = 24;
const LINE_GAP_DOTS = 6;

/** QR model 2, level M, byte mode: data capacity per version 1..10. */
const QR_CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];

export const dotsToMm = (dots: number) => dots / DOTS_PER_MM;

export function alignOf(n: number): Align {
  if (n === 1 || n === 0x31) return 'center';
  if (n === 2 || n === 0x32) return 'right';
  return 'left';
}

export class TicketPage {
  width = 1;
  height = 1;
  bold = false;
  align: Align = 'left';
  qrStored: string | null = null;
  qrCell = 3;
  /** GS h: bar height in dots (Epson's default 162). */
  barHeight = 162;
  private barcodes: DecodedBarcode[] = [];
  private lines: DecodedLine[] = [];
  private line = '';
  private lineWidth = 1;
  private lineHeight = 1;
  private lineBold = false;
  private qrPrinted: string | null = null;
  private lengthMm = 0;
  private blankMm = 0;
  private cutFeeds = false;

  /** A line is being typed (not yet ended by a line feed). */
  get lineOpen(): boolean {
    return this.line !== '';
  }

  /** What was received since the last cut (a ticket that never got its cut). */
  partial(): DecodedTicket | null {
    if (!this.lines.length && !this.line && !this.qrPrinted && !this.barcodes.length) return null;
    if (this.line) this.endLine([]);
    return this.snapshot(false);
  }

  /** A tab prints as one space. */
  tab(): void {
    this.line += ' ';
  }

  addChar(ch: string): void {
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

  endLine(ev: DecoderEvent[]): void {
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

  feedLines(ev: DecoderEvent[], n: number): void {
    this.feed(ev, (n * (LINE_DOTS + LINE_GAP_DOTS)) / DOTS_PER_MM);
  }

  feed(ev: DecoderEvent[], mm: number): void {
    if (mm <= 0) return;
    this.lengthMm += mm;
    this.blankMm += mm;
    ev.push({ kind: 'feed', mm });
  }

  printQr(ev: DecoderEvent[]): void {
    if (this.qrStored === null) return;
    if (this.line) this.endLine(ev);
    this.qrPrinted = this.qrStored;
    const version = QR_CAPACITY_M.findIndex((cap) => cap >= this.qrStored!.length) + 1 || 15;
    const modules = 17 + 4 * version + 8; // with quiet zone
    this.feed(ev, (modules * this.qrCell) / DOTS_PER_MM);
    this.blankMm = 0;
  }

  printBarcode(ev: DecoderEvent[], barcode: DecodedBarcode): void {
    if (this.line) this.endLine(ev);
    this.barcodes.push(barcode);
    this.feed(ev, this.barHeight / DOTS_PER_MM);
    this.blankMm = 0;
  }

  cut(ev: DecoderEvent[], feedsToCutter: boolean): void {
    if (this.line) this.endLine(ev);
    this.cutFeeds = feedsToCutter;
    ev.push({ kind: 'cut', ticket: this.snapshot(true) });
    this.lines = [];
    this.qrPrinted = null;
    this.barcodes = [];
    this.lengthMm = 0;
    this.blankMm = 0;
    this.cutFeeds = false;
  }

  snapshot(cut: boolean): DecodedTicket {
    const lines = this.lines.slice();
    return {
      text: lines.map((l) => l.text).join('\n'),
      lines,
      qr: this.qrPrinted,
      ...(this.barcodes.length ? { barcodes: this.barcodes.slice() } : {}),
      cut,
      lengthMm: Math.round(this.lengthMm * 10) / 10,
      blankBeforeCutMm: Math.round(this.blankMm * 10) / 10,
      cutFeedsToCutter: this.cutFeeds,
    };
  }

  resetModes(): void {
    this.width = 1;
    this.height = 1;
    this.bold = false;
    this.align = 'left';
  }
}
