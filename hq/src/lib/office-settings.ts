/**
 * The office settings head office may own (ConfigSettings), as the editor's fields: a field
 * left empty stays the office's (it is left out of the body, so the office may change it);
 * one filled in is head office's, read-only at the office.
 *
 * The editor starts from the office's own settings (OfficeConfigResponse.ownSettings), never
 * from the published ones: those hold the country's resolved calendar, which saved back would
 * become dates an admin added and lose the days the office works.
 */
import type { ANNOUNCEMENT_LANGUAGES, ConfigSettings, Holiday, OfficeConfigResponse, OpenSpan } from '@turnero/contract/hq-link';

/** The contract's languages, typed against it (a value import would bring zod into the dashboard). */
const LANGUAGES: typeof ANNOUNCEMENT_LANGUAGES = ['es-CO', 'en'];

export type SettingKey = keyof ConfigSettings;

export interface SettingField {
  key: SettingKey;
  kind: 'text' | 'area' | 'number' | 'yesno' | 'choice';
  max?: number;
  choices?: readonly string[];
}

/** The one-value settings in the order the editor shows them, with how each is typed. */
export const SETTING_FIELDS: SettingField[] = [
  { key: 'ticker', kind: 'text', max: 280 },
  { key: 'ticketFooter', kind: 'text', max: 200 },
  { key: 'preferentialPerGeneral', kind: 'number', max: 20 },
  { key: 'overdueFirst', kind: 'yesno' },
  { key: 'consentPolicyVersion', kind: 'text', max: 32 },
  { key: 'kioskWelcomeEs', kind: 'text', max: 120 },
  { key: 'kioskWelcomeEn', kind: 'text', max: 120 },
  { key: 'consentTextEs', kind: 'area', max: 1000 },
  { key: 'consentTextEn', kind: 'area', max: 1000 },
  { key: 'announcementLanguage', kind: 'choice', choices: LANGUAGES },
  { key: 'announcementVoice', kind: 'text', max: 80 },
  { key: 'ticketLogo', kind: 'text', max: 48 },
  { key: 'holidayCountry', kind: 'text', max: 2 },
];

/** Field names of the calendar editors (the weekly hours, the added and the worked days). */
export const CALENDAR_FIELDS = {
  alwaysOpen: 'alwaysOpen',
  day: (weekday: number) => `hours-${weekday}`,
  holidays: 'holidays',
  holidaysWorked: 'holidaysWorked',
} as const;

/**
 * The settings to publish: the ones this editor does not show are kept as they are (the PUT
 * replaces them all), the ones it shows are taken from their fields. An empty field keeps a
 * null that was there (none / always open), so saving an untouched form changes nothing.
 * Values are not checked here: the server's 400 says what is wrong, in its words.
 */
export function settingsFromFields(current: ConfigSettings, field: (name: string) => string): ConfigSettings {
  const settings: Record<string, unknown> = { ...current };
  const put = (key: SettingKey, value: unknown) => {
    if (value !== undefined) settings[key] = value;
    else if (current[key] === null) settings[key] = null;
    else delete settings[key];
  };
  for (const { key, kind } of SETTING_FIELDS) {
    const text = field(key).trim();
    put(key, text === '' ? undefined : kind === 'number' ? Number(text) : kind === 'yesno' ? text === 'yes' : text);
  }
  put('openingHours', hoursFromFields(current, field));
  put('holidays', listOrNothing(holidaysFromText(field(CALENDAR_FIELDS.holidays))));
  put('holidaysWorked', listOrNothing(datesFromText(field(CALENDAR_FIELDS.holidaysWorked))));
  return settings as ConfigSettings;
}

/**
 * What the editor starts from: the office's own settings; from an older server without
 * them, the published ones less the resolved calendar (never saved back as added dates).
 */
export function editableSettings(config: Pick<OfficeConfigResponse, 'settings' | 'ownSettings'>): ConfigSettings {
  if (config.ownSettings) return config.ownSettings;
  const { holidays: _resolved, ...rest } = config.settings;
  return rest;
}

/** A setting's value as its field shows it ('' when the office owns it). */
export function fieldValue(settings: ConfigSettings, key: SettingKey): string {
  const value = settings[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'holidays') return holidaysText(value as Holiday[]);
  if (key === 'holidaysWorked') return (value as string[]).join('\n');
  return String(value);
}

/** One weekday's spans as typed: "08:00-12:00, 14:00-17:00" ('' closed, or no hours set). */
export function dayHoursText(settings: ConfigSettings, weekday: number): string {
  return (settings.openingHours?.[weekday] ?? []).map((s) => `${s.open}-${s.close}`).join(', ');
}

/** "08:00-12:00, 14:00-17:00" as spans; a malformed span goes as typed for the server to name. */
export function spansFromText(text: string): OpenSpan[] {
  return text
    .split(',')
    .map((span) => span.trim())
    .filter((span) => span !== '')
    .map((span) => {
      const [open = '', close = ''] = span.split('-').map((t) => t.trim());
      return { open, close };
    });
}

/** The holidays head office resolved and published that fall on `today` ("YYYY-MM-DD") or later. */
export function upcomingHolidays(published: ConfigSettings, today: string, count: number): Holiday[] {
  return (published.holidays ?? []).filter((h) => h.date >= today).slice(0, count);
}

/** Always open (null), a week of spans, or, with every day empty, the office's own hours. */
function hoursFromFields(current: ConfigSettings, field: (name: string) => string): ConfigSettings['openingHours'] | undefined {
  if (field(CALENDAR_FIELDS.alwaysOpen) === 'on') return null;
  const week = Array.from({ length: 7 }, (_, day) => spansFromText(field(CALENDAR_FIELDS.day(day))));
  if (week.some((spans) => spans.length > 0)) return week;
  // Every day empty: a week closed throughout was what head office held, or the office decides.
  return current.openingHours?.every((spans) => spans.length === 0) ? current.openingHours : undefined;
}

/** One added holiday per line: "2027-03-19 Fiesta local". */
function holidaysText(holidays: Holiday[]): string {
  return holidays.map((h) => `${h.date} ${h.name}`).join('\n');
}

function holidaysFromText(text: string): Holiday[] {
  return lines(text).map((line) => {
    const [date, ...name] = line.split(/\s+/);
    return { date, name: name.join(' ') };
  });
}

function datesFromText(text: string): string[] {
  return text.split(/[\s,]+/).filter((d) => d !== '');
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function listOrNothing<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
