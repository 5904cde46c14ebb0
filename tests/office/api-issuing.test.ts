/**
 * The office REST API against a real server process: services, issuing (idempotent
 * retries, reading a ticket back), bad input refused with nothing changed, and numbering
 * across a transfer. Each refused request is checked to leave the office's state unchanged.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { TicketDto } from '@turnero/contract/dto';
import { request } from '../support/http';
import { apiSession, assertTicketShape } from './api-helpers';
import { act, closeOffice, expectStatus, issue, openOffice, stateFingerprint, type OfficeSession } from './helpers';

let s: OfficeSession;

beforeAll(async () => {
  s = await openOffice();
});

afterAll(async () => {
  await closeOffice(s);
});
const { a, refused } = apiSession(() => s);

describe('services and issuing', () => {
  test('GET /services lists the four demo services with id, name and prefix', async () => {
    const r = expectStatus(await request(s.url, 'GET', '/api/v1/services', { token: s.kiosk }), 200);
    assert.deepEqual(r.body.map((x: { prefix: string }) => x.prefix).sort(), ['A', 'B', 'C', 'D']);
    for (const svc of r.body) {
      assert.equal(typeof svc.id, 'string');
      assert.equal(typeof svc.name, 'string');
      assert.equal(typeof svc.nameEn, 'string');
      assert.equal(typeof svc.targetWaitMinutes, 'number');
    }
  });

  test('a kiosk issues a ticket: 201 with code, position and estimated wait', async () => {
    const r = await request<TicketDto>(s.url, 'POST', '/api/v1/tickets', {
      token: s.kiosk,
      body: { serviceId: s.services.A.id },
    });
    expectStatus(r, 201);
    const t = r.body;
    assertTicketShape(t);
    assert.equal(t.serviceId, s.services.A.id);
    assert.equal(t.category, 'general');
    assert.equal(t.status, 'waiting');
    assert.equal(t.code, 'A-001');
    assert.equal(t.position, 0);
    assert.equal(t.estimatedWaitSeconds, null, 'no counter serves A yet: no estimate rather than a made-up wait');
    assert.equal(r.headers.get('location'), `/api/v1/tickets/${t.id}`);

    const second = await issue(s, 'A', { token: s.kiosk, category: 'preferential' });
    assert.equal(second.code, 'A-002');
    assert.equal(second.category, 'preferential');
    assert.equal(typeof second.position, 'number');
    // Agents and supervisors may issue too (e.g. for a customer at the counter).
    assert.equal((await issue(s, 'B', { token: a(2).token })).code, 'B-001');
  });

  test('an Idempotency-Key makes a retried issue return the same ticket', async () => {
    const before = await stateFingerprint(s.url, s.supervisor);
    const send = (key: string, token = s.kiosk) =>
      request<TicketDto>(s.url, 'POST', '/api/v1/tickets', {
        token,
        body: { serviceId: s.services.C.id },
        headers: { 'Idempotency-Key': key },
      });
    const first = expectStatus(await send('kiosk-retry-1'), 201);
    const again = await send('kiosk-retry-1');
    assert.ok(again.status === 200 || again.status === 201, `retry answered ${again.status}`);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.body.code, first.body.code);
    const q = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200);
    assert.equal(q.body.waiting.filter((t: TicketDto) => t.serviceId === s.services.C.id).length, 1);
    // The key belongs to the caller: the same key from someone else is a new ticket.
    const otherCaller = expectStatus(await send('kiosk-retry-1', s.supervisor), 201);
    assert.notEqual(otherCaller.body.id, first.body.id);
    assert.notEqual(await stateFingerprint(s.url, s.supervisor), before);
    // Clean up so later tests start with no C tickets.
    expectStatus(await act(s, s.supervisor, first.body.id, 'cancel'), 200);
    expectStatus(await act(s, s.supervisor, otherCaller.body.id, 'cancel'), 200);
  });

  test('GET /tickets/:id returns the ticket to any role; unknown id is 404', async () => {
    const t = await issue(s, 'D');
    for (const token of [s.kiosk, s.display, a(1).token, s.supervisor]) {
      const r = expectStatus(await request<TicketDto>(s.url, 'GET', `/api/v1/tickets/${t.id}`, { token }), 200);
      assert.equal(r.body.id, t.id);
      assert.equal(r.body.code, t.code);
      assert.equal(r.body.status, 'waiting');
      assert.equal(typeof r.body.position, 'number');
    }
    const missing = await request(s.url, 'GET', '/api/v1/tickets/00000000-0000-0000-0000-000000000000', { token: s.supervisor });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
    expectStatus(await act(s, s.supervisor, t.id, 'cancel'), 200);
  });
});

describe('bad input', () => {
  test('400 for invalid bodies and malformed JSON, 404 for unknown ids; nothing changes', async () => {
    const post = (body: unknown, extra: { rawBody?: string; headers?: Record<string, string> } = {}) => () =>
      request(s.url, 'POST', '/api/v1/tickets', { token: s.kiosk, body, ...extra });
    await refused(400, 'validation_failed', post({}));
    await refused(400, 'validation_failed', post({ serviceId: 42 }));
    await refused(400, 'validation_failed', post({ serviceId: s.services.A.id, category: 'vip' }));
    await refused(400, 'validation_failed', post({ serviceId: 'x'.repeat(5000) }));
    await refused(400, 'validation_failed', post({ serviceId: s.services.A.id, customerId: '12345678' }));
    await refused(400, 'bad_request', post(undefined, { rawBody: '{"serviceId": ' }));
    await refused(400, 'validation_failed', () =>
      request(s.url, 'POST', '/api/v1/tickets', {
        token: s.kiosk,
        body: { serviceId: s.services.A.id },
        headers: { 'Idempotency-Key': 'has spaces in it' },
      }),
    );
    await refused(404, 'not_found', post({ serviceId: 'no-such-service' }));
    await refused(404, 'not_found', () => act(s, s.supervisor, 'no-such-ticket', 'start'));
    await refused(404, 'not_found', () => request(s.url, 'POST', '/api/v1/counters/no-such-counter/call-next', { token: s.supervisor }));
    await refused(404, 'not_found', () => request(s.url, 'GET', '/api/v1/no-such-route', { token: s.supervisor }));
    await refused(400, 'validation_failed', () => act(s, s.supervisor, 'x'.repeat(65), 'start'));
  });
});

test('no request above made the server log an error', () => {
  assert.deepEqual(s.serverErrors, []);
});

test(
  'a ticket transferred to another service keeps its number without taking one of that service',
  async () => {
    // B has issued B-001 (and more); move A-001's number into B's range, then keep issuing B.
    const fresh = await issue(s, 'A');
    const moved = await act(s, s.supervisor, fresh.id, 'transfer', { toServiceId: s.services.B.id });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const numbered = (t: TicketDto) => ({ serviceId: t.serviceId, day: t.day, number: t.number, code: t.code });
    assert.deepEqual(numbered(moved.body), { ...numbered(fresh), serviceId: s.services.B.id }, 'the transfer renumbered the ticket');
    // B numbers on from its own last ticket: the moved ticket took none of B's numbers.
    const lastB = await issue(s, 'B');
    for (let i = 0, previous = lastB.number; i < fresh.number + 2; i++) {
      const next = await issue(s, 'B');
      assert.equal(next.number, previous + 1, `B skipped or repeated a number after the transfer`);
      previous = next.number;
    }
    const after = await request<TicketDto>(s.url, 'GET', `/api/v1/tickets/${fresh.id}`, { token: s.supervisor });
    assert.deepEqual(numbered(after.body), numbered(moved.body), 'the moved ticket lost its number later');
  },
);
