/**
 * The realtime contract with real socket.io-client sockets against a real office process:
 * snapshot on request, sequenced facts seen by *other* sockets, ack errors, refused
 * handshakes and the public live-ticket socket.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { QueueSnapshot, TicketDto } from '@turnero/contract/dto';
import { request } from '../support/http';
import { closeOffice, expectStatus, issue, openOffice, signIn, stateFingerprint, type OfficeSession } from './helpers';
import { command, connect, nextEvent, recordEvents, type OfficeSocket } from './sockets';

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

/** Calls, starts and finishes the next ticket at an agent's counter through its socket. */
async function serveNext(socket: OfficeSocket, i: number): Promise<TicketDto> {
  const call = await command(socket, 'counter:call-next', { counterId: agent(i).counterId });
  assert.ok(call.data, `call-next: ${JSON.stringify(call.error)}`);
  const id = call.data.ticket.id;
  assert.ok((await command(socket, 'ticket:start', { ticketId: id })).data);
  const done = await command<TicketDto>(socket, 'ticket:finish', { ticketId: id, outcome: 'ok' });
  assert.ok(done.data, JSON.stringify(done.error));
  return done.data;
}

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

test('a call broadcasts ticket:called with the code and counter name to a display socket', async () => {
  const display = await open({ token: s.display });
  const desk = await open({ token: agent(1).token });
  const kiosk = await open({ token: s.kiosk });
  const issued = await command<TicketDto>(kiosk, 'ticket:issue', { serviceId: s.services.A.id, print: false });
  assert.ok(issued.data, JSON.stringify(issued.error));
  assert.match(issued.data.code, /^A-\d{3}$/);

  const seen = nextEvent(display, 'ticket:called', (e) => e.ticket.id === issued.data!.id);
  const call = await command(desk, 'counter:call-next', { counterId: agent(1).counterId });
  assert.ok(call.data, JSON.stringify(call.error));
  assert.equal(call.data.ticket.id, issued.data.id);
  assert.equal(typeof call.data.reason, 'string');
  const e = await seen;
  assert.equal(e.code, issued.data.code);
  assert.equal(e.counterName, 'Módulo 1');
  assert.equal(e.recall, false);
  assert.equal(e.call.counterId, agent(1).counterId);
  assert.ok(Number.isInteger(e.seq));
  assert.ok((await command(desk, 'ticket:no-show', { ticketId: issued.data.id })).data);
});

test('every fact carries seq = previous + 1, starting after the snapshot', async () => {
  const display = await open({ token: s.display });
  const log = recordEvents(display);
  const snap = await command<QueueSnapshot>(display, 'snapshot:get');
  const desk = await open({ token: agent(2).token });
  const kiosk = await open({ token: s.kiosk });
  for (let i = 0; i < 4; i++) {
    assert.ok((await command(kiosk, 'ticket:issue', { serviceId: s.services.B.id, print: false })).data);
  }
  for (let i = 0; i < 3; i++) await serveNext(desk, 2);
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
  for (const name of ['ticket:issued', 'ticket:called', 'ticket:updated', 'counter:updated']) {
    assert.ok(names.has(name), `no ${name} seen`);
  }
});

