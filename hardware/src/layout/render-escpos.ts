/**
 * Ticket -> ESC/POS bytes for Epson (ESC/POS) or Star (Star Line mode), built with
 * node-thermal-printer's printer classes against no interface (we only take getBuffer();
 * our own transports send the bytes). Pure: same input, same bytes.
 *
 * Two gaps of node-thermal-printer are filled by hand, on purpose:
 * - Star has no setTextSize(): we append Star's ESC i n1 n2 (height, width expansion).
 * - Its Star printQR() omits the data command header (ESC GS y D 1 0) and defaults to
 *   model 1, so Star QR codes are written here from Star's Line mode manual.
 * - Its Epson QR length field counts UTF-16 units, so the URL is made ASCII first.
 * - Its text output switches to another code page for a character outside the current
 *   one (many printers lack the others): text is transliterated to code page 858 first.
 * - Its cut() feeds two vertical tabs and cuts where the paper stands; we cut with the
 *   dialect's "feed to the cutter, then cut" so no more blank paper is fed than needed.
 */
import ntp from 'node-thermal-printer';
import type { TicketPrintData } from '../ticket-data';
import { toCp858Text } from '../escpos/cp858';
import { buildTicketDocument, columnsFor, type Block, type PaperWidthMm } from './document';

export type Dialect = 'epson' | 'star';

export interface RenderOptions {
  dialect: Dialect;
  paperWidthMm: PaperWidthMm;
}

const { ThermalPrinter, PrinterTypes, BreakLine } = ntp;

/** Code page 858 (850 + euro): covers Spanish (ñ, á, ¿, ¡) on both dialects. */
export const CODE_PAGE = 'PC858_EURO';

export function renderTicket(data: TicketPrintData, opts: RenderOptions): Buffer {
  return renderBlocks(buildTicketDocument(data, opts.paperWidthMm), opts);
}

export function renderBlocks(blocks: Block[], opts: RenderOptions): Buffer {
  const p = new ThermalPrinter({
    type: opts.dialect === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
    interface: '',
    width: columnsFor(opts.paperWidthMm),
    breakLine: BreakLine.NONE,
  });
  p.append(Buffer.from([0x1b, 0x40])); // ESC @ (both dialects); initHardware() is missing from the typings
  p.setCharacterSet(CODE_PAGE as never);
  for (const block of blocks) {
    switch (block.kind) {
      case 'text': {
        if (block.align === 'center') p.alignCenter();
        else if (block.align === 'right') p.alignRight();
        else p.alignLeft();
        if (block.bold) p.bold(true);
        if (block.size > 1) setSize(p, opts.dialect, block.size);
        p.println(toCp858Text(block.text));
        if (block.size > 1) p.setTextNormal();
        if (block.bold) p.bold(false);
        break;
      }
      case 'rule':
        p.alignLeft();
        p.drawLine('-');
        break;
      case 'qr': {
        p.alignCenter();
        const ascii = toAscii(block.data);
        if (opts.dialect === 'star') p.append(starQr(ascii, block.cellSize));
        else p.printQR(ascii, { model: 2, cellSize: block.cellSize, correction: 'M' } as never);
        p.newLine();
        break;
      }
      case 'feed':
        for (let i = 0; i < block.lines; i++) p.newLine();
        break;
      case 'cut':
        p.append(cutCommand(opts.dialect));
        break;
    }
  }
  return Buffer.from(p.getBuffer());
}

/** Blank paper left under the last line after the cutter (dots, 8 per mm): a small margin. */
export const CUT_MARGIN_DOTS = 16;

/**
 * Epson GS V 66 n: feed to the cutting position plus n dots, partial cut. Star ESC d 3:
 * feed to the cutting position, partial cut. Then ESC @ so the next ticket starts clean.
 */
function cutCommand(dialect: Dialect): Buffer {
  const cut = dialect === 'star' ? [0x1b, 0x64, 0x03] : [0x1d, 0x56, 66, CUT_MARGIN_DOTS];
  return Buffer.from([...cut, 0x1b, 0x40]);
}

function setSize(p: InstanceType<typeof ThermalPrinter>, dialect: Dialect, size: number): void {
  const n = Math.max(1, Math.min(6, Math.round(size))) - 1;
  if (dialect === 'star') p.append(Buffer.from([0x1b, 0x69, n, n]));
  else p.setTextSize(n, n);
}

/** Star Line mode QR: model 2, level M, cell size, data, print. */
function starQr(data: string, cellSize: number): Buffer {
  const bytes = Buffer.from(data, 'latin1');
  const head = (...b: number[]) => Buffer.from([0x1b, 0x1d, 0x79, ...b]);
  return Buffer.concat([
    head(0x53, 0x30, 0x02),
    head(0x53, 0x31, 0x01),
    head(0x53, 0x32, Math.max(1, Math.min(8, cellSize))),
    head(0x44, 0x31, 0x00, bytes.length & 0xff, bytes.length >> 8),
    bytes,
    head(0x50),
  ]);
}

/** Non-ASCII characters in a URL are percent-encoded; the QR stays a valid link. */
function toAscii(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : encodeURI(decodeURI(s));
}
