import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { estimateWaitSeconds } from './estimate';

describe('estimateWaitSeconds', () => {
  it('with no history, uses 300 s per customer (or the given default)', () => {
    assert.equal(estimateWaitSeconds({ position: 0, recentServiceSeconds: [], openCounters: 1 }), 300);
    assert.equal(estimateWaitSeconds({ position: 2, recentServiceSeconds: [], openCounters: 1 }), 900);
    assert.equal(estimateWaitSeconds({ position: 2, recentServiceSeconds: [], openCounters: 1, defaultServiceSeconds: 60 }), 180);
  });
  it('uses the median of recent service times, so one long case does not skew it', () => {
    assert.equal(estimateWaitSeconds({ position: 1, recentServiceSeconds: [100, 2400, 120, 110, 90], openCounters: 1 }), 220);
  });
  it('looks only at the newest 20 service times', () => {
    const recent = [...Array(20).fill(60), ...Array(30).fill(6000)];
    assert.equal(estimateWaitSeconds({ position: 0, recentServiceSeconds: recent, openCounters: 1 }), 60);
  });
  it('divides by open counters', () => {
    assert.equal(estimateWaitSeconds({ position: 5, recentServiceSeconds: [240], openCounters: 3 }), 480);
    assert.equal(estimateWaitSeconds({ position: 0, recentServiceSeconds: [240], openCounters: 4 }), 60);
  });
  it('assumes one counter when none is open', () => {
    assert.equal(
      estimateWaitSeconds({ position: 3, recentServiceSeconds: [100], openCounters: 0 }),
      estimateWaitSeconds({ position: 3, recentServiceSeconds: [100], openCounters: 1 }),
    );
  });
  it('clamps bad input instead of failing', () => {
    assert.equal(estimateWaitSeconds({ position: -4, recentServiceSeconds: [Number.NaN, -5, 100], openCounters: Number.NaN }), 100);
  });
  it('is a whole number that grows with position and shrinks with counters (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 20 }),
        (position, recent, counters) => {
          const base = { recentServiceSeconds: recent, openCounters: counters };
          const e = estimateWaitSeconds({ position, ...base });
          assert.ok(Number.isInteger(e) && e >= 0);
          assert.ok(estimateWaitSeconds({ position: position + 1, ...base }) >= e);
          assert.ok(estimateWaitSeconds({ position, recentServiceSeconds: recent, openCounters: counters + 1 }) <= e);
        },
      ),
    );
  });
});