test('bad payloads and wrong roles get an ack error and change nothing', async () => {
  const desk = await open({ token: agent(1).token });
  const display = await open({ token: s.display });
  const kiosk = await open({ token: s.kiosk });
  const before = await stateFingerprint(s.url, s.supervisor);
  const cases: [OfficeSocket, string, unknown, string][] = [
    [desk, 'counter:call-next', {}, 'validation_failed'],
    [desk, 'counter:call-next', 42, 'validation_failed'],
    [desk, 'counter:call-next', { counterId: 'x'.repeat(500) }, 'validation_failed'],
    [desk, 'counter:call-next', { counterId: 'no-such-counter' }, 'not_found'],
    [desk, 'counter:call-next', { counterId: agent(2).counterId }, 'forbidden'],
    [desk, 'ticket:start', { ticketId: null }, 'validation_failed'],
    [desk, 'ticket:finish', { ticketId: 'no-such-ticket' }, 'not_found'],
    [desk, 'ticket:transfer', { ticketId: 'x', toServiceId: 'a', toCounterId: 'b' }, 'validation_failed'],
    [desk, 'agent:pause', { counterId: agent(1).counterId, reason: 'siesta' }, 'validation_failed'],
    [desk, 'ticket:issue', { serviceId: ['A'] }, 'validation_failed'],
    [desk, 'printer:status', { status: 'online' }, 'forbidden'],
    [display, 'ticket:issue', { serviceId: s.services.A.id }, 'forbidden'],
    [display, 'counter:call-next', { counterId: agent(1).counterId }, 'forbidden'],
    [display, 'ticket:cancel', { ticketId: 'x' }, 'forbidden'],
    [kiosk, 'counter:call-next', { counterId: agent(1).counterId }, 'forbidden'],
    [kiosk, 'ticket:issue', { serviceId: s.services.A.id, category: 'vip' }, 'validation_failed'],
    [kiosk, 'ticket:issue', { serviceId: 'no-such-service' }, 'not_found'],
    [kiosk, 'print:result', { jobId: 'j', ticketId: 't', ok: 'yes' }, 'validation_failed'],
  ];
  for (const [socket, event, payload, code] of cases) {
    const r = await command(socket, event, payload);
    assert.equal(r.data, undefined, `${event} ${JSON.stringify(payload)} was accepted`);
    assert.equal(r.error?.code, code, `${event} ${JSON.stringify(payload)}: ${JSON.stringify(r.error)}`);
    assert.equal(typeof r.error?.message, 'string');
  }
  // A command without an ack callback, or with junk arguments, must not hurt the server.
  (desk as unknown as { emit: (...a: unknown[]) => void }).emit('counter:call-next', { counterId: agent(1).counterId });
  (desk as unknown as { emit: (...a: unknown[]) => void }).emit('ticket:start', 1, 2, 3);
  (desk as unknown as { emit: (...a: unknown[]) => void }).emit('no:such-event', { x: 1 });
  assert.ok((await command(desk, 'snapshot:get')).data, 'socket unusable after junk');
  // Nothing waits for Módulo 1 (A, D) here, so even the valid ack-less call changed nothing.
  assert.equal(await stateFingerprint(s.url, s.supervisor), before);
});

test('refused requests keep the state unchanged (no ack-less command involved)', async () => {
  const desk = await open({ token: agent(1).token });
  const display = await open({ token: s.display });
  const before = await stateFingerprint(s.url, s.supervisor);
  for (const [socket, event, payload] of [
    [desk, 'counter:call-next', { counterId: agent(2).counterId }],
    [desk, 'ticket:issue', {}],
    [display, 'ticket:issue', { serviceId: s.services.A.id }],
    [desk, 'agent:resume', { counterId: agent(1).counterId }],
  ] as [OfficeSocket, string, unknown][]) {
    const r = await command(socket, event, payload);
    assert.ok(r.error, `${event} accepted`);
  }
  assert.equal(await stateFingerprint(s.url, s.supervisor), before);
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
  const desk = await open({ token: agent(1).token });

  const called = nextEvent(phone, 'ticket:called', (e) => e.ticket.id === mine.id);
  await serveNext(desk, 1); // calls `other` (oldest)
  const second = await command(desk, 'counter:call-next', { counterId: agent(1).counterId });
  assert.equal(second.data?.ticket.id, mine.id);
  const e = await called;
  assert.equal(e.code, mine.code);
  assert.equal(e.counterName, 'Módulo 1');
  const aboutTickets = log.filter((x) => x.payload?.ticket);
  assert.ok(aboutTickets.every((x) => x.payload.ticket.id === mine.id), `leaked: ${JSON.stringify(aboutTickets.map((x) => x.payload.ticket.code))}`);
  assert.ok(!aboutTickets.some((x) => x.payload.ticket.id === other.id));
  assert.ok((await command(desk, 'ticket:no-show', { ticketId: mine.id })).data);
});
