/**
 * A kiosk whose printer is plugged into the kiosk PC: the kiosk agent runs as its own
 * process, connects to the real office server with that kiosk's token, prints the jobs
 * the server routes to it on a virtual printer, and reports results and printer status.
 * When the agent dies, supervisors see the printer go offline.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { startVirtualPrinter, type VirtualPrinter } from '@turnero/hardware';
import type { DeviceDto, TicketDto } from '@turnero/contract/dto';
import { request } from '../support/http';
import { startAgentProcess, type AgentProcess } from './agent-process';
import {
  assertPaperMatches,
  closePrintingTest,
  getDevice,
  isDeviceStatus,
  isPrintEvent,
  issueAtKiosk,
  openPrintingOffice,
  RecordingSocket,
  waitForPapers,
  waitForPrinterStatus,
  waitForPrintState,
  waitUntil,
  type PrintingOffice,
} from './support';

let printer: VirtualPrinter;
let o: PrintingOffice;
let agent: AgentProcess | undefined;
let supervisorSocket: RecordingSocket;
/** The kiosk's own screen (the browser app), listening with the same device token. */
let kioskScreen: RecordingSocket;
let kiosk: { id: string; token: string };

beforeAll(async () => {
  printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 250, name: 'agent-e2e' });
  o = await openPrintingOffice({});
  const created = await request<{ device: DeviceDto; token: string }>(o.url, 'POST', '/api/v1/admin/devices', {
    token: o.admin,
    body: { kind: 'kiosk', name: 'Kiosco con impresora local', printerUri: null },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  kiosk = { id: created.body.device.id, token: created.body.token };
  supervisorSocket = await RecordingSocket.connect(o.url, o.supervisor);
  kioskScreen = await RecordingSocket.connect(o.url, kiosk.token);
});

// TEST_SERVER_LOGS=1 streams the office's and the agent's logs.
afterAll(async () => {
  await agent?.kill();
  await closePrintingTest([supervisorSocket, kioskScreen], o, printer);
});

function startAgent(): AgentProcess {
  agent = startAgentProcess({ serverUrl: o.url, token: kiosk.token, printerUri: printer.uri, pollMs: 1000 });
  return agent;
}

function waitPrinterStatus(status: string): Promise<DeviceDto> {
  return waitForPrinterStatus(o, kiosk.id, status, `agent kiosk printer ${status}`);
}

async function reprint(ticketId: string) {
  return request<TicketDto>(o.url, 'POST', `/api/v1/tickets/${ticketId}/reprint`, { token: o.supervisor });
}

test('with no agent connected the new kiosk issues tickets that are not sent to any printer', async () => {
  const ticket = await issueAtKiosk(o.url, kiosk.token, o.services[0].id);
  assert.equal(ticket.printState, 'not_requested');
  const r = await reprint(ticket.id);
  assert.equal(r.status, 503);
  assert.equal((r.body as unknown as { error: { code: string } }).error.code, 'unavailable');
});

test('the agent connects as the kiosk and reports its printer online', async () => {
  const since = supervisorSocket.mark();
  startAgent();
  await supervisorSocket.waitFor('device:status', isDeviceStatus(kiosk.id, 'online'), since);
  const device = await waitPrinterStatus('online');
  assert.equal(device.connected, true);
  assert.equal(device.printerUri, null, 'the server drives no printer for this kiosk');
});

test('a ticket issued with that kiosk\'s token is printed by the agent and marked printed', async () => {
  const sinceSup = supervisorSocket.mark();
  const sinceKiosk = kioskScreen.mark();
  const ticket = await issueAtKiosk(o.url, kiosk.token, o.services[1].id);
  assert.equal(ticket.printState, 'pending', 'the job went to the agent');
  const [paper] = await waitForPapers(printer, ticket.code, 1);
  assertPaperMatches(paper, ticket);
  const printed = await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
  assert.equal(printed.status, 'waiting');
  await supervisorSocket.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_printed'), sinceSup);
  await kioskScreen.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_printed'), sinceKiosk);
});

