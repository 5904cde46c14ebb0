import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { addDays } from '../local-day';
import { seasonalNaiveDay, wape } from './accuracy';
import { daysBetween, weekdayOf } from './days';
import { fitForecast, type HourCount } from './forecast';

/** A seeded generator (mulberry32) and Poisson draws, so the synthetic office is the same every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const poisson = (mean: number) => {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = next(); p > limit; p *= next()) k++;
    return k;
  };
  return { poisson };
}

const WEEKDAY = [0, 1.3, 1, 1, 0.95, 1.1, 0.5];
const HOURS = [0.6, 1.3, 1.5, 1.2, 1, 0.8, 0.8, 1.1, 1, 0.7]; // 07:00-16:00
const SERVICES = { A: 0.6, B: 0.4 };
const HOLIDAYS = new Set(['2026-08-07', '2026-08-17', '2026-10-12', '2026-11-02']);

/** What the synthetic office expects: weekday × hour, a payment peak on days 1-5, closed on holidays, growing 30 %/year. */
function expected(day: string, hour: number, service: keyof typeof SERVICES): number {
  if (HOLIDAYS.has(day)) return 0;
  const w = weekdayOf(day);
  const h = hour - 7;
  if (h < 0 || h >= HOURS.length || WEEKDAY[w] === 0) return 0;
  const dayOfMonth = Number(day.slice(8, 10));
  const billing = dayOfMonth <= 5 ? 1.4 : 1;
  const trend = Math.exp((Math.log(1.3) / 365) * (Date.parse(day) - Date.parse('2026-07-01')) / 86_400_000);
  return 16 * WEEKDAY[w] * billing * trend * HOURS[h] * SERVICES[service];
}

function simulate(from: string, to: string, seed = 7): HourCount[] {
  const { poisson } = rng(seed);
  const rows: HourCount[] = [];
  for (const day of daysBetween(from, to)) {
    for (let hour = 0; hour < 24; hour++) {
      for (const service of ['A', 'B'] as const) {
        const arrivals = poisson(expected(day, hour, service));
        if (arrivals > 0) rows.push({ day, hour, serviceCode: service, arrivals });
      }
    }
  }
  return rows;
}

const total = (rows: HourCount[]) => rows.reduce((a, r) => a + r.arrivals, 0);

describe('the arrivals forecast', () => {
  const history = simulate('2026-07-01', '2026-10-31');
  const model = fitForecast(history, { holidays: HOLIDAYS, lastDay: '2026-10-31' });

  it('knows the weekly cycle: Mondays busier than Wednesdays, Saturdays quieter, Sundays closed', () => {
    const monday = total(model.forecastDay('2026-11-09'));
    const wednesday = total(model.forecastDay('2026-11-11'));
    const saturday = total(model.forecastDay('2026-11-14'));
    assert.ok(monday > wednesday * 1.15, `Monday ${monday} vs Wednesday ${wednesday}`);
    assert.ok(saturday < wednesday * 0.7, `Saturday ${saturday}`);
    assert.deepEqual(model.forecastDay('2026-11-15'), []);
  });

  it('knows the hours: nothing before opening, the mid-morning peak above the first hour', () => {
    const rows = model.forecastDay('2026-11-11');
    const hourTotal = (h: number) => total(rows.filter((r) => r.hour === h));
    assert.equal(hourTotal(6), 0);
    assert.ok(hourTotal(9) > hourTotal(7) * 2, `09:00 ${hourTotal(9)} vs 07:00 ${hourTotal(7)}`);
    assert.deepEqual(model.services, ['A', 'B']);
  });

  it('knows the billing cycle: the first days of the month above the middle of it, weekday for weekday', () => {
    const thursdayThe3rd = total(model.forecastDay('2026-12-03'));
    const thursdayThe10th = total(model.forecastDay('2026-12-10'));
    assert.ok(thursdayThe3rd > thursdayThe10th * 1.2, `3rd ${thursdayThe3rd} vs 10th ${thursdayThe10th}`);
  });

  it('closes on a holiday of the calendar, even a future one it never saw', () => {
    assert.deepEqual(model.forecastDay('2026-11-02'), []);
    const withNewHoliday = fitForecast(history, { holidays: new Set([...HOLIDAYS, '2026-11-16']), lastDay: '2026-10-31' });
    assert.deepEqual(withNewHoliday.forecastDay('2026-11-16'), []);
  });

  it('follows the trend: an ordinary Wednesday in November expects more than one in July', () => {
    const july = fitForecast(history, { holidays: HOLIDAYS }).forecastDay('2026-07-15');
    const november = model.forecastDay('2026-11-18');
    assert.ok(total(november) > total(july) * 1.04, `November ${total(november)} vs July ${total(july)}`);
  });

  it('beats the seasonal naive forecast on held-out weeks, one of them after a holiday week', () => {
    const all = simulate('2026-07-01', '2026-12-31', 11);
    let ours = 0;
    let naive = 0;
    for (const weekStart of ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']) {
      const train = all.filter((r) => r.day < weekStart);
      const fitted = fitForecast(train, { holidays: HOLIDAYS, lastDay: addDays(weekStart, -1) });
      const week = daysBetween(weekStart, addDays(weekStart, 6));
      const actual = all.filter((r) => week.includes(r.day));
      ours += wape(actual, week.flatMap((d) => fitted.forecastDay(d)));
      naive += wape(actual, week.flatMap((d) => seasonalNaiveDay(train, d)));
    }
    assert.ok(ours < naive * 0.85, `WAPE ${ours / 4} vs seasonal naive ${naive / 4}`);
  });

  it('with no history forecasts nothing, and WAPE counts a forecast where nothing came as error', () => {
    assert.deepEqual(fitForecast([], { holidays: new Set() }).forecastDay('2026-11-11'), []);
    const actual = [{ day: '2026-11-11', hour: 9, serviceCode: 'A', arrivals: 10 }];
    assert.equal(wape(actual, actual), 0);
    assert.equal(wape(actual, [...actual, { day: '2026-11-11', hour: 10, serviceCode: 'A', arrivals: 5 }]), 0.5);
    assert.ok(Number.isNaN(wape([], actual)));
  });
});
