/**
 * The planner's rows: one per office-local hour the office is expected to be busy (or has
 * counters set, or had arrivals), joining the plan at the counters needed, the what-if,
 * the forecast and what really came, all keyed by the hour's start instant.
 */
import type { ForecastResponse, StaffingResponse } from '@turnero/contract/intelligence';

export interface PlannerHour {
  /** Office-local hour, 0-23. */
  hour: number;
  forecast: number;
  /** Tickets issued in that hour, null when none was recorded (a day to come). */
  arrived: number | null;
  needed: number;
  /** Counters the waits are for: the what-if's, else the needed ones. */
  counters: number;
  waitP50Minutes: number;
  waitP90Minutes: number;
  share: number;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** The office-local hour an instant falls in. */
export function localHourOf(iso: string, timeZone: string): number {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, f);
  }
  return Number(f.format(new Date(iso)));
}

export function hourRowsOf(
  needed: StaffingResponse,
  whatIf: StaffingResponse | null,
  forecast: ForecastResponse | null,
  arrived: ReadonlyMap<number, number>,
  timeZone: string,
  edits: ReadonlyMap<number, number>,
): PlannerHour[] {
  const forecastAt = new Map<string, number>();
  for (const h of forecast?.hours ?? []) forecastAt.set(h.start, (forecastAt.get(h.start) ?? 0) + h.arrivals);
  const shown = whatIf ?? needed;
  return needed.hours
    .map((h, i) => {
      const hour = localHourOf(h.start, timeZone);
      const plan = shown.hours[i] ?? h;
      return {
        hour,
        forecast: forecastAt.get(h.start) ?? h.arrivals,
        arrived: arrived.get(hour) ?? (arrived.size > 0 ? 0 : null),
        needed: h.countersNeeded,
        counters: plan.counters,
        waitP50Minutes: plan.waitP50Minutes,
        waitP90Minutes: plan.waitP90Minutes,
        share: plan.withinTargetShare,
      };
    })
    .filter((r) => r.forecast > 0 || r.needed > 0 || (r.arrived ?? 0) > 0 || edits.has(r.hour));
}
