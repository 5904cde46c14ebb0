/** Printers that never answer "finished printing" (GS ( H) must not hold the queue. */
import { test, afterAll } from 'vitest';
import assert from 'node:assert/strict';
import { createPrinterService, startVirtualPrinter, type PrintResult } from '../src';
import { sampleTicketData } from './fixtures';

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function setup(answersProcessId: boolean) {
  const printer = await startVirtualPrinter({ name: `confirm-${Math.random()}`, answersProcessId, speedMmPerSec: 1000 });
  const service = createPrinterService({
    uri: printer.uri,
    dialect: 'epson',
    paperWidthMm: 80,
    pollIntervalMs: 0,
    statusTimeoutMs: 500,
    printTimeoutMs: 5000,
    confirmProbeTimeoutMs: 500,
    jobPollMs: 50,
  });
  cleanup.push(() => service.stop(), () => printer.stop());
  return { printer, service };
}

/** Three customers in a row: when (ms after the requests) each ticket came out of the printer. */
async function threeInARow(setupResult: Awaited<ReturnType<typeof setup>>) {
  const { printer, service } = setupResult;
  const printedAt: number[] = [];
  const started = performance.now();
  printer.onTicket(() => printedAt.push(Math.round(performance.now() - started)));
  const results: PrintResult[] = await Promise.all(['A-001', 'A-002', 'A-003'].map((code) => service.print(sampleTicketData({ code }))));
  // A printer that does not confirm may still be printing when the results are in.
  while (printedAt.length < 3 && performance.now() - started < 15_000) await new Promise((r) => setTimeout(r, 20));
  return { printedAt, results };
}

test('a printer that never confirms: learnt once at start, then three tickets in a row each print well before a held ticket would (5 s; one held for a confirmation waits the 10 s print timeout)', { timeout: 20_000 }, async () => {
  const s = await setup(false);
  assert.equal(await s.service.checkStatus(), 'online', 'the start-up check (which learns) sees the printer');
  const { printedAt, results } = await threeInARow(s);
  assert.equal(printedAt.length, 3);
  for (const [i, at] of printedAt.entries()) assert.ok(at < 5000, `ticket ${i + 1} printed ${at} ms after the requests (${printedAt.join(', ')})`);
  assert.deepEqual(results, Array(3).fill({ ok: true, status: 'online', confirmed: false }), 'the results say what is known: sent, not confirmed');
});

test('a printer that confirms is waited for, and its tickets say confirmed', { timeout: 20_000 }, async () => {
  const s = await setup(true);
  await s.service.checkStatus();
  const { printedAt, results } = await threeInARow(s);
  assert.equal(printedAt.length, 3);
  assert.deepEqual(results, Array(3).fill({ ok: true, status: 'online', confirmed: true }));
});

test('the first ticket of a silent printer not yet learnt waits only for the probe, not for the print timeout', { timeout: 20_000 }, async () => {
  const s = await setup(false);
  const started = performance.now();
  const result = await s.service.print(sampleTicketData());
  const took = performance.now() - started;
  assert.deepEqual(result, { ok: true, status: 'online', confirmed: false });
  assert.ok(took < 2000, `first ticket answered in ${Math.round(took)} ms (probe 500 ms, print timeout 5000 ms)`);
});

test('after a reconnect the printer is learnt again: a printer swapped for one that confirms is waited for', { timeout: 20_000 }, async () => {
  const { printer, service } = await setup(false);
  assert.deepEqual(await service.print(sampleTicketData()), { ok: true, status: 'online', confirmed: false });
  printer.setState('unplugged');
  assert.equal(await service.checkStatus(), 'offline');
  printer.setAnswersProcessId(true);
  printer.setState('ok');
  assert.deepEqual(await service.print(sampleTicketData()), { ok: true, status: 'online', confirmed: true });
});
