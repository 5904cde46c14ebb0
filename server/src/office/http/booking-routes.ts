/**
 * Appointments at the office (issue 14): the kiosk's check-in and the desk's day list.
 * Check-in refusals are CHECK_IN_REFUSALS codes (404 booking_not_found, 409 otherwise):
 * too_early carries when to come back, too_late tells the kiosk to offer a walk-in ticket.
 * What the customer typed is never logged: it may be an ID number.
 */
import { z } from 'zod';
import { IsoDay } from '@turnero/contract/calendar';
import { ErrorBody, TicketDto } from '@turnero/contract/dto';
import { CheckInRequest, OfficeBookingsResponse } from '@turnero/contract/portal';
import { kioskTicketLimiter } from '../../platform/client-limits';
import { route, type RouteDef } from '../../platform/routes';
import { checkIn } from '../bookings/check-in';
import { listBookings } from '../bookings/list-bookings';
import type { OfficeDeps, Principal } from '../context';
import type { LinkReporter } from '../link/remote-tickets';
import { ISSUERS, STAFF } from './roles';

const err = (description: string) => ({ description, schema: ErrorBody });
const BookingsQuery = z.object({ date: IsoDay.optional() });

export function bookingRoutes(deps: OfficeDeps, reporter?: LinkReporter): RouteDef<Principal>[] {
  const limitKioskTickets = kioskTicketLimiter(deps.config, deps.logger);
  return [
    route<Principal, undefined, typeof CheckInRequest>({
      method: 'post',
      path: '/check-in',
      summary: 'Check in a booking (its code, the QR token or the ID number) or a remote ticket holder: answers the ticket',
      tags: ['bookings'],
      roles: ISSUERS,
      body: CheckInRequest,
      responses: {
        201: { description: 'The ticket, as POST /tickets answers it (origin booking or remote)', schema: TicketDto },
        404: err('booking_not_found'),
        409: err('too_early (details.comeBackAt), too_late (details.offerWalkIn), booking_cancelled, already_checked_in, wrong_office, office_closed'),
      },
      handler: async ({ body, principal }) => {
        limitKioskTickets(principal);
        const { ticket, booking } = await checkIn(deps, principal, body.code);
        if (booking) reporter?.bookingsSettled([{ id: booking.id, status: 'checked_in', at: booking.at }]);
        return { status: 201, body: ticket, headers: { Location: `/api/v1/tickets/${ticket.id}` } };
      },
    }),
    route<Principal, undefined, undefined, typeof BookingsQuery>({
      method: 'get',
      path: '/bookings',
      summary: "A day's bookings (office-local; default today): time, service, code, status, late",
      tags: ['bookings'],
      roles: STAFF,
      query: BookingsQuery,
      responses: { 200: { description: 'Bookings', schema: OfficeBookingsResponse }, 400: err('Bad date') },
      handler: async ({ query }) => ({ body: await listBookings(deps, query.date) }),
    }),
  ];
}
