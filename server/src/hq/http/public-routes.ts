/**
 * The public portal's API (no login): offices, free slots, bookings and remote tickets, as
 * declared in @turnero/contract/portal. The only unauthenticated routes of head office
 * besides login, so they have their own limits per address (reads and writes apart) on top
 * of the per-contact limits of the use cases.
 */
import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import {
  BookingCreated,
  BookingRequest,
  MoveBookingRequest,
  PublicBooking,
  PublicOfficesResponse,
  RemoteTicketCreated,
  RemoteTicketRequest,
  RemoteTicketView,
  SlotsQuery,
  SlotsResponse,
} from '@turnero/contract/portal';
import { addressKey, perMinuteLimit } from '../../platform/http';
import { route, type RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import type { LinkNotifier } from '../link/notifier';
import { cancelBooking, createBooking, getBooking, moveBooking } from '../portal/bookings';
import type { PortalDeps } from '../portal/deps';
import { freeSlots, publicOffices } from '../portal/offices';
import { joinRemotely, remoteTicketView } from '../portal/remote-tickets';

const OfficesQuery = z.object({
  company: z.string().max(64).optional(),
  city: z.string().max(64).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
});
const OfficeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) });
const BookingParam = z.object({ code: z.string().regex(/^[A-Za-z0-9]{4,16}$/) });
const TicketParam = z.object({ publicId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
const err = (description: string) => ({ description, schema: ErrorBody });
const TAGS = ['portal'];
const BODY = '8kb';

/** Which offices are linked, asked of every process at most every few seconds (with Redis it is a round trip to each). */
function linkedOffices(link: LinkNotifier, maxAgeMs = 3000): () => Promise<Set<string>> {
  let last: { at: number; read: Promise<Set<string>> } | null = null;
  return () => {
    if (!last || performance.now() - last.at > maxAgeMs) {
      const read = link.connectedOffices();
      last = { at: performance.now(), read };
      read.catch(() => (last = null));
    }
    return last.read;
  };
}

export function hqPublicRoutes(portal: PortalDeps, link: LinkNotifier): RouteDef<HqPrincipal>[] {
  const now = () => portal.clock.now();
  const linked = linkedOffices(link);
  return [
    route<HqPrincipal, undefined, undefined, typeof OfficesQuery>({
      method: 'get',
      path: '/public/offices',
      summary: 'Offices with their services, waiting now and estimated wait (by company, city, or nearest to lat/lon)',
      tags: TAGS,
      roles: 'public',
      query: OfficesQuery,
      responses: { 200: { description: 'Offices', schema: PublicOfficesResponse } },
      handler: async ({ query }) => ({ body: await publicOffices(portal.db.sql, query, now(), await linked()) }),
    }),
    route<HqPrincipal, typeof OfficeParam, undefined, typeof SlotsQuery>({
      method: 'get',
      path: '/public/offices/:code/slots',
      summary: 'Free appointment slots of a service on an office-local day',
      tags: TAGS,
      roles: 'public',
      params: OfficeParam,
      query: SlotsQuery,
      responses: { 200: { description: 'Slots', schema: SlotsResponse }, 404: err('Unknown office or service') },
      handler: async ({ params, query }) => ({ body: await freeSlots(portal.db.sql, params.code, query.service, query.date, now()) }),
    }),
    route<HqPrincipal, undefined, typeof BookingRequest>({
      method: 'post',
      path: '/public/bookings',
      summary: 'Book a slot (a double submit returns the same booking)',
      tags: TAGS,
      roles: 'public',
      body: BookingRequest,
      bodyLimit: BODY,
      responses: {
        201: { description: 'Booked', schema: BookingCreated },
        403: err('Too many missed appointments'),
        409: err('Slot full, or the office takes no appointments'),
        429: err('Too many requests from this address or contact'),
      },
      handler: async ({ body }) => ({ status: 201, body: await createBooking(portal, body) }),
    }),
    route<HqPrincipal, typeof BookingParam>({
      method: 'get',
      path: '/public/bookings/:code',
      summary: 'A booking by its code (the link in its message)',
      tags: TAGS,
      roles: 'public',
      params: BookingParam,
      responses: { 200: { description: 'Booking', schema: PublicBooking }, 404: err('No such booking') },
      handler: async ({ params }) => ({ body: await getBooking(portal, params.code) }),
    }),
    route<HqPrincipal, typeof BookingParam>({
      method: 'delete',
      path: '/public/bookings/:code',
      summary: 'Cancel a booking',
      tags: TAGS,
      roles: 'public',
      params: BookingParam,
      responses: { 200: { description: 'Cancelled', schema: PublicBooking }, 404: err('No such booking'), 409: err('Already checked in') },
      handler: async ({ params }) => ({ body: await cancelBooking(portal, params.code) }),
    }),
    route<HqPrincipal, typeof BookingParam, typeof MoveBookingRequest>({
      method: 'post',
      path: '/public/bookings/:code/move',
      summary: 'Move a booking to another free slot',
      tags: TAGS,
      roles: 'public',
      params: BookingParam,
      body: MoveBookingRequest,
      bodyLimit: BODY,
      responses: { 200: { description: 'Moved', schema: PublicBooking }, 404: err('No such booking'), 409: err('Slot full or booking not movable') },
      handler: async ({ params, body }) => ({ body: await moveBooking(portal, params.code, body.start) }),
    }),
    route<HqPrincipal, undefined, typeof RemoteTicketRequest>({
      method: 'post',
      path: '/public/remote-tickets',
      summary: "Join today's queue: a real ticket of the office, once the office issued it",
      tags: TAGS,
      roles: 'public',
      body: RemoteTicketRequest,
      bodyLimit: BODY,
      responses: {
        201: { description: 'Issued by the office', schema: RemoteTicketCreated },
        409: err('Closed, not offered, or too many active tickets for this contact'),
        503: err('office_unreachable: the office did not answer; nothing was issued'),
      },
      handler: async ({ body }) => ({ status: 201, body: await joinRemotely(portal, body) }),
    }),
    route<HqPrincipal, typeof TicketParam>({
      method: 'get',
      path: '/public/remote-tickets/:publicId',
      summary: 'The live page of a remote ticket',
      tags: TAGS,
      roles: 'public',
      params: TicketParam,
      responses: { 200: { description: 'Where the ticket stands', schema: RemoteTicketView }, 404: err('No such ticket') },
      handler: async ({ params }) => ({ body: await remoteTicketView(portal, params.publicId) }),
    }),
  ];
}

export interface PublicRateLimits {
  /** Reads (offices, slots, a booking, a live page) per address per minute. */
  readsPerMinute: number;
  /** Bookings, cancellations, moves and remote joins per address per minute. */
  writesPerMinute: number;
}

export const DEFAULT_PUBLIC_RATE_LIMITS: PublicRateLimits = { readsPerMinute: 120, writesPerMinute: 10 };

/** Per-address limits of the public routes; mount on `/public` before the routes. */
export function publicRateLimits(limits: PublicRateLimits): RequestHandler[] {
  const limiter = (max: number, kind: string, applies: (req: Request) => boolean) =>
    perMinuteLimit({
      max,
      key: (req) => `${kind}|${addressKey(req)}`,
      refusal: 'Demasiadas solicitudes; espere un minuto / Too many requests',
      skip: (req) => !applies(req),
    });
  const isWrite = (req: Request) => req.method !== 'GET' && req.method !== 'HEAD';
  return [limiter(limits.readsPerMinute, 'read', (r) => !isWrite(r)), limiter(limits.writesPerMinute, 'write', isWrite)];
}
