import { test, afterAll } from 'vitest';
import assert from 'node:assert/strict';
import net from 'node:net';
import {
  createPrinterService,
  startVirtualPrinter,
  type PrinterService,
  type PrinterStatus,
  type VirtualPrinter,
} from '../src';
import { sampleTicketData } from './fixtures';

const data = sampleTicketData();
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A fixed clock: status timestamps come from it, not from the wall. */
const clock = { now: () => new Date('2025-11-28T15:00:00Z') };

async function setup(
  opts: { paperRemainingMm?: number; dialect?: 'epson' | 'star'; pollIntervalMs?: number; slowFactor?: number } = {},
) {
  const printer = await startVirtualPrinter({
    paperRemainingMm: opts.paperRemainingMm,
    slowFactor: opts.slowFactor,
    name: `vp-${Math.random()}`,
  });
  const service = createPrinterService({
    uri: printer.uri,
    dialect: opts.dialect ?? 'epson',
    paperWidthMm: 80,
    pollIntervalMs: opts.pollIntervalMs ?? 0,
    statusTimeoutMs: 500,
    printTimeoutMs: 5000,
    jobPollMs: 50,
    clock,
  });
  const statuses: PrinterStatus[] = [];
  service.on('status', (s) => statuses.push(s));
  cleanup.push(() => service.stop(), () => printer.stop());
  return { printer, service, statuses };
}

function nextStatus(service: PrinterService, wanted: PrinterStatus): Promise<void> {
  return new Promise((resolve) => {
    const cb = (s: PrinterStatus) => {
      if (s !== wanted) return;
      service.off('status', cb);
      resolve();
    };
    service.on('status', cb);
  });
}

test('a healthy printer prints the ticket, confirms it, and reports online', { timeout: 10_000 }, async () => {
  const { printer, service, statuses } = await setup();
  const result = await service.print(data);
  assert.deepEqual(result, { ok: true, status: 'online', confirmed: true });
  assert.equal(printer.tickets.length, 1);
  assert.equal(printer.tickets[0].qr, data.liveUrl);
  assert.deepEqual(statuses, ['online']);
  assert.deepEqual(service.statusAt, clock.now());
});

test('jobs queue up and print one after another, in order', { timeout: 10_000 }, async () => {
  const { printer, service } = await setup();
  const codes = ['A-001', 'A-002', 'A-003'];
  const results = await Promise.all(codes.map((code) => service.print({ ...data, code })));
  assert.ok(results.every((r) => r.ok));
  assert.deepEqual(
    printer.tickets.map((t) => t.lines.find((l) => l.width === 4)?.text),
    codes,
  );
});

test('paper out mid-job: the job fails with paper_out, fast, and the ticket is not cut', { timeout: 10_000 }, async () => {
  const { printer, service, statuses } = await setup({ paperRemainingMm: 60 });
  const result = await service.print(data);
  assert.equal(result.ok, false);
  assert.equal(result.status, 'paper_out');
  assert.equal(printer.tickets.length, 0);
  assert.deepEqual(statuses, ['online', 'paper_out']);
  // A new roll: the next job prints again.
  printer.loadPaper();
  const retry = await service.print(data);
  assert.equal(retry.ok, true);
});

test('cover open: the job is refused before printing, with cover_open', { timeout: 10_000 }, async () => {
  const { printer, service, statuses } = await setup();
  printer.setState('cover_open');
  const result = await service.print(data);
  assert.deepEqual(result, { ok: false, error: 'printer not ready (cover_open)', status: 'cover_open' });
  assert.deepEqual(statuses, ['cover_open']);
  printer.setState('ok');
  assert.equal((await service.print(data)).ok, true);
  assert.equal(printer.tickets.length, 1, 'only the ticket printed after closing the cover');
});

test('paper near end still prints and says so', { timeout: 10_000 }, async () => {
  const { printer, service } = await setup();
  printer.setState('paper_near_end');
  const result = await service.print(data);
  assert.deepEqual(result, { ok: true, status: 'paper_near_end', confirmed: true });
});

test('unplugged cable: the job fails with offline within the timeouts', { timeout: 10_000 }, async () => {
  const { printer, service } = await setup();
  assert.equal(await service.checkStatus(), 'online');
  printer.setState('unplugged');
  const result = await service.print(data);
  assert.equal(result.ok, false);
  assert.equal(result.status, 'offline');
  assert.equal(printer.tickets.length, 0);
  // Plugged back: the service reconnects by itself.
  printer.setState('ok');
  assert.equal((await service.print(data)).ok, true);
});

test('a printer that accepts the connection and never answers: offline, nothing hangs', { timeout: 10_000 }, async () => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  cleanup.push(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((r) => silent.close(() => r()));
  });
  const port = (silent.address() as net.AddressInfo).port;
  const service = createPrinterService({
    uri: `tcp://127.0.0.1:${port}`,
    dialect: 'epson',
    paperWidthMm: 58,
    pollIntervalMs: 0,
    statusTimeoutMs: 300,
  });
  cleanup.push(() => service.stop());
  const result = await service.print(data);
  assert.equal(result.ok, false);
  assert.equal(result.status, 'offline');
});

test('nothing listening and bad URIs resolve ok:false instead of throwing', { timeout: 10_000 }, async () => {
  for (const uri of ['tcp://127.0.0.1:1', 'nonsense', 'serial:/dev/ttyUSB99']) {
    const service = createPrinterService({ uri, dialect: 'epson', paperWidthMm: 80, pollIntervalMs: 0, statusTimeoutMs: 300 });
    cleanup.push(() => service.stop());
    const result = await service.print(data);
    assert.equal(result.ok, false, uri);
    assert.equal(result.status, 'offline', uri);
  }
});

test('idle polling notices status changes and emits each change once', { timeout: 10_000 }, async () => {
  const { printer, service, statuses } = await setup({ pollIntervalMs: 30 });
  await nextStatus(service, 'online');
  printer.setState('paper_near_end');
  await nextStatus(service, 'paper_near_end');
  printer.setState('unplugged');
  await nextStatus(service, 'offline');
  printer.setState('ok');
  await nextStatus(service, 'online');
  assert.deepEqual(statuses, ['online', 'paper_near_end', 'offline', 'online']);
});

test('star dialect prints through the same service (confirmed by status, not process ID)', { timeout: 10_000 }, async () => {
  const printer = await startVirtualPrinter({ dialect: 'star', name: 'star-vp' });
  const service = createPrinterService({ uri: printer.uri, dialect: 'star', paperWidthMm: 58, pollIntervalMs: 0 });
  cleanup.push(() => service.stop(), () => printer.stop());
  const got = new Promise((r) => printer.onTicket(r));
  assert.deepEqual(await service.print(data), { ok: true, status: 'online', confirmed: false });
  await got;
  assert.equal(printer.tickets[0].qr, data.liveUrl);
});

test('a slow printer still finishes the job', { timeout: 15_000 }, async () => {
  // 250 / 3 mm/s: about half a second for the ticket, well within printTimeoutMs.
  const { printer, service } = await setup({ slowFactor: 3 });
  printer.setState('slow');
  const result = await service.print(data);
  assert.deepEqual(result, { ok: true, status: 'online', confirmed: true });
  assert.equal(printer.tickets.length, 1);
});
