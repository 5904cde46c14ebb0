import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { calibratedTails, MIN_CALIBRATION, rankOf, RANGE_TAIL } from './predict';

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe('calibration of the promised range', () => {
  it('a real wait ranks by the share of simulated waits of fewer whole minutes, plus half of those of the same minute', () => {
    const sims = sorted([60, 120, 180, 240]);
    assert.deepEqual([0, 60, 150, 179, 240, 1e6].map((w) => rankOf(sims, w)), [0, 0.125, 0.375, 0.375, 0.875, 1]);
  });

  it('keeps the plain 10th-90th percentiles until enough outcomes are known', () => {
    assert.deepEqual(calibratedTails(Array(MIN_CALIBRATION - 1).fill(1)), { low: RANGE_TAIL, high: 1 - RANGE_TAIL });
  });

  it('moves the range up when real waits keep landing above the simulated ones', () => {
    const late = Array.from({ length: 100 }, (_, i) => 0.5 + i / 200);
    const tails = calibratedTails(late);
    assert.ok(tails.low > RANGE_TAIL && tails.high > 1 - RANGE_TAIL, JSON.stringify(tails));
    assert.ok(tails.high <= 0.97, 'never the very last simulated run');
  });

  it('property: calibrated tails stay ordered and inside (0, 1) for any outcomes', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 300 }), (ranks) => {
        const { low, high } = calibratedTails(ranks);
        assert.ok(0 < low && low <= 0.5 && 0.5 <= high && high < 1);
      }),
    );
  });
});
