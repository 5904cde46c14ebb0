import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { counter, minute, service, waitingTicket } from '../test-fixtures';
import { DEFAULT_POLICY, type Counter, type Ticket } from '../types';
import { learnWaitModel, type HistoryCall, type WaitHistory } from './model';
import { predictWaits, quantile } from './predict';
import { seededRandom } from './random';
import type { SimulationInput } from './simulate';

const NOW = minute(60);
const HOUR = 3_600_000;

/** Every call took exactly `seconds` at every hour: the simulation has no randomness left in service times. */
function fixedHistory(seconds: number, serviceIds = ['a', 'b']): WaitHistory {
  const calls: HistoryCall[] = [];
  for (const serviceId of serviceIds) for (let h = 0; h < 24; h++) for (let k = 0; k < 5; k++) calls.push({ serviceId, hour: h, occupiedSeconds: seconds, transferredTo: null });
  return { calls, arrivals: [], days: 1 };
}

function spreadHistory(): WaitHistory {
  const calls: HistoryCall[] = [];
  const random = seededRandom(7);
  for (const serviceId of ['a', 'b']) for (let k = 0; k < 200; k++) calls.push({ serviceId, hour: 13 + (k % 3), occupiedSeconds: 60 + random() * 600, transferredTo: null });
  const arrivals = Array.from({ length: 30 }, (_, k) => ({ serviceId: k % 2 ? 'a' : 'b', category: 'general' as const, hour: 14 }));
  return { calls, arrivals, days: 1 };
}

function queueOf(n: number, serviceId = 'a'): Ticket[] {
  return Array.from({ length: n }, (_, i) => waitingTicket(`t${i}`, serviceId, i, i + 1));
}

function input(overrides: Partial<SimulationInput> = {}): SimulationInput {
  return {
    now: NOW,
    utcOffsetMs: 0,
    services: [service('a'), service('b')],
    policy: DEFAULT_POLICY,
    counters: [counter()],
    waiting: queueOf(3),
    active: [],
    model: learnWaitModel(fixedHistory(300)),
    horizonMs: 12 * HOUR,
    ...overrides,
  };
}

const predict = (i: SimulationInput, seed = 1, runs = 100) => predictWaits(i, { runs, random: seededRandom(seed) });

