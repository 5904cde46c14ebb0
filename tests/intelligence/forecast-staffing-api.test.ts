/**
 * The planner's API on ten weeks of a demo office's history (ingested through the real
 * path): the arrivals forecast per local hour and service, and the staffing plan with its
 * what-if. Head office's "now" is Tuesday 2026-12-01, 15:00 in Bogotá.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { ForecastResponse, StaffingResponse } from '@turnero/contract/intelligence';
import { api } from '../hq/helpers';
import { startPlannerHq, type PlannerHq } from './forecast-history';

const NOW = new Date('2026-12-01T20:00:00Z');
const BOGOTA_HOURS = 5; // UTC = local + 5 h
let planner: PlannerHq;
let office: string;

const localHourOf = (iso: string) => (new Date(iso).getUTCHours() - BOGOTA_HOURS + 24) % 24;
const dayOf = (iso: string) => new Date(new Date(iso).getTime() - BOGOTA_HOURS * 3_600_000).toISOString().slice(0, 10);
const forecast = (from: string, to: string, token = planner.adminToken, code = office) =>
  api(planner.hq.url, 'GET', `/api/v1/hq/offices/${code}/forecast?from=${from}&to=${to}`, { token });
const staffing = (body: unknown, token = planner.adminToken, code = office) =>
  api(planner.hq.url, 'POST', `/api/v1/hq/offices/${code}/staffing`, { token, body });

beforeAll(async () => {
  planner = await startPlannerHq({ now: NOW, offices: 1, days: 70, trafficScale: 0.6 });
  office = planner.demo.offices[0].code;
}, 300_000);
afterAll(async () => planner?.stop());

describe('GET /hq/offices/:code/forecast', () => {
  test('a coming week: every hour in opening hours, nothing on the Immaculate Conception holiday or on Sunday, Monday above Thursday above Saturday', async () => {
    const r = await forecast('2026-12-07', '2026-12-13');
    assert.equal(r.status, 200, r.text);
    const body = ForecastResponse.parse(r.body);
    assert.ok(body.hours.length > 100, `${body.hours.length} hours`);
    const byDay = new Map<string, number>();
    for (const h of body.hours) {
      assert.ok(h.arrivals > 0);
      assert.ok(localHourOf(h.start) >= 7 && localHourOf(h.start) <= 16, `${h.start} outside opening hours`);
      assert.equal(new Date(h.start).getUTCMinutes(), 0);
      byDay.set(dayOf(h.start), (byDay.get(dayOf(h.start)) ?? 0) + h.arrivals);
    }
    assert.equal(byDay.get('2026-12-08'), undefined, 'closed on 8 December, a public holiday');
    assert.equal(byDay.get('2026-12-13'), undefined, 'closed on Sunday');
    assert.ok(byDay.get('2026-12-07')! > byDay.get('2026-12-10')!, `Monday ${byDay.get('2026-12-07')} vs Thursday ${byDay.get('2026-12-10')}`);
    assert.ok(byDay.get('2026-12-12')! < byDay.get('2026-12-10')! / 2, `Saturday ${byDay.get('2026-12-12')}`);
    assert.ok(byDay.get('2026-12-09')! > byDay.get('2026-12-10')!, 'the day after the holiday gets the customers who could not come');
    assert.deepEqual(new Set(body.hours.map((h) => h.serviceCode)), new Set(planner.demo.offices[0].services.map((s) => s.code)));
  });

  test('a past week is forecast from the weeks before it only, and lands near what came', async () => {
    const r = await forecast('2026-11-23', '2026-11-28');
    assert.equal(r.status, 200, r.text);
    const actual = await api(planner.hq.url, 'GET', `/api/v1/hq/offices/${office}/breakdown?from=2026-11-23&to=2026-11-28&by=day`, {
      token: planner.adminToken,
    });
    let error = 0;
    let total = 0;
    for (const row of actual.body.rows as { key: string; issued: number }[]) {
      const predicted = (r.body as ForecastResponse).hours.filter((h) => dayOf(h.start) === row.key).reduce((a, h) => a + h.arrivals, 0);
      error += Math.abs(predicted - row.issued);
      total += row.issued;
    }
    assert.ok(total > 500, `only ${total} arrivals that week`);
    assert.ok(error / total < 0.2, `daily WAPE ${(error / total).toFixed(3)}`);
  });

  test("managers see their company's offices only; an office with no history forecasts nothing", async () => {
    assert.equal((await forecast('2026-12-07', '2026-12-07', planner.managerToken)).status, 200);
    const created = await api(planner.hq.url, 'POST', '/api/v1/hq/offices', {
      token: planner.adminToken,
      body: { code: 'CHEC-NEW', name: 'Nueva', company: 'CHEC', timeZone: 'America/Bogota' },
    });
    assert.equal(created.status, 201);
    const other = await forecast('2026-12-07', '2026-12-07', planner.managerToken, 'CHEC-NEW');
    assert.equal(other.status, 404);
    assert.equal(other.body.error.code, 'not_found');
    assert.equal((await staffing({ date: '2026-12-07' }, planner.managerToken, 'CHEC-NEW')).status, 404);
    const empty = await forecast('2026-12-07', '2026-12-07', planner.adminToken, 'CHEC-NEW');
    assert.deepEqual(empty.body, { hours: [] });
    assert.equal((await forecast('2026-12-07', '2026-12-07', '')).status, 401);
  });

  test('bad ranges and days are refused with 400 validation_failed', async () => {
    for (const [from, to] of [
      ['2026-12-09', '2026-12-07'],
      ['2026-12-01', '2027-02-01'],
      ['2026-02-30', '2026-03-01'],
      ['hoy', '2026-12-01'],
    ]) {
      const r = await forecast(from, to);
      assert.equal(r.status, 400, `${from}..${to}`);
      assert.equal(r.body.error.code, 'validation_failed');
    }
  });
});

describe('POST /hq/offices/:code/staffing', () => {
  let plan: StaffingResponse;
  let peak: number;

  beforeAll(async () => {
    const r = await staffing({ date: '2026-12-02' });
    assert.equal(r.status, 200, r.text);
    plan = StaffingResponse.parse(r.body);
    peak = plan.hours.reduce((best, h, i) => (h.countersNeeded > plan.hours[best].countersNeeded ? i : best), 0);
  });

  test('every local hour of the day, in order; closed hours need nobody, open hours meet the target share', () => {
    assert.equal(plan.hours.length, 24);
    assert.equal(plan.hours[0].start, '2026-12-02T05:00:00.000Z');
    plan.hours.forEach((h, i) => assert.equal(Date.parse(h.start), Date.parse(plan.hours[0].start) + i * 3_600_000));
    assert.equal(plan.targetShare, 0.8);
    for (const h of plan.hours) {
      const hour = localHourOf(h.start);
      if (hour < 7 || hour > 16) {
        assert.deepEqual([h.countersNeeded, h.arrivals, h.withinTargetShare], [0, 0, 1], `${hour}:00`);
        continue;
      }
      assert.ok(h.countersNeeded >= 1 && h.countersNeeded <= 15, `${hour}:00 needs ${h.countersNeeded}`);
      assert.equal(h.counters, h.countersNeeded);
      assert.ok(h.withinTargetShare >= 0.8, `${hour}:00 share ${h.withinTargetShare}`);
      assert.ok(h.waitP90Minutes >= h.waitP50Minutes);
    }
    assert.ok(plan.hours[peak].countersNeeded >= 2);
  });

  test('what-if: one counter fewer at the peak misses the target there and nowhere else changes', async () => {
    const hour = localHourOf(plan.hours[peak].start);
    const r = await staffing({ date: '2026-12-02', countersByHour: { [String(hour)]: plan.hours[peak].countersNeeded - 1 } });
    assert.equal(r.status, 200, r.text);
    const whatIf = StaffingResponse.parse(r.body);
    const at = whatIf.hours[peak];
    assert.equal(at.counters, plan.hours[peak].countersNeeded - 1);
    assert.equal(at.countersNeeded, plan.hours[peak].countersNeeded);
    assert.ok(at.withinTargetShare < plan.hours[peak].withinTargetShare, 'fewer within target');
    assert.ok(at.waitP90Minutes > plan.hours[peak].waitP90Minutes, 'longer p90');
    whatIf.hours.forEach((h, i) => {
      if (i !== peak) assert.deepEqual(h, plan.hours[i]);
    });
  });

  test('what-if with nobody at the counters: waits reach the horizon, nobody within target', async () => {
    const r = await staffing({ date: '2026-12-02', countersByHour: new Array(24).fill(0) });
    const whatIf = StaffingResponse.parse(r.body);
    const open = whatIf.hours.filter((h) => h.arrivals > 0);
    assert.ok(open.length >= 8);
    for (const h of open) assert.deepEqual([h.waitP50Minutes, h.withinTargetShare], [whatIf.waitHorizonMinutes, 0]);
  });

  test('a higher target share needs at least as many counters every hour, and more in some', async () => {
    const strict = StaffingResponse.parse((await staffing({ date: '2026-12-02', targetShare: 0.95 })).body);
    strict.hours.forEach((h, i) => assert.ok(h.countersNeeded >= plan.hours[i].countersNeeded));
    assert.ok(strict.hours.some((h, i) => h.countersNeeded > plan.hours[i].countersNeeded));
  });

  test('a manager of the company may plan; bad bodies are refused with 400 and nothing is planned', async () => {
    assert.equal((await staffing({ date: '2026-12-02' }, planner.managerToken)).status, 200);
    for (const body of [
      {},
      { date: '2026-12-32' },
      { date: '2026-12-02', countersByHour: new Array(23).fill(1) },
      { date: '2026-12-02', countersByHour: { '9': -1 } },
      { date: '2026-12-02', countersByHour: { '24': 1 } },
      { date: '2026-12-02', targetShare: 1.5 },
    ]) {
      const r = await staffing(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.error.code, 'validation_failed');
    }
  });
});
