import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { StaffingResponse } from '@turnero/contract/intelligence';
import { hourRowsOf, localHourOf } from './hq-planner-hours';

/** A plan for Wednesday 2026-12-02 in Bogotá (UTC-5): open 07:00-09:00 local. */
function plan(counters: (n: number) => number): StaffingResponse {
  return {
    targetShare: 0.8,
    waitHorizonMinutes: 240,
    hours: Array.from({ length: 24 }, (_, hour) => {
      const open = hour >= 7 && hour <= 8;
      return {
        start: new Date(Date.UTC(2026, 11, 2, hour + 5)).toISOString(),
        countersNeeded: open ? 3 : 0,
        counters: open ? counters(3) : 0,
        arrivals: open ? 20 : 0,
        waitP50Minutes: open ? 1 : 0,
        waitP90Minutes: open ? 8 : 0,
        withinTargetShare: open ? 0.9 : 1,
      };
    }),
  };
}

describe("the planner's hour rows", () => {
  it('reads local hours in the office zone, not the browser one', () => {
    assert.equal(localHourOf('2026-12-02T12:00:00.000Z', 'America/Bogota'), 7);
    assert.equal(localHourOf('2026-12-02T12:00:00.000Z', 'America/Santiago'), 9);
  });

  it('shows only the hours someone is expected, with the forecast per hour summed over services', () => {
    const needed = plan((n) => n);
    const forecast = {
      hours: [
        { start: needed.hours[7].start, serviceCode: 'A', arrivals: 12 },
        { start: needed.hours[7].start, serviceCode: 'B', arrivals: 6.5 },
      ],
    };
    const rows = hourRowsOf(needed, null, forecast, new Map(), 'America/Bogota', new Map());
    assert.deepEqual(rows.map((r) => r.hour), [7, 8]);
    assert.equal(rows[0].forecast, 18.5);
    assert.equal(rows[1].forecast, 20, 'an hour the forecast list lacks falls back to the plan');
    assert.equal(rows[0].arrived, null, 'a day to come has no actual arrivals');
  });

  it("shows the what-if's counters and waits beside the counters needed, and an edited closed hour too", () => {
    const needed = plan((n) => n);
    const whatIf = plan((n) => n - 1);
    whatIf.hours[7] = { ...whatIf.hours[7], waitP90Minutes: 25, withinTargetShare: 0.6 };
    const rows = hourRowsOf(needed, whatIf, null, new Map([[7, 30]]), 'America/Bogota', new Map([[18, 2]]));
    assert.deepEqual(rows.map((r) => r.hour), [7, 8, 18]);
    assert.deepEqual([rows[0].needed, rows[0].counters, rows[0].waitP90Minutes, rows[0].share], [3, 2, 25, 0.6]);
    assert.equal(rows[0].arrived, 30);
    assert.equal(rows[1].arrived, 0, 'on a day with records an hour without any had nobody');
  });
});
