/**
 * What the office sends a printer for one ticket, read byte by byte on the wire: the paper
 * after the last line is fed only to the cutter (no blank lines, no fixed 45 mm feed), and
 * a service name with characters outside code page 858 is transliterated, so the whole
 * ticket is printed in the one code page selected at its start (many printers have no
 * other). The layout's own bytes are checked too, for both dialects and paper widths.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { decodeTickets, renderTicket, startVirtualPrinter, type TicketPrintData, type VirtualPrinter } from '@turnero/hardware';
import { request } from '../support/http';
import { FEED_TO_CUTTER_AND_CUT, SELECT_CODE_PAGE, offsetsOf, startByteTap, type ByteTap } from './byte-tap';
import { closePrintingTest, issueAtKiosk, openPrintingOffice, waitForPapers, type PrintingOffice } from './support';

const LF = 0x0a;
const ESC_AT = [0x1b, 0x40];
/** The cut each dialect ends a ticket with, then ESC @: Epson GS V 66 16 (2 mm past the cutter), Star ESC d 3. */
const CUT = { epson: [...FEED_TO_CUTTER_AND_CUT, 16, ...ESC_AT], star: [0x1b, 0x64, 0x03, ...ESC_AT] } as const;

const ticket = (over: Partial<TicketPrintData> = {}): TicketPrintData => ({
  officeName: 'Oficina Centro',
  code: 'A-014',
  serviceName: 'Facturación y pagos',
  preferential: false,
  issuedAt: '2026-11-30T15:00:00.000Z',
  timeZone: 'America/Bogota',
  peopleAhead: 2,
  estimatedWaitSeconds: 600,
  liveUrl: 'http://turnero.oficina.local:8080/dispenser/ticket.html?id=tkt1',
  footer: 'Gracias por su visita',
  ...over,
});

describe('the layout ends every ticket with its last line, then the cut that feeds to the cutter', () => {
  for (const dialect of ['epson', 'star'] as const) {
    for (const paperWidthMm of [80, 58] as const) {
      test(`${dialect} ${paperWidthMm} mm: "…visita" LF, then the cut: no feed between them`, () => {
        const bytes = renderTicket(ticket(), { dialect, paperWidthMm });
        const tail = [...Buffer.from('visita', 'latin1'), LF, ...CUT[dialect]];
        assert.deepEqual([...bytes.subarray(bytes.length - tail.length)], tail, `the ticket ends ${Buffer.from(tail).toString('hex')}, got ${bytes.subarray(-tail.length).toString('hex')}`);
        const [paper] = decodeTickets(bytes, dialect);
        assert.ok(paper.blankBeforeCutMm <= 2, `${paper.blankBeforeCutMm} mm of blank paper before the cut`);
      });
    }
  }
});

describe('a real office printing to a network printer', () => {
  let printer: VirtualPrinter;
  let tap: ByteTap;
  let o: PrintingOffice;

  beforeAll(async () => {
    printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 2000, name: 'paper-bytes-e2e' });
    tap = await startByteTap({ port: printer.port });
    o = await openPrintingOffice({ DEMO_PRINTER_URI: tap.uri });
  });
  afterAll(() => closePrintingTest([], o, tap, printer));

  test('a service named outside code page 858 prints transliterated, in the one code page selected at the start, and the paper is fed only to the cutter', async () => {
    const service = o.services[0];
    const renamed = await request(o.url, 'PATCH', `/api/v1/admin/services/${service.id}`, {
      token: o.admin,
      body: { nameEs: 'Créditos “rápidos” — Győr…' },
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const from = tap.sent().length;
    const issued = await issueAtKiosk(o.url, o.kioskToken, service.id);
    const [paper] = await waitForPapers(printer, issued.code, 1);

    // This ticket's bytes: from its ESC @ + code page select to its cut (GS V, whatever its mode).
    const wire = tap.sent().subarray(from);
    const cuts = offsetsOf(wire, [0x1d, 0x56]);
    assert.equal(cuts.length, 1, 'one cut for one ticket');
    const start = wire.lastIndexOf(Buffer.from([...ESC_AT, ...SELECT_CODE_PAGE]), cuts[0]);
    assert.ok(start >= 0, 'the ticket starts with ESC @ and a code page select');
    const bytes = wire.subarray(start, cuts[0] + CUT.epson.length);
    assert.deepEqual(
      offsetsOf(bytes, SELECT_CODE_PAGE).map((i) => bytes[i + 2]),
      [19],
      'one code page select (ESC t 19, code page 858), at the start: none in the middle of the ticket',
    );
    // The last line's LF, then GS V 66 16 (feed to the cutter plus 2 mm, cut) and ESC @: no blank line, no feed command.
    const end = [...bytes.subarray(-(CUT.epson.length + 2))];
    assert.deepEqual(end.slice(1), [LF, ...CUT.epson], `the ticket ends ${Buffer.from(end).toString('hex')}`);
    assert.notEqual(end[0], LF, 'no blank line before the cut');
    const text = paper.text.replace(/\s+/g, ' ');
    assert.match(text, /Créditos "rápidos" - Gyor\.\.\./, 'the name as the printer can print it');
    assert.ok(paper.cutFeedsToCutter, 'the decoder reads a cut that feeds to the cutter');
    assert.ok(paper.blankBeforeCutMm <= 2, `${paper.blankBeforeCutMm} mm of blank paper before the cut`);
  });
});
