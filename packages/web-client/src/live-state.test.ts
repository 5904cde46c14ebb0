import { test } from 'vitest';
import assert from 'node:assert/strict';
import type { QueueSnapshot } from '@turnero/contract/dto';
import type { Result } from '@turnero/contract/realtime';
import { LiveState, type LiveChange, type LiveSocket } from './live-state';
import { makeCall, makeSnapshot, makeTicket } from './test-fixtures';

/** A socket the test drives by hand: it records snapshot requests and answers when told. */
class FakeSocket implements LiveSocket {
  connected = false;
  active = true;
  connectCalls = 0;
  pendingSnapshots: Array<(r: Result<QueueSnapshot>) => void> = [];
  private handlers = new Map<string, Set<(...a: any[]) => void>>();

  on(event: string, fn: (...a: any[]) => void) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(fn);
  }
  off(event: string, fn?: (...a: any[]) => void) {
    if (fn) this.handlers.get(event)?.delete(fn);
    else this.handlers.delete(event);
  }
  emit(_event: 'snapshot:get', ack: (r: Result<QueueSnapshot>) => void) {
    this.pendingSnapshots.push(ack);
  }
  connect() {
    this.connectCalls++;
  }
  disconnect() {
    this.connected = false;
  }
  /** Test helpers */
  fire(event: string, ...args: unknown[]) {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }
  serverConnects() {
    this.connected = true;
    this.fire('connect');
  }
  serverDrops() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
  answerSnapshot(snapshot: QueueSnapshot) {
    const ack = this.pendingSnapshots.shift();
    assert.ok(ack, 'a snapshot request was pending');
    ack({ data: snapshot });
  }
}

const fixedNow = () => new Date('2025-11-27T14:10:00.000Z');

function setup() {
  const socket = new FakeSocket();
  const live = new LiveState({ auth: { token: 'x' }, socketFactory: () => socket, now: fixedNow, snapshotTimeoutMs: 60_000 });
  const changes: LiveChange[] = [];
  live.subscribe((c) => changes.push(c));
  live.start();
  return { socket, live, changes };
}

const issued = (seq: number, id: string, code: string) => ({ seq, ticket: makeTicket({ id, code }) });
const called = (seq: number, id: string, code: string) => {
  const ticket = makeTicket({ id, code, status: 'called', counterId: 'c1', counterName: 'Módulo 1', position: null });
  return { seq, ticket, call: makeCall({ ticketId: id, code }), code, counterName: 'Módulo 1', recall: false, reason: 'fifo' as const };
};

test('on connect it asks for a snapshot and exposes it once answered', () => {
  const { socket, live, changes } = setup();
  assert.equal(socket.connectCalls, 1);
  assert.equal(live.snapshot, null);
  socket.serverConnects();
  assert.equal(live.connected, true);
  assert.equal(live.synced, false, 'not synced until the snapshot arrives');
  assert.equal(socket.pendingSnapshots.length, 1);
  socket.answerSnapshot(makeSnapshot({ seq: 10 }));
  assert.equal(live.synced, true);
  assert.equal(live.snapshot!.seq, 10);
  assert.deepEqual(changes.map((c) => c.kind), ['connection', 'snapshot']);
  live.stop();
});

test('facts in order are applied: an issued ticket waits, a call moves it to the counter and recent calls', () => {
  const { socket, live } = setup();
  socket.serverConnects();
  socket.answerSnapshot(makeSnapshot({ seq: 10 }));
  socket.fire('ticket:issued', issued(11, 't1', 'A-001'));
  assert.equal(live.snapshot?.seq, 11);
  assert.deepEqual(live.snapshot?.waiting.map((t) => t.code), ['A-001']);
  assert.equal(live.snapshot?.queues.find((q) => q.serviceId === 's-a')?.waiting, 1);
  assert.equal(live.snapshot?.queues.find((q) => q.serviceId === 's-a')?.longestWaitSeconds, 600);
  socket.fire('ticket:called', called(12, 't1', 'A-001'));
  assert.equal(live.snapshot?.waiting.length, 0);
  assert.equal(live.snapshot?.queues.find((q) => q.serviceId === 's-a')?.waiting, 0);
  assert.equal(live.snapshot?.recentCalls[0].code, 'A-001');
  assert.equal(live.snapshot?.counters[0].currentTicket?.code, 'A-001');
  assert.equal(socket.pendingSnapshots.length, 0, 'no resync needed');
  live.stop();
});

