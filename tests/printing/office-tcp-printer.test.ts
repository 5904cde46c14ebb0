/**
 * A kiosk whose printer is plugged into the office server over the network (tcp://, port
 * 9100 style): the real office process drives a virtual printer at kiosk speed (250 mm/s).
 * The paper that comes out carries the ticket the API answered, and the ticket says so.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { VirtualPrinter } from '@turnero/hardware';
import type { TicketDto } from '@turnero/contract/dto';
import {
  assertPaperMatches,
  closePrintingTest,
  getDevice,
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

beforeAll(async () => {
  ({ printer, o, supervisorSocket } = await openOfficeWithVirtualPrinter({ tcpPort: 0, speedMmPerSec: 250, name: 'tcp-e2e' }));
});

afterAll(() => closePrintingTest([supervisorSocket], o, printer));

test('the office server reads the network printer at start-up and shows it online', async () => {
  const device = await waitForPrinterStatus(o, o.kioskId, 'online', 'demo kiosk printer online');
  assert.equal(device.printerUri, printer.uri);
  assert.ok(device.printerStatusAt, 'the reading is timestamped');
});

test('a ticket issued at the kiosk comes out of the network printer with the same code and QR, and is marked printed', async () => {
  const since = supervisorSocket.mark();
  const ticket = await issueAtKiosk(o.url, o.kioskToken, o.services[0].id);
  assert.equal(ticket.printState, 'pending', 'the print job was handed over after the commit');

  const [paper] = await waitForPapers(printer, ticket.code, 1);
  assertPaperMatches(paper, ticket);
  assert.ok(paper.text.includes('Personas antes de usted'), 'people ahead printed');

  const printed = await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
  assert.equal(printed.status, 'waiting');
  assert.equal(printed.code, ticket.code);
  const update = await supervisorSocket.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_printed'), since);
  assert.equal(update.ticket.printState, 'printed');
});

test('tickets issued back to back are each printed once, in order', async () => {
  const tickets: TicketDto[] = [];
  for (let i = 0; i < 3; i++) tickets.push(await issueAtKiosk(o.url, o.kioskToken, o.services[i % o.services.length].id));
  for (const t of tickets) {
    const papers = await waitForPapers(printer, t.code, 1);
    assert.equal(papers.length, 1, `${t.code} printed once`);
    assertPaperMatches(papers[0], t);
    await waitForPrintState(o.url, o.supervisor, t.id, 'printed');
  }
  const order = printer.tickets.map((p) => tickets.findIndex((t) => p.qr?.endsWith(encodeURIComponent(t.id)))).filter((i) => i >= 0);
  assert.deepEqual(order, [0, 1, 2]);
});

test('a kiosk that asks for no print gets a ticket that is not printed', async () => {
  const before = printer.tickets.length;
  const r = await fetch(`${o.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.kioskToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serviceId: o.services[0].id, print: false }),
  });
  assert.equal(r.status, 201);
  const ticket = (await r.json()) as { printState: string; code: string };
  assert.equal(ticket.printState, 'not_requested');
  // A ticket issued after it is printed, so the printer queue is drained past this point.
  const next = await issueAtKiosk(o.url, o.kioskToken, o.services[0].id);
  await waitForPapers(printer, next.code, 1);
  assert.equal(printer.tickets.length, before + 1, 'only the second ticket was printed');
});

test('paper near its end is noticed by the idle poll, reaches supervisors, and tickets still print', async () => {
  const since = supervisorSocket.mark();
  printer.setState('paper_near_end');
  try {
    // No ticket is issued: only the office's idle status poll (every 10 s) can notice it.
    const event = await supervisorSocket.waitFor('device:status', isDeviceStatus(o.kioskId, 'paper_near_end'), since);
    assert.equal(event.device.id, o.kioskId);
    assert.equal((await getDevice(o.url, o.supervisor, o.kioskId)).printerStatus, 'paper_near_end');
    const ticket = await issueAtKiosk(o.url, o.kioskToken, o.services[0].id);
    const [paper] = await waitForPapers(printer, ticket.code, 1);
    assertPaperMatches(paper, ticket);
    await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
  } finally {
    printer.setState('ok');
  }
});
