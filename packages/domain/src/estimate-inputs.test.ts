/** The wait quote's handling of unusual inputs (the formula itself: estimate.test.ts). */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DEFAULT_SERVICE_SECONDS, estimateWaitSeconds } from './estimate';

const quote = (defaultServiceSeconds: number | undefined, recentServiceSeconds: number[] = []) =>
  estimateWaitSeconds({ position: 1, recentServiceSeconds, openCounters: 1, defaultServiceSeconds });

describe('the default service time', () => {
  it('an office may set it to 0 (it quotes no wait until it has history)', () => {
    assert.equal(quote(0), 0);
  });
  it('a default that is not a finite, non-negative number falls back to 300 s', () => {
    assert.equal(DEFAULT_SERVICE_SECONDS, 300);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -60]) assert.equal(quote(bad), 600, `default ${bad}`);
    assert.equal(quote(undefined), 600);
  });
  it('is ignored once there are service times', () => {
    assert.equal(quote(0, [45]), 90);
  });
});

describe('recent service times', () => {
  it('a zero-second service (finished at once) is a real sample, not noise', () => {
    assert.equal(quote(undefined, [0, 0, 90]), 0, 'median of 0, 0, 90 is 0');
  });
  it('infinite durations are dropped', () => {
    assert.equal(quote(undefined, [Number.POSITIVE_INFINITY, 30]), 60);
  });
});
