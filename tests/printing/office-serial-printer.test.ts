/**
 * A kiosk whose printer hangs off a serial port of the office server: real serial I/O
 * through a socat pseudo-terminal pair (termios, 38400 baud, raw), driven by the office
 * process through serialport, to a virtual printer at 250 mm/s.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { VirtualPrinter } from '@turnero/hardware';
import {
  assertPaperMatches,
  closePrintingTest,
  isDeviceStatus,
  isPrintEvent,
  issueAtKiosk,
  openOfficeWithVirtualPrinter,
  waitForPapers,
  waitForPrinterStatus,
  waitForPrintState,
  type PrintingOffice,
  type RecordingSocket,
} from './support';

let printer: VirtualPrinter;
let o: PrintingOffice;
let supervisorSocket: RecordingSocket;
let uri: string;

beforeAll(async () => {
  const serialUri = (p: VirtualPrinter) => {
    assert.ok(p.ptyPath, 'socat made a pty pair');
    return `serial:${p.ptyPath}?baudRate=38400`;
  };
  ({ printer, uri, o, supervisorSocket } = await openOfficeWithVirtualPrinter({ tcpPort: 0, pty: true, speedMmPerSec: 250, name: 'serial-e2e' }, serialUri));
});

afterAll(() => closePrintingTest([supervisorSocket], o, printer));

test('the serial printer answers its status over the pty and shows online', async () => {
  const device = await waitForPrinterStatus(o, o.kioskId, 'online', 'serial printer online');
  assert.equal(device.printerUri, uri);
});

test('a ticket issued at the kiosk is printed over the serial line with the same code and QR, and is marked printed', async () => {
  const since = supervisorSocket.mark();
  const ticket = await issueAtKiosk(o.url, o.kioskToken, o.services[1].id);
  assert.equal(ticket.printState, 'pending');
  const [paper] = await waitForPapers(printer, ticket.code, 1);
  assertPaperMatches(paper, ticket);
  const printed = await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
  assert.equal(printed.status, 'waiting');
  await supervisorSocket.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_printed'), since);
});

test('paper out on the serial printer is read back over the line: the ticket stays, staff are told, reprint prints it', async () => {
  const since = supervisorSocket.mark();
  printer.setState('paper_out');
  const ticket = await issueAtKiosk(o.url, o.kioskToken, o.services[1].id);
  await supervisorSocket.waitFor('device:status', isDeviceStatus(o.kioskId, 'paper_out'), since);
  await supervisorSocket.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_failed'), since);
  const failed = await waitForPrintState(o.url, o.supervisor, ticket.id, 'failed');
  assert.equal(failed.status, 'waiting');
  assert.equal(papersWith(ticket.code), 0);

  printer.loadPaper();
  const r = await fetch(`${o.url}/api/v1/tickets/${ticket.id}/reprint`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.supervisor}` },
  });
  assert.equal(r.status, 200);
  const [paper] = await waitForPapers(printer, ticket.code, 1);
  assertPaperMatches(paper, ticket);
  await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
});

function papersWith(code: string): number {
  return printer.tickets.filter((t) => t.text.includes(code)).length;
}
