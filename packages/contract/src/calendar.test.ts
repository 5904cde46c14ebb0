/** Calendar values shared by the link and the portal (calendar.ts): times of day and days that exist. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { IsoDay, TimeOfDay } from './calendar';
import { accepts, rejects } from './test-fixtures';

describe('a time of day', () => {
  it('is HH:MM on the 24-hour clock, 00:00 to 23:59, nothing before or after', () => {
    for (const ok of ['00:00', '08:00', '17:30', '23:59']) assert.equal(accepts(TimeOfDay, ok), ok);
    for (const bad of ['24:00', '8:00', '08:60', '08:00:00', 'x08:00', '08:00x', '0800']) {
      assert.equal(rejects(TimeOfDay, bad).message, 'HH:MM, 24 h', bad);
    }
  });
});

describe('a day', () => {
  it('is YYYY-MM-DD, nothing before or after', () => {
    for (const ok of ['2027-01-11', '2028-02-29']) assert.equal(accepts(IsoDay, ok), ok);
    for (const bad of ['2027-1-11', 'x2027-01-11', '2027-01-11x', '2027-01-11T00:00']) {
      assert.equal(rejects(IsoDay, bad).message, 'YYYY-MM-DD', bad);
    }
  });
  it('exists on the calendar', () => {
    for (const bad of ['2027-02-29', '2027-02-30', '2027-13-01', '2027-04-31', '2027-00-10']) {
      assert.equal(rejects(IsoDay, bad).message, 'no such date', bad);
    }
  });
});
