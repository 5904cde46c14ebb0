import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  callTicket,
  cancelTicket,
  expireTicket,
  finishTicket,
  isOpen,
  issueTicket,
  markNoShow,
  recallTicket,
  startTicket,
  transferTicket,
} from './ticket-machine';
import { AppError } from './errors';
import { agentAt as at, issued, issueInput, T0 } from './test-fixtures';
import type { Ticket, TicketStatus } from './types';

const isIllegal = (e: unknown) => e instanceof AppError && e.code === 'illegal_transition';

describe('issueTicket', () => {
  it('creates a waiting ticket with its code and one issued event', () => {
    const { ticket, events } = issueTicket({ ...issueInput, category: 'preferential' }, { actorId: 'kiosk-1', at: new Date(T0) });
    assert.equal(ticket.code, 'A-014');
    assert.equal(ticket.status, 'waiting');
    assert.equal(ticket.issuedAt.getTime(), T0);
    assert.equal(ticket.recallCount, 0);
    assert.equal(events.length, 1);
    assert.deepEqual(
      { ...events[0], data: undefined },
      {
        ticketId: 't1',
        type: 'issued',
        at: new Date(T0),
        actorId: 'kiosk-1',
        counterId: null,
        serviceId: 'svc-a',
        category: 'preferential',
        data: undefined,
      },
    );
  });
  it('refuses a bad prefix, number or day with validation_failed', () => {
    const isValidation = (e: unknown) => e instanceof AppError && e.code === 'validation_failed';
    assert.throws(() => issued({ prefix: 'a1' }), isValidation);
    assert.throws(() => issued({ number: 0 }), isValidation);
    assert.throws(() => issued({ day: '28/11/2026' }), isValidation);
  });
});

describe('the normal path: waiting -> called -> serving -> done', () => {
  it('sets the times, the counter and the events', () => {
    const t = issued();
    const called = callTicket(t, 'c1', at(5), 'fifo');
    assert.equal(called.ticket.status, 'called');
    assert.equal(called.ticket.counterId, 'c1');
    assert.equal(called.ticket.calledAt?.getTime(), T0 + 5 * 60_000);
    assert.equal(called.ticket.firstCalledAt?.getTime(), T0 + 5 * 60_000);
    assert.equal(called.events[0].type, 'called');
    assert.equal(called.events[0].counterId, 'c1');
    assert.deepEqual(called.events[0].data, { reason: 'fifo' });

    const recalled = recallTicket(called.ticket, at(6));
    assert.equal(recalled.ticket.status, 'called');
    assert.equal(recalled.ticket.recallCount, 1);
    assert.equal(recalled.ticket.calledAt?.getTime(), T0 + 6 * 60_000);
    assert.equal(recalled.ticket.firstCalledAt?.getTime(), T0 + 5 * 60_000, 'first call is kept');
    assert.equal(recalled.events[0].type, 'recalled');
    assert.equal(recalled.events[0].counterId, 'c1');

    const started = startTicket(recalled.ticket, at(7));
    assert.equal(started.ticket.status, 'serving');
    assert.equal(started.ticket.startedAt?.getTime(), T0 + 7 * 60_000);
    assert.equal(started.events[0].type, 'started');

    const done = finishTicket(started.ticket, at(12), 'resolved');
    assert.equal(done.ticket.status, 'done');
    assert.equal(done.ticket.finishedAt?.getTime(), T0 + 12 * 60_000);
    assert.equal(done.ticket.outcome, 'resolved');
    assert.equal(done.events[0].type, 'finished');
    assert.equal(done.events[0].counterId, 'c1');
    assert.equal(done.events[0].actorId, 'agent-1');
    assert.deepEqual(done.events[0].data, { outcome: 'resolved' });
    assert.equal(isOpen(done.ticket), false);
  });
  it('does not mutate the ticket it was given', () => {
    const t = issued();
    const frozen = structuredClone(t);
    callTicket(t, 'c1', at(1), 'fifo');
    assert.deepEqual(t, frozen);
  });
});

describe('no-show, cancel and expiry', () => {
  it('a called ticket can be marked no-show', () => {
    const called = callTicket(issued(), 'c1', at(1), 'fifo').ticket;
    const r = markNoShow(called, at(4));
    assert.equal(r.ticket.status, 'no_show');
    assert.equal(r.events[0].type, 'no_show');
    assert.equal(r.events[0].counterId, 'c1');
  });
  it('waiting and called tickets can be cancelled', () => {
    assert.equal(cancelTicket(issued(), at(1)).ticket.status, 'cancelled');
    const called = callTicket(issued(), 'c1', at(1), 'fifo').ticket;
    const r = cancelTicket(called, at(2));
    assert.equal(r.ticket.status, 'cancelled');
    assert.equal(r.events[0].counterId, 'c1');
  });
  it('expiry is done by the system', () => {
    const r = expireTicket(issued(), new Date(T0 + 3_600_000));
    assert.equal(r.ticket.status, 'expired');
    assert.equal(r.events[0].actorId, null);
    assert.equal(r.events[0].type, 'expired');
  });
});

