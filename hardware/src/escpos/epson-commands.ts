/** Epson ESC/POS commands: each parser reads one command at b[i] and returns its length (NEED_MORE: incomplete). */
import { NEED_MORE, type DecoderEvent } from './decoded-ticket';
import { readCode128Data } from './code128';
import { alignOf, dotsToMm, type TicketPage } from './ticket-page';

export function escEpson(page: TicketPage, b: Buffer, i: number, ev: DecoderEvent[]): number {
  if (i + 2 > b.length) return NEED_MORE;
  const cmd = String.fromCharCode(b[i + 1]);
  const arg = (n: number) => (i + 2 + n <= b.length ? b.subarray(i + 2, i + 2 + n) : null);
  switch (cmd) {
    case '@':
      page.resetModes();
      return 2;
    case '2':
      return 2;
    case '!': {
      const a = arg(1);
      if (!a) return NEED_MORE;
      page.height = a[0] & 0x10 ? 2 : 1;
      page.width = a[0] & 0x20 ? 2 : 1;
      page.bold = (a[0] & 0x08) !== 0;
      return 3;
    }
    case 'E': {
      const a = arg(1);
      if (!a) return NEED_MORE;
      page.bold = (a[0] & 1) === 1;
      return 3;
    }
    case 'a': {
      const a = arg(1);
      if (!a) return NEED_MORE;
      page.align = alignOf(a[0]);
      return 3;
    }
    case 'd': {
      const a = arg(1);
      if (!a) return NEED_MORE;
      if (page.lineOpen) page.endLine(ev);
      page.feedLines(ev, a[0]);
      return 3;
    }
    case 'J': {
      const a = arg(1);
      if (!a) return NEED_MORE;
      page.feed(ev, dotsToMm(a[0]));
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

export function gsEpson(page: TicketPage, b: Buffer, i: number, ev: DecoderEvent[]): number {
  if (i + 2 > b.length) return NEED_MORE;
  const cmd = String.fromCharCode(b[i + 1]);
  const need = (n: number) => i + n <= b.length;
  switch (cmd) {
    case '!': {
      if (!need(3)) return NEED_MORE;
      page.width = (b[i + 2] >> 4) + 1;
      page.height = (b[i + 2] & 0x0f) + 1;
      return 3;
    }
    case 'V': {
      if (!need(3)) return NEED_MORE;
      const m = b[i + 2];
      const len = m === 65 || m === 66 ? 4 : 3;
      if (!need(len)) return NEED_MORE;
      if (len === 4) page.feed(ev, dotsToMm(b[i + 3]));
      page.cut(ev, len === 4);
      return len;
    }
    case '(': {
      if (!need(5)) return NEED_MORE;
      const fnGroup = String.fromCharCode(b[i + 2]);
      const len = b[i + 3] + b[i + 4] * 256;
      if (!need(5 + len)) return NEED_MORE;
      const body = b.subarray(i + 5, i + 5 + len);
      if (fnGroup === 'k' && body[0] === 0x31) qrFunction(page, body, ev);
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
      page.feed(ev, dotsToMm(b[i + 6] + b[i + 7] * 256));
      return 8 + bytes;
    }
    case 'L':
    case 'W':
      return need(4) ? 4 : NEED_MORE;
    case 'k': {
      // GS k m n d1..dn (function B barcodes); function A (NUL-terminated) is not used here.
      if (!need(4)) return NEED_MORE;
      if (!need(4 + b[i + 3])) return NEED_MORE;
      if (b[i + 2] === 73) {
        const { data, gs1 } = readCode128Data(b.subarray(i + 4, i + 4 + b[i + 3]));
        page.printBarcode(ev, { symbology: gs1 ? 'gs1-128' : 'code128', data });
      }
      return 4 + b[i + 3];
    }
    case 'h':
      if (!need(3)) return NEED_MORE;
      page.barHeight = b[i + 2];
      return 3;
    default:
      // GS B, GS H, GS f, GS h, GS w, GS r, GS a ...: one parameter byte.
      return need(3) ? 3 : NEED_MORE;
  }
}

function qrFunction(page: TicketPage, body: Buffer, ev: DecoderEvent[]): void {
  const fn = body[1];
  if (fn === 0x43) page.qrCell = body[2] ?? page.qrCell; // module size
  if (fn === 0x50) page.qrStored = body.subarray(3).toString('latin1'); // store data
  if (fn === 0x51) page.printQr(ev); // print stored symbol
}
