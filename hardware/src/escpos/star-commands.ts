/** Star Line mode commands: each parser reads one command at b[i] and returns its length (NEED_MORE: incomplete). */
import { NEED_MORE, type DecoderEvent } from './decoded-ticket';
import { alignOf, type TicketPage } from './ticket-page';

export function escStar(page: TicketPage, b: Buffer, i: number, ev: DecoderEvent[]): number {
  if (i + 2 > b.length) return NEED_MORE;
  const c1 = b[i + 1];
  const need = (n: number) => i + n <= b.length;
  if (c1 === 0x1d) return escGsStar(page, b, i, ev);
  if (c1 === 0x1e) return need(4) ? 4 : NEED_MORE; // ESC RS F n: font
  const cmd = String.fromCharCode(c1);
  switch (cmd) {
    case '@':
      page.resetModes();
      return 2;
    case 'E':
      page.bold = true;
      return 2;
    case 'F':
      page.bold = false;
      return 2;
    case '4':
    case '5':
    case '2':
    case '0':
      return 2;
    case 'i': {
      if (!need(4)) return NEED_MORE;
      page.height = b[i + 2] + 1;
      page.width = b[i + 3] + 1;
      return 4;
    }
    case 'd': {
      if (!need(3)) return NEED_MORE;
      page.cut(ev, b[i + 2] === 2 || b[i + 2] === 3);
      return 3;
    }
    case 'a': {
      // ESC a n: feed n lines.
      if (!need(3)) return NEED_MORE;
      page.feedLines(ev, b[i + 2]);
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

export function escGsStar(page: TicketPage, b: Buffer, i: number, ev: DecoderEvent[]): number {
  const need = (n: number) => i + n <= b.length;
  if (!need(3)) return NEED_MORE;
  const cmd = String.fromCharCode(b[i + 2]);
  if (cmd === 'a') {
    if (!need(4)) return NEED_MORE;
    page.align = alignOf(b[i + 3]);
    return 4;
  }
  if (cmd === 't') return need(4) ? 4 : NEED_MORE;
  if (cmd === 'y') {
    if (!need(4)) return NEED_MORE;
    const sub = String.fromCharCode(b[i + 3]);
    if (sub === 'S') {
      if (!need(6)) return NEED_MORE;
      if (b[i + 4] === 0x32) page.qrCell = b[i + 5];
      return 6;
    }
    if (sub === 'D') {
      // ESC GS y D 1 m nL nH d1..dk
      if (!need(8)) return NEED_MORE;
      const len = b[i + 6] + b[i + 7] * 256;
      if (!need(8 + len)) return NEED_MORE;
      page.qrStored = b.subarray(i + 8, i + 8 + len).toString('latin1');
      return 8 + len;
    }
    if (sub === 'P') {
      page.printQr(ev);
      return 4;
    }
    return 4;
  }
  return need(4) ? 4 : NEED_MORE;
}
