/** GET /hq/offices/:code/forecast: expected arrivals per office-local hour and service. */
import type { ForecastQuery, ForecastResponse } from '@turnero/contract/intelligence';
import { daysBetween } from '@turnero/domain/forecast/days';
import type { Sql } from '../db';
import type { Viewer } from '../reports/scope';
import { hoursOfLocalDay } from './day-hours';
import { planningInputs } from './inputs';

export async function officeForecast(sql: Sql, viewer: Viewer, code: string, q: ForecastQuery, now: Date): Promise<ForecastResponse> {
  const inputs = await planningInputs(sql, viewer, code, q.from, q.to, now);
  const hours: ForecastResponse['hours'] = [];
  for (const day of daysBetween(q.from, q.to)) {
    const starts = new Map<number, Date>();
    // On the night clocks go back an hour repeats: its arrivals are counted under its first start.
    for (const h of hoursOfLocalDay(day, inputs.timeZone)) if (!starts.has(h.hour)) starts.set(h.hour, h.start);
    for (const r of inputs.model.forecastDay(day)) {
      const start = starts.get(r.hour);
      if (start) hours.push({ start: start.toISOString(), serviceCode: r.serviceCode, arrivals: round(r.arrivals, 2) });
    }
  }
  hours.sort((a, b) => a.start.localeCompare(b.start) || a.serviceCode.localeCompare(b.serviceCode));
  return { hours };
}

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
