/**
 * What each ticket transition refuses, what its error tells the caller, and what its event
 * records (the outbox and the figures are built from these events, so a missing field is
 * a wrong number at head office). The happy paths are in ticket-machine.test.ts.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  callTicket,
  cancelTicket,
  expireTicket,
  finishTicket,
  issueTicket,
  markNoShow,
  recallTicket,
  startTicket,
  transferTicket,
  type Actor,
} from './ticket-machine';
import { agentAt as at, issued as waiting, issueInput, minute, refused } from './test-fixtures';
import type { Ticket } from './types';

const called = (): Ticket => callTicket(waiting(), 'c1', at(1), 'fifo').ticket;
const serving = (): Ticket => startTicket(called(), at(2)).ticket;

describe('a transition from the wrong state says which action, which ticket and which state', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['call', () => callTicket(called(), 'c2', at(3), 'fifo'), /^Cannot call ticket A-014: it is called \(allowed from waiting\)$/],
    ['recall', () => recallTicket(waiting(), at(3)), /^Cannot recall ticket A-014: it is waiting \(allowed from called\)$/],
    ['start', () => startTicket(waiting(), at(3)), /^Cannot start ticket A-014: it is waiting/],
    ['finish', () => finishTicket(called(), at(3), null), /^Cannot finish ticket A-014: it is called \(allowed from serving\)$/],
    ['no-show', () => markNoShow(serving(), at(3)), /^Cannot mark as no-show ticket A-014: it is serving/],
    [
      'transfer',
      () => transferTicket(finishTicket(serving(), at(3), null).ticket, { serviceId: 'svc-b' }, at(4)),
      /^Cannot transfer ticket A-014: it is done \(allowed from waiting or called or serving\)$/,
    ],
    ['cancel', () => cancelTicket(serving(), at(3)), /^Cannot cancel ticket A-014: it is serving \(allowed from waiting or called\)$/],
    ['expire', () => expireTicket(called(), minute(0)), /^Cannot expire ticket A-014: it is called/],
  ];
  for (const [action, fn, message] of cases) {
    it(action, () => {
      const e = refused(fn, 'illegal_transition', message);
      assert.deepEqual(e.details, { ticketId: 't1', status: e.message.match(/it is (\w+)/)![1] });
    });
  }
});

describe('every transition refuses a time that is not a real instant', () => {
  const invalid = new Date(Number.NaN);
  const actor: Actor = { actorId: 'agent-1', at: invalid };
  const cases: [string, () => unknown][] = [
    ['issue', () => issueTicket(issueInput, actor)],
    ['call', () => callTicket(waiting(), 'c1', actor, 'fifo')],
    ['recall', () => recallTicket(called(), actor)],
    ['start', () => startTicket(called(), actor)],
    ['finish', () => finishTicket(serving(), actor, null)],
    ['no-show', () => markNoShow(called(), actor)],
    ['transfer', () => transferTicket(called(), { serviceId: 'svc-b' }, actor)],
    ['cancel', () => cancelTicket(waiting(), actor)],
    ['expire', () => expireTicket(waiting(), invalid)],
    ['expire (not a Date)', () => expireTicket(waiting(), minute(0).getTime() as unknown as Date)],
  ];
  for (const [action, fn] of cases) {
    it(action, () => refused(fn, 'validation_failed', /^Invalid transition time$/));
  }
});

describe('issuing checks its input', () => {
  it('needs an id, a service, a whole YYYY-MM-DD day and a known category', () => {
    refused(() => issueTicket({ ...issueInput, id: '' }, at(0)), 'validation_failed', /^A ticket needs an id$/);
    refused(() => issueTicket({ ...issueInput, serviceId: '' }, at(0)), 'validation_failed', /^A ticket needs a service$/);
    refused(() => issueTicket({ ...issueInput, day: 'x2026-11-28' }, at(0)), 'validation_failed', /^Invalid day "x2026-11-28": expected YYYY-MM-DD$/);
    refused(() => issueTicket({ ...issueInput, day: '2026-11-28x' }, at(0)), 'validation_failed', /Invalid day/);
    refused(
      () => issueTicket({ ...issueInput, category: 'vip' as 'general' }, at(0)),
      'validation_failed',
      /^Invalid category "vip"$/,
    );
  });
  it('records the day and number in the issued event', () => {
    const { events } = issueTicket(issueInput, at(0));
    assert.deepEqual(events[0].data, { day: '2026-11-28', number: 14 });
  });
});

describe('what each event records', () => {
  it('a call needs a counter', () => {
    refused(() => callTicket(waiting(), '', at(1), 'fifo'), 'validation_failed', /^A call needs a counter$/);
  });
  it('a recall records the new recall count; a no-show the recalls it took', () => {
    const once = recallTicket(called(), at(2));
    assert.deepEqual(once.events[0].data, { recallCount: 1 });
    const twice = recallTicket(once.ticket, at(3));
    assert.deepEqual(twice.events[0].data, { recallCount: 2 });
    assert.deepEqual(markNoShow(twice.ticket, at(4)).events[0].data, { recallCount: 2 });
  });
  it('start, expire and a finish without outcome carry no data at all', () => {
    const started = startTicket(called(), at(2)).events[0];
    const finished = finishTicket(serving(), at(3), null);
    const expired = expireTicket(waiting(), minute(60)).events[0];
    for (const e of [started, finished.events[0], expired]) assert.equal('data' in e, false, `${e.type} has data`);
    assert.equal(finished.ticket.outcome, null);
    assert.equal(expired.actorId, null, 'expiry is done by the system');
  });
  it('a cancellation records the state it was cancelled from', () => {
    assert.deepEqual(cancelTicket(waiting(), at(1)).events[0].data, { fromStatus: 'waiting' });
    assert.deepEqual(cancelTicket(called(), at(2)).events[0].data, { fromStatus: 'called' });
  });
});

describe('transfers', () => {
  it('need a target service or counter', () => {
    refused(() => transferTicket(called(), {}, at(2)), 'validation_failed', /^A transfer needs a target service or counter$/);
  });
  it('a called ticket can go back to the queue of its own service', () => {
    const back = transferTicket(called(), { serviceId: 'svc-a' }, at(2));
    assert.equal(back.ticket.status, 'waiting');
    assert.equal(back.ticket.serviceId, 'svc-a');
    assert.equal(back.ticket.counterId, null);
  });
  it('a ticket directed to a counter can be sent back to its service, undirected', () => {
    const directed = transferTicket(waiting(), { counterId: 'c2' }, at(1)).ticket;
    assert.equal(directed.directedCounterId, 'c2');
    const undirected = transferTicket(directed, { serviceId: 'svc-a' }, at(2)).ticket;
    assert.equal(undirected.directedCounterId, null);
  });
  it('moving a waiting ticket to where it already waits is refused', () => {
    refused(() => transferTicket(waiting(), { serviceId: 'svc-a' }, at(1)), 'illegal_transition', /^Ticket A-014 is already waiting there$/);
    const directed = transferTicket(waiting(), { counterId: 'c2' }, at(1)).ticket;
    refused(() => transferTicket(directed, { counterId: 'c2' }, at(2)), 'illegal_transition', /already waiting there/);
  });
});