test('a duplicate or older fact is ignored', () => {
  const { socket, live, changes } = setup();
  socket.serverConnects();
  socket.answerSnapshot(makeSnapshot({ seq: 10 }));
  socket.fire('ticket:issued', issued(10, 't0', 'A-000'));
  socket.fire('ticket:issued', issued(11, 't1', 'A-001'));
  socket.fire('ticket:issued', issued(11, 't1', 'A-001'));
  assert.deepEqual(live.snapshot?.waiting.map((t) => t.code), ['A-001']);
  assert.equal(changes.filter((c) => c.kind === 'event').length, 1);
  live.stop();
});

test('a gap in seq triggers one snapshot request; buffered newer facts are applied after it', () => {
  const { socket, live, changes } = setup();
  socket.serverConnects();
  socket.answerSnapshot(makeSnapshot({ seq: 10 }));
  socket.fire('ticket:issued', issued(12, 't2', 'A-002')); // 11 was lost
  assert.equal(live.snapshot?.seq, 10, 'the out-of-order fact is not applied');
  assert.equal(socket.pendingSnapshots.length, 1);
  socket.fire('ticket:issued', issued(14, 't4', 'A-004'));
  socket.fire('ticket:issued', issued(13, 't3', 'A-003'));
  assert.equal(socket.pendingSnapshots.length, 1, 'only one request in flight');
  // The snapshot already covers 11 and 12.
  socket.answerSnapshot(
    makeSnapshot({ seq: 12, waiting: [makeTicket({ id: 't1', code: 'A-001' }), makeTicket({ id: 't2', code: 'A-002' })] }),
  );
  assert.equal(live.snapshot?.seq, 14);
  assert.deepEqual(live.snapshot?.waiting.map((t) => t.code), ['A-001', 'A-002', 'A-003', 'A-004']);
  const events = changes.filter((c) => c.kind === 'event');
  assert.deepEqual(events.map((e) => (e.kind === 'event' ? e.payload.seq : 0)), [13, 14]);
  live.stop();
});

test('a gap left after the snapshot asks again instead of applying out of order', () => {
  const { socket, live } = setup();
  socket.serverConnects();
  socket.answerSnapshot(makeSnapshot({ seq: 10 }));
  socket.fire('ticket:issued', issued(12, 't2', 'A-002'));
  socket.fire('ticket:issued', issued(15, 't5', 'A-005'));
  socket.answerSnapshot(makeSnapshot({ seq: 12 }));
  assert.equal(live.snapshot?.seq, 12);
  assert.equal(socket.pendingSnapshots.length, 1, 'asks again for 13..14');
  socket.answerSnapshot(makeSnapshot({ seq: 14 }));
  assert.equal(live.snapshot?.seq, 15);
  live.stop();
});

test('offline keeps the last state; a reconnect resyncs and a server restart (lower seq) is accepted', () => {
  const { socket, live, changes } = setup();
  socket.serverConnects();
  socket.answerSnapshot(makeSnapshot({ seq: 40, recentCalls: [makeCall({ code: 'A-009' })] }));
  socket.serverDrops();
  assert.equal(live.connected, false);
  assert.equal(live.snapshot?.recentCalls[0].code, 'A-009', 'last state still shown');
  socket.serverConnects();
  assert.equal(live.synced, false);
  // A fact arriving before the new snapshot is buffered, not applied to the old state.
  socket.fire('ticket:issued', issued(3, 't3', 'A-003'));
  assert.equal(live.snapshot?.seq, 40);
  socket.answerSnapshot(makeSnapshot({ seq: 2, bootId: 'boot-2' }));
  assert.equal(live.snapshot?.bootId, 'boot-2');
  assert.equal(live.snapshot?.seq, 3);
  const snap = changes.filter((c) => c.kind === 'snapshot').at(-1);
  assert.equal(snap?.kind === 'snapshot' && snap.previous?.seq, 40);
  live.stop();
});

test('a snapshot error is reported and the store stays usable', () => {
  const socket = new FakeSocket();
  const live = new LiveState({ auth: { token: 'x' }, socketFactory: () => socket, retryDelayMs: 60_000 });
  const errors: string[] = [];
  live.subscribe((c) => c.kind === 'error' && errors.push(c.code));
  live.start();
  socket.serverConnects();
  socket.pendingSnapshots.shift()!({ error: { code: 'forbidden', message: 'no' } });
  assert.deepEqual(errors, ['forbidden']);
  assert.equal(live.snapshot, null);
  live.stop(); // clears the retry timer, so the test ends at once
});

test('a listener that throws does not stop the others', () => {
  const { socket, live } = setup();
  let seen = 0;
  live.subscribe(() => {
    throw new Error('boom');
  });
  live.subscribe(() => seen++);
  const origError = console.error;
  console.error = () => {};
  try {
    socket.serverConnects();
  } finally {
    console.error = origError;
  }
  assert.ok(seen >= 1);
  live.stop();
});
