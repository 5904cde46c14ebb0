/**
 * The days an office's customers stay away for a public holiday, past and future: its
 * country's public holidays (date-holidays; Colombia's when its settings name none, since
 * people keep their holidays whether or not the office's hours say so), plus the dates an
 * admin added, minus the ones the office works. config/holidays.ts resolves the same
 * calendar forwards only, for publishing; the forecast also needs the history's.
 */
import Holidays from 'date-holidays';
import type { ConfigSettings } from '@turnero/contract/hq-link';
import { DEFAULT_HOLIDAY_COUNTRY } from '../config/holidays';

/** A country's public holidays of a year: building them costs milliseconds, and every plan asks. */
const byCountryYear = new Map<string, string[]>();
const CACHE_MAX = 256;

function publicHolidays(country: string, year: number): string[] {
  const key = `${country}|${year}`;
  let days = byCountryYear.get(key);
  if (!days) {
    if (byCountryYear.size >= CACHE_MAX) byCountryYear.clear();
    days = new Holidays(country)
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10));
    byCountryYear.set(key, days);
  }
  return days;
}

export function officeHolidays(settings: ConfigSettings, from: string, to: string): Set<string> {
  const country = settings.holidayCountry ?? DEFAULT_HOLIDAY_COUNTRY;
  const worked = new Set(settings.holidaysWorked ?? []);
  const days = new Set<string>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const day of publicHolidays(country, year)) if (day >= from && day <= to && !worked.has(day)) days.add(day);
  }
  for (const h of settings.holidays ?? []) if (h.date >= from && h.date <= to) days.add(h.date);
  return days;
}
