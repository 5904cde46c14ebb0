/**
 * The appointment slots of one office-local day: every `60 / slotsPerHour` minutes inside
 * each opening span (a slot must end by the span's close), none on holidays, none in the
 * past or beyond `weeksAhead`; each slot holds `counters` bookings office-wide (appointment
 * counters serve every service). Pure: the booked counts and the instant come in.
 */
import type { AppointmentSettings } from '@turnero/contract/portal';
import { addDays, localDay } from '@turnero/domain/local-day';
import { localInstant, type OfficeCalendar } from '@turnero/domain/opening-hours';

export interface SlotTime {
  start: Date;
  end: Date;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** An office without hours is always open: its slots cover the whole day. */
const ALL_DAY = [{ open: '00:00', close: '24:00' }];

/** The slot times of `day` (YYYY-MM-DD, office-local) that can still be booked at `now`. */
export function slotTimes(day: string, calendar: OfficeCalendar, settings: AppointmentSettings, now: Date): SlotTime[] {
  const today = localDay(now, calendar.timeZone);
  if (day < today || day > addDays(today, settings.weeksAhead * 7)) return [];
  if (calendar.holidays.some((h) => h.date === day)) return [];
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const spans = calendar.hours ? calendar.hours[weekday] : ALL_DAY;
  const step = 60 / settings.slotsPerHour;
  const out: SlotTime[] = [];
  for (const span of spans) {
    for (let m = minutesOf(span.open); m + step <= minutesOf(span.close); m += step) {
      const start = localInstant(day, hhmm(m), calendar.timeZone);
      // A wall time skipped by a DST jump lands on a neighbour's instant: offered once.
      if (start > now && !out.some((s) => s.start.getTime() === start.getTime())) out.push({ start, end: new Date(start.getTime() + step * 60_000) });
    }
  }
  return out;
}

/** The slot starting exactly at `start`, if the office offers it (the day is found in the office's zone). */
export function findSlot(start: Date, calendar: OfficeCalendar, settings: AppointmentSettings, now: Date): SlotTime | null {
  return slotTimes(localDay(start, calendar.timeZone), calendar, settings, now).find((s) => s.start.getTime() === start.getTime()) ?? null;
}
