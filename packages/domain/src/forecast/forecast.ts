/**
 * Arrivals forecast for one office, per local day, hour and service, learned from its own
 * history of hourly arrival counts. A multiplicative model, each factor estimated from the
 * others' residuals (a few rounds of backfitting, ratios of sums so quiet hours do not
 * dominate):
 *
 *   arrivals(day, hour, service) = level · e^{trend·day} · weekday(day) · dayOfMonth(day)
 *                                  · calendar(day) · hourShare(weekday, hour) · serviceShare(hour, service)
 *
 * - weekday: the weekly cycle (Sundays closed, quieter Saturdays...);
 * - dayOfMonth: the billing cycle, smoothed over neighbouring days of the month (bills
 *   fall due on fixed days, so payment queues swell around them) and shrunk towards 1;
 * - calendar: public holidays (the office's calendar says which) and the day after one;
 * - trend: a log-linear growth over the history, bounded.
 * Pure: the caller passes the history, the holidays and the days to forecast.
 */
import { addDays } from '../local-day';
import { dayNumber, weekdayOf } from './days';

export interface HourCount {
  /** Office-local day, YYYY-MM-DD. */
  day: string;
  /** Office-local hour, 0-23. */
  hour: number;
  serviceCode: string;
  arrivals: number;
}

export interface ForecastOptions {
  /** Days the office is closed for a public holiday (its calendar), past and future. */
  holidays: ReadonlySet<string>;
  /** The last day of history (inclusive): days after the last count up to it had no arrivals. */
  lastDay?: string;
}

export interface ForecastModel {
  readonly services: readonly string[];
  /** Expected arrivals per hour and service on `day` (only non-zero entries). */
  forecastDay(day: string): HourCount[];
}

const ROUNDS = 5;
/** The billing-cycle factor of a day of month pools the days this close to it (circular). */
const MONTH_WINDOW = 1;
/** Prior weight, in days of ordinary traffic, pulling thin factors towards 1. */
const SHRINK_DAYS = 3;
/** Prior weight, in arrivals, pulling an hour's service mix towards the office's overall mix. */
const SHRINK_ARRIVALS = 20;
/** Trend bounded to ±100 % a year: more than that in the history is noise, not growth. */
const MAX_TREND = Math.log(2) / 365;

interface DayRow {
  day: string;
  n: number;
  weekday: number;
  dayOfMonth: number;
  total: number;
  kind: 'ordinary' | 'holiday' | 'afterHoliday';
}

function dayKind(day: string, holidays: ReadonlySet<string>): DayRow['kind'] {
  if (holidays.has(day)) return 'holiday';
  return holidays.has(addDays(day, -1)) ? 'afterHoliday' : 'ordinary';
}

/** Circular distance between two days of the month (the 31st is next to the 1st). */
function monthDistance(a: number, b: number): number {
  const d = Math.abs(a - b);
  return Math.min(d, 31 - d);
}

