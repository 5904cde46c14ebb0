/**
 * Printer faults through the real office server, with the printer attached to it over TCP:
 * paper out (before the job and mid-job), cover open, an unplugged printer and a printer
 * that never answers. Each time the ticket is still valid (201, waiting, callable), its
 * print state becomes 'failed', supervisors and the kiosk hear 'device:status' and
 * 'ticket:updated' (print_failed), GET /api/v1/devices shows the status, and once the
 * printer is fixed a supervisor's reprint comes out of it.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { startVirtualPrinter, type VirtualPrinter } from '@turnero/hardware';
import type { PrinterStatus, QueueSnapshot, TicketDto } from '@turnero/contract/dto';
import { request } from '../support/http';
import {
  assertPaperMatches,
  closePrintingTest,
  getDevice,
  getTicket,
  isDeviceStatus,
  isPrintEvent,
  issueAtKiosk,
  openWatchedPrintingOffice,
  papersWithCode,
  RecordingSocket,
  serviceOfCounter,
  waitForPapers,
  waitForPrinterStatus,
  waitForPrintState,
  type PrintingOffice,
} from './support';
import { startSwitchableLink, type SwitchableLink } from './switchable-link';

let printer: VirtualPrinter;
let link: SwitchableLink;
let o: PrintingOffice;
let supervisorSocket: RecordingSocket;
let kioskSocket: RecordingSocket;
let serviceId: string;

beforeAll(async () => {
  printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 250, name: 'faults-e2e' });
  link = await startSwitchableLink({ port: printer.port });
  ({ o, supervisorSocket } = await openWatchedPrintingOffice({ DEMO_PRINTER_URI: link.uri }));
  kioskSocket = await RecordingSocket.connect(o.url, o.kioskToken);
  serviceId = await serviceOfCounter(o, o.agent.counterId);
});

afterAll(() => closePrintingTest([supervisorSocket, kioskSocket], o, link, printer));

interface Fault {
  /** Break the printer (before the ticket is issued). */
  breakIt(): void;
  /** What the printer's status turns into. */
  status: PrinterStatus;
  /** Fix it; returns once the printer is usable again. */
  fixIt(ticket: TicketDto): Promise<void>;
}

