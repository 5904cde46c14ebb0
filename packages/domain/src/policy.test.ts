import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  callableTickets,
  chooseNextTicket,
  isOverdue,
  nextPreferentialStreak,
  type PolicyInput,
} from './policy';
import { counter, minute as min, service, waitingTicket } from './test-fixtures';
import { CALL_REASONS, type CallingPolicy, type Ticket, type TicketCategory } from './types';

let seq = 0;
/** A waiting ticket numbered in order of creation across this file (t1, t2, ...). */
function ticket(serviceId: string, issuedMinute: number, overrides: Partial<Ticket> = {}): Ticket {
  seq += 1;
  return waitingTicket(`t${seq}`, serviceId, issuedMinute, seq, overrides);
}

const services = [service('a'), service('b'), service('c')];
const policy: CallingPolicy = { preferentialPerGeneral: 2, overdueFirst: true };
const input = (waiting: Ticket[], over: Partial<PolicyInput> = {}): PolicyInput => ({
  counter: counter(),
  waiting,
  services,
  policy,
  now: min(5),
  ...over,
});

describe('chooseNextTicket: examples', () => {
  it('returns null when nothing this counter may call is waiting', () => {
    assert.equal(chooseNextTicket(input([])), null);
    const other = ticket('c', 0); // service c is not served by c1
    const elsewhere = ticket('a', 0, { directedCounterId: 'c2' });
    const called = ticket('a', 0, { status: 'called', counterId: 'c3' });
    assert.equal(chooseNextTicket(input([other, elsewhere, called])), null);
  });

  it('first come, first served within one category', () => {
    const first = ticket('b', 1);
    const second = ticket('a', 2);
    const r = chooseNextTicket(input([second, first]))!;
    assert.equal(r.ticket, first);
    assert.equal(r.reason, 'fifo');
    assert.deepEqual(r.why, { rule: 'fifo' });
  });

  it('same issue time: lowest number first', () => {
    const low = ticket('a', 1, { number: 3 });
    const high = ticket('a', 1, { number: 9 });
    assert.equal(chooseNextTicket(input([high, low]))!.ticket, low);
  });

  it('a ticket transferred to this counter goes first, even from a service it does not serve', () => {
    const old = ticket('a', 0);
    const overdue = ticket('a', -60);
    const directed = ticket('c', 4, { directedCounterId: 'c1' });
    const r = chooseNextTicket(input([old, overdue, directed]))!;
    assert.equal(r.ticket, directed);
    assert.equal(r.reason, 'directed');
    assert.deepEqual(r.why, { rule: 'directed' });
  });

  it('an overdue ticket goes before preferential and heavier ones', () => {
    const overdueGeneral = ticket('a', -20); // 25 min waited at now=5, target 15
    const pref = ticket('b', 0, { category: 'preferential' });
    const c = counter({ services: [{ serviceId: 'a', weight: 1 }, { serviceId: 'b', weight: 5 }] });
    const r = chooseNextTicket(input([pref, overdueGeneral], { counter: c }))!;
    assert.equal(r.ticket, overdueGeneral);
    assert.equal(r.reason, 'overdue');
    assert.deepEqual(r.why, { rule: 'overdue', waitedMinutes: 25, targetMinutes: 15 });
  });

  it('an overdue ticket never counts as within the target: waited minutes round up', () => {
    const justOver = ticket('a', -10.5); // 15.5 min at now=5
    assert.deepEqual(chooseNextTicket(input([justOver]))!.why, { rule: 'overdue', waitedMinutes: 16, targetMinutes: 15 });
  });

  it('exactly at the target is not overdue yet; a target of 0 means no target', () => {
    const atTarget = ticket('a', -10); // exactly 15 min at now=5
    assert.equal(isOverdue(atTarget, services[0], min(5)), false);
    assert.equal(isOverdue(atTarget, services[0], new Date(min(5).getTime() + 1)), true);
    assert.equal(isOverdue(atTarget, service('a', { targetWaitMinutes: 0 }), min(500)), false);
  });

  it('without overdueFirst, age alone does not jump the ratio', () => {
    const overdueGeneral = ticket('a', -60);
    const pref = ticket('b', 0, { category: 'preferential' });
    const r = chooseNextTicket(input([overdueGeneral, pref], { policy: { ...policy, overdueFirst: false } }))!;
    assert.equal(r.ticket, pref);
    assert.equal(r.reason, 'preferential_ratio');
  });

  it('2 preferential : 1 general when both wait, and says where in the ratio it is', () => {
    const gen = ticket('a', 0);
    const pref = ticket('a', 1, { category: 'preferential' });
    const first = chooseNextTicket(input([gen, pref], { counter: counter({ preferentialStreak: 0 }) }))!;
    assert.equal(first.ticket, pref);
    assert.equal(first.reason, 'preferential_ratio');
    assert.deepEqual(first.why, { rule: 'preferential_ratio', preferentialInARow: 1, preferentialPerGeneral: 2, weightBrokeTie: false });
    const second = chooseNextTicket(input([gen, pref], { counter: counter({ preferentialStreak: 1 }) }))!;
    assert.deepEqual(second.why, { rule: 'preferential_ratio', preferentialInARow: 2, preferentialPerGeneral: 2, weightBrokeTie: false });
    const third = chooseNextTicket(input([gen, pref], { counter: counter({ preferentialStreak: 2 }) }))!;
    assert.equal(third.ticket, gen);
    assert.equal(third.reason, 'general_ratio');
    assert.deepEqual(third.why, { rule: 'general_ratio', preferentialPerGeneral: 2, weightBrokeTie: false });
  });

  it('when only one category waits no ratio applies', () => {
    const gen1 = ticket('a', 0);
    const gen2 = ticket('a', 1);
    const r = chooseNextTicket(input([gen2, gen1], { counter: counter({ preferentialStreak: 0 }) }))!;
    assert.equal(r.ticket, gen1);
    assert.equal(r.reason, 'fifo');
    const pref = ticket('a', 2, { category: 'preferential' });
    const onlyPref = chooseNextTicket(input([pref], { counter: counter({ preferentialStreak: 7 }) }))!;
    assert.equal(onlyPref.ticket, pref);
    assert.equal(onlyPref.reason, 'fifo');
  });

  it('preferentialPerGeneral = 0 is strict arrival order between categories', () => {
    const gen = ticket('a', 0);
    const pref = ticket('a', 1, { category: 'preferential' });
    const r = chooseNextTicket(input([pref, gen], { policy: { preferentialPerGeneral: 0, overdueFirst: true } }))!;
    assert.equal(r.ticket, gen);
    assert.equal(r.reason, 'fifo');
  });

  it('a heavier counter-service weight breaks the tie, and says so', () => {
    const c = counter({ services: [{ serviceId: 'a', weight: 1 }, { serviceId: 'b', weight: 3 }] });
    const olderA = ticket('a', 0);
    const newerB = ticket('b', 2);
    const r = chooseNextTicket(input([olderA, newerB], { counter: c }))!;
    assert.equal(r.ticket, newerB);
    assert.equal(r.reason, 'weight');
    assert.deepEqual(r.why, { rule: 'weight' });
    // When the heavier service is also the oldest, plain arrival order explains it.
    const olderB = ticket('b', -1);
    assert.equal(chooseNextTicket(input([olderA, olderB], { counter: c }))!.reason, 'fifo');
  });

  it('weight applies within the ratio set, and the ratio stays the reason', () => {
    const c = counter({ services: [{ serviceId: 'a', weight: 1 }, { serviceId: 'b', weight: 3 }] });
    const gen = ticket('a', 0);
    const prefA = ticket('a', 1, { category: 'preferential' });
    const prefB = ticket('b', 2, { category: 'preferential' });
    const r = chooseNextTicket(input([gen, prefA, prefB], { counter: c }))!;
    assert.equal(r.ticket, prefB);
    assert.equal(r.reason, 'preferential_ratio');
    assert.deepEqual(r.why, { rule: 'preferential_ratio', preferentialInARow: 1, preferentialPerGeneral: 2, weightBrokeTie: true });
  });

  it('inactive services are not called', () => {
    const t = ticket('a', 0);
    assert.equal(chooseNextTicket(input([t], { services: [service('a', { active: false }), service('b')] })), null);
  });
});

