/**
 * The realtime contract with real socket.io-client sockets against a real office process:
 * snapshot on request, sequenced facts (each matching its contract schema) seen by the
 * sockets while staff and kiosks command over REST, the web client's reducer agreeing
 * with the server's snapshot, refused commands that change and broadcast nothing, socket
 * commands that no longer exist, refused handshakes and the public live-ticket socket.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { CallResultDto, QueueSnapshot, TicketDto } from '@turnero/contract/dto';
import { FACTS, type FactName } from '@turnero/contract/realtime';
import { applyEvent } from '@turnero/web-client/snapshot-reducer';
import { request } from '../support/http';
import { act, closeOffice, expectStatus, issue, openOffice, signIn, stateFingerprint, type OfficeSession } from './helpers';
import { command, connect, nextEvent, recordEvents, type LoggedEvent, type OfficeSocket } from './sockets';

let s: OfficeSession;
const sockets: OfficeSocket[] = [];

beforeAll(async () => {
  s = await openOffice();
  await signIn(s, s.agents[0]);
  await signIn(s, s.agents[1]);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await closeOffice(s);
});

async function open(auth: Record<string, unknown>): Promise<OfficeSocket> {
  const socket = await connect(s.url, auth);
  sockets.push(socket);
  return socket;
}

const agent = (i: number) => s.agents[i - 1];
const post = (token: string, path: string, body?: unknown) => request(s.url, 'POST', `/api/v1${path}`, { token, body });
const callNext = (i: number) => post(agent(i).token, `/counters/${agent(i).counterId}/call-next`);

/** Calls, starts and finishes the next ticket at an agent's counter, over REST as the desk does. */
async function serveNext(i: number): Promise<TicketDto> {
  const call = expectStatus(await callNext(i), 200, 'call-next').body as CallResultDto;
  const id = call.ticket.id;
  expectStatus(await act(s, agent(i).token, id, 'start'), 200, 'start');
  return expectStatus(await act(s, agent(i).token, id, 'finish', { outcome: 'ok' }), 200, 'finish').body;
}

/** Facts that only a command makes: printer status and sync state also come on their own schedule. */
const ON_THEIR_OWN = new Set(['device:status', 'sync:updated']);
const ticketOrCounterFacts = (log: LoggedEvent[]) =>
  log
    .filter((x) => typeof x.payload?.seq === 'number' && !ON_THEIR_OWN.has(x.event))
    .map((x) => `${x.event} ${x.payload.ticket?.code ?? x.payload.counter?.name ?? ''} ${x.payload.event ?? ''}`.trim());

test('snapshot:get answers with the live state and its sequence', async () => {
  const display = await open({ token: s.display });
  const r = await command<QueueSnapshot>(display, 'snapshot:get');
  assert.ok(r.data, JSON.stringify(r.error));
  assert.ok(Number.isInteger(r.data.seq) && r.data.seq >= 0);
  assert.equal(typeof r.data.bootId, 'string');
  assert.equal(r.data.services.length, 4);
  assert.equal(r.data.counters.length, 6);
  assert.ok(Array.isArray(r.data.waiting));
  const rest = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
  assert.equal(rest.bootId, r.data.bootId);
});

test('a call over REST broadcasts ticket:called with the code and counter name to a display socket', async () => {
  const display = await open({ token: s.display });
  const issued = await issue(s, 'A', { token: s.kiosk });
  assert.match(issued.code, /^A-\d{3}$/);

  const seen = nextEvent(display, 'ticket:called', (e) => e.ticket.id === issued.id);
  const call = expectStatus(await callNext(1), 200, 'call-next').body as CallResultDto;
  assert.equal(call.ticket.id, issued.id);
  assert.equal(typeof call.reason, 'string');
  const e = await seen;
  assert.equal(e.code, issued.code);
  assert.equal(e.counterName, 'Módulo 1');
  assert.equal(e.recall, false);
  assert.equal(e.call.counterId, agent(1).counterId);
  assert.ok(Number.isInteger(e.seq));
  expectStatus(await act(s, agent(1).token, issued.id, 'no-show'), 200, 'no-show');
});

