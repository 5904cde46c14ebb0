/**
 * What the planner learns from an office's history before it forecasts or plans: the
 * arrivals model (@turnero/domain/forecast) trained on the weeks before the asked days,
 * and per service its mean handling time, target wait and the customers' patience.
 */
import { fitForecast, type ForecastModel } from '@turnero/domain/forecast/forecast';
import { addDays, localDay } from '@turnero/domain/local-day';
import type { Sql } from '../db';
import { visibleOffice, type Viewer } from '../reports/scope';
import { effectiveSettings } from '../store/catalog-store';
import { arrivalRows, officeTimeZone, serviceHistoryRows } from '../store/intelligence-store';
import { officeHolidays } from './calendar';

/** Weeks of history the model learns from: enough for the billing cycle and a trend. */
const HISTORY_DAYS = 26 * 7;
/** Service times learned from the last weeks only (new staff, new procedures). */
const SERVICE_HISTORY_DAYS = 8 * 7;
/**
 * A counter is busy longer than the service itself: the customer walks up after the call
 * and the agent closes the case before calling again (seen in office traces: about a minute).
 */
const HANDLING_OVERHEAD_MINUTES = 1;
const DEFAULT_SERVICE_MINUTES = 5;
const DEFAULT_TARGET_MINUTES = 15;
/** Patience bounds (minutes): a few walkouts must not promise infinitely patient or instantly gone customers. */
const PATIENCE_MINUTES = { min: 5, max: 480 };

export interface ServiceParameters {
  meanServiceMinutes: number;
  targetWaitMinutes: number;
}

export interface PlanningInputs {
  officeId: number;
  timeZone: string;
  model: ForecastModel;
  services: Map<string, ServiceParameters>;
  meanPatienceMinutes: number;
}

/**
 * Learns from the history strictly before `firstDay` (and before today: today is not over),
 * so a past day's forecast can be held against what really came.
 */
export async function planningInputs(sql: Sql, viewer: Viewer, code: string, firstDay: string, lastDay: string, now: Date): Promise<PlanningInputs> {
  const office = await visibleOffice(sql, viewer, code);
  const timeZone = await officeTimeZone(sql, office.id);
  const yesterday = addDays(localDay(now, timeZone), -1);
  const historyEnd = addDays(firstDay, -1) < yesterday ? addDays(firstDay, -1) : yesterday;
  const historyStart = addDays(historyEnd, -HISTORY_DAYS + 1);

  const [history, serviceRows, settings] = await Promise.all([
    arrivalRows(sql, office.id, historyStart, historyEnd),
    serviceHistoryRows(sql, office.id, addDays(historyEnd, -SERVICE_HISTORY_DAYS + 1), historyEnd),
    effectiveSettings(sql, [office.id]),
  ]);
  const holidays = officeHolidays(settings.get(office.id) ?? {}, historyStart, lastDay > historyEnd ? lastDay : historyEnd);
  const model = fitForecast(history, { holidays, lastDay: historyEnd });

  const services = new Map<string, ServiceParameters>();
  let walkouts = 0;
  let waitExposure = 0;
  for (const r of serviceRows) {
    services.set(r.serviceCode, {
      meanServiceMinutes: (r.served > 0 ? r.serviceSeconds / r.served / 60 : DEFAULT_SERVICE_MINUTES) + HANDLING_OVERHEAD_MINUTES,
      targetWaitMinutes: r.targetWaitMinutes ?? DEFAULT_TARGET_MINUTES,
    });
    // Those who left waited too; count them at the mean wait of those called.
    walkouts += r.walkouts;
    waitExposure += r.waitSeconds / 60 + (r.waited > 0 ? (r.walkouts * r.waitSeconds) / r.waited / 60 : 0);
  }
  const patience = walkouts > 0 ? waitExposure / walkouts : PATIENCE_MINUTES.max;
  return {
    officeId: office.id,
    timeZone,
    model,
    services,
    meanPatienceMinutes: Math.min(PATIENCE_MINUTES.max, Math.max(PATIENCE_MINUTES.min, patience)),
  };
}

export function parametersOf(inputs: PlanningInputs, serviceCode: string): ServiceParameters {
  return (
    inputs.services.get(serviceCode) ?? {
      meanServiceMinutes: DEFAULT_SERVICE_MINUTES + HANDLING_OVERHEAD_MINUTES,
      targetWaitMinutes: DEFAULT_TARGET_MINUTES,
    }
  );
}
