/**
 * GET /api/v1/bookings?date= (staff): the office-local day's bookings for the desk's
 * "Citas de hoy" panel: time, service, code, status, late. No name, phone or e-mail: the
 * office never holds them.
 */
import type { OfficeBookingsResponse } from '@turnero/contract/portal';
import { isNoShow } from '@turnero/domain/booking-check-in';
import { addDays, localDay, startOfLocalDay } from '@turnero/domain/local-day';
import type { OfficeDeps } from '../context';
import { bookingsBetween, readBookingSettings, ticketCodesOf } from '../store/booking-store';
import { bookingService } from './check-in';

export async function listBookings(deps: OfficeDeps, date?: string): Promise<OfficeBookingsResponse> {
  return deps.bus.read(async (db, readView) => {
    const view = await readView();
    const settings = await readBookingSettings(db);
    const tz = view.office.timeZone;
    const now = deps.clock.now();
    const day = date ?? localDay(now, tz);
    const rows = await bookingsBetween(db, startOfLocalDay(day, tz), startOfLocalDay(addDays(day, 1), tz));
    const ticketIds = rows.map((b) => b.ticketId).filter((id): id is string => id !== null);
    const codeOf = await ticketCodesOf(db, ticketIds);
    const window = { lateMinutes: settings.appointments.checkInLateMinutes };
    return {
      date: day,
      bookings: rows.map((b) => {
        const service = bookingService(view, b.serviceId);
        return {
          id: b.id,
          code: b.code,
          serviceId: service?.id ?? b.serviceId,
          serviceName: service?.nameEs ?? b.serviceId,
          start: b.start.toISOString(),
          end: b.end.toISOString(),
          status: b.status,
          late: b.status === 'no_show' || (b.status === 'booked' && isNoShow(b.start, window, now)),
          checkedInAt: b.checkedInAt?.toISOString() ?? null,
          ticketId: b.ticketId,
          ticketCode: b.ticketId ? (codeOf.get(b.ticketId) ?? null) : null,
        };
      }),
    };
  });
}