describe('wait prediction', () => {
  it('with one idle counter and every call taking 5 min, the k-th ticket is called after exactly 5k minutes', () => {
    const p = predict(input({ waiting: queueOf(4) }));
    assert.deepEqual(
      [...p.values()].map((w) => w && [w.lowMinutes, w.highMinutes, w.medianSeconds]),
      [[0, 0, 0], [5, 5, 300], [10, 10, 600], [15, 15, 900]],
    );
  });

  it('a customer being served for 2 of their 5 minutes holds the counter 3 more minutes', () => {
    const serving: Ticket = { ...waitingTicket('s', 'a', 0, 99), status: 'serving', counterId: 'c1', calledAt: new Date(NOW.getTime() - 120_000) };
    const p = predict(input({ waiting: queueOf(1), active: [serving], counters: [counter({ agentState: 'serving' })] }));
    assert.equal(p.get('t0')?.medianSeconds, 180);
  });

  it('two counters halve the waits of a line', () => {
    const two = [counter(), counter({ id: 'c2', agentId: 'u2' })];
    const p = predict(input({ waiting: queueOf(4), counters: two }));
    assert.deepEqual([...p.values()].map((w) => w?.medianSeconds), [0, 0, 300, 300]);
  });

  it('makes no finite promise when no counter can call the ticket (none open, none serving its service, transferred to a closed counter)', () => {
    const closed = predict(input({ counters: [counter({ agentId: null, agentState: 'signed_out' })] }));
    assert.deepEqual([...closed.values()], [null, null, null]);
    const otherService = predict(input({ counters: [counter({ services: [{ serviceId: 'b', weight: 1 }] })] }));
    assert.deepEqual([...otherService.values()], [null, null, null]);
    const directed = predict(input({ waiting: [waitingTicket('d', 'a', 0, 1, { directedCounterId: 'c9' })] }));
    assert.equal(directed.get('d'), null);
  });

  it('a paused counter is expected back: a finite promise, later than an open counter would give', () => {
    const paused = predict(input({ counters: [counter({ agentState: 'paused', pauseReason: 'lunch', stateSince: NOW })] }));
    const open = predict(input());
    assert.ok(paused.get('t0'));
    assert.ok(paused.get('t0')!.lowMinutes >= 45 * 0.6 - 1, JSON.stringify(paused.get('t0')));
    assert.ok(paused.get('t0')!.medianSeconds > open.get('t0')!.medianSeconds);
  });

  it('the real policy decides the order: a preferential ticket issued last goes first, unless the general ones are overdue', () => {
    const recent = [56, 57, 58].map((m, i) => waitingTicket(`t${i}`, 'a', m, i + 1));
    const p = predict(input({ waiting: [...recent, waitingTicket('p', 'a', 59, 9, { category: 'preferential' })] }));
    assert.equal(p.get('p')?.medianSeconds, 0);
    assert.equal(p.get('t0')?.medianSeconds, 300);
    // Issued at minutes 0-2 with a 15-minute target: overdue at minute 60, oldest first.
    const overdue = predict(input({ waiting: [...queueOf(3), waitingTicket('p', 'a', 59, 9, { category: 'preferential' })] }));
    assert.equal(overdue.get('p')?.medianSeconds, 900);
  });

  it('a checked-in booking due now goes ahead of walk-ins when the office calls bookings at their slot', () => {
    const recent = [56, 57, 58].map((m, i) => waitingTicket(`t${i}`, 'a', m, i + 1));
    const booked = waitingTicket('b', 'a', 59, 9, { origin: 'booking', slotAt: NOW });
    const withRule = predict(input({ waiting: [...recent, booked], bookings: { windowMinutes: 5, maxInARow: 2, timeZone: 'UTC' } }));
    assert.equal(withRule.get('b')?.medianSeconds, 0);
    assert.equal(predict(input({ waiting: [...recent, booked] })).get('b')?.medianSeconds, 900);
  });

  it('is deterministic for a seed, and another seed draws other futures', () => {
    const i = input({ waiting: queueOf(8), model: learnWaitModel(spreadHistory()) });
    assert.deepEqual(predict(i, 42), predict(i, 42));
    assert.notDeepEqual(predict(i, 42), predict(i, 43));
  });

  it('property: ranges are ordered, whole, non-negative, and never shrink further back in one line', () => {
    const model = learnWaitModel(spreadHistory());
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (n, counters, seed) => {
        const cs: Counter[] = Array.from({ length: counters }, (_, k) => counter({ id: `c${k}`, agentId: `u${k}` }));
        const p = predict(input({ waiting: queueOf(n), counters: cs, model }), seed, 40);
        let previous = { lowMinutes: 0, highMinutes: 0, medianSeconds: 0 };
        for (const t of queueOf(n)) {
          const w = p.get(t.id);
          assert.ok(w, 'an open counter serves the line: a finite promise');
          assert.ok(Number.isInteger(w.lowMinutes) && Number.isInteger(w.highMinutes));
          assert.ok(0 <= w.lowMinutes && w.lowMinutes <= w.highMinutes);
          assert.ok(w.lowMinutes >= previous.lowMinutes && w.highMinutes >= previous.highMinutes && w.medianSeconds >= previous.medianSeconds);
          previous = w;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('property: quantiles of any sample are ordered', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { minLength: 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, q1, q2) => {
        const sorted = Float64Array.from(xs).sort();
        const [a, b] = q1 <= q2 ? [q1, q2] : [q2, q1];
        assert.ok(quantile(sorted, a) <= quantile(sorted, b));
      }),
    );
  });

  it('learned transfers send calls back into the queue: waits behind them grow', () => {
    const plain = fixedHistory(300);
    const transferring: WaitHistory = { ...plain, calls: plain.calls.map((c, k) => (c.serviceId === 'a' && k % 2 === 0 ? { ...c, transferredTo: 'b' } : c)) };
    const i = input({ waiting: [...queueOf(4), waitingTicket('late-b', 'b', 10, 20)] });
    const without = predict(i, 3).get('late-b')!;
    const withTransfers = predict({ ...i, model: learnWaitModel(transferring) }, 3).get('late-b')!;
    assert.ok(withTransfers.medianSeconds > without.medianSeconds, `${withTransfers.medianSeconds} > ${without.medianSeconds}`);
  });

  it('with no history at all it still promises a finite range around the 5-minute prior', () => {
    const p = predict(input({ model: learnWaitModel({ calls: [], arrivals: [], days: 0 }), waiting: queueOf(3) }));
    const third = p.get('t2')!;
    assert.ok(third.lowMinutes < 10 && third.highMinutes > 10, JSON.stringify(third));
  });
});
