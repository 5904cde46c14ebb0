/**
 * Head office's planning API (issue 15): the arrivals forecast of an office and the
 * staffing plan built on it. Times are ISO-8601 UTC instants of the office's local hours;
 * waits are minutes, shares 0..1.
 */
import { z } from 'zod';
import { IsoDay } from './calendar';

/** The longest range one forecast request may ask for, in days. */
export const FORECAST_MAX_DAYS = 62;
/** Counters per hour accepted by the what-if (an office is never larger). */
export const MAX_COUNTERS = 200;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** GET /api/v1/hq/offices/:code/forecast?from&to (office-local days, both included). */
export const ForecastQuery = z
  .object({ from: IsoDay, to: IsoDay })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) < FORECAST_MAX_DAYS, {
    message: `at most ${FORECAST_MAX_DAYS} days`,
    path: ['to'],
  });
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastHour = z.object({
  /** Start of the office-local hour (UTC instant). */
  start: z.string(),
  /** Catalogue code of the service, or its local code when not linked. */
  serviceCode: z.string(),
  /** Expected arrivals in that hour (a mean, not a whole number). */
  arrivals: z.number().nonnegative(),
});
export type ForecastHour = z.infer<typeof ForecastHour>;

/** Only hours and services where someone is expected. */
export const ForecastResponse = z.object({ hours: z.array(ForecastHour) });
export type ForecastResponse = z.infer<typeof ForecastResponse>;

const counters = z.number().int().min(0).max(MAX_COUNTERS);
/** A local hour, "0".."23" (or "09"). */
const localHourKey = z.string().regex(/^([01]?\d|2[0-3])$/, 'a local hour, 0-23');

/**
 * POST /api/v1/hq/offices/:code/staffing. Without `countersByHour`: the counters needed per
 * hour and the waits they give. With it (what-if): the waits those counters would give,
 * per office-local hour, either 24 numbers (index = hour) or `{"9": 3, "10": 4}`; hours
 * left out are planned at the counters needed.
 */
export const StaffingBody = z.object({
  date: IsoDay,
  countersByHour: z.union([z.array(counters).length(24), z.record(localHourKey, counters)]).optional(),
  /** Share of each service's customers to serve within its target wait (default 0.8). */
  targetShare: z.number().min(0.5).max(0.99).default(0.8),
});
export type StaffingBody = z.infer<typeof StaffingBody>;

export const StaffingHour = z.object({
  /** Start of the office-local hour (UTC instant). */
  start: z.string(),
  /** The fewest counters that meet every service's target wait at the target share. */
  countersNeeded: z.number().int().nonnegative(),
  /** The counters the waits below are for: the what-if's, else countersNeeded. */
  counters: z.number().int().nonnegative(),
  /** Expected arrivals in the hour, all services. */
  arrivals: z.number().nonnegative(),
  waitP50Minutes: z.number().nonnegative(),
  waitP90Minutes: z.number().nonnegative(),
  /** Share of the hour's customers offered a wait within their service's target. */
  withinTargetShare: z.number().min(0).max(1),
});
export type StaffingHour = z.infer<typeof StaffingHour>;

/** Every local hour of the day, in order (23 or 25 on a daylight-saving change). */
export const StaffingResponse = z.object({
  hours: z.array(StaffingHour),
  /** Waits are capped here: at or past it, the hour's plan has failed. */
  waitHorizonMinutes: z.number(),
  targetShare: z.number(),
});
export type StaffingResponse = z.infer<typeof StaffingResponse>;