/** Issue with the printer broken, check nobody loses anything, fix it, reprint, call the ticket. */
async function issueThroughFault(fault: Fault): Promise<void> {
  await waitForPrinterStatus(o, o.kioskId, 'online', 'printer online before the fault');
  const sinceSup = supervisorSocket.mark();
  const sinceKiosk = kioskSocket.mark();
  fault.breakIt();

  const ticket = await issueAtKiosk(o.url, o.kioskToken, serviceId);
  assert.equal(ticket.status, 'waiting');
  assert.match(ticket.code, /^[A-Z]+-\d{3,}$/);

  // Staff and the kiosk are told: the printer's status and the ticket's failed print.
  for (const [who, socket, since] of [
    ['supervisor', supervisorSocket, sinceSup],
    ['kiosk', kioskSocket, sinceKiosk],
  ] as const) {
    const status = await socket.waitFor('device:status', isDeviceStatus(o.kioskId, fault.status), since, `${who} device:status ${fault.status}`);
    // Staff see the printer's link; the kiosk sees itself without it (the office's configuration).
    assert.equal(status.device.printerUri, who === 'supervisor' ? link.uri : null);
    const failed = await socket.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_failed'), since, `${who} print_failed`);
    assert.equal(failed.ticket.printState, 'failed');
    assert.equal(failed.ticket.status, 'waiting', 'the failed print leaves the ticket waiting');
    assert.equal(failed.ticket.code, ticket.code);
  }
  const failed = await waitForPrintState(o.url, o.supervisor, ticket.id, 'failed');
  assert.equal(failed.status, 'waiting');
  assert.equal((await getDevice(o.url, o.supervisor, o.kioskId)).printerStatus, fault.status);
  const queue = await request<QueueSnapshot>(o.url, 'GET', '/api/v1/queue', { token: o.supervisor });
  assert.ok(queue.body.waiting.some((t) => t.id === ticket.id), 'the ticket is in the queue');
  assert.equal(papersWithCode(printer, ticket.code).length, 0, 'no paper came out for it');

  await fault.fixIt(ticket);
  const papersAfterFix = papersWithCode(printer, ticket.code).length;
  const sinceReprint = supervisorSocket.mark();
  const reprint = await request<TicketDto>(o.url, 'POST', `/api/v1/tickets/${ticket.id}/reprint`, { token: o.supervisor });
  assert.equal(reprint.status, 200, `reprint: ${JSON.stringify(reprint.body)}`);
  assert.equal(reprint.body.printState, 'pending');
  const papers = await waitForPapers(printer, ticket.code, papersAfterFix + 1);
  assertPaperMatches(papers[papers.length - 1], ticket);
  await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
  await supervisorSocket.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_printed'), sinceReprint);
  await waitForPrinterStatus(o, o.kioskId, 'online', 'printer back online');

  // Still a normal ticket: the agent calls it, serves it, finishes it.
  const call = await request<TicketDto>(o.url, 'POST', `/api/v1/tickets/${ticket.id}/call`, {
    token: o.agent.token,
    body: { counterId: o.agent.counterId },
  });
  assert.equal(call.status, 200, `call: ${JSON.stringify(call.body)}`);
  for (const action of ['start', 'finish']) {
    const r = await request(o.url, 'POST', `/api/v1/tickets/${ticket.id}/${action}`, { token: o.agent.token, body: {} });
    assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  }
  assert.equal((await getTicket(o.url, o.supervisor, ticket.id)).status, 'done');
}

test('paper out before the job: the ticket is valid, marked failed, staff told, reprinted after a new roll', () =>
  issueThroughFault({
    breakIt: () => printer.setState('paper_out'),
    status: 'paper_out',
    fixIt: async () => printer.loadPaper(),
  }));

test('paper runs out mid-ticket: the printer stops, the ticket is marked failed, reprinted after a new roll', () =>
  issueThroughFault({
    // 20 mm of roll left: the printer starts the ticket and stops a few lines in.
    breakIt: () => printer.loadPaper(20),
    status: 'paper_out',
    fixIt: async (ticket) => {
      assert.equal(printer.state, 'paper_out', 'the roll ran out while printing, not before');
      printer.loadPaper();
      // The stopped ticket finishes on the new roll, as a real printer does; the reprint comes after it.
      await waitForPapers(printer, ticket.code, 1);
    },
  }));

test('cover open: the ticket is valid, marked failed, staff told, reprinted once the cover is closed', () =>
  issueThroughFault({
    breakIt: () => printer.setState('cover_open'),
    status: 'cover_open',
    fixIt: async () => printer.setState('ok'),
  }));

test('unplugged printer: offline, the ticket is valid and marked failed, reprinted once plugged back', () =>
  issueThroughFault({
    breakIt: () => printer.setState('unplugged'),
    status: 'offline',
    fixIt: async () => printer.setState('ok'),
  }));

test('a printer that accepts the connection but never answers: offline, failed, reprinted once it answers', () =>
  issueThroughFault({
    breakIt: () => link.setMode('silent'),
    status: 'offline',
    fixIt: async () => link.setMode('through'),
  }));

test('a reprint of an unknown ticket is a 404, and a kiosk may not reprint', async () => {
  const unknown = await request(o.url, 'POST', '/api/v1/tickets/no-such-ticket/reprint', { token: o.supervisor });
  assert.equal(unknown.status, 404);
  const ticket = await issueAtKiosk(o.url, o.kioskToken, serviceId);
  const byKiosk = await request(o.url, 'POST', `/api/v1/tickets/${ticket.id}/reprint`, { token: o.kioskToken });
  assert.equal(byKiosk.status, 403);
  await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
});
