/**
 * The office's local day at its edges: a midnight that happens twice, the UTC offset
 * itself, and input the server must refuse. Bogotá and Santiago: local-day.test.ts.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { addDays, isValidTimeZone, localDay, localTimeLabel, nextLocalMidnight, offsetAt, startOfLocalDay } from './local-day';
import { refused } from './test-fixtures';

const HOUR = 3_600_000;

describe('a day whose midnight happens twice (Amman, 2021-10-29: clocks went back from 01:00 to 00:00)', () => {
  const AMMAN = 'Asia/Amman';
  it('starts at the first midnight, 21:00 UTC the evening before', () => {
    const start = startOfLocalDay('2021-10-29', AMMAN);
    assert.equal(start.toISOString(), '2021-10-28T21:00:00.000Z');
    assert.equal(localDay(new Date(start.getTime() - 1000), AMMAN), '2021-10-28');
  });
  it('lasts 25 hours, and the hour after the first midnight is still that day', () => {
    const start = startOfLocalDay('2021-10-29', AMMAN);
    assert.equal(nextLocalMidnight(start, AMMAN).getTime() - start.getTime(), 25 * HOUR);
    assert.equal(localDay(new Date(start.getTime() + HOUR + 1000), AMMAN), '2021-10-29');
  });
});

describe('offsetAt', () => {
  it('is local minus UTC, whole hours or not', () => {
    assert.equal(offsetAt(new Date('2026-11-28T13:00:00Z'), 'America/Bogota'), -5 * HOUR);
    assert.equal(offsetAt(new Date('2026-11-28T13:00:00Z'), 'Asia/Kolkata'), 5.5 * HOUR);
    assert.equal(offsetAt(new Date('2026-01-15T13:00:00Z'), 'America/Santiago'), -3 * HOUR, 'summer in Chile');
  });
  it('ignores the milliseconds of the instant', () => {
    assert.equal(offsetAt(new Date('2026-11-28T13:00:00.999Z'), 'America/Bogota'), -5 * HOUR);
  });
});

describe('input that is refused', () => {
  it('a time zone that is not a non-empty string', () => {
    for (const tz of [undefined, null, 5, '']) assert.equal(isValidTimeZone(tz as string), false, String(tz));
    refused(() => localDay(new Date(), 'Nowhere/City'), 'validation_failed', /^Unknown time zone: "Nowhere\/City"$/);
  });
  it('a day with anything before or after YYYY-MM-DD', () => {
    for (const day of ['x2026-11-28', '2026-11-28x', '2026-11-28T00:00']) {
      refused(() => addDays(day, 1), 'validation_failed', new RegExp(`^Invalid day "${day}": expected YYYY-MM-DD$`));
    }
  });
  it('a date that does not exist, and years before 100 (Date.UTC would read them as 19xx)', () => {
    for (const day of ['2026-02-30', '2026-04-31', '2026-13-01', '0050-01-01']) {
      refused(() => addDays(day, 1), 'validation_failed', new RegExp(`^Invalid day "${day}": no such date$`));
    }
  });
  it('an instant that is not a date', () => {
    refused(() => localTimeLabel(new Date(Number.NaN), 'America/Bogota'), 'validation_failed', /^Invalid date$/);
  });
});
