/**
 * Appointments and the remote queue: the public customer portal's API (served by head office,
 * no login), the settings an office runs them with, and what travels over the link.
 *
 * Routes (head office, public, rate-limited per address and per contact):
 *   GET    /api/v1/public/offices                              -> PublicOfficesResponse
 *   GET    /api/v1/public/offices/:code/slots?service&date     -> SlotsResponse
 *   POST   /api/v1/public/bookings            BookingRequest    -> 201 BookingCreated
 *   GET    /api/v1/public/bookings/:code                        -> PublicBooking (the message's link)
 *   DELETE /api/v1/public/bookings/:code                        -> 200 PublicBooking (cancelled)
 *   POST   /api/v1/public/bookings/:code/move  { start }        -> 200 PublicBooking
 *   POST   /api/v1/public/remote-tickets      RemoteTicketRequest -> 201 RemoteTicketCreated
 *                                                                  | 503 { error: { code: 'office_unreachable' } }
 *   GET    /api/v1/public/remote-tickets/:publicId              -> RemoteTicketView
 *   socket.io namespace PORTAL_NAMESPACE: `watch { publicId }` joins that ticket's updates
 *   (`ticket:update` RemoteTicketView).
 * On the office:
 *   GET  /api/v1/bookings?date=YYYY-MM-DD (staff)              -> OfficeBookingsResponse
 *   POST /api/v1/check-in { code } (kiosk token)                 -> 201 a ticket like POST /api/v1/tickets
 */
import { z } from 'zod';
import { IsoDay, TimeOfDay } from './calendar';
import { safeText } from './text';

export const PORTAL_NAMESPACE = '/portal';

// ---------- Settings (published by head office in ConfigSettings) ----------

export const AppointmentSettings = z.object({
  enabled: z.boolean().default(false),
  /** Counters that serve appointments at once: bookings per slot. */
  counters: z.number().int().min(0).max(40).default(1),
  /** Slots per hour (e.g. 4: every 15 minutes). */
  slotsPerHour: z.number().int().min(1).max(12).default(4),
  /** How far ahead the portal offers days. */
  weeksAhead: z.number().int().min(1).max(12).default(4),
  /** Check-in accepted from this many minutes before the slot … */
  checkInEarlyMinutes: z.number().int().min(0).max(240).default(30),
  /** … until this many minutes after it (later: the kiosk offers a walk-in ticket). */
  checkInLateMinutes: z.number().int().min(0).max(120).default(15),
  /** A checked-in booking is called ahead of walk-ins from this many minutes before its slot. */
  callWindowMinutes: z.number().int().min(0).max(60).default(5),
  /** At most this many booked calls in a row at a counter while walk-ins wait (no starving). */
  maxBookedInARow: z.number().int().min(1).max(20).default(2),
  /** Catalogue codes of the services that ask for the ID number when booking. */
  idNumberServices: z.array(z.string().max(16)).max(60).default([]),
  /** Days a booking's data is kept after its slot. */
  retentionDays: z.number().int().min(1).max(365).default(30),
});
export type AppointmentSettings = z.infer<typeof AppointmentSettings>;

export const RemoteQueueSettings = z.object({
  enabled: z.boolean().default(false),
  /** Remote tickets are skipped (not lost) until their holder checks in at the office. */
  requirePresence: z.boolean().default(false),
  /** "You are next" when this many people or fewer are ahead … */
  notifyWhenAhead: z.number().int().min(0).max(50).default(3),
  /** … or when the estimated wait is this many minutes or fewer. */
  notifyWhenMinutes: z.number().int().min(0).max(240).default(10),
  /** Active remote tickets one phone/e-mail may hold at once. */
  maxActivePerContact: z.number().int().min(1).max(10).default(2),
});
export type RemoteQueueSettings = z.infer<typeof RemoteQueueSettings>;

export const BOOKING_STATUSES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const TICKET_ORIGINS = ['walk_in', 'remote', 'booking'] as const;
export type TicketOrigin = (typeof TICKET_ORIGINS)[number];

// ---------- Public portal (head office) ----------

