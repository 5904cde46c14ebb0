import { test, afterAll } from 'vitest';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, PrintJob, ServerToClientEvents } from '@turnero/contract/realtime';
import type { PrinterStatus } from '@turnero/contract/dto';
import { createPrinterService, startVirtualPrinter, type DecodedTicket, type VirtualPrinter } from '@turnero/hardware';
import { samplePrintJob } from '@turnero/contract/print-job-fixture';
import { startKioskAgent, type PrintResultMessage } from './kiosk-agent';

const TOKEN = 'kiosk-token-1';

/** The office server's side of the contract, just enough for the agent. */
async function startServerStub(port = 0) {
  const httpServer = http.createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer);
  const statuses: PrinterStatus[] = [];
  const results: PrintResultMessage[] = [];
  const waiters: Array<() => void> = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  let kiosk: Socket<ClientToServerEvents, ServerToClientEvents> | null = null;
  let connections = 0;
  let attempts = 0;
  io.use((socket, next) => {
    attempts++;
    notify();
    if (socket.handshake.auth?.token === TOKEN) next();
    else next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated' } }));
  });
  io.on('connection', (socket) => {
    kiosk = socket;
    connections++;
    socket.on('printer:status', (p, ack) => {
      statuses.push(p.status);
      ack({ data: { ok: true } });
      notify();
    });
    socket.on('print:result', (p, ack) => {
      results.push(p);
      ack({ data: { ok: true } });
      notify();
    });
    notify();
  });
  await new Promise<void>((r) => httpServer.listen(port, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    port: (httpServer.address() as AddressInfo).port,
    statuses,
    results,
    get connections() {
      return connections;
    },
    get attempts() {
      return attempts;
    },
    send(job: PrintJob) {
      assert.ok(kiosk, 'kiosk connected');
      kiosk.emit('print:job', job);
    },
    async until(cond: () => boolean) {
      while (!cond()) await new Promise<void>((r) => waiters.push(r));
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
}

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

async function setup(stubPort = 0) {
  const printer = await startVirtualPrinter({ name: `agent-${Math.random()}` });
  const stub = await startServerStub(stubPort);
  const service = createPrinterService({
    uri: printer.uri,
    dialect: 'epson',
    paperWidthMm: 80,
    pollIntervalMs: 50,
    statusTimeoutMs: 500,
    jobPollMs: 50,
  });
  const agent = startKioskAgent({
    serverUrl: stub.url,
    token: TOKEN,
    printer: service,
    refusedRetryMs: 100,
    socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 100 },
  });
  cleanup.push(() => agent.stop(), () => service.stop(), () => stub.close(), () => printer.stop());
  return { printer, stub, service, agent };
}

function nextTicket(p: VirtualPrinter): Promise<DecodedTicket> {
  return new Promise((resolve) => {
    const off = p.onTicket((t) => {
      off();
      resolve(t);
    });
  });
}

test('the agent reports printer status at connect, prints a job and answers print:result', { timeout: 10_000 }, async () => {
  const { printer, stub } = await setup();
  await stub.until(() => stub.statuses.includes('online'));
  const printed = nextTicket(printer);
  const job = samplePrintJob();
  stub.send(job);
  await stub.until(() => stub.results.length === 1);
  assert.deepEqual(stub.results[0], { jobId: 'job-1', ticketId: 'tkt_01HZX9', ok: true, printerStatus: 'online', confirmed: true });
  const ticket = await printed;
  assert.ok(ticket.lines.some((l) => l.text === job.ticket.code), 'the printed code matches the job');
  assert.equal(ticket.qr, job.liveUrl);
});

test('a printer fault reaches the server as a failed result and a status change', { timeout: 10_000 }, async () => {
  const { printer, stub } = await setup();
  await stub.until(() => stub.statuses.includes('online'));
  printer.setState('cover_open');
  await stub.until(() => stub.statuses.includes('cover_open'));
  stub.send(samplePrintJob());
  await stub.until(() => stub.results.length === 1);
  assert.equal(stub.results[0].ok, false);
  assert.equal(stub.results[0].printerStatus, 'cover_open');
  assert.match(stub.results[0].error ?? '', /cover_open/);
  assert.equal(printer.tickets.length, 0);
});

test('the same job sent twice prints once and is answered twice', { timeout: 10_000 }, async () => {
  const { printer, stub } = await setup();
  await stub.until(() => stub.statuses.length > 0);
  stub.send(samplePrintJob());
  stub.send(samplePrintJob());
  await stub.until(() => stub.results.length === 2);
  assert.ok(stub.results.every((r) => r.ok && r.jobId === 'job-1'));
  assert.equal(printer.tickets.length, 1);
});

test('a malformed job is refused without crashing the agent', { timeout: 10_000 }, async () => {
  const { printer, stub } = await setup();
  await stub.until(() => stub.statuses.length > 0);
  stub.send({ jobId: 'bad-1', ticket: { id: 't1' } } as unknown as PrintJob);
  await stub.until(() => stub.results.length === 1);
  assert.equal(stub.results[0].ok, false);
  assert.match(stub.results[0].error ?? '', /invalid job/);
  stub.send(samplePrintJob());
  await stub.until(() => stub.results.length === 2);
  assert.equal(stub.results[1].ok, true);
  assert.equal(printer.tickets.length, 1);
});

test('the agent survives a server restart: reconnects, reports status, prints again', { timeout: 15_000 }, async () => {
  const { printer, stub, agent } = await setup();
  await stub.until(() => stub.statuses.length > 0);
  await stub.close();
  // The office server comes back on the same port.
  const again = await startServerStub(stub.port);
  cleanup.push(() => again.close());
  await again.until(() => again.statuses.length > 0);
  assert.equal(again.statuses[0], 'online');
  assert.equal(agent.connected, true);
  const job = samplePrintJob({ id: 'tkt-2', code: 'B-002' });
  job.jobId = 'job-2';
  again.send(job);
  await again.until(() => again.results.length === 1);
  assert.equal(again.results[0].ok, true);
  assert.equal(printer.tickets.length, 1);
});

test('a refused token does not crash the agent; it keeps trying', { timeout: 10_000 }, async () => {
  const printer = await startVirtualPrinter({ name: 'agent-bad-token' });
  const stub = await startServerStub();
  const service = createPrinterService({ uri: printer.uri, dialect: 'epson', paperWidthMm: 80, pollIntervalMs: 0 });
  const agent = startKioskAgent({ serverUrl: stub.url, token: 'wrong', printer: service, refusedRetryMs: 50 });
  cleanup.push(() => agent.stop(), () => service.stop(), () => stub.close(), () => printer.stop());
  // Refused by the auth middleware, then tried again (socket.io alone would give up).
  await stub.until(() => stub.attempts >= 2);
  assert.equal(agent.connected, false);
  assert.equal(stub.connections, 0);
});