test('paper out at the kiosk PC: the agent reports it, the ticket is marked failed, reprinted after a new roll', async () => {
  const sinceSup = supervisorSocket.mark();
  const sinceKiosk = kioskScreen.mark();
  printer.setState('paper_out');
  const ticket = await issueAtKiosk(o.url, kiosk.token, o.services[0].id);
  assert.equal(ticket.status, 'waiting');
  for (const [who, socket, since] of [['supervisor', supervisorSocket, sinceSup], ['kiosk', kioskScreen, sinceKiosk]] as const) {
    await socket.waitFor('device:status', isDeviceStatus(kiosk.id, 'paper_out'), since, `${who} device:status paper_out`);
    await socket.waitFor('ticket:updated', isPrintEvent(ticket.id, 'print_failed'), since, `${who} print_failed`);
  }
  assert.equal((await waitForPrintState(o.url, o.supervisor, ticket.id, 'failed')).status, 'waiting');
  assert.equal((await getDevice(o.url, o.supervisor, kiosk.id)).printerStatus, 'paper_out');

  printer.loadPaper();
  await waitPrinterStatus('online'); // the agent's idle poll sees the new roll
  const r = await reprint(ticket.id);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const [paper] = await waitForPapers(printer, ticket.code, 1);
  assertPaperMatches(paper, ticket);
  await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
});

test('killing the agent takes the kiosk printer offline for supervisors; a restarted agent prints again', async () => {
  const since = supervisorSocket.mark();
  await agent!.kill();
  const event = await supervisorSocket.waitFor('device:status', isDeviceStatus(kiosk.id, 'offline'), since);
  assert.equal(event.device.id, kiosk.id);
  await waitPrinterStatus('offline');

  // Tickets keep coming while the agent is down; they are simply not printed.
  const ticket = await issueAtKiosk(o.url, kiosk.token, o.services[0].id);
  assert.equal(ticket.printState, 'not_requested');
  assert.equal((await reprint(ticket.id)).status, 503);

  const sinceRestart = supervisorSocket.mark();
  startAgent();
  await supervisorSocket.waitFor('device:status', isDeviceStatus(kiosk.id, 'online'), sinceRestart);
  const r = await reprint(ticket.id);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const [paper] = await waitForPapers(printer, ticket.code, 1);
  assertPaperMatches(paper, ticket);
  await waitForPrintState(o.url, o.supervisor, ticket.id, 'printed');
});

test('an agent that takes the job and never answers: after the server\'s 30 s limit the print is marked failed', async () => {
  const since = supervisorSocket.mark();
  await agent!.kill();
  // Only once the server has dropped the dead agent can the job go to the stand-in below.
  await supervisorSocket.waitFor('device:status', isDeviceStatus(kiosk.id, 'offline'), since);
  // A stand-in agent: it reports a printer and then ignores every job.
  const silentAgent = await RecordingSocket.connect(o.url, kiosk.token);
  try {
    const ack = await silentAgent.socket.timeout(10_000).emitWithAck('printer:status', { status: 'online' });
    assert.deepEqual(ack, { data: { ok: true } });
    const ticket = await issueAtKiosk(o.url, kiosk.token, o.services[0].id);
    assert.equal(ticket.printState, 'pending');
    await silentAgent.waitFor('print:job', (job) => job?.ticket?.id === ticket.id);
    // The dispatcher's timeout is 30 s (not configurable from outside): wait well past it.
    await waitUntil('print marked failed after the agent timeout', async () => {
      const t = await request<TicketDto>(o.url, 'GET', `/api/v1/tickets/${ticket.id}`, { token: o.supervisor });
      return t.body.printState === 'failed' ? t.body : undefined;
    }, 90_000);
    assert.equal((await request<TicketDto>(o.url, 'GET', `/api/v1/tickets/${ticket.id}`, { token: o.supervisor })).body.status, 'waiting');
  } finally {
    silentAgent.close();
  }
});
