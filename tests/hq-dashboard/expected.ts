/**
 * The figures the dashboard should show, computed straight from the simulated events
 * (independently of head office's aggregates): issued, served, within-target share, per
 * office, per service and per office-local hour of issue.
 */
import type { DemoOffice } from '../../server/src/demo/offices';
import { simulateOfficeDay } from '../../server/src/demo/simulate';
import { daysEndingWith, localDay, localMidnightUtc } from '../../server/src/demo/zoned-time';

export interface Tally {
  issued: number;
  served: number;
  waits: number;
  withinTarget: number;
}

export interface OfficeExpectation {
  total: Tally;
  byService: Map<string, Tally>;
  /** `${serviceCode}:${hour}` -> tally */
  byServiceHour: Map<string, Tally>;
}

const empty = (): Tally => ({ issued: 0, served: 0, waits: 0, withinTarget: 0 });

export function expectedFigures(office: DemoOffice, days: number, seed: string, now: number, trafficScale: number): OfficeExpectation {
  const result: OfficeExpectation = { total: empty(), byService: new Map(), byServiceHour: new Map() };
  const issued = new Map<string, { at: number; hour: number }>();
  for (const day of daysEndingWith(localDay(now, office.timeZone), days)) {
    const midnight = localMidnightUtc(day, office.timeZone);
    for (const e of simulateOfficeDay(office, day, { seed, endAt: now, trafficScale })) {
      if (e.fact.kind !== 'ticket') continue;
      const f = e.fact;
      if (f.event === 'issued') issued.set(f.ticketId, { at: e.at, hour: Math.floor((e.at - midnight) / 3_600_000) });
      const origin = issued.get(f.ticketId)!;
      const tallies = [
        result.total,
        getOr(result.byService, f.serviceCode),
        getOr(result.byServiceHour, `${f.serviceCode}:${origin.hour}`),
      ];
      for (const t of tallies) {
        if (f.event === 'issued') t.issued++;
        if (f.event === 'finished') t.served++;
        if (f.event === 'called') {
          t.waits++;
          if (Math.round((e.at - origin.at) / 1000) <= f.targetWaitMinutes * 60) t.withinTarget++;
        }
      }
    }
  }
  return result;
}

function getOr(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = empty()));
  return t;
}

/** The latest instant at or before `now` that is 11:00 in Bogotá on an office day (Mon-Sat). */
export function lastOfficeMorning(now: number): number {
  for (let back = 0; back < 4; back++) {
    const day = daysEndingWith(localDay(now, 'America/Bogota'), back + 1)[0];
    const at = localMidnightUtc(day, 'America/Bogota') + 11 * 3_600_000;
    if (at <= now && new Date(`${day}T00:00:00Z`).getUTCDay() !== 0) return at;
  }
  throw new Error('no office morning in the last days');
}