describe('nextPreferentialStreak', () => {
  it('+1 after preferential, 0 after general', () => {
    assert.equal(nextPreferentialStreak(1, ticket('a', 0, { category: 'preferential' }), policy), 2);
    assert.equal(nextPreferentialStreak(2, ticket('a', 0), policy), 0);
  });
});

// ---------- properties ----------

const SERVICE_IDS = ['a', 'b', 'c', 'ghost'] as const; // 'ghost' is missing from the services list
const arbServices = fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 30 })).map(
  ([a, b, c, target]) => [
    service('a', { active: a, targetWaitMinutes: target }),
    service('b', { active: b, targetWaitMinutes: 20 }),
    service('c', { active: c, targetWaitMinutes: 0 }),
  ],
);
const arbCounter = fc
  .record({
    serves: fc.subarray([...SERVICE_IDS]),
    weights: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    streak: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ serves, weights, streak }) =>
    counter({ services: serves.map((id, i) => ({ serviceId: id, weight: weights[i] })), preferentialStreak: streak }),
  );
const arbTicket = fc
  .record({
    serviceId: fc.constantFrom(...SERVICE_IDS),
    category: fc.constantFrom<TicketCategory>('general', 'preferential'),
    issued: fc.integer({ min: -60, max: 5 }),
    directed: fc.constantFrom<string | null>(null, null, null, 'c1', 'c2'),
    status: fc.constantFrom<Ticket['status']>('waiting', 'waiting', 'waiting', 'called', 'serving'),
  })
  .map((r) => ticket(r.serviceId, r.issued, { category: r.category, directedCounterId: r.directed, status: r.status }));
