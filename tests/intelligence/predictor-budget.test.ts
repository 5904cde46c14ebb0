import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { counter, minute, service, waitingTicket } from '@turnero/domain/test-fixtures';
import { DEFAULT_POLICY, type Office, type Ticket } from '@turnero/domain/types';
import type { HistoryCall } from '@turnero/domain/wait-prediction/model';
import { SIMULATION_BURST_MS, SIMULATION_SHARE, WaitPredictor, type LiveQueue } from '../../server/src/office/wait-prediction/predictor';

const NOW = minute(60);

function predictorAt(monotonic: () => number): WaitPredictor {
  const calls: HistoryCall[] = [];
  for (let h = 0; h < 24; h++) for (let k = 0; k < 5; k++) calls.push({ serviceId: 'a', hour: h, occupiedSeconds: 300, transferredTo: null });
  const availability = { pausesPerOpenHour: new Map(), signOutsPerOpenHour: new Map(), pauseSeconds: [], signInShare: new Map() };
  return new WaitPredictor({ calls, arrivals: [], days: 1 }, availability, { now: () => NOW }, 'UTC', minute(0), monotonic);
}

const office = { id: 'o', code: 'O', name: 'O', timeZone: 'UTC', policy: DEFAULT_POLICY } as Office;

/** A new live-state version (a new object, as the command bus makes one per change) with `n` waiting tickets of service a. */
function version(n: number): LiveQueue {
  const waiting: Ticket[] = Array.from({ length: n }, (_, i) => waitingTicket(`t${i}`, 'a', i, i + 1));
  return { office, services: [service('a'), service('b')], counters: [counter()], waiting, active: [] };
}

const rangeOf = (p: WaitPredictor, v: LiveQueue, i: number) => p.estimatedWait(v, v.waiting[i]);

describe('wait predictor: the time spent simulating is bounded', () => {
  it('a burst of changes past the budget reads the last simulation (its tickets keep their promise, a newer one gets none), and the next allowed change simulates again', () => {
    let ms = 0;
    const p = predictorAt(() => ms);
    // The clock does not move: every simulation is priced at the cheapest cost per call, so
    // the budget runs out after a bounded number of versions (each one a ticket longer).
    let n = 100;
    let previous = version(n);
    assert.ok(rangeOf(p, previous, n - 1), 'the first version gets its own simulation');
    let shed: LiveQueue | null = null;
    for (let k = 0; k < 500 && !shed; k++) {
      const v = version(++n);
      if (rangeOf(p, v, n - 1) === null) shed = v;
      else previous = v;
    }
    assert.ok(shed, 'the budget ran out within 500 versions at one instant');
    assert.deepEqual(rangeOf(p, shed, 10), rangeOf(p, previous, 10), 'a ticket of the last simulation keeps its promise');
    assert.equal(p.predictionsFor(shed), p.predictionsFor(previous), 'the version past the budget reads the last simulation');

    // The budget refills at SIMULATION_SHARE of real time.
    ms += (SIMULATION_BURST_MS / SIMULATION_SHARE) * 2;
    const later = version(n + 1);
    assert.ok(rangeOf(p, later, n), 'after the budget refilled, a new ticket gets its promise again');
    assert.notEqual(p.predictionsFor(later), p.predictionsFor(previous));
  });

  it('one version is simulated once, whatever the readers: asking again spends nothing', () => {
    let ms = 0;
    const p = predictorAt(() => ms);
    const v = version(50);
    const first = p.predictionsFor(v);
    for (let k = 0; k < 1000; k++) assert.equal(p.predictionsFor(v), first);
    // No time has passed: a new version still gets its own simulation, so the readers spent nothing.
    assert.notEqual(p.predictionsFor(version(51)), first);
  });
});
