/**
 * The demo's calendar effects on arrivals, so the forecast has real patterns to learn:
 * offices close on their country's public holidays (date-holidays, by the office's time
 * zone), the next open day gets the customers who could not come, and each office's
 * traffic grows (or shrinks) slowly year on year.
 */
import Holidays from 'date-holidays';
import type { DemoOffice } from './offices';
import { Rng } from './prng';

const COUNTRY_OF_ZONE: Record<string, string> = {
  'America/Bogota': 'CO',
  'America/Panama': 'PA',
  'America/El_Salvador': 'SV',
  'America/Santiago': 'CL',
};
/** Customers who could not come on the holiday come on the next open day. */
export const AFTER_HOLIDAY_FACTOR = 1.3;
/** Growth per year is drawn per office in this range (log scale around the group's +8 %). */
const GROWTH_PER_YEAR = { min: -0.04, max: 0.2 };
/** The day every office's trend is anchored to (factor 1). */
const TREND_ORIGIN_MS = Date.UTC(2026, 0, 1);

const holidaysByCountryYear = new Map<string, Set<string>>();

export function isPublicHoliday(office: DemoOffice, day: string): boolean {
  const country = COUNTRY_OF_ZONE[office.timeZone] ?? 'CO';
  const key = `${country}|${day.slice(0, 4)}`;
  let days = holidaysByCountryYear.get(key);
  if (!days) {
    days = new Set(
      new Holidays(country)
        .getHolidays(Number(day.slice(0, 4)))
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByCountryYear.set(key, days);
  }
  return days.has(day);
}

/**
 * The office's slow trend on `day`: (1 + growth)^{years since 2026-01-01}, growth fixed per
 * office and seed; flat before that day, so simulations of earlier days keep their traffic.
 */
export function trendFactor(office: DemoOffice, day: string, seed: number | string): number {
  const growth = new Rng(`${seed}:${office.code}:trend`).between(GROWTH_PER_YEAR.min, GROWTH_PER_YEAR.max);
  const years = Math.max(0, Date.parse(`${day}T12:00:00Z`) - TREND_ORIGIN_MS) / (365.25 * 86_400_000);
  return Math.exp(Math.log1p(growth) * years);
}