test('every fact carries seq = previous + 1, starting after the snapshot, in the shape its schema states', async () => {
  const display = await open({ token: s.display });
  const log = recordEvents(display);
  const snap = await command<QueueSnapshot>(display, 'snapshot:get');
  for (let i = 0; i < 4; i++) await issue(s, 'B', { token: s.kiosk });
  for (let i = 0; i < 3; i++) await serveNext(2);
  // A marker fact after everything: once it arrives, everything before it has arrived.
  const last = nextEvent(display, 'ticket:issued', (e) => e.ticket.serviceId === s.services.C.id);
  await issue(s, 'C');
  await last;
  const sequenced = log.filter((x) => typeof x.payload?.seq === 'number');
  assert.ok(sequenced.length >= 4 + 3 * 3 + 1, `only ${sequenced.length} facts`);
  const firstAfterSnapshot = sequenced.findIndex((x) => x.payload.seq > snap.data!.seq);
  assert.equal(sequenced[firstAfterSnapshot].payload.seq, snap.data!.seq + 1, 'gap right after the snapshot');
  const seqs = sequenced.slice(firstAfterSnapshot).map((x) => x.payload.seq);
  seqs.forEach((seq, i) => i > 0 && assert.equal(seq, seqs[i - 1] + 1, `gap at ${i}: ${seqs.join(',')}`));
  const names = new Set(sequenced.map((x) => x.event));
  for (const name of ['ticket:issued', 'ticket:called', 'ticket:updated', 'counter:updated', 'queue:changed']) {
    assert.ok(names.has(name), `no ${name} seen`);
  }
  for (const { event, payload } of sequenced) {
    const parsed = FACTS[event as FactName]?.safeParse(payload);
    assert.ok(parsed?.success, `${event} does not match its schema: ${JSON.stringify(parsed?.error?.issues ?? 'unknown fact')}`);
  }
});

test("the web client's reducer, fed a socket's facts, ends with the server's own queue figures", async () => {
  const display = await open({ token: s.display });
  const log = recordEvents(display);
  const snap = await command<QueueSnapshot>(display, 'snapshot:get');
  assert.ok(snap.data, JSON.stringify(snap.error));
  // Módulo 2 (A, B) is signed in; nobody serves C, so C tickets stay waiting.
  for (let i = 0; i < 3; i++) await issue(s, 'B', { token: s.kiosk });
  const lateC = await issue(s, 'C', { category: 'preferential' });
  await serveNext(2);
  const called = expectStatus(await callNext(2), 200, 'call-next').body as CallResultDto;
  expectStatus(await act(s, agent(2).token, called.ticket.id, 'transfer', { toServiceId: s.services.C.id }), 200, 'transfer');
  expectStatus(await act(s, s.supervisor, lateC.id, 'cancel'), 200, 'cancel');
  await issue(s, 'C');
  // A call last (the reducer's own step for it is what ends the run), and a marker: once it
  // arrives, everything before it has arrived.
  const marker = nextEvent(display, 'ticket:called', (e) => e.call.counterId === agent(2).counterId);
  const last = expectStatus(await callNext(2), 200, 'call-next').body as CallResultDto;
  await marker;

  const fresh = await command<QueueSnapshot>(display, 'snapshot:get');
  assert.ok(fresh.data, JSON.stringify(fresh.error));
  const now = new Date(fresh.data.serverTime);
  let reduced = snap.data;
  for (const { event, payload } of log) {
    if (typeof payload?.seq === 'number' && payload.seq > reduced.seq) reduced = applyEvent(reduced, event as FactName, payload, now);
  }
  assert.equal(reduced.seq, fresh.data.seq, 'a fact went missing');
  const ids = (q: QueueSnapshot) => q.waiting.map((t) => t.id).sort();
  assert.deepEqual(ids(reduced), ids(fresh.data));
  assert.deepEqual(reduced.queues, fresh.data.queues);
  assert.ok(fresh.data.queues.some((q) => q.serviceId === s.services.C.id && q.waiting >= 2 && q.longestWaitSeconds >= 0));
  const current = (q: QueueSnapshot) => q.counters.map((c) => c.currentTicket?.id ?? null);
  assert.deepEqual(current(reduced), current(fresh.data));
  expectStatus(await act(s, agent(2).token, last.ticket.id, 'no-show'), 200, 'no-show');
});

