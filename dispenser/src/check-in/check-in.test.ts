import { test } from 'vitest';
import assert from 'node:assert/strict';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '@turnero/web-client/api';
import { setLang } from '@turnero/web-client/i18n';
import { makeTicket } from '@turnero/web-client/test-fixtures';
import { TicketRequest } from '../issue-ticket';
import { KeyboardWedge } from './keyboard-wedge';
import { isRefusal, refusalDetails, refusalText, tokenStart } from './refusal';

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const token = (payload: object) => `v1.${b64url(JSON.stringify(payload))}.${b64url('signature')}`;

test('a signed token tells the slot start; a typed code or a damaged token tells nothing', () => {
  assert.equal(tokenStart(token({ id: 'b1', code: 'K7M4Q2RX', start: '2026-12-01T15:30:00.000Z' })), '2026-12-01T15:30:00.000Z');
  assert.equal(tokenStart('K7M4Q2RX'), undefined);
  assert.equal(tokenStart('v1.not-json.sig'), undefined);
});

test('too early names the slot and the time to come back, in the office zone, in Spanish first', () => {
  setLang('es', false);
  const details = refusalDetails({ opensAt: '2026-12-01T15:15:00.000Z', comeBackAt: '10:15' }, token({ start: '2026-12-01T15:30:00.000Z' }));
  assert.equal(refusalText('too_early', details, 'America/Bogota'), 'Su cita es a las 10:30; vuelva desde las 10:15.');
  // A typed code carries no slot: the kiosk says only when to come back.
  assert.equal(refusalText('too_early', refusalDetails({ opensAt: '2026-12-01T15:15:00.000Z' }, 'K7M4Q2RX'), 'America/Bogota'), 'Aún es pronto para su cita; vuelva desde las 10:15.');
  setLang('en', false);
  assert.equal(refusalText('too_early', details, 'America/Bogota'), 'Your appointment is at 10:30; please come back from 10:15.');
  setLang('es', false);
});

test('every refusal of the contract has its own words; other codes are not refusals', () => {
  for (const code of ['booking_not_found', 'too_late', 'booking_cancelled', 'already_checked_in', 'wrong_office'] as const) {
    assert.ok(isRefusal(code));
    assert.doesNotMatch(refusalText(code, {}, 'America/Bogota'), /^checkIn\./, code);
  }
  assert.equal(isRefusal('validation_failed'), false);
});

test('a check-in is sent to /check-in with one Idempotency-Key, retried with the same key while the office is unreachable', async () => {
  const calls: Array<{ path: string; body: unknown; key?: string }> = [];
  const answers = [() => Promise.reject(new ApiError('network', 'down', 0)), () => Promise.resolve(makeTicket({ code: 'A-007' }))];
  const api = {
    post: async <T>(path: string, body?: unknown, opts?: { headers?: Record<string, string> }): Promise<T> => {
      calls.push({ path, body, key: opts?.headers?.['Idempotency-Key'] });
      return answers.shift()!() as Promise<T>;
    },
  };
  const ticket = await new TicketRequest(api, { code: 'K7M4Q2RX' }, { path: '/check-in', sleep: async () => {} }).send();
  assert.equal(ticket.code, 'A-007');
  assert.deepEqual(calls.map((c) => [c.path, c.body]), [['/check-in', { code: 'K7M4Q2RX' }], ['/check-in', { code: 'K7M4Q2RX' }]]);
  assert.equal(calls[0].key, calls[1].key);
});

/** A host that only collects its controllers, and a window-like target to type into. */
function wedgeOn() {
  const controllers: ReactiveController[] = [];
  const host = { addController: (c: ReactiveController) => controllers.push(c) } as unknown as ReactiveControllerHost;
  const target = new EventTarget();
  const scans: string[] = [];
  new KeyboardWedge(host, (text) => scans.push(text), target as unknown as Window);
  const type = (keys: string[]) => {
    for (const key of keys) target.dispatchEvent(Object.assign(new Event('keydown', { cancelable: true }), { key, ctrlKey: false, metaKey: false, altKey: false }));
  };
  return { controllers, type, scans };
}

test('a scanner that types a token and Enter hands over the whole token once; a stray Enter or keys after leaving hand over nothing', () => {
  const { controllers, type, scans } = wedgeOn();
  controllers.forEach((c) => c.hostConnected?.());
  const scanned = token({ code: 'K7M4Q2RX' });
  type([...scanned, 'Enter']);
  type(['Enter']);
  type(['A', 'B', 'Enter']);
  assert.deepEqual(scans, [scanned]);
  controllers.forEach((c) => c.hostDisconnected?.());
  type([...'K7M4Q2RX', 'Enter']);
  assert.equal(scans.length, 1);
});
