/**
 * The office's local day, computed from an instant and an IANA time zone with `Intl`
 * only (the tz database shipped with Node's ICU). Nothing here reads the clock.
 *
 * Local days are not always 24 hours long and do not always start at 00:00: in
 * America/Santiago the day DST begins has no 00:00 (clocks jump from 24:00 to 01:00),
 * so that day starts at 01:00 and lasts 23 hours; the day DST ends lasts 25 hours.
 */
import { AppError } from './errors';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECOND = 1000;
const HOUR = 3600 * SECOND;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a DateTimeFormat is expensive compared with using one: keep one per zone.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new AppError('validation_failed', `Unknown time zone: "${timeZone}"`);
    }
    partsFormatters.set(timeZone, f);
  }
  return f;
}

function assertValidDate(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new AppError('validation_failed', 'Invalid date');
  }
}

function localParts(at: Date, timeZone: string): LocalParts {
  assertValidDate(at);
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    // Some ICU versions print midnight as 24 even with h23; normalise.
    hour: out.hour === 24 ? 0 : out.hour,
    minute: out.minute,
    second: out.second,
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** True when `tz` is a time zone this runtime's tz database knows (e.g. "America/Bogota"). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar day of `at` in `timeZone`, as `YYYY-MM-DD`. */
export function localDay(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Local hour of day (0-23) of `at` in `timeZone`. */
export function localHour(at: Date, timeZone: string): number {
  return localParts(at, timeZone).hour;
}

function parseDay(day: string): { year: number; month: number; day: number } {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new AppError('validation_failed', `Invalid day "${day}": expected YYYY-MM-DD`);
  const [year, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, d));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== d) {
    throw new AppError('validation_failed', `Invalid day "${day}": no such date`);
  }
  return { year, month, day: d };
}

/** `YYYY-MM-DD` of the calendar day after `day` (pure calendar arithmetic, no zone). */
export function addDays(day: string, days: number): string {
  const p = parseDay(day);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** UTC offset of `timeZone` at `at`, in milliseconds (local = utc + offset), to the second. */
export function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / SECOND) * SECOND;
}

/**
 * The first instant of local day `day` in `timeZone`. Usually local 00:00; when 00:00
 * does not exist (a DST jump at midnight) it is the first instant that does, e.g. 01:00.
 *
 * Fast path: local midnight shifted by the zone's offset, checked. Fallback (DST jumps
 * near midnight): a binary search, to the second, for the first instant whose local day
 * is `day` — local days only move forward, and every offset on Earth lies within ±15 h.
 */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const p = parseDay(day);
  partsFormatter(timeZone); // validates the zone with a clear error
  const midnightAsUtc = Date.UTC(p.year, p.month - 1, p.day);

  const isFirstInstant = (t: number): boolean =>
    localDay(new Date(t), timeZone) === day && localDay(new Date(t - SECOND), timeZone) < day;

  const guess = midnightAsUtc - offsetAt(new Date(midnightAsUtc), timeZone);
  const refined = midnightAsUtc - offsetAt(new Date(guess), timeZone);
  for (const t of [refined, guess]) if (isFirstInstant(t)) return new Date(t);

  let lo = midnightAsUtc - 15 * HOUR; // local day is before `day`
  let hi = midnightAsUtc + 15 * HOUR; // local day is `day` or later
  while (hi - lo > SECOND) {
    const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND;
    if (localDay(new Date(mid), timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The start of the local day after the one `at` falls in: when the office's day rolls over. */
export function nextLocalMidnight(at: Date, timeZone: string): Date {
  return startOfLocalDay(addDays(localDay(at, timeZone), 1), timeZone);
}

const labelFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Short local date and time for screens and tickets, e.g. "28/11/2026 14:05" (es-CO).
 * Other locales keep their own day/month order ("11/28/2026 14:05" for en-US); always 24 h.
 */
export function localTimeLabel(at: Date, timeZone: string, locale = 'es-CO'): string {
  assertValidDate(at);
  partsFormatter(timeZone);
  const key = `${locale}|${timeZone}`;
  let f = labelFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    labelFormatters.set(key, f);
  }
  // Intl puts ", " between date and time; screens want a plain space.
  return f.format(at).replace(/,\s*/, ' ');
}