test('refused REST commands get a 4xx with an error body, change nothing and broadcast nothing', async () => {
  const display = await open({ token: s.display });
  const log = recordEvents(display);
  const before = await stateFingerprint(s.url, s.supervisor);
  const [desk, mine, theirs] = [agent(1).token, agent(1).counterId, agent(2).counterId];
  const cases: [string, string, unknown, number, string][] = [
    [desk, `/counters/${'x'.repeat(500)}/call-next`, undefined, 400, 'validation_failed'],
    [desk, '/counters/no-such-counter/call-next', undefined, 404, 'not_found'],
    [desk, `/counters/${theirs}/call-next`, undefined, 403, 'forbidden'],
    [desk, '/tickets/some-ticket/finish', { outcome: 42 }, 400, 'validation_failed'],
    [desk, '/tickets/no-such-ticket/finish', {}, 404, 'not_found'],
    [desk, '/tickets/x/transfer', { toServiceId: 'a', toCounterId: 'b' }, 400, 'validation_failed'],
    [desk, `/counters/${mine}/pause`, { reason: 'siesta' }, 400, 'validation_failed'],
    [desk, `/counters/${mine}/resume`, undefined, 409, 'illegal_transition'],
    [desk, '/tickets', { serviceId: ['A'] }, 400, 'validation_failed'],
    [desk, '/tickets', {}, 400, 'validation_failed'],
    [s.display, '/tickets', { serviceId: s.services.A.id }, 403, 'forbidden'],
    [s.display, `/counters/${mine}/call-next`, undefined, 403, 'forbidden'],
    [s.display, '/tickets/x/cancel', undefined, 403, 'forbidden'],
    [s.kiosk, `/counters/${mine}/call-next`, undefined, 403, 'forbidden'],
    [s.kiosk, '/tickets', { serviceId: s.services.A.id, category: 'vip' }, 400, 'validation_failed'],
    [s.kiosk, '/tickets', { serviceId: 'no-such-service' }, 404, 'not_found'],
  ];
  for (const [token, path, body, status, code] of cases) {
    const r = await post(token, path, body);
    const what = `POST ${path.slice(0, 60)} ${JSON.stringify(body)}: ${r.status} ${JSON.stringify(r.body)}`;
    assert.equal(r.status, status, what);
    assert.equal(r.body?.error?.code, code, what);
    assert.equal(typeof r.body?.error?.message, 'string', what);
  }
  // The kiosk agent's socket commands are refused the same way.
  const deskSocket = await open({ token: desk });
  const kioskSocket = await open({ token: s.kiosk });
  for (const [socket, event, payload, code] of [
    [deskSocket, 'printer:status', { status: 'online' }, 'forbidden'],
    [kioskSocket, 'print:result', { jobId: 'j', ticketId: 't', ok: 'yes' }, 'validation_failed'],
    [kioskSocket, 'printer:status', { status: 'on fire' }, 'validation_failed'],
  ] as [OfficeSocket, string, unknown, string][]) {
    const r = await command(socket, event, payload);
    assert.equal(r.data, undefined, `${event} ${JSON.stringify(payload)} was accepted`);
    assert.equal(r.error?.code, code, `${event} ${JSON.stringify(payload)}: ${JSON.stringify(r.error)}`);
    assert.equal(typeof r.error?.message, 'string');
  }
  assert.equal(await stateFingerprint(s.url, s.supervisor), before);
  assert.ok((await command(display, 'snapshot:get')).data);
  assert.deepEqual(ticketOrCounterFacts(log), [], 'a refused command published a fact');
});

