import { test } from 'vitest';
import assert from 'node:assert/strict';
import { localSlot, splitByLocalHour } from '../../server/src/hq/local-hours';
import { bucketOf, quantileFromHistogram, BUCKET_COUNT, emptyHistogram } from '../../server/src/hq/buckets';

test('an interval is split at local hour boundaries of the office zone', () => {
  // 07:40 to 10:15 in Bogota (UTC-5).
  const slices = splitByLocalHour(new Date('2026-11-02T12:40:00Z'), new Date('2026-11-02T15:15:00Z'), 'America/Bogota');
  assert.deepEqual(slices, [
    { day: '2026-11-02', hour: 7, seconds: 20 * 60 },
    { day: '2026-11-02', hour: 8, seconds: 3600 },
    { day: '2026-11-02', hour: 9, seconds: 3600 },
    { day: '2026-11-02', hour: 10, seconds: 15 * 60 },
  ]);
});

test('across local midnight the slices move to the next local day', () => {
  const slices = splitByLocalHour(new Date('2026-11-03T04:30:00Z'), new Date('2026-11-03T05:30:00Z'), 'America/Bogota');
  assert.deepEqual(slices, [
    { day: '2026-11-02', hour: 23, seconds: 1800 },
    { day: '2026-11-03', hour: 0, seconds: 1800 },
  ]);
});

test('when Santiago turns clocks back, the repeated hour holds both real hours', () => {
  // 2026-04-05 00:00 local (-03) becomes 23:00 of 04-04 (-04): 23:00-24:00 happens twice.
  const slices = splitByLocalHour(new Date('2026-04-05T01:30:00Z'), new Date('2026-04-05T04:30:00Z'), 'America/Santiago');
  assert.deepEqual(slices, [
    { day: '2026-04-04', hour: 22, seconds: 1800 },
    { day: '2026-04-04', hour: 23, seconds: 7200 },
    { day: '2026-04-05', hour: 0, seconds: 1800 },
  ]);
});

test('a zone with a half-hour offset cuts on its own hours', () => {
  const slices = splitByLocalHour(new Date('2026-11-02T03:00:00Z'), new Date('2026-11-02T04:00:00Z'), 'Asia/Kolkata');
  assert.deepEqual(slices.map((s) => [s.hour, s.seconds]), [[8, 1800], [9, 1800]]);
  assert.deepEqual(localSlot(new Date('2026-11-02T03:29:59Z'), 'Asia/Kolkata'), { day: '2026-11-02', hour: 8 });
});

test('quantiles from buckets interpolate inside the bucket and ignore empty ones', () => {
  const h = emptyHistogram();
  assert.equal(quantileFromHistogram(h, 0.5), null);
  for (const w of [100, 200, 400, 1000]) h[bucketOf(w)] += 1;
  assert.equal(quantileFromHistogram(h, 0.5), 240);
  assert.equal(quantileFromHistogram(h, 0.9), 1032);
  const open = emptyHistogram();
  open[BUCKET_COUNT - 1] = 3;
  assert.equal(quantileFromHistogram(open, 0.5), 10800, 'the open last bucket answers its lower bound');
  assert.equal(bucketOf(0), 0);
  assert.equal(bucketOf(29), 0);
  assert.equal(bucketOf(30), 1);
});
