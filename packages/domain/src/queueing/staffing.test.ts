import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countersNeeded, hourOutlook, WAIT_HORIZON_MINUTES, type HourDemand } from './staffing';

const demandOf = (arrivals: number, serviceMinutes: number, target: number, patience = 60): HourDemand => ({
  services: [
    { arrivals: arrivals * 0.7, meanServiceMinutes: serviceMinutes, targetWaitMinutes: target },
    { arrivals: arrivals * 0.3, meanServiceMinutes: serviceMinutes * 2, targetWaitMinutes: target * 2 },
  ],
  meanPatienceMinutes: patience,
});

describe("an hour's staffing", () => {
  it('nobody expected: no counter needed, no wait, everyone within target', () => {
    const quiet = demandOf(0, 5, 10);
    assert.equal(countersNeeded(quiet, 0.8), 0);
    assert.deepEqual(hourOutlook(quiet, 0), { counters: 0, waitP50Minutes: 0, waitP90Minutes: 0, withinTargetShare: 1 });
  });

  it('customers and no counter: waits reach the horizon and nobody is within target', () => {
    const o = hourOutlook(demandOf(30, 5, 10), 0);
    assert.deepEqual([o.waitP50Minutes, o.waitP90Minutes, o.withinTargetShare], [WAIT_HORIZON_MINUTES, WAIT_HORIZON_MINUTES, 0]);
  });

  const hour = fc.record({
    arrivals: fc.double({ min: 1, max: 120, noNaN: true }),
    serviceMinutes: fc.double({ min: 2, max: 15, noNaN: true }),
    target: fc.integer({ min: 5, max: 30 }),
    share: fc.constantFrom(0.7, 0.8, 0.9),
  });

  it('the counters needed meet the share, one fewer gives no better share nor p90; more arrivals or a higher share never need fewer', () => {
    fc.assert(
      fc.property(hour, ({ arrivals, serviceMinutes, target, share }) => {
        const demand = demandOf(arrivals, serviceMinutes, target);
        const n = countersNeeded(demand, share);
        assert.ok(n >= 1);
        assert.ok(hourOutlook(demand, n).withinTargetShare >= share - 1e-9, 'meets the share');
        if (n > 1) {
          const fewer = hourOutlook(demand, n - 1);
          const atN = hourOutlook(demand, n);
          assert.ok(fewer.withinTargetShare <= atN.withinTargetShare + 1e-9);
          assert.ok(fewer.waitP90Minutes >= atN.waitP90Minutes - 1e-9);
        }
        assert.ok(countersNeeded(demandOf(arrivals * 1.5, serviceMinutes, target), share) >= n, 'more arrivals');
        assert.ok(countersNeeded(demand, Math.min(0.95, share + 0.05)) >= n, 'higher share');
      }),
      { numRuns: 40 },
    );
  });
});