test('a socket carries no staff or kiosk commands: the old command events change nothing', async () => {
  // Módulo 1 (A, D) would call this ticket if 'counter:call-next' still worked on a socket.
  const waiting = await issue(s, 'A');
  const desk = await open({ token: agent(1).token });
  const kiosk = await open({ token: s.kiosk });
  const display = await open({ token: s.display });
  const log = recordEvents(display);
  const before = await stateFingerprint(s.url, s.supervisor);
  const raw = (socket: OfficeSocket) => socket as unknown as { emit: (...a: unknown[]) => void };
  const gone: [OfficeSocket, string, unknown][] = [
    [kiosk, 'ticket:issue', { serviceId: s.services.A.id, print: false }],
    [desk, 'counter:call-next', { counterId: agent(1).counterId }],
    [desk, 'ticket:call', { ticketId: waiting.id, counterId: agent(1).counterId }],
    [desk, 'ticket:cancel', { ticketId: waiting.id }],
    [desk, 'ticket:transfer', { ticketId: waiting.id, toServiceId: s.services.B.id }],
    [desk, 'agent:pause', { counterId: agent(1).counterId, reason: 'lunch' }],
  ];
  for (const [socket, event, payload] of gone) raw(socket).emit(event, payload);
  // Junk shapes at the commands that remain: no ack, extra arguments, an unknown event.
  raw(desk).emit('snapshot:get', 1, 2, 3);
  raw(kiosk).emit('print:result', { jobId: 'j', ticketId: waiting.id, ok: true });
  raw(kiosk).emit('no:such-event', { x: 1 });
  // A socket handles its messages in order: once these answer, the ones above were handled.
  for (const socket of [desk, kiosk]) assert.ok((await command(socket, 'snapshot:get')).data, 'socket unusable after junk');
  assert.equal(await stateFingerprint(s.url, s.supervisor), before);
  assert.deepEqual(ticketOrCounterFacts(log), [], 'an old socket command published a fact');
  expectStatus(await act(s, s.supervisor, waiting.id, 'cancel'), 200, 'cancel');
});

test('unauthenticated sockets are refused at the handshake', async () => {
  for (const auth of [undefined, {}, { token: 'not-a-token' }, { token: 42 }, { ticketId: 'no-such-ticket' }, { ticketId: 'x'.repeat(100) }]) {
    await assert.rejects(open(auth as Record<string, unknown>), /unauthenticated/, JSON.stringify(auth));
  }
  // A revoked token is refused too.
  const user = s.office.creds.users.find((u) => u.username === 'supervisor')!;
  const login = expectStatus(
    await request(s.url, 'POST', '/api/v1/auth/login', { body: { username: user.username, password: user.password } }),
    200,
  );
  const ok = await open({ token: login.body.token });
  ok.close();
  expectStatus(await request(s.url, 'POST', '/api/v1/auth/logout', { token: login.body.token }), 204);
  await assert.rejects(open({ token: login.body.token }), /unauthenticated/);
});

test("the public ticket socket receives its own ticket's call and nothing about others", async () => {
  // Nothing waits for Módulo 1 (A, D) now except what this test issues.
  const other = await issue(s, 'D');
  const mine = await issue(s, 'D');
  const phone = await open({ ticketId: mine.id });
  const log = recordEvents(phone);

  const called = nextEvent(phone, 'ticket:called', (e) => e.ticket.id === mine.id);
  const moved = nextEvent(phone, 'queue:changed');
  await serveNext(1); // calls `other` (oldest)
  await moved;
  const second = expectStatus(await callNext(1), 200, 'call-next').body as CallResultDto;
  assert.equal(second.ticket.id, mine.id);
  const e = await called;
  assert.equal(e.code, mine.code);
  assert.equal(e.counterName, 'Módulo 1');
  const aboutTickets = log.filter((x) => x.payload?.ticket);
  assert.ok(aboutTickets.every((x) => x.payload.ticket.id === mine.id), `leaked: ${JSON.stringify(aboutTickets.map((x) => x.payload.ticket.code))}`);
  assert.ok(!aboutTickets.some((x) => x.payload.ticket.id === other.id));
  assert.ok(!log.some((x) => x.event === 'counter:updated' || x.event === 'device:status'), 'the phone heard staff facts');
  // It may not read the whole office either: an ack error, not silence.
  const snapshot = await command(phone, 'snapshot:get');
  assert.equal(snapshot.data, undefined);
  assert.equal(snapshot.error?.code, 'forbidden', JSON.stringify(snapshot));
  expectStatus(await act(s, agent(1).token, mine.id, 'no-show'), 200, 'no-show');
});