export const PublicService = z.object({
  code: z.string(),
  nameEs: z.string(),
  nameEn: z.string().optional(),
  waiting: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0).nullable(),
  /** The service can be booked / joined remotely here. */
  bookable: z.boolean().optional(),
  remoteJoin: z.boolean().optional(),
  /** Booking asks for the ID number. */
  needsIdNumber: z.boolean().optional(),
});
export const PublicOffice = z.object({
  code: z.string(),
  name: z.string(),
  city: z.string().optional(),
  company: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  timeZone: z.string().optional(),
  /** The office's week (Sunday first), null: always open; absent: unknown. */
  openingHours: z.array(z.array(z.object({ open: TimeOfDay, close: TimeOfDay }))).nullable().optional(),
  /** Open now and its link up: a remote join can work. */
  reachable: z.boolean().optional(),
  openNow: z.boolean().optional(),
  services: z.array(PublicService),
});
export type PublicOffice = z.infer<typeof PublicOffice>;
export const PublicOfficesResponse = z.object({ offices: z.array(PublicOffice) });
export type PublicOfficesResponse = z.infer<typeof PublicOfficesResponse>;

export const SlotsQuery = z.object({ service: z.string().min(1).max(16), date: IsoDay });
/** `start`: ISO instant; `available`: bookings still free in that slot. */
export const Slot = z.object({ start: z.string(), available: z.number().int().min(0) });
export const SlotsResponse = z.object({ slots: z.array(Slot) });
export type SlotsResponse = z.infer<typeof SlotsResponse>;

/** E.164-ish: digits with an optional leading +, 7 to 15 digits. */
export const Phone = z.string().regex(/^\+?[0-9]{7,15}$/, 'a phone number: 7-15 digits, optional leading +');
export const Email = z.string().email().max(254);

const contact = {
  phone: Phone.optional(),
  email: Email.optional(),
  consentVersion: safeText().min(1).max(32),
};
const oneContact = (v: { phone?: string; email?: string }) => Boolean(v.phone || v.email);

export const BookingRequest = z
  .object({
    officeCode: z.string().min(1).max(32),
    serviceCode: z.string().min(1).max(16),
    /** ISO instant of a slot start from the slots list. */
    start: z.string().datetime({ offset: true }),
    name: safeText().min(1).max(80),
    ...contact,
    /** Only where the service asks for it. */
    idNumber: z.string().regex(/^[0-9A-Za-z-]{4,20}$/).optional(),
    /** Spanish or English messages. */
    locale: z.enum(['es-CO', 'en']).default('es-CO'),
    /** A client-made key: the same key again returns the same booking (double submit). */
    requestKey: z.string().min(8).max(64).optional(),
  })
  .refine(oneContact, { message: 'a phone number or an e-mail address is required', path: ['phone'] });
export type BookingRequest = z.infer<typeof BookingRequest>;

export const BookingCreated = z.object({
  id: z.string(),
  /** What the customer types at the kiosk (short). */
  code: z.string(),
  /** What the QR carries: the head-office-signed token (see SignedBookingToken). */
  qr: z.string(),
  start: z.string(),
});
export type BookingCreated = z.infer<typeof BookingCreated>;

export const PublicBooking = z.object({
  code: z.string(),
  officeCode: z.string(),
  officeName: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  start: z.string(),
  status: z.enum(BOOKING_STATUSES),
  qr: z.string(),
});
export type PublicBooking = z.infer<typeof PublicBooking>;
export const MoveBookingRequest = z.object({ start: z.string().datetime({ offset: true }) });

export const RemoteTicketRequest = z
  .object({
    officeCode: z.string().min(1).max(32),
    serviceCode: z.string().min(1).max(16),
    ...contact,
    locale: z.enum(['es-CO', 'en']).default('es-CO'),
    requestKey: z.string().min(8).max(64).optional(),
  })
  .refine(oneContact, { message: 'a phone number or an e-mail address is required', path: ['phone'] });
export type RemoteTicketRequest = z.infer<typeof RemoteTicketRequest>;

export const RemoteTicketCreated = z.object({
  ticketId: z.string(),
  code: z.string(),
  position: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0),
  /** The live page: the portal's address with the ticket's public id. */
  url: z.string(),
});
export type RemoteTicketCreated = z.infer<typeof RemoteTicketCreated>;

export const REMOTE_TICKET_STATES = ['waiting', 'called', 'serving', 'finished', 'no_show', 'cancelled'] as const;
export const RemoteTicketView = z.object({
  publicId: z.string(),
  code: z.string(),
  officeCode: z.string(),
  officeName: z.string(),
  serviceName: z.string(),
  status: z.enum(REMOTE_TICKET_STATES),
  position: z.number().int().min(0).nullable(),
  estimatedWaitMinutes: z.number().int().min(0).nullable(),
  /** Where to go once called ("Módulo 3"). */
  counterName: z.string().nullable(),
  /** The holder must check in at the office before being called. */
  needsCheckIn: z.boolean(),
  updatedAt: z.string(),
});
export type RemoteTicketView = z.infer<typeof RemoteTicketView>;

