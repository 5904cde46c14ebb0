/**
 * The calling policy's tie-breaks and rule order, asserted on the ticket and the reason
 * code (the wording of explanations lives elsewhere). The broader policy tests and the
 * properties are in policy.test.ts.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { byArrival, chooseNextTicket } from './policy';
import { counter, minute, service, waitingTicket } from './test-fixtures';
import type { CallingPolicy, Counter, Ticket } from './types';

const services = [service('a'), service('b')];
const noRatio: CallingPolicy = { preferentialPerGeneral: 0, overdueFirst: true };
const choose = (waiting: Ticket[], c: Counter = counter(), policy: CallingPolicy = noRatio, now = minute(5)) =>
  chooseNextTicket({ counter: c, waiting, services, policy, now });

describe('transfers to this counter', () => {
  it('the oldest of several directed tickets is called first', () => {
    const newer = waitingTicket('t2', 'a', 3, 2, { directedCounterId: 'c1' });
    const older = waitingTicket('t1', 'a', 1, 1, { directedCounterId: 'c1' });
    const choice = choose([newer, older]);
    assert.equal(choice?.ticket.id, 't1');
    assert.equal(choice?.reason, 'directed');
  });
});

describe('arrival order', () => {
  it('tickets issued in the same millisecond with the same number go by id', () => {
    // Numbers restart per service, so A-007 and B-007 can be issued at the same instant.
    const b = waitingTicket('t-b', 'b', 1, 7);
    const a = waitingTicket('t-a', 'a', 1, 7);
    assert.equal(byArrival(a, b), -1);
    assert.equal(byArrival(b, a), 1);
    assert.equal(byArrival(a, a), 0);
    assert.equal(choose([b, a])?.ticket.id, 't-a');
    assert.equal(choose([a, b])?.ticket.id, 't-a');
  });
});

describe('counter-service weight', () => {
  it('the newest ticket of the heavier service is called before older ones of a lighter service', () => {
    const heavy = counter({ services: [{ serviceId: 'a', weight: 1 }, { serviceId: 'b', weight: 3 }] });
    const waiting = [
      waitingTicket('a1', 'a', 0, 1),
      waitingTicket('a2', 'a', 1, 2),
      waitingTicket('a3', 'a', 2, 3),
      waitingTicket('a4', 'a', 3, 4),
      waitingTicket('b1', 'b', 4, 1),
    ];
    for (const order of [waiting, [...waiting].reverse()]) {
      const choice = choose(order, heavy);
      assert.equal(choice?.ticket.id, 'b1');
      assert.equal(choice?.reason, 'weight');
    }
  });
});

describe('rule order', () => {
  it('a preferential ticket waits behind an overdue one', () => {
    const overdue = waitingTicket('g1', 'a', 0, 1);
    const preferential = waitingTicket('p1', 'a', 10, 2, { category: 'preferential' });
    const choice = choose([preferential, overdue], counter(), { preferentialPerGeneral: 2, overdueFirst: true }, minute(16));
    assert.equal(choice?.ticket.id, 'g1');
    assert.equal(choice?.reason, 'overdue');
  });
});
