/**
 * The holidays an office is published with: its country's public holidays for the next
 * 13 months (date-holidays), plus the dates an admin added, minus the ones the office
 * works. Head office resolves them so offices need no calendar library and work offline;
 * the list ends 13 months after the publish, so an admin republishes at least yearly.
 */
import Holidays from 'date-holidays';
import { HQ_ONLY_SETTINGS, type ConfigSettings, type Holiday, type PublishedSettings } from '@turnero/contract/hq-link';
import { AppError } from '@turnero/domain/errors';

export const DEFAULT_HOLIDAY_COUNTRY = 'CO';
const MONTHS_AHEAD = 13;
/** The settings whose presence makes head office own the office's calendar. */
const CALENDAR_SETTINGS = ['openingHours', 'holidays', 'holidayCountry', 'holidaysWorked'] as const;

const countries = new Set(Object.keys(new Holidays().getCountries()));

/** Refuses a country date-holidays has no calendar for (before anything is written). */
export function assertHolidayCountry(settings: ConfigSettings): void {
  const country = settings.holidayCountry;
  if (country && !countries.has(country)) {
    throw new AppError('validation_failed', `No public-holiday calendar for country ${country}`, { holidayCountry: country });
  }
}

/** What an office receives of its effective settings at `now`: the calendar resolved, head office's inputs left out. */
export function publishedSettings(settings: ConfigSettings, now: Date): PublishedSettings {
  const published: ConfigSettings = { ...settings };
  for (const key of HQ_ONLY_SETTINGS) delete published[key];
  if (!CALENDAR_SETTINGS.some((k) => settings[k] !== undefined)) return published;
  const country = settings.holidayCountry ?? DEFAULT_HOLIDAY_COUNTRY;
  const worked = new Set(settings.holidaysWorked ?? []);
  const byDate = new Map<string, string>();
  for (const h of countryHolidays(country, now)) if (!worked.has(h.date)) byDate.set(h.date, h.name);
  for (const h of settings.holidays ?? []) byDate.set(h.date, h.name);
  const holidays = [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
  return { ...published, holidayCountry: country, holidays };
}

/**
 * Computed once per country and day: a template publish to hundreds of offices of one
 * country must not rebuild the same calendar for each inside its transaction.
 */
const computed = new Map<string, Holiday[]>();
const COMPUTED_MAX = 64;

/** The country's public holidays from `now`'s day to 13 months later. */
export function countryHolidays(country: string, now: Date): Holiday[] {
  const key = `${country}|${now.toISOString().slice(0, 10)}`;
  let list = computed.get(key);
  if (!list) {
    if (computed.size >= COMPUTED_MAX) computed.clear();
    list = computeCountryHolidays(country, now);
    computed.set(key, list);
  }
  return list;
}

function computeCountryHolidays(country: string, now: Date): Holiday[] {
  const from = now.toISOString().slice(0, 10);
  const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MONTHS_AHEAD, now.getUTCDate())).toISOString().slice(0, 10);
  const calendar = new Holidays(country);
  const out: Holiday[] = [];
  for (let year = now.getUTCFullYear(); year <= Number(until.slice(0, 4)); year++) {
    for (const h of calendar.getHolidays(year)) {
      const date = h.date.slice(0, 10);
      if (h.type === 'public' && date >= from && date <= until && !out.some((o) => o.date === date)) out.push({ date, name: h.name.slice(0, 80) });
    }
  }
  return out;
}
