import { test } from 'vitest';
import assert from 'node:assert/strict';
import { ApiError } from '@turnero/web-client/api';
import { makeTicket } from '@turnero/web-client/test-fixtures';
import { newIdempotencyKey } from './idempotency';
import { CancelledError, TicketRequest } from './issue-ticket';
import { printProblem } from './printer-notice';
import { counterPhrase } from './counter-phrase';

function fakeApi(answers: Array<() => unknown>) {
  const calls: Array<{ path: string; body: unknown; key: string | undefined }> = [];
  return {
    calls,
    post: async <T>(path: string, body?: unknown, opts?: { headers?: Record<string, string> }): Promise<T> => {
      calls.push({ path, body, key: opts?.headers?.['Idempotency-Key'] });
      const next = answers.shift();
      assert.ok(next, 'unexpected request');
      return next() as T;
    },
  };
}
const noSleep = async () => {};

test('keys are v4 UUIDs and differ between requests', () => {
  const a = newIdempotencyKey();
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, newIdempotencyKey());
});

test('a double tap sends one request and both taps get the same ticket', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const api = fakeApi([async () => (await gate, makeTicket({ code: 'A-007' }))]);
  const req = new TicketRequest(api, { serviceId: 's-a', category: 'general' }, { sleep: noSleep });
  const first = req.send();
  const second = req.send();
  release();
  assert.equal((await first).code, 'A-007');
  assert.equal((await second).code, 'A-007');
  assert.equal(api.calls.length, 1);
});

test('retries while the server is unreachable, always with the same key', async () => {
  const down = () => {
    throw new ApiError('network', 'down', 0);
  };
  const api = fakeApi([down, down, () => makeTicket({ code: 'A-008' })]);
  const retries: number[] = [];
  const req = new TicketRequest(api, { serviceId: 's-a', category: 'general' }, { sleep: noSleep, onRetry: (n) => retries.push(n) });
  assert.equal((await req.send()).code, 'A-008');
  assert.deepEqual(retries, [1, 2]);
  assert.equal(new Set(api.calls.map((c) => c.key)).size, 1);
  assert.equal(api.calls[0].key, req.key);
});

test('a refusal (office closed) is not retried', async () => {
  const api = fakeApi([
    () => {
      throw new ApiError('office_closed', 'closed', 409);
    },
  ]);
  const req = new TicketRequest(api, { serviceId: 's-a', category: 'general' }, { sleep: noSleep });
  await assert.rejects(req.send(), (e: unknown) => e instanceof ApiError && e.code === 'office_closed');
  assert.equal(api.calls.length, 1);
});

test('cancelling stops the retries', async () => {
  const api = fakeApi([
    () => {
      throw new ApiError('timeout', 'slow', 0);
    },
  ]);
  const req = new TicketRequest(api, { serviceId: 's-a', category: 'general' }, { sleep: noSleep, onRetry: () => req.cancel() });
  await assert.rejects(req.send(), CancelledError);
  assert.equal(api.calls.length, 1);
});

test('print problems: a failed print or a printer fault asks for the QR or a photo', () => {
  assert.equal(printProblem(makeTicket({ printState: 'failed' }), 'online'), 'print_failed');
  assert.equal(printProblem(makeTicket({ printState: 'pending' }), 'paper_out'), 'paper_out');
  assert.equal(printProblem(makeTicket({ printState: 'pending' }), 'cover_open'), 'cover_open');
  assert.equal(printProblem(null, 'offline'), 'printer_offline');
  assert.equal(printProblem(makeTicket({ printState: 'printed' }), 'paper_out'), null, 'it did print');
  assert.equal(printProblem(makeTicket({ printState: 'pending' }), 'paper_near_end'), null);
  assert.equal(printProblem(makeTicket({ printState: 'pending' }), null), null);
});

test('the live page names the counter with its article', () => {
  assert.equal(counterPhrase('Módulo 3'), 'el módulo 3');
  assert.equal(counterPhrase('Ventanilla 2'), 'la ventanilla 2');
  assert.equal(counterPhrase('Caja 1'), 'la caja 1');
  assert.equal(counterPhrase('Sala VIP'), 'Sala VIP');
});
