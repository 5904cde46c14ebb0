/** The local hours of an office's day with the UTC instant each starts at (23 or 25 on a DST change). */
import { addDays, startOfLocalDay } from '@turnero/domain/local-day';
import { splitByLocalHour } from '../local-hours';

export interface LocalHourStart {
  hour: number;
  start: Date;
}

export function hoursOfLocalDay(day: string, timeZone: string): LocalHourStart[] {
  const from = startOfLocalDay(day, timeZone);
  const to = startOfLocalDay(addDays(day, 1), timeZone);
  let at = from.getTime();
  return splitByLocalHour(from, to, timeZone).map((slice) => {
    const start = new Date(at);
    at += slice.seconds * 1000;
    return { hour: slice.hour, start };
  });
}
