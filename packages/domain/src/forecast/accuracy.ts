/**
 * How good a forecast is: the weighted absolute percentage error over hour × service cells,
 * and the baseline every forecast must beat, the seasonal naive one (the same hour of the
 * same weekday last week).
 */
import { addDays } from '../local-day';
import type { HourCount } from './forecast';

const cellKey = (day: string, hour: number, service: string) => `${day}|${hour}|${service}`;

/** Arrivals per (day, hour, service) cell, summed. */
export function cellsOf(rows: readonly HourCount[]): Map<string, number> {
  const cells = new Map<string, number>();
  for (const r of rows) {
    const key = cellKey(r.day, r.hour, r.serviceCode);
    cells.set(key, (cells.get(key) ?? 0) + r.arrivals);
  }
  return cells;
}

/**
 * WAPE = Σ|forecast − actual| / Σ actual over every cell either side has (a cell only one
 * side has counts its whole value as error). NaN when nothing actually arrived.
 */
export function wape(actual: readonly HourCount[], forecast: readonly HourCount[]): number {
  const a = cellsOf(actual);
  const f = cellsOf(forecast);
  let error = 0;
  let total = 0;
  for (const [key, value] of a) {
    error += Math.abs((f.get(key) ?? 0) - value);
    total += value;
  }
  for (const [key, value] of f) if (!a.has(key)) error += Math.abs(value);
  return total > 0 ? error / total : Number.NaN;
}

/** Seasonal naive: each of `day`'s cells is what arrived in the same cell seven days before. */
export function seasonalNaiveDay(history: readonly HourCount[], day: string): HourCount[] {
  const weekBefore = addDays(day, -7);
  return history.filter((r) => r.day === weekBefore).map((r) => ({ ...r, day }));
}
