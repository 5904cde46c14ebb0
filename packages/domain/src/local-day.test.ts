import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDays,
  isValidTimeZone,
  localDay,
  localHour,
  localTimeLabel,
  nextLocalMidnight,
  startOfLocalDay,
} from './local-day';
import { AppError } from './errors';

const BOGOTA = 'America/Bogota';
const SANTIAGO = 'America/Santiago';
const utc = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('isValidTimeZone', () => {
  it('accepts IANA zones and UTC', () => {
    for (const tz of [BOGOTA, SANTIAGO, 'America/Panama', 'America/El_Salvador', 'UTC']) {
      assert.equal(isValidTimeZone(tz), true, tz);
    }
  });
  it('refuses unknown or empty zones', () => {
    for (const tz of ['', 'Mars/Olympus', 'Bogota', 'GMT+25']) assert.equal(isValidTimeZone(tz), false, tz);
  });
});

describe('localDay in Bogotá (UTC-5, no DST)', () => {
  it('an evening in Bogotá is already the next day in UTC', () => {
    assert.equal(localDay(utc('2026-11-29T04:59:59Z'), BOGOTA), '2026-11-28');
    assert.equal(localDay(utc('2026-11-29T05:00:00Z'), BOGOTA), '2026-11-29');
  });
  it('the local day starts at 05:00 UTC and lasts 24 h', () => {
    const start = startOfLocalDay('2026-11-28', BOGOTA);
    assert.equal(start.toISOString(), '2026-11-28T05:00:00.000Z');
    assert.equal(nextLocalMidnight(start, BOGOTA).getTime() - start.getTime(), 24 * HOUR);
  });
  it('localHour and the label use local time', () => {
    const at = utc('2026-11-28T19:05:00Z');
    assert.equal(localHour(at, BOGOTA), 14);
    assert.equal(localTimeLabel(at, BOGOTA), '28/11/2026 14:05');
    assert.equal(localTimeLabel(utc('2026-01-02T05:03:00Z'), BOGOTA), '02/01/2026 00:03');
    assert.equal(localHour(utc('2026-01-02T05:03:00Z'), BOGOTA), 0);
  });
  it('crosses a year end', () => {
    assert.equal(localDay(utc('2027-01-01T04:00:00Z'), BOGOTA), '2026-12-31');
    assert.equal(nextLocalMidnight(utc('2026-12-31T20:00:00Z'), BOGOTA).toISOString(), '2027-01-01T05:00:00.000Z');
  });
});

describe('Santiago: what the tz database says about 2026', () => {
  // Checked with Intl before writing these: DST ends at local 24:00 on Sat 2026-04-04
  // (03:00Z, clocks go back to 23:00, UTC-3 -> UTC-4) and begins at local 24:00 on
  // Sat 2026-09-05 (04:00Z, clocks jump to 01:00 on Sun 2026-09-06, UTC-4 -> UTC-3).
  it('the hour before the April change happens twice on Saturday 2026-04-04', () => {
    assert.equal(localTimeLabel(utc('2026-04-05T02:30:00Z'), SANTIAGO), '04/04/2026 23:30');
    assert.equal(localTimeLabel(utc('2026-04-05T03:30:00Z'), SANTIAGO), '04/04/2026 23:30');
    assert.equal(localDay(utc('2026-04-05T03:59:59Z'), SANTIAGO), '2026-04-04');
    assert.equal(localDay(utc('2026-04-05T04:00:00Z'), SANTIAGO), '2026-04-05');
  });
  it('Saturday 2026-04-04 lasts 25 hours', () => {
    const start = startOfLocalDay('2026-04-04', SANTIAGO);
    assert.equal(start.toISOString(), '2026-04-04T03:00:00.000Z');
    const next = nextLocalMidnight(start, SANTIAGO);
    assert.equal(next.toISOString(), '2026-04-05T04:00:00.000Z');
    assert.equal(next.getTime() - start.getTime(), 25 * HOUR);
    // During the repeated hour, the next day still starts at the same instant.
    assert.equal(nextLocalMidnight(utc('2026-04-05T03:10:00Z'), SANTIAGO).toISOString(), '2026-04-05T04:00:00.000Z');
  });
  it('Sunday 2026-09-06 has no midnight: it starts at 01:00 and lasts 23 hours', () => {
    const start = startOfLocalDay('2026-09-06', SANTIAGO);
    assert.equal(start.toISOString(), '2026-09-06T04:00:00.000Z');
    assert.equal(localHour(start, SANTIAGO), 1);
    assert.equal(localTimeLabel(start, SANTIAGO), '06/09/2026 01:00');
    assert.equal(localDay(new Date(start.getTime() - 1), SANTIAGO), '2026-09-05');
    const next = nextLocalMidnight(start, SANTIAGO);
    assert.equal(next.toISOString(), '2026-09-07T03:00:00.000Z');
    assert.equal(next.getTime() - start.getTime(), 23 * HOUR);
  });
  it('late Saturday 2026-09-05 rolls over at the jump', () => {
    assert.equal(nextLocalMidnight(utc('2026-09-06T03:59:59Z'), SANTIAGO).toISOString(), '2026-09-06T04:00:00.000Z');
    assert.equal(localTimeLabel(utc('2026-09-06T03:59:00Z'), SANTIAGO), '05/09/2026 23:59');
  });
});

describe('any instant, in the offices\' zones and other DST zones (property)', () => {
  const zones = [BOGOTA, SANTIAGO, 'America/Panama', 'America/El_Salvador', 'Europe/Madrid', 'Asia/Kolkata', 'Pacific/Chatham'];
  it('start of the day of any instant is <= it, the next start is > it, and both are first instants', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (tz, ms) => {
          const at = new Date(ms);
          const day = localDay(at, tz);
          const start = startOfLocalDay(day, tz);
          const next = nextLocalMidnight(at, tz);
          assert.ok(start.getTime() <= ms);
          assert.ok(next.getTime() > ms);
          assert.equal(localDay(start, tz), day);
          assert.equal(localDay(new Date(start.getTime() - 1), tz), addDays(day, -1));
          assert.equal(localDay(next, tz), addDays(day, 1));
          const hours = (next.getTime() - start.getTime()) / HOUR;
          assert.ok(hours >= 23 && hours <= 25, `${tz} ${day} lasts ${hours} h`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('bad input', () => {
  it('refuses malformed or impossible days and unknown zones with validation_failed', () => {
    for (const [day, tz] of [
      ['2026-02-30', BOGOTA],
      ['26-1-1', BOGOTA],
      ['2026-01-01', 'Nowhere/City'],
    ]) {
      assert.throws(
        () => startOfLocalDay(day, tz),
        (e: unknown) => e instanceof AppError && e.code === 'validation_failed',
      );
    }
    assert.throws(() => localDay(new Date(Number.NaN), BOGOTA), AppError);
  });
  it('addDays handles month ends and leap years', () => {
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  });
});