export function fitForecast(history: readonly HourCount[], options: ForecastOptions): ForecastModel {
  const positive = history.filter((r) => r.arrivals > 0);
  if (positive.length === 0) return { services: [], forecastDay: () => [] };

  // Every calendar day of the history, with zero-arrival days (closed Sundays) included.
  const byDay = new Map<string, number>();
  for (const r of positive) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.arrivals);
  const sortedDays = [...byDay.keys()].sort();
  const first = sortedDays[0];
  const last = options.lastDay && options.lastDay > sortedDays[sortedDays.length - 1] ? options.lastDay : sortedDays[sortedDays.length - 1];
  const days: DayRow[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    days.push({
      day,
      n: dayNumber(day),
      weekday: weekdayOf(day),
      dayOfMonth: Number(day.slice(8, 10)),
      total: byDay.get(day) ?? 0,
      kind: dayKind(day, options.holidays),
    });
  }
  const ordinary = days.filter((d) => d.kind === 'ordinary');
  const origin = days[days.length - 1].n;

  let level = ordinary.reduce((a, d) => a + d.total, 0) / Math.max(1, ordinary.length);
  let trend = 0;
  let weekday = new Array<number>(7).fill(1);
  let month = new Array<number>(32).fill(1);
  const base = (d: DayRow) => level * Math.exp(trend * (d.n - origin));

  for (let round = 0; round < ROUNDS; round++) {
    // Weekly cycle: ratio of sums per weekday.
    const weekdayActual = new Array<number>(7).fill(0);
    const weekdayExpected = new Array<number>(7).fill(0);
    for (const d of ordinary) {
      weekdayActual[d.weekday] += d.total;
      weekdayExpected[d.weekday] += base(d) * month[d.dayOfMonth];
    }
    weekday = weekday.map((_, w) => (weekdayExpected[w] > 0 ? weekdayActual[w] / weekdayExpected[w] : 0));
    // Billing cycle: pooled over neighbouring days of the month, shrunk towards 1, mean 1.
    const prior = SHRINK_DAYS * level;
    const monthActual = new Array<number>(32).fill(0);
    const monthExpected = new Array<number>(32).fill(0);
    for (const d of ordinary) {
      monthActual[d.dayOfMonth] += d.total;
      monthExpected[d.dayOfMonth] += base(d) * weekday[d.weekday];
    }
    month = month.map((_, m) => {
      if (m === 0) return 1;
      let actual = 0;
      let expected = 0;
      for (let other = 1; other <= 31; other++) {
        if (monthDistance(other, m) > MONTH_WINDOW) continue;
        actual += monthActual[other];
        expected += monthExpected[other];
      }
      return (actual + prior) / (expected + prior);
    });
    const monthMean = month.slice(1).reduce((a, b) => a + b, 0) / 31;
    month = month.map((f) => f / monthMean);
    // Level and trend: weighted least squares of log(actual / seasonal) on the day number.
    const points = ordinary
      .map((d) => ({ x: d.n - origin, seasonal: weekday[d.weekday] * month[d.dayOfMonth], total: d.total }))
      .filter((p) => p.seasonal > 0 && p.total > 0);
    if (points.length >= 2) {
      const weightSum = points.reduce((a, p) => a + p.total, 0);
      const mx = points.reduce((a, p) => a + p.total * p.x, 0) / weightSum;
      const my = points.reduce((a, p) => a + p.total * Math.log(p.total / p.seasonal), 0) / weightSum;
      const sxx = points.reduce((a, p) => a + p.total * (p.x - mx) ** 2, 0);
      const sxy = points.reduce((a, p) => a + p.total * (p.x - mx) * (Math.log(p.total / p.seasonal) - my), 0);
      trend = sxx > 0 ? Math.max(-MAX_TREND, Math.min(MAX_TREND, sxy / sxx)) : 0;
      // Re-anchor the level so the fitted totals add up to the actual ones (logs bias it low).
      const fitted = points.reduce((a, p) => a + Math.exp(trend * p.x) * p.seasonal, 0);
      level = points.reduce((a, p) => a + p.total, 0) / fitted;
    }
  }

  const seasonal = (d: DayRow) => base(d) * weekday[d.weekday] * month[d.dayOfMonth];
  const calendarFactor = (kind: 'holiday' | 'afterHoliday', fallback: number) => {
    const own = days.filter((d) => d.kind === kind);
    const expected = own.reduce((a, d) => a + seasonal(d), 0);
    const actual = own.reduce((a, d) => a + d.total, 0);
    // With no such day in the history: a holiday is closed, the day after is ordinary.
    const prior = SHRINK_DAYS * level;
    return own.length === 0 ? fallback : (actual + prior * fallback) / (expected + prior);
  };
  const holidayFactor = calendarFactor('holiday', 0);
  const afterHolidayFactor = calendarFactor('afterHoliday', 1);

  // Shape of the day per weekday, and the service mix per hour, from ordinary days.
  const ordinaryDays = new Set(ordinary.map((d) => d.day));
  const hourShare = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const weekdayTotals = new Array<number>(7).fill(0);
  const hourService = Array.from({ length: 24 }, () => new Map<string, number>());
  const serviceTotals = new Map<string, number>();
  for (const r of positive) {
    if (!ordinaryDays.has(r.day) || r.hour < 0 || r.hour > 23) continue;
    const w = weekdayOf(r.day);
    hourShare[w][r.hour] += r.arrivals;
    weekdayTotals[w] += r.arrivals;
    hourService[r.hour].set(r.serviceCode, (hourService[r.hour].get(r.serviceCode) ?? 0) + r.arrivals);
    serviceTotals.set(r.serviceCode, (serviceTotals.get(r.serviceCode) ?? 0) + r.arrivals);
  }
  hourShare.forEach((hours, w) => hours.forEach((v, h) => (hours[h] = weekdayTotals[w] > 0 ? v / weekdayTotals[w] : 0)));
  const services = [...serviceTotals.keys()].sort();
  const allArrivals = [...serviceTotals.values()].reduce((a, b) => a + b, 0);
  const serviceShare = (hour: number, service: string) => {
    const inHour = [...hourService[hour].values()].reduce((a, b) => a + b, 0);
    const overall = (serviceTotals.get(service) ?? 0) / allArrivals;
    return ((hourService[hour].get(service) ?? 0) + SHRINK_ARRIVALS * overall) / (inHour + SHRINK_ARRIVALS);
  };

  return {
    services,
    forecastDay(day) {
      const row: DayRow = {
        day,
        n: dayNumber(day),
        weekday: weekdayOf(day),
        dayOfMonth: Number(day.slice(8, 10)),
        total: 0,
        kind: dayKind(day, options.holidays),
      };
      const calendar = row.kind === 'holiday' ? holidayFactor : row.kind === 'afterHoliday' ? afterHolidayFactor : 1;
      const total = seasonal(row) * calendar;
      const out: HourCount[] = [];
      if (!(total > 0)) return out;
      hourShare[row.weekday].forEach((share, hour) => {
        if (share <= 0) return;
        for (const serviceCode of services) {
          const arrivals = total * share * serviceShare(hour, serviceCode);
          if (arrivals > 0) out.push({ day, hour, serviceCode, arrivals });
        }
      });
      return out;
    },
  };
}
