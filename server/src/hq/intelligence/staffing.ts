/**
 * POST /hq/offices/:code/staffing: counters needed per office-local hour of a day to meet
 * every service's target wait at the target share (Erlang A on the forecast arrivals and
 * the office's learned service times and patience), and the what-if: the waits and share
 * within target at counters the manager sets.
 */
import type { StaffingBody, StaffingResponse } from '@turnero/contract/intelligence';
import { countersNeeded, hourOutlook, WAIT_HORIZON_MINUTES, type HourDemand } from '@turnero/domain/queueing/staffing';
import type { Sql } from '../db';
import type { Viewer } from '../reports/scope';
import { hoursOfLocalDay } from './day-hours';
import { round } from './forecast';
import { parametersOf, planningInputs, type PlanningInputs } from './inputs';

/** The what-if's counters per local hour, whichever of its two shapes it came in. */
function counterOverrides(body: StaffingBody): Map<number, number> {
  const given = body.countersByHour;
  if (!given) return new Map();
  if (Array.isArray(given)) return new Map(given.map((n, hour) => [hour, n]));
  return new Map(Object.entries(given).map(([hour, n]) => [Number(hour), n]));
}

function demandByHour(inputs: PlanningInputs, day: string): Map<number, HourDemand> {
  const byHour = new Map<number, HourDemand>();
  for (const r of inputs.model.forecastDay(day)) {
    const demand = byHour.get(r.hour) ?? { services: [], meanPatienceMinutes: inputs.meanPatienceMinutes };
    demand.services.push({ arrivals: r.arrivals, ...parametersOf(inputs, r.serviceCode) });
    byHour.set(r.hour, demand);
  }
  return byHour;
}

export async function officeStaffing(sql: Sql, viewer: Viewer, code: string, body: StaffingBody, now: Date): Promise<StaffingResponse> {
  const inputs = await planningInputs(sql, viewer, code, body.date, body.date, now);
  const demand = demandByHour(inputs, body.date);
  const overrides = counterOverrides(body);
  const empty: HourDemand = { services: [], meanPatienceMinutes: inputs.meanPatienceMinutes };

  const hours = hoursOfLocalDay(body.date, inputs.timeZone).map(({ hour, start }) => {
    const d = demand.get(hour) ?? empty;
    const needed = countersNeeded(d, body.targetShare);
    const outlook = hourOutlook(d, overrides.get(hour) ?? needed);
    return {
      start: start.toISOString(),
      countersNeeded: needed,
      counters: outlook.counters,
      arrivals: round(d.services.reduce((a, s) => a + s.arrivals, 0), 2),
      waitP50Minutes: round(outlook.waitP50Minutes, 1),
      waitP90Minutes: round(outlook.waitP90Minutes, 1),
      withinTargetShare: round(Math.min(1, Math.max(0, outlook.withinTargetShare)), 3),
    };
  });
  return { hours, waitHorizonMinutes: WAIT_HORIZON_MINUTES, targetShare: body.targetShare };
}
