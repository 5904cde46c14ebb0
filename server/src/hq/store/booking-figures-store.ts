/**
 * Head office's booking figures (issue 14): hq_booking_day (filled once per 'booking' fact by
 * ingest, recomputed by a rebuild) summed per office over a range of office-local days for
 * compare. Counts and seconds only: nothing here names a person.
 */
import type { Sql } from '../db';
import type { BookingDayDelta } from '../ingest/booking-days';

/** One office's booking figures summed over days and services. */
export type BookingTotals = Omit<BookingDayDelta, 'day' | 'serviceCode'>;

const TOTALS_SQL = `
  SELECT o.code AS office_code, SUM(d.booked)::int AS booked, SUM(d.cancelled)::int AS cancelled,
    SUM(d.checked_in)::int AS checked_in, SUM(d.no_show)::int AS no_show,
    SUM(d.late_check_ins)::int AS late_check_ins, SUM(d.punctuality_seconds_sum)::bigint AS punctuality_seconds_sum
  FROM hq_booking_day d JOIN hq_office o ON o.id = d.office_id
  WHERE d.day BETWEEN $1 AND $2 AND ($3::text IS NULL OR d.service_code = $3)
    AND ($4::text IS NULL OR o.company = $4) AND ($5::text IS NULL OR o.region = $5)
  GROUP BY o.code`;

/** Booking figures per office code over office-local days from..to (service, company and region as compare filters). */
export async function bookingTotals(
  sql: Sql,
  q: { from: string; to: string; service: string | null; company: string | null; region: string | null },
): Promise<Map<string, BookingTotals>> {
  const rows = await sql.$queryRawUnsafe<Record<string, unknown>[]>(TOTALS_SQL, q.from, q.to, q.service, q.company, q.region);
  return new Map(
    rows.map((r) => [
      r.office_code as string,
      {
        booked: Number(r.booked),
        cancelled: Number(r.cancelled),
        checkedIn: Number(r.checked_in),
        noShow: Number(r.no_show),
        lateCheckIns: Number(r.late_check_ins),
        punctualitySecondsSum: Number(r.punctuality_seconds_sum),
      },
    ]),
  );
}

/** Compare's booking fields: average lateness in minutes (one decimal; early check-ins count negative), null without check-ins. */
export function bookingCompareFields(t: BookingTotals | undefined) {
  const checkedIn = t?.checkedIn ?? 0;
  return {
    bookings: t?.booked ?? 0,
    bookingCheckIns: checkedIn,
    bookingNoShows: t?.noShow ?? 0,
    bookingPunctualityMinutes: checkedIn > 0 ? Math.round((t!.punctualitySecondsSum / checkedIn / 60) * 10) / 10 : null,
  };
}

/** One office's rows per day and service (for tests and a drill-down). */
export async function bookingDays(sql: Sql, officeCode: string): Promise<Record<string, unknown>[]> {
  return sql.$queryRawUnsafe(
    `SELECT d.day, d.service_code AS "serviceCode", d.booked, d.cancelled, d.checked_in AS "checkedIn", d.no_show AS "noShow",
       d.late_check_ins AS "lateCheckIns", d.punctuality_seconds_sum AS "punctualitySecondsSum"
     FROM hq_booking_day d JOIN hq_office o ON o.id = d.office_id WHERE o.code = $1 ORDER BY d.day, d.service_code`,
    officeCode,
  );
}
