/**
 * Forecast accuracy on held-out weeks of `npm run hq:demo` data (issue 15): the demo's own
 * generator (server/src/demo, the traffic hq:demo sends) simulates offices for 30 weeks; for
 * each of the last 4 weeks the forecast learns from the 26 weeks before it (rolling origin,
 * as the API does: history up to the day before, the office's holiday calendar) and is
 * compared with what arrived, beside the seasonal-naive forecast (same hour last week).
 * WAPE = Σ|forecast − actual| / Σ actual, at three levels: hour × service (what the planner
 * uses), hour, and day.
 *
 *   npx tsx bench/intelligence/forecast.ts [offices=12]
 */
import { seasonalNaiveDay, wape } from '@turnero/domain/forecast/accuracy';
import { daysBetween } from '@turnero/domain/forecast/days';
import { fitForecast, type HourCount } from '@turnero/domain/forecast/forecast';
import { addDays, localHour } from '@turnero/domain/local-day';
import { buildDemoOffices } from '../../server/src/demo/offices';
import { simulateOfficeDay } from '../../server/src/demo/simulate';
import { officeHolidays } from '../../server/src/hq/intelligence/calendar';
import { runIfMain } from '../measure';

const SEED = 'turnero';
/** Mondays starting the held-out weeks: they hold a billing-cycle peak and two Colombian holidays (2 and 16 November). */
const HELD_OUT_WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
const HISTORY_DAYS = 26 * 7;

/** Arrivals per local day, hour and service of one demo office, from its issued tickets. */
function demoHistory(office: ReturnType<typeof buildDemoOffices>[number], days: string[]): HourCount[] {
  const cells = new Map<string, HourCount>();
  for (const day of days) {
    for (const e of simulateOfficeDay(office, day, { seed: SEED })) {
      if (e.fact.kind !== 'ticket' || e.fact.event !== 'issued') continue;
      const hour = localHour(new Date(e.at), office.timeZone);
      const key = `${day}|${hour}|${e.fact.serviceCode}`;
      const cell = cells.get(key) ?? { day, hour, serviceCode: e.fact.serviceCode, arrivals: 0 };
      cell.arrivals += 1;
      cells.set(key, cell);
    }
  }
  return [...cells.values()];
}

/** One office's cells at a level: per hour and service as they are, per hour (services pooled), or per day. */
function atLevel(rows: HourCount[], level: Level, officeCode: string): HourCount[] {
  if (level === 'hour × service') return rows.map((r) => ({ ...r, serviceCode: `${officeCode}/${r.serviceCode}` }));
  return rows.map((r) => ({ ...r, serviceCode: officeCode, hour: level === 'day' ? 0 : r.hour }));
}

const LEVELS = ['hour × service', 'hour', 'day'] as const;
type Level = (typeof LEVELS)[number];
/**
 * Also per hour and service on ordinary days only: neither the day, the day before, nor
 * the same weekday a week before was a holiday. The naive forecast cannot know holidays;
 * this row shows the gain that does not come from the calendar.
 */
const ORDINARY = 'hour × service, ordinary days';

export async function run(officeCount = 12): Promise<Record<string, number>> {
  // Every eleventh office of the group's 151: large, medium and small, three time zones' worth.
  const offices = buildDemoOffices(151, SEED).filter((_, i) => i % Math.max(1, Math.floor(151 / officeCount)) === 0).slice(0, officeCount);
  const first = addDays(HELD_OUT_WEEKS[0], -HISTORY_DAYS);
  const last = addDays(HELD_OUT_WEEKS[HELD_OUT_WEEKS.length - 1], 6);
  const sums = Object.fromEntries(
    [...LEVELS, ORDINARY].map((l) => [l, { actual: [] as HourCount[], ours: [] as HourCount[], naive: [] as HourCount[] }]),
  );
  const started = performance.now();
  let fits = 0;

  for (const office of offices) {
    const history = demoHistory(office, daysBetween(first, last));
    const holidays = officeHolidays({}, first, last);
    for (const week of HELD_OUT_WEEKS) {
      const train = history.filter((r) => r.day < week && r.day >= addDays(week, -HISTORY_DAYS));
      const model = fitForecast(train, { holidays, lastDay: addDays(week, -1) });
      fits += 1;
      const days = daysBetween(week, addDays(week, 6));
      const actual = history.filter((r) => days.includes(r.day));
      const ours = days.flatMap((d) => model.forecastDay(d));
      const naive = days.flatMap((d) => seasonalNaiveDay(train, d));
      for (const level of LEVELS) {
        sums[level].actual.push(...atLevel(actual, level, office.code));
        sums[level].ours.push(...atLevel(ours, level, office.code));
        sums[level].naive.push(...atLevel(naive, level, office.code));
      }
      const ordinary = (r: HourCount) => ![r.day, addDays(r.day, -1), addDays(r.day, -7)].some((d) => holidays.has(d));
      sums[ORDINARY].actual.push(...atLevel(actual.filter(ordinary), 'hour × service', office.code));
      sums[ORDINARY].ours.push(...atLevel(ours.filter(ordinary), 'hour × service', office.code));
      sums[ORDINARY].naive.push(...atLevel(naive.filter(ordinary), 'hour × service', office.code));
    }
  }
  const fitMs = (performance.now() - started) / fits;

  const figures: Record<string, number> = {};
  const rows: string[][] = [];
  for (const level of [...LEVELS, ORDINARY]) {
    const s = sums[level];
    const ours = wape(s.actual, s.ours);
    const naive = wape(s.actual, s.naive);
    rows.push([level, pct(ours), pct(naive), (ours / naive).toFixed(2)]);
    const key = level.replace(' × ', '_x_').replace(', ordinary days', '_ordinary_days');
    figures[`forecast_wape_${key}_pct`] = round1(ours * 100);
    figures[`naive_wape_${key}_pct`] = round1(naive * 100);
  }
  const arrivals = sums.day.actual.reduce((a, r) => a + r.arrivals, 0);
  console.log(
    `forecast accuracy, ${offices.length} demo offices x ${HELD_OUT_WEEKS.length} held-out weeks (${HELD_OUT_WEEKS[0]}..${last}), ${arrivals} arrivals; learns from ${HISTORY_DAYS / 7} weeks`,
  );
  table(['WAPE by', 'forecast', 'seasonal naive', 'ratio'], rows);
  console.log(`(simulating, fitting and forecasting: ${fitMs.toFixed(0)} ms per office-week)`);
  figures.held_out_arrivals = arrivals;
  return figures;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const round1 = (x: number) => Math.round(x * 10) / 10;

export function table(header: string[], rows: string[][]): void {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

runIfMain(import.meta.url, () => run(Number(process.argv[2] ?? 12)));