// ---------- Signed booking token (the QR) ----------

/**
 * `v1.<base64url(JSON payload)>.<base64url(Ed25519 signature of the payload part)>`.
 * Head office signs with its private key; every office holds the public key (link message
 * 'bookings' carries it), so the kiosk checks a customer in with the link down.
 */
export const SignedBookingPayload = z.object({
  /** Booking id and code. */
  id: z.string(),
  code: z.string(),
  officeCode: z.string(),
  serviceCode: z.string(),
  start: z.string(),
  end: z.string(),
});
export type SignedBookingPayload = z.infer<typeof SignedBookingPayload>;

// ---------- Over the link (head office -> office) ----------

/** One booking as an office needs it: no name, no contact; the ID number only hashed. */
export const LinkBooking = SignedBookingPayload.extend({
  status: z.enum(BOOKING_STATUSES),
  /** SHA-256 hex of the ID number, where the service asks for one. */
  idNumberHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  signedCode: z.string(),
  /** When the office deletes it. */
  deleteAfter: z.string(),
});
export type LinkBooking = z.infer<typeof LinkBooking>;
/** Link message kind 'bookings': created, moved or cancelled bookings (upserts by id), and the key. */
export const BookingsMessage = z.object({
  bookings: z.array(LinkBooking).max(500),
  /** Head office's Ed25519 public key (SPKI PEM), sent with every message. */
  publicKey: z.string().max(1000),
});
export type BookingsMessage = z.infer<typeof BookingsMessage>;

/** Head office -> office request (socket ack) `link:remote-ticket`. */
export const LinkRemoteTicketRequest = z.object({
  serviceCode: z.string(),
  requestKey: z.string().max(64),
  requirePresence: z.boolean(),
});
export const LinkRemoteTicketAnswer = z.object({
  ticketId: z.string(),
  code: z.string(),
  position: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0),
});
export type LinkRemoteTicketAnswer = z.infer<typeof LinkRemoteTicketAnswer>;

/** Office -> head office `link:remote-update`: where its remote tickets stand, as the queue moves. */
export const LinkRemoteUpdate = z.object({
  tickets: z
    .array(
      z.object({
        ticketId: z.string(),
        status: z.enum(REMOTE_TICKET_STATES),
        position: z.number().int().min(0).nullable(),
        estimatedWaitMinutes: z.number().int().min(0).nullable(),
        counterName: z.string().nullable(),
        present: z.boolean(),
      }),
    )
    .max(500),
});
export type LinkRemoteUpdate = z.infer<typeof LinkRemoteUpdate>;

/** Office -> head office `link:booking-update`: check-ins and no-shows (for the figures and no-show counts). */
export const LinkBookingUpdate = z.object({
  bookings: z.array(z.object({ id: z.string(), status: z.enum(BOOKING_STATUSES), at: z.string() })).max(500),
});

/** Public live-page map of what the office already serves: live counts per service (link:office-live). */
export const LinkOfficeLive = z.object({
  services: z.array(z.object({ code: z.string(), waiting: z.number().int().min(0), estimatedWaitMinutes: z.number().int().min(0).nullable() })).max(60),
  openNow: z.boolean(),
});
export type LinkOfficeLive = z.infer<typeof LinkOfficeLive>;

// ---------- Office side ----------

export const CheckInRequest = z.object({
  /** The booking code, the QR's signed token, or the ID number where the booking has one. */
  code: z.string().min(4).max(600),
});
export type CheckInRequest = z.infer<typeof CheckInRequest>;

/** Why a check-in was refused (`error.code`, HTTP 409 unless noted). */
export const CHECK_IN_REFUSALS = ['booking_not_found' /* 404 */, 'too_early', 'too_late', 'booking_cancelled', 'already_checked_in', 'wrong_office'] as const;

export const OfficeBooking = z.object({
  id: z.string(),
  code: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(BOOKING_STATUSES),
  /** Past its check-in window without checking in. */
  late: z.boolean(),
  checkedInAt: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketCode: z.string().nullable(),
});
export type OfficeBooking = z.infer<typeof OfficeBooking>;
export const OfficeBookingsResponse = z.object({ date: IsoDay, bookings: z.array(OfficeBooking) });
export type OfficeBookingsResponse = z.infer<typeof OfficeBookingsResponse>;