const arbPolicy = fc.record({ preferentialPerGeneral: fc.integer({ min: 0, max: 4 }), overdueFirst: fc.boolean() });
const arbInput = fc
  .record({ counter: arbCounter, waiting: fc.array(arbTicket, { maxLength: 12 }), services: arbServices, policy: arbPolicy })
  .map((r): PolicyInput => ({ ...r, now: min(5) }));

describe('chooseNextTicket: properties', () => {
  it('never returns a ticket the counter may not call, and returns null iff there is none', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const choice = chooseNextTicket(inp);
        const active = new Set(inp.services.filter((s) => s.active).map((s) => s.id));
        const served = new Set(inp.counter.services.map((s) => s.serviceId));
        const callable = inp.waiting.filter(
          (t) =>
            t.status === 'waiting' &&
            (t.directedCounterId === 'c1' || (t.directedCounterId === null && served.has(t.serviceId) && active.has(t.serviceId))),
        );
        assert.equal(choice === null, callable.length === 0);
        if (choice) {
          assert.ok(callable.includes(choice.ticket));
          assert.notEqual(choice.ticket.directedCounterId, 'c2');
          assert.ok(CALL_REASONS.includes(choice.reason));
          assert.equal(choice.why.rule, choice.reason);
        }
        assert.deepEqual(
          [...callableTickets(inp).directed, ...callableTickets(inp).regular].sort((x, y) => x.number - y.number),
          [...callable].sort((x, y) => x.number - y.number),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('with overdueFirst, an overdue ticket is never skipped for a non-overdue one', () => {
    fc.assert(
      fc.property(arbInput, (raw) => {
        const inp = { ...raw, policy: { ...raw.policy, overdueFirst: true } };
        const choice = chooseNextTicket(inp);
        if (!choice || choice.reason === 'directed') return;
        const byId = new Map(inp.services.map((s) => [s.id, s]));
        const { regular } = callableTickets(inp);
        const overdue = regular.filter((t) => isOverdue(t, byId.get(t.serviceId), inp.now));
        if (overdue.length === 0) {
          assert.notEqual(choice.reason, 'overdue');
          return;
        }
        assert.ok(overdue.includes(choice.ticket), 'an overdue ticket was chosen');
        assert.equal(choice.reason, 'overdue');
        for (const t of overdue) assert.ok(t.issuedAt.getTime() >= choice.ticket.issuedAt.getTime(), 'the oldest overdue');
      }),
      { numRuns: 500 },
    );
  });

  it('over a long run with both categories always waiting, picks are preferentialPerGeneral : 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 10 }), (perGeneral, rounds, extra) => {
        const pol: CallingPolicy = { preferentialPerGeneral: perGeneral, overdueFirst: true };
        let c = counter({ preferentialStreak: 0 });
        // Queues never run dry: refill each category so both always wait.
        const queue: Ticket[] = [];
        let minute = 0;
        const refill = () => {
          for (const category of ['general', 'preferential'] as const) {
            while (queue.filter((t) => t.category === category).length < 3) {
              minute += 0.01; // stays well inside the 15-min target: the ratio alone decides
              queue.push(ticket('a', minute, { category }));
            }
          }
        };
        const picks = { general: 0, preferential: 0 };
        const total = rounds * (perGeneral + 1) + extra;
        let countedAtFullRounds = { ...picks };
        for (let i = 0; i < total; i++) {
          refill();
          const choice = chooseNextTicket({ counter: c, waiting: queue, services, policy: pol, now: min(minute) })!;
          queue.splice(queue.indexOf(choice.ticket), 1);
          picks[choice.ticket.category] += 1;
          c = { ...c, preferentialStreak: nextPreferentialStreak(c.preferentialStreak, choice.ticket, pol) };
          if (i + 1 === rounds * (perGeneral + 1)) countedAtFullRounds = { ...picks };
        }
        assert.deepEqual(countedAtFullRounds, { preferential: rounds * perGeneral, general: rounds });
        // And any prefix stays within one pick of the ideal ratio.
        assert.ok(Math.abs(picks.preferential - perGeneral * picks.general) <= perGeneral);
      }),
      { numRuns: 200 },
    );
  });
});
