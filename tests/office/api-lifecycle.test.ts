/**
 * The office REST API against a real server process: counters and the ticket life cycle
 * (sign-in, call-next, recall, start, finish, no-show, transfer, cancel), what each role
 * may do, and the live snapshot and today's figures. Each refused request is checked to
 * leave the office's state unchanged. Tests run in order on one office.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { explainCall } from '@turnero/contract/call-explanations';
import type { CallResultDto, TicketDto } from '@turnero/contract/dto';
import { CALL_REASONS } from '@turnero/domain/types';
import { request } from '../support/http';
import { apiSession } from './api-helpers';
import { act, closeOffice, expectStatus, issue, openOffice, signIn, type OfficeSession } from './helpers';

let s: OfficeSession;
const { a, counterPath, refused } = apiSession(() => s);

beforeAll(async () => {
  s = await openOffice();
  // Two A tickets wait, as a kiosk's morning leaves them: Módulo 1 (A, D) calls them below.
  await issue(s, 'A', { token: s.kiosk });
  await issue(s, 'A', { token: s.kiosk, category: 'preferential' });
});

afterAll(async () => {
  await closeOffice(s);
});

describe('counters and the ticket life cycle', () => {
  test('sign-in and sign-out change the counter state', async () => {
    const inn = expectStatus(await request(s.url, 'POST', counterPath(5, 'sign-in'), { token: a(5).token }), 200);
    assert.equal(inn.body.id, a(5).counterId);
    assert.equal(inn.body.agentState, 'idle');
    assert.equal(typeof inn.body.agentId, 'string');
    const out = expectStatus(await request(s.url, 'POST', counterPath(5, 'sign-out'), { token: a(5).token }), 200);
    assert.equal(out.body.agentState, 'signed_out');
    assert.equal(out.body.agentId, null);
    // Signed out: calling is refused and changes nothing.
    await refused(409, 'not_signed_in', () => request(s.url, 'POST', counterPath(5, 'call-next'), { token: s.supervisor }));
    await signIn(s, a(5));
  });

  test('call-next answers 204 when nothing waits for the counter, 200 {ticket, reason} otherwise', async () => {
    // Módulo 5 serves C and D; none wait now.
    const empty = await request(s.url, 'POST', counterPath(5, 'call-next'), { token: a(5).token });
    assert.equal(empty.status, 204);
    assert.equal(empty.body, null);

    const t = await issue(s, 'C');
    const r = expectStatus(await request<CallResultDto>(s.url, 'POST', counterPath(5, 'call-next'), { token: a(5).token }), 200);
    assert.equal(r.body.ticket.id, t.id);
    assert.equal(r.body.ticket.status, 'called');
    assert.equal(r.body.ticket.counterId, a(5).counterId);
    assert.equal(r.body.ticket.counterName, 'Módulo 5');
    assert.ok((CALL_REASONS as readonly string[]).includes(r.body.reason), r.body.reason);
    assert.equal(typeof r.body.explanation, 'string');
    // The Spanish sentence and the codes it was worded from travel together.
    assert.equal(r.body.why.rule, r.body.reason);
    assert.equal(r.body.explanation, explainCall(r.body.why, 'es'));

    // The counter still has that ticket: another call is refused and changes nothing.
    await issue(s, 'C');
    await refused(409, 'illegal_transition', () => request(s.url, 'POST', counterPath(5, 'call-next'), { token: a(5).token }));

    // recall -> start -> finish
    const recalled = expectStatus(await act(s, a(5).token, t.id, 'recall'), 200).body;
    assert.equal(recalled.status, 'called');
    assert.equal(recalled.recallCount, 1);
    const started = expectStatus(await act(s, a(5).token, t.id, 'start'), 200).body;
    assert.equal(started.status, 'serving');
    assert.ok(started.startedAt);
    const done = expectStatus(await act(s, a(5).token, t.id, 'finish', { outcome: 'resuelto' }), 200).body;
    assert.equal(done.status, 'done');
    assert.equal(done.outcome, 'resuelto');
    assert.ok(done.finishedAt);
    assert.equal(done.issuedAt, t.issuedAt);

    // An illegal transition on a finished ticket: 409, ticket unchanged.
    for (const action of ['start', 'finish', 'recall', 'no-show', 'cancel']) {
      await refused(409, 'illegal_transition', () => act(s, a(5).token, t.id, action));
    }
    await refused(409, 'illegal_transition', () => act(s, a(5).token, t.id, 'transfer', { toServiceId: s.services.D.id }));
    const still = expectStatus(await request<TicketDto>(s.url, 'GET', `/api/v1/tickets/${t.id}`, { token: s.supervisor }), 200);
    assert.deepEqual({ ...still.body, position: null, estimatedWaitSeconds: null }, { ...done, position: null, estimatedWaitSeconds: null });
  });

  test('no-show ends a called ticket; a waiting ticket cannot be started or finished', async () => {
    const call = expectStatus(await request<CallResultDto>(s.url, 'POST', counterPath(5, 'call-next'), { token: a(5).token }), 200);
    const ns = expectStatus(await act(s, a(5).token, call.body.ticket.id, 'no-show'), 200).body;
    assert.equal(ns.status, 'no_show');

    const waiting = await issue(s, 'D');
    await refused(409, 'illegal_transition', () => act(s, s.supervisor, waiting.id, 'start'));
    await refused(409, 'illegal_transition', () => act(s, s.supervisor, waiting.id, 'finish'));
    await refused(409, 'illegal_transition', () => act(s, s.supervisor, waiting.id, 'recall'));
    expectStatus(await act(s, s.supervisor, waiting.id, 'cancel'), 200);
  });

  test('transfer to another service keeps the original issue time; to a counter directs it there', async () => {
    await signIn(s, a(1));
    // Módulo 1 serves A and D: take the oldest A.
    const call = expectStatus(await request<CallResultDto>(s.url, 'POST', counterPath(1, 'call-next'), { token: a(1).token }), 200);
    const original = call.body.ticket;
    expectStatus(await act(s, a(1).token, original.id, 'start'), 200);
    // To a new service with no tickets yet: transferring into a service that has issued the
    // same number collides (see the numbering test at the end of api-issuing.test.ts).
    const extra = expectStatus(
      await request(s.url, 'POST', '/api/v1/admin/services', {
        token: s.admin,
        body: { nameEs: 'Traslados', nameEn: 'Transfers', prefix: 'T' },
      }),
      201,
    ).body;
    const moved = expectStatus(await act(s, a(1).token, original.id, 'transfer', { toServiceId: extra.id }), 200).body;
    assert.equal(moved.status, 'waiting');
    assert.equal(moved.serviceId, extra.id);
    assert.equal(moved.code, original.code);
    assert.equal(moved.issuedAt, original.issuedAt);
    assert.equal(moved.counterId, null);

    // Módulo 1 is free again; transfer requires exactly one target.
    await refused(400, 'validation_failed', () =>
      act(s, s.supervisor, moved.id, 'transfer', { toServiceId: s.services.A.id, toCounterId: a(2).counterId }),
    );
    await refused(400, 'validation_failed', () => act(s, s.supervisor, moved.id, 'transfer', {}));
    await refused(404, 'not_found', () => act(s, s.supervisor, moved.id, 'transfer', { toServiceId: 'no-such-service' }));

    const directed = expectStatus(
      await act(s, s.supervisor, moved.id, 'transfer', { toCounterId: a(6).counterId }),
      200,
    ).body;
    assert.equal(directed.directedCounterId, a(6).counterId);
    assert.equal(directed.issuedAt, original.issuedAt);
    await signIn(s, a(6));
    const toSix = expectStatus(await request<CallResultDto>(s.url, 'POST', counterPath(6, 'call-next'), { token: a(6).token }), 200);
    assert.equal(toSix.body.ticket.id, moved.id);
    assert.equal(toSix.body.reason, 'directed');
    expectStatus(await act(s, a(6).token, moved.id, 'start'), 200);
    expectStatus(await act(s, a(6).token, moved.id, 'finish'), 200);
  });

  test('cancel takes a waiting ticket out of the queue', async () => {
    const t = await issue(s, 'B');
    const c = expectStatus(await act(s, s.supervisor, t.id, 'cancel'), 200).body;
    assert.equal(c.status, 'cancelled');
    const q = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200);
    assert.ok(!q.body.waiting.some((x: TicketDto) => x.id === t.id));
  });
});

describe('roles', () => {
  test('a kiosk may only issue: calling, acting and reading the queue are 403', async () => {
    const t = await issue(s, 'A');
    await refused(403, 'forbidden', () => request(s.url, 'POST', counterPath(1, 'call-next'), { token: s.kiosk }));
    await refused(403, 'forbidden', () => act(s, s.kiosk, t.id, 'cancel'));
    await refused(403, 'forbidden', () => request(s.url, 'GET', '/api/v1/queue', { token: s.kiosk }));
    await refused(403, 'forbidden', () => request(s.url, 'POST', counterPath(1, 'sign-in'), { token: s.kiosk }));
  });

  test('a display may only read: issuing and calling are 403', async () => {
    expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.display }), 200);
    await refused(403, 'forbidden', () =>
      request(s.url, 'POST', '/api/v1/tickets', { token: s.display, body: { serviceId: s.services.A.id } }),
    );
    await refused(403, 'forbidden', () => request(s.url, 'POST', counterPath(1, 'call-next'), { token: s.display }));
    await refused(403, 'forbidden', () => request(s.url, 'GET', '/api/v1/stats/today', { token: s.display }));
  });

  test("an agent cannot act at another agent's counter or on its ticket (403)", async () => {
    const call = expectStatus(await request<CallResultDto>(s.url, 'POST', counterPath(1, 'call-next'), { token: a(1).token }), 200);
    const ticketId = call.body.ticket.id;
    await signIn(s, a(2));
    await refused(403, 'forbidden', () => request(s.url, 'POST', counterPath(1, 'call-next'), { token: a(2).token }));
    await refused(403, 'forbidden', () => request(s.url, 'POST', counterPath(1, 'sign-out'), { token: a(2).token }));
    for (const action of ['start', 'finish', 'no-show', 'recall', 'cancel']) {
      await refused(403, 'forbidden', () => act(s, a(2).token, ticketId, action));
    }
    // The supervisor manages anywhere.
    expectStatus(await act(s, s.supervisor, ticketId, 'no-show'), 200);
    // Admin routes are for admins only.
    await refused(403, 'forbidden', () =>
      request(s.url, 'POST', '/api/v1/admin/devices', { token: s.supervisor, body: { kind: 'kiosk', name: 'x' } }),
    );
  });
});

describe('live state and figures', () => {
  test('GET /queue is the office snapshot: services, counters, waiting tickets in order', async () => {
    const t = await issue(s, 'D');
    for (const token of [s.display, a(1).token, s.supervisor]) {
      const q = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token }), 200).body;
      assert.ok(Number.isInteger(q.seq));
      assert.equal(typeof q.bootId, 'string');
      assert.equal(q.office.timeZone, 'America/Bogota');
      assert.deepEqual(['A', 'B', 'C', 'D'].filter((p) => q.services.some((x: { prefix: string }) => x.prefix === p)), ['A', 'B', 'C', 'D']);
      assert.equal(q.counters.length, 6);
      assert.deepEqual(q.counters.map((c: { name: string }) => c.name).sort(), [1, 2, 3, 4, 5, 6].map((i) => `Módulo ${i}`));
      const mine = q.waiting.find((x: TicketDto) => x.id === t.id);
      assert.ok(mine, 'issued ticket not in the waiting list');
      const d = q.queues.find((x: { serviceId: string }) => x.serviceId === s.services.D.id);
      assert.equal(d.waiting, q.waiting.filter((x: TicketDto) => x.serviceId === s.services.D.id).length);
    }
    expectStatus(await act(s, s.supervisor, t.id, 'cancel'), 200);
  });

  test('GET /stats/today counts issued, served, waiting, no-shows and waits per service', async () => {
    type Row = { serviceId: string; issued: number; served: number; waiting: number; noShows: number; cancelled: number };
    const stats = async () => expectStatus(await request(s.url, 'GET', '/api/v1/stats/today', { token: s.supervisor }), 200).body;
    const rowD = (st: { services: Row[] }) => st.services.find((x) => x.serviceId === s.services.D.id)!;
    const before = await stats();
    assert.match(before.day, /^\d{4}-\d{2}-\d{2}$/);

    // Módulo 5 (C, D) is free and no C or D waits: do a known day's work on D.
    const served = await issue(s, 'D');
    const noShow = await issue(s, 'D');
    await issue(s, 'D', { category: 'preferential' }); // stays waiting
    const c1 = expectStatus(await request<CallResultDto>(s.url, 'POST', counterPath(5, 'call-next'), { token: a(5).token }), 200);
    // Preferential first under the 2:1 ratio.
    assert.equal(c1.body.ticket.category, 'preferential');
    await act(s, a(5).token, c1.body.ticket.id, 'start');
    await act(s, a(5).token, c1.body.ticket.id, 'finish');
    const c2 = expectStatus(await request<CallResultDto>(s.url, 'POST', counterPath(5, 'call-next'), { token: a(5).token }), 200);
    assert.equal(c2.body.ticket.id, served.id);
    await act(s, a(5).token, served.id, 'start');
    await act(s, a(5).token, served.id, 'finish');

    const mid = await stats();
    assert.equal(rowD(mid).waiting, rowD(before).waiting + 1);
    const c3 = expectStatus(await request<CallResultDto>(s.url, 'POST', counterPath(5, 'call-next'), { token: a(5).token }), 200);
    assert.equal(c3.body.ticket.id, noShow.id);
    await act(s, a(5).token, noShow.id, 'no-show');

    const after = await stats();
    const d0 = rowD(before);
    const d1 = rowD(after);
    assert.equal(d1.issued, d0.issued + 3);
    assert.equal(d1.served, d0.served + 2);
    assert.equal(d1.noShows, d0.noShows + 1);
    assert.equal(d1.waiting, d0.waiting);
    const full = after.services.find((x: Row) => x.serviceId === s.services.D.id);
    for (const k of ['waitMedianSeconds', 'waitP90Seconds']) {
      assert.equal(typeof full[k], 'number', k);
      assert.ok(full[k] >= 0, k);
    }
    assert.ok(full.waitP90Seconds >= full.waitMedianSeconds);
    // Every wait here is seconds, far under D's 20-minute target.
    assert.equal(full.withinTargetShare, 1);
    // Totals add up over services.
    for (const k of ['issued', 'served', 'waiting', 'noShows', 'cancelled'] as const) {
      assert.equal(after.totals[k], after.services.reduce((n: number, x: Row) => n + x[k], 0), k);
    }
    assert.ok(Array.isArray(after.agents));
  });
});

test('no request above made the server log an error', () => {
  assert.deepEqual(s.serverErrors, []);
});
