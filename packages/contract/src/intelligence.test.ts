/**
 * Head office's planning API (intelligence.ts): the forecast's range and the staffing
 * what-if, as the schemas accept and refuse them, and the answers they keep.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  FORECAST_MAX_DAYS,
  ForecastQuery,
  ForecastResponse,
  MAX_COUNTERS,
  StaffingBody,
  StaffingResponse,
} from './intelligence';
import { accepts, rejects } from './test-fixtures';

const hour = () => ({
  start: '2026-12-01T13:00:00.000Z',
  countersNeeded: 3,
  counters: 2,
  arrivals: 14.5,
  waitP50Minutes: 6.2,
  waitP90Minutes: 18,
  withinTargetShare: 0.75,
});

describe('a forecast range', () => {
  it('runs forwards from a day to a day, both included, at most 62 days', () => {
    assert.equal(FORECAST_MAX_DAYS, 62);
    assert.deepEqual(accepts(ForecastQuery, { from: '2026-12-01', to: '2026-12-01' }), { from: '2026-12-01', to: '2026-12-01' });
    accepts(ForecastQuery, { from: '2026-12-01', to: '2027-01-31' });
    const tooLong = rejects(ForecastQuery, { from: '2026-12-01', to: '2027-02-01' }, ['to']);
    assert.equal(tooLong.message, 'at most 62 days');
    const backwards = rejects(ForecastQuery, { from: '2026-12-02', to: '2026-12-01' }, ['from']);
    assert.equal(backwards.message, 'from must not be after to');
    rejects(ForecastQuery, { from: '2026-02-30', to: '2026-03-01' }, ['from']);
    rejects(ForecastQuery, { from: '2026-12-01' }, ['to']);
  });
  it('answers expected arrivals per hour and service, never negative', () => {
    const forecast = { hours: [{ start: '2026-12-01T13:00:00.000Z', serviceCode: 'FACT', arrivals: 2.4 }] };
    assert.deepEqual(accepts(ForecastResponse, forecast), forecast);
    accepts(ForecastResponse, { hours: [{ ...forecast.hours[0], arrivals: 0 }] });
    rejects(ForecastResponse, { hours: [{ ...forecast.hours[0], arrivals: -0.1 }] }, ['hours', 0, 'arrivals']);
  });
});

describe('a staffing request', () => {
  it('is for a day that exists, aiming at 80 % within target unless told otherwise (0.5 to 0.99)', () => {
    assert.deepEqual(accepts(StaffingBody, { date: '2026-12-01' }), { date: '2026-12-01', targetShare: 0.8 });
    assert.equal(accepts(StaffingBody, { date: '2026-12-01', targetShare: 0.5 }).targetShare, 0.5);
    assert.equal(accepts(StaffingBody, { date: '2026-12-01', targetShare: 0.99 }).targetShare, 0.99);
    rejects(StaffingBody, { date: '2026-12-01', targetShare: 0.49 }, ['targetShare']);
    rejects(StaffingBody, { date: '2026-12-01', targetShare: 1 }, ['targetShare']);
    rejects(StaffingBody, { date: '2026-13-01' }, ['date']);
  });
  it('takes a what-if as 24 whole counts (index = hour) from 0 to 200', () => {
    assert.equal(MAX_COUNTERS, 200);
    const day = Array(24).fill(2);
    assert.deepEqual(accepts(StaffingBody, { date: '2026-12-01', countersByHour: day }).countersByHour, day);
    accepts(StaffingBody, { date: '2026-12-01', countersByHour: Array(24).fill(MAX_COUNTERS) });
    rejects(StaffingBody, { date: '2026-12-01', countersByHour: Array(23).fill(2) });
    rejects(StaffingBody, { date: '2026-12-01', countersByHour: Array(25).fill(2) });
    rejects(StaffingBody, { date: '2026-12-01', countersByHour: [...Array(23).fill(2), 201] });
    rejects(StaffingBody, { date: '2026-12-01', countersByHour: [...Array(23).fill(2), -1] });
    rejects(StaffingBody, { date: '2026-12-01', countersByHour: [...Array(23).fill(2), 1.5] });
  });
  it('or as counts for some local hours, "0" (or "09") to "23"', () => {
    const some = { '0': 1, '09': 3, '9': 3, '10': 4, '19': 2, '23': 0 };
    assert.deepEqual(accepts(StaffingBody, { date: '2026-12-01', countersByHour: some }).countersByHour, some);
    for (const bad of ['24', '30', '-1', '9am', 'x', '009', '']) {
      const issue = rejects(StaffingBody, { date: '2026-12-01', countersByHour: { [bad]: 1 } }, ['countersByHour']);
      assert.match(JSON.stringify(issue), /a local hour, 0-23/, `the key ${JSON.stringify(bad)} is refused as an hour`);
    }
    rejects(StaffingBody, { date: '2026-12-01', countersByHour: { '9': 201 } });
  });
});

describe('a staffing plan', () => {
  it('keeps every hour with its counters, arrivals, waits and share within target (0 to 1)', () => {
    const plan = { hours: [hour(), { ...hour(), counters: 0, countersNeeded: 0, arrivals: 0, waitP50Minutes: 0, waitP90Minutes: 0, withinTargetShare: 1 }], waitHorizonMinutes: 240, targetShare: 0.8 };
    assert.deepEqual(accepts(StaffingResponse, plan), plan);
    rejects(StaffingResponse, { ...plan, hours: [{ ...hour(), withinTargetShare: 1.01 }] }, ['hours', 0, 'withinTargetShare']);
    rejects(StaffingResponse, { ...plan, hours: [{ ...hour(), withinTargetShare: -0.01 }] }, ['hours', 0, 'withinTargetShare']);
    rejects(StaffingResponse, { ...plan, hours: [{ ...hour(), countersNeeded: 2.5 }] }, ['hours', 0, 'countersNeeded']);
    rejects(StaffingResponse, { ...plan, hours: [{ ...hour(), counters: -1 }] }, ['hours', 0, 'counters']);
    rejects(StaffingResponse, { ...plan, hours: [{ ...hour(), waitP90Minutes: -1 }] }, ['hours', 0, 'waitP90Minutes']);
  });
});
