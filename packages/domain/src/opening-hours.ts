/**
 * Whether an office issues tickets at an instant, by its weekly opening hours and its
 * holidays, in its own time zone; and when it opens next. Pure: the instant comes from the
 * caller's clock. An office without hours is always open (its behaviour before hours existed).
 */
import { addDays, localDay, offsetAt } from './local-day';

/** One span within a local day, "HH:MM" 24 h, `close` after `open`. */
export interface OpenSpan {
  open: string;
  close: string;
}

export interface OfficeCalendar {
  timeZone: string;
  /** Seven days, Sunday first; an empty day is closed. Null: always open. */
  hours: readonly (readonly OpenSpan[])[] | null;
  /** Local days (YYYY-MM-DD) the office is closed, with their names. */
  holidays: readonly { date: string; name: string }[];
}

export type Opening =
  | { open: true }
  | {
      open: false;
      /** The holiday's name when today is one. */
      holiday: string | null;
      /** When the office opens next (null: no opening in the coming year). */
      nextOpenAt: Date | null;
    };

/** How far ahead to look for the next opening: a year of holidays and closed weekdays. */
const LOOK_AHEAD_DAYS = 370;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Minutes since local midnight of `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const wall = new Date(at.getTime() + offsetAt(at, timeZone));
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

/** The instant of local wall time `hhmm` on `day` in `timeZone` (a time skipped by DST lands an hour off). */
export function localInstant(day: string, hhmm: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${hhmm}:00Z`);
  const guess = wall - offsetAt(new Date(wall), timeZone);
  return new Date(wall - offsetAt(new Date(guess), timeZone));
}

export function openingAt(at: Date, calendar: OfficeCalendar): Opening {
  const { hours, timeZone } = calendar;
  if (!hours) return { open: true };
  const closedOn = new Map(calendar.holidays.map((h) => [h.date, h.name]));
  const today = localDay(at, timeZone);
  const now = localMinutes(at, timeZone);
  const holiday = closedOn.get(today) ?? null;
  if (holiday === null && hours[weekday(today)].some((s) => minutesOf(s.open) <= now && now < minutesOf(s.close))) {
    return { open: true };
  }
  return { open: false, holiday, nextOpenAt: nextOpening(at, calendar, today, closedOn) };
}

function nextOpening(at: Date, { hours, timeZone }: OfficeCalendar, today: string, closedOn: Map<string, string>): Date | null {
  for (let d = 0; d <= LOOK_AHEAD_DAYS; d++) {
    const day = addDays(today, d);
    if (closedOn.has(day)) continue;
    for (const span of hours![weekday(day)]) {
      const opens = localInstant(day, span.open, timeZone);
      if (opens > at) return opens;
    }
  }
  return null;
}