describe('transfer keeps the customer in place', () => {
  it('to another service: back to waiting under the new service, issuedAt and firstCalledAt kept', () => {
    const serving = startTicket(callTicket(issued(), 'c1', at(2), 'fifo').ticket, at(3)).ticket;
    const r = transferTicket(serving, { serviceId: 'svc-b' }, at(8));
    assert.equal(r.ticket.status, 'waiting');
    assert.equal(r.ticket.serviceId, 'svc-b');
    assert.equal(r.ticket.issuedAt.getTime(), T0);
    assert.equal(r.ticket.firstCalledAt?.getTime(), T0 + 2 * 60_000);
    assert.equal(r.ticket.counterId, null);
    assert.equal(r.ticket.calledAt, null);
    assert.equal(r.ticket.startedAt, null);
    assert.equal(r.ticket.directedCounterId, null);
    assert.equal(r.ticket.code, 'A-014', 'the printed code does not change');
    const e = r.events[0];
    assert.equal(e.type, 'transferred');
    assert.equal(e.serviceId, 'svc-b');
    assert.equal(e.counterId, 'c1');
    assert.deepEqual(
      { ...e.data, fromStatus: undefined },
      { fromServiceId: 'svc-a', toServiceId: 'svc-b', toCounterId: null, fromCounterId: 'c1', fromStatus: undefined },
    );
  });
  it('to a counter: directed there, same service; calling it clears the direction', () => {
    const called = callTicket(issued(), 'c1', at(2), 'fifo').ticket;
    const r = transferTicket(called, { counterId: 'c2' }, at(3));
    assert.equal(r.ticket.directedCounterId, 'c2');
    assert.equal(r.ticket.serviceId, 'svc-a');
    assert.deepEqual(r.events[0].data?.toCounterId, 'c2');
    const again = callTicket(r.ticket, 'c2', at(4), 'directed').ticket;
    assert.equal(again.directedCounterId, null);
    assert.equal(again.counterId, 'c2');
    assert.equal(again.firstCalledAt?.getTime(), T0 + 2 * 60_000);
  });
  it('refuses a transfer without a target, or one that changes nothing', () => {
    assert.throws(() => transferTicket(issued(), {}, at(1)), (e: unknown) => e instanceof AppError && e.code === 'validation_failed');
    assert.throws(() => transferTicket(issued(), { serviceId: 'svc-a' }, at(1)), isIllegal);
  });
});

describe('illegal transitions', () => {
  type Step = (t: Ticket) => unknown;
  const steps: Record<string, Step> = {
    call: (t) => callTicket(t, 'c1', at(20), 'fifo'),
    recall: (t) => recallTicket(t, at(20)),
    start: (t) => startTicket(t, at(20)),
    finish: (t) => finishTicket(t, at(20), null),
    noShow: (t) => markNoShow(t, at(20)),
    transfer: (t) => transferTicket(t, { serviceId: 'svc-z' }, at(20)),
    cancel: (t) => cancelTicket(t, at(20)),
    expire: (t) => expireTicket(t, new Date(T0)),
  };
  const allowedFrom: Record<string, TicketStatus[]> = {
    call: ['waiting'],
    recall: ['called'],
    start: ['called'],
    finish: ['serving'],
    noShow: ['called'],
    transfer: ['waiting', 'called', 'serving'],
    cancel: ['waiting', 'called'],
    expire: ['waiting'],
  };
  const inStatus = (status: TicketStatus): Ticket => ({
    ...issued(),
    status,
    counterId: status === 'waiting' ? null : 'c1',
  });
  const statuses: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'];

  for (const [name, step] of Object.entries(steps)) {
    it(`${name} is allowed exactly from ${allowedFrom[name].join(', ')}`, () => {
      for (const status of statuses) {
        if (allowedFrom[name].includes(status)) assert.doesNotThrow(() => step(inStatus(status)), `${name} from ${status}`);
        else assert.throws(() => step(inStatus(status)), isIllegal, `${name} from ${status}`);
      }
    });
  }
  it('the refusal message names the ticket and its state', () => {
    assert.throws(() => finishTicket(issued(), at(1), null), /A-014.*waiting/);
  });
});

describe('any sequence of commands (property)', () => {
  it('keeps the invariants: one event per transition, place kept, fields match the status', () => {
    const command = fc.constantFrom('call', 'recall', 'start', 'finish', 'noShow', 'transferS', 'transferC', 'cancel', 'expire');
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let t = issued();
        let minute = 0;
        for (const c of commands) {
          minute += 1;
          const actor = at(minute);
          let r;
          try {
            r =
              c === 'call' ? callTicket(t, `c${minute % 3}`, actor, 'fifo')
              : c === 'recall' ? recallTicket(t, actor)
              : c === 'start' ? startTicket(t, actor)
              : c === 'finish' ? finishTicket(t, actor, null)
              : c === 'noShow' ? markNoShow(t, actor)
              : c === 'transferS' ? transferTicket(t, { serviceId: `svc-${minute}` }, actor)
              : c === 'transferC' ? transferTicket(t, { counterId: `c${minute}` }, actor)
              : c === 'cancel' ? cancelTicket(t, actor)
              : expireTicket(t, actor.at);
          } catch (e) {
            assert.ok(e instanceof AppError, 'only AppError is thrown');
            continue;
          }
          assert.equal(r.events.length, 1);
          assert.equal(r.events[0].ticketId, t.id);
          assert.equal(r.events[0].at.getTime(), actor.at.getTime());
          t = r.ticket;
          assert.equal(t.issuedAt.getTime(), T0);
          assert.equal(t.code, 'A-014');
          if (t.status === 'waiting') assert.equal(t.counterId, null);
          if (t.status === 'called' || t.status === 'serving') {
            assert.ok(t.counterId && t.calledAt && t.firstCalledAt);
            assert.ok(t.firstCalledAt.getTime() <= t.calledAt.getTime());
          }
          if (t.status === 'serving') assert.ok(t.startedAt);
          assert.equal(isOpen(t), ['waiting', 'called', 'serving'].includes(t.status));
        }
      }),
    );
  });
});
