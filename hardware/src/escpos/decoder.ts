/**
 * A streaming ESC/POS decoder (Epson ESC/POS and Star Line mode): the subset a ticket
 * printer needs (text, character sizes, bold, alignment, QR, feeds, cuts) plus the
 * real-time status request and the process ID request. Used by the virtual printer and
 * by tests to read rendered bytes back. Unknown commands are skipped by their known
 * length so one odd byte does not garble the rest of the ticket.
 */
import type { Dialect } from '../layout/render-escpos';
import { decodeCp858Byte } from './cp858';
import { NEED_MORE, type DecodedTicket, type DecoderEvent } from './decoded-ticket';
import { escEpson, gsEpson } from './epson-commands';
import { escStar } from './star-commands';
import { TicketPage } from './ticket-page';

export type { Align, DecodedLine, DecodedTicket, DecoderEvent } from './decoded-ticket';

export class EscPosDecoder {
  private pending = Buffer.alloc(0);
  private page = new TicketPage();

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
    return this.page.partial();
  }

  private step(b: Buffer, i: number, ev: DecoderEvent[]): number {
    const page = this.page;
    const c = b[i];
    if (c === 0x10) {
      if (i + 3 > b.length) return NEED_MORE;
      if (b[i + 1] === 0x04) ev.push({ kind: 'status-request', n: b[i + 2] });
      return 3; // DLE EOT n / DLE ENQ n / DLE DC4 ... all three bytes
    }
    if (c === 0x0a) return page.endLine(ev), 1;
    // VT: Star's line feed; Epson's vertical tab, a line feed when no tab stops are set.
    if (c === 0x0b) return page.endLine(ev), 1;
    if (c === 0x0d || c === 0x00) return 1;
    if (c === 0x09) return page.tab(), 1;
    if (c === 0x0c) return page.feedLines(ev, 1), 1;
    if (c === 0x1b) return this.dialect === 'star' ? escStar(page, b, i, ev) : escEpson(page, b, i, ev);
    if (c === 0x1d) return gsEpson(page, b, i, ev);
    if (c < 0x20) return 1;
    page.addChar(decodeCp858Byte(c));
    return 1;
  }
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
