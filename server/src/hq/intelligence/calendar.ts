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

export function officeHolidays(settings: ConfigSettings, from: string, to: string): Set<string> {
  const calendar = new Holidays(settings.holidayCountry ?? DEFAULT_HOLIDAY_COUNTRY);
  const worked = new Set(settings.holidaysWorked ?? []);
  const days = new Set<string>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const h of calendar.getHolidays(year)) {
      const day = h.date.slice(0, 10);
      if (h.type === 'public' && day >= from && day <= to && !worked.has(day)) days.add(day);
    }
  }
  for (const h of settings.holidays ?? []) if (h.date >= from && h.date <= to) days.add(h.date);
  return days;
}
