/**
 * The planner's Erlang A against a discrete-event simulation of the same queue: customers
 * arrive at random (Poisson), are served first come first served by N counters
 * (exponential service) and give up after an exponential patience. Each customer's
 * offered wait is measured even for those who gave up: they stay in line as "ghosts" that
 * take no counter, and their offered wait ends when a counter frees while they are at the
 * head, the moment it would have taken them.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { erlangA } from '@turnero/domain/queueing/erlang';
import { countersNeeded, hourOutlook, type HourDemand } from '@turnero/domain/queueing/staffing';
import { Rng } from '../../server/src/demo/prng';

interface Queue {
  servers: number;
  arrivalRate: number;
  meanServiceTime: number;
  meanPatience: number;
}

/** Offered waits of `customers` arrivals after a warm-up, and the share who gave up. */
function simulate(q: Queue, customers: number, seed: number): { waits: number[]; abandonShare: number } {
  const rng = new Rng(seed);
  const exp = (mean: number) => rng.exponential(mean);
  const warmUp = Math.floor(customers / 10);
  const freeAt: number[] = new Array(q.servers).fill(0); // when each counter is next free
  const line: { arrival: number; leaves: number; index: number }[] = [];
  const waits: number[] = [];
  let gaveUp = 0;
  let counted = 0;
  let now = 0;
  const record = (c: { index: number }, wait: number, served: boolean) => {
    if (c.index < warmUp) return;
    waits.push(wait);
    counted += 1;
    if (!served) gaveUp += 1;
  };
  // Counters free in time order take the head of the line (ghosts at the head end their offered wait then).
  const serveUntil = (until: number) => {
    for (;;) {
      if (line.length === 0) return;
      let k = 0;
      for (let i = 1; i < freeAt.length; i++) if (freeAt[i] < freeAt[k]) k = i;
      const t = Math.max(freeAt[k], line[0].arrival);
      if (t > until) return;
      while (line.length > 0 && line[0].leaves <= t) {
        const ghost = line.shift()!;
        record(ghost, t - ghost.arrival, false);
      }
      const next = line.shift();
      if (!next) continue;
      record(next, t - next.arrival, true);
      freeAt[k] = t + exp(q.meanServiceTime);
    }
  };
  for (let i = 0; i < customers + warmUp; i++) {
    now += exp(1 / q.arrivalRate);
    serveUntil(now);
    const idle = freeAt.findIndex((f) => f <= now);
    if (line.length === 0 && idle >= 0) {
      record({ index: i }, 0, true);
      freeAt[idle] = now + exp(q.meanServiceTime);
    } else {
      line.push({ arrival: now, leaves: now + exp(q.meanPatience), index: i });
    }
  }
  return { waits, abandonShare: gaveUp / counted };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

describe('Erlang A agrees with a simulation of the same queue', () => {
  const cases: [string, Queue][] = [
    ['a comfortable office (5.5 Erlangs on 7 counters)', { servers: 7, arrivalRate: 1.1, meanServiceTime: 5, meanPatience: 20 }],
    ['a tight office (5.5 Erlangs on 6 counters)', { servers: 6, arrivalRate: 1.1, meanServiceTime: 5, meanPatience: 30 }],
    ['an overloaded office (6 Erlangs on 4 counters): people leave', { servers: 4, arrivalRate: 1.2, meanServiceTime: 5, meanPatience: 15 }],
  ];
  for (const [name, q] of cases) {
    test(`${name}: P(wait), share within 10 min, p50/p90 and abandonment`, () => {
      const { waits, abandonShare } = simulate(q, 150_000, 42);
      const sorted = [...waits].sort((a, b) => a - b);
      const a = erlangA(q);
      const within = (t: number) => waits.filter((w) => w <= t).length / waits.length;
      const message = (what: string, sim: number, model: number) => `${what}: simulation ${sim.toFixed(3)}, Erlang A ${model.toFixed(3)}`;

      const simWait = waits.filter((w) => w > 0).length / waits.length;
      assert.ok(Math.abs(simWait - a.probWait) < 0.02, message('P(wait)', simWait, a.probWait));
      assert.ok(Math.abs(within(10) - (1 - a.survival(10))) < 0.02, message('within 10 min', within(10), 1 - a.survival(10)));
      assert.ok(Math.abs(abandonShare - a.abandonShare) < 0.02, message('gave up', abandonShare, a.abandonShare));
      for (const p of [0.5, 0.9]) {
        const sim = quantile(sorted, p);
        const model = a.quantile(p, 240);
        assert.ok(Math.abs(sim - model) <= Math.max(0.5, 0.1 * sim), message(`p${p * 100} (min)`, sim, model));
      }
    });
  }

  test('the counters the planner asks for meet the target share in the simulation, one fewer does not', () => {
    const demand: HourDemand = {
      services: [
        { arrivals: 40, meanServiceMinutes: 4, targetWaitMinutes: 10 },
        { arrivals: 20, meanServiceMinutes: 9, targetWaitMinutes: 15 },
      ],
      meanPatienceMinutes: 40,
    };
    const needed = countersNeeded(demand, 0.8);
    assert.ok(needed >= 6 && needed <= 9, `needed ${needed} for 5.7 Erlangs`);
    const pooledService = (40 * 4 + 20 * 9) / 60;
    const simulatedShare = (servers: number) => {
      const { waits } = simulate({ servers, arrivalRate: 1, meanServiceTime: pooledService, meanPatience: 40 }, 100_000, 7);
      // The stricter target (10 min) binds: both services share the line.
      return waits.filter((w) => w <= 10).length / waits.length;
    };
    assert.ok(simulatedShare(needed) >= 0.78, `with ${needed}: ${simulatedShare(needed)}`);
    assert.ok(simulatedShare(needed - 1) < 0.8, `with ${needed - 1}: ${simulatedShare(needed - 1)}`);
    assert.ok(hourOutlook(demand, needed - 1).withinTargetShare < hourOutlook(demand, needed).withinTargetShare);
  });
});
