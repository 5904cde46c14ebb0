/**
 * A network printer that never answers the "finished printing" request (GS ( H), as many
 * cheaper ESC/POS printers: the office learns it once and never holds the next ticket for
 * a confirmation that will not come. Customers one second apart each get their paper at
 * once (not after the 10 s print timeout), and the tickets say "sent" (the kiosk can say
 * "printing"), not "printed".
 * The office's bytes pass through a tap, so the test counts the "finished printing"
 * requests it sends: one to learn, none per ticket.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { startVirtualPrinter, type VirtualPrinter } from '@turnero/hardware';
import type { TicketDto } from '@turnero/contract/dto';
import {
  closePrintingTest,
  isPrintEvent,
  issueAtKiosk,
  openWatchedPrintingOffice,
  papersWithCode,
  waitForPapers,
  waitForPrinterStatus,
  waitForPrintState,
  type PrintingOffice,
  type RecordingSocket,
} from './support';
import { offsetsOf, PROCESS_ID_REQUEST, startByteTap, type ByteTap } from './byte-tap';

let printer: VirtualPrinter;
let tap: ByteTap;
let o: PrintingOffice;
let supervisorSocket: RecordingSocket;

beforeAll(async () => {
  printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 250, name: 'silent-e2e', answersProcessId: false });
  tap = await startByteTap({ port: printer.port });
  ({ o, supervisorSocket } = await openWatchedPrintingOffice({ DEMO_PRINTER_URI: tap.uri }));
  await waitForPrinterStatus(o, o.kioskId, 'online', 'silent printer online');
  // A first ticket settles as "sent" once the office has learnt the printer does not confirm.
  const first = await issueAtKiosk(o.url, o.kioskToken, o.services[0].id);
  await waitForPrintState(o.url, o.supervisor, first.id, 'sent');
});

afterAll(() => closePrintingTest([supervisorSocket], o, tap, printer));

const processIdRequests = () => offsetsOf(tap.sent(), PROCESS_ID_REQUEST).length;

test('the office asked the printer once whether it confirms, and learnt that it does not', () => {
  assert.equal(processIdRequests(), 1, 'one "finished printing" request: the one that learns');
});

test('three customers a second apart: each paper comes out at once, none held for a confirmation', async () => {
  const printedAt = new Map<string, number>();
  const stopWatching = printer.onTicket((t) => {
    const code = t.lines.find((l) => l.width >= 2 && /^[A-Z]-\d+$/.test(l.text.trim()))?.text.trim();
    if (code) printedAt.set(code, performance.now());
  });
  const requestsBefore = processIdRequests();
  try {
    const asked: Array<{ ticket: TicketDto; at: number }> = [];
    for (let i = 0; i < 3; i++) {
      if (i) await new Promise((r) => setTimeout(r, 1000));
      const at = performance.now();
      asked.push({ ticket: await issueAtKiosk(o.url, o.kioskToken, o.services[0].id), at });
    }
    for (const { ticket } of asked) await waitForPapers(printer, ticket.code, 1);
    const delays = asked.map(({ ticket, at }) => Math.round(printedAt.get(ticket.code)! - at));
    // Held for a confirmation, a ticket would wait the office's 10 s print timeout (+10, +20 s in
    // a row); the bound leaves a loaded machine room and still tells the two apart.
    for (const [i, delay] of delays.entries()) assert.ok(delay < 5000, `ticket ${i + 1} printed ${delay} ms after its request (${delays.join(', ')})`);
    for (const { ticket } of asked) assert.equal(papersWithCode(printer, ticket.code).length, 1, `${ticket.code} printed once`);
    assert.equal(processIdRequests() - requestsBefore, 0, 'no ticket asked the printer for a confirmation that will not come');
  } finally {
    stopWatching();
  }
});

test('the ticket says what the printer did: sent, not confirmed printed', async () => {
  const since = supervisorSocket.mark();
  const ticket = await issueAtKiosk(o.url, o.kioskToken, o.services[0].id);
  const sent = await waitForPrintState(o.url, o.supervisor, ticket.id, 'sent');
  assert.equal(sent.status, 'waiting');
  const update = await supervisorSocket.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_sent'), since);
  assert.equal(update.ticket.printState, 'sent');
});
