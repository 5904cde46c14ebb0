/**
 * The customer portal's contract (portal.ts): what the public API, the office's check-in and
 * the head-office link accept and refuse. Each limit is a promise to the portal, the kiosk
 * and the link: a refused body is a 400 and changes nothing.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  AppointmentSettings,
  BOOKING_STATUSES,
  BookingCreated,
  BookingRequest,
  BookingsMessage,
  CHECK_IN_REFUSALS,
  CheckInRequest,
  Email,
  LinkBooking,
  LinkBookingUpdate,
  LinkOfficeLive,
  LinkRemoteTicketAnswer,
  LinkRemoteTicketRequest,
  LinkRemoteUpdate,
  MoveBookingRequest,
  OfficeBookingsResponse,
  Phone,
  PORTAL_NAMESPACE,
  PublicBooking,
  PublicOfficesResponse,
  REMOTE_TICKET_STATES,
  RemoteQueueSettings,
  RemoteTicketCreated,
  RemoteTicketRequest,
  RemoteTicketView,
  SlotsQuery,
  SlotsResponse,
  TICKET_ORIGINS,
} from './portal';
import { accepts, chars, rejects } from './test-fixtures';

const start = '2027-01-11T14:00:00.000Z';
const booking = () => ({
  officeCode: 'MAN-001',
  serviceCode: 'FACT',
  start,
  name: 'María Gómez',
  phone: '+573001234567',
  consentVersion: 'portal-2026-11',
});
const remote = () => ({ officeCode: 'MAN-001', serviceCode: 'FACT', email: 'maria@example.com', consentVersion: 'portal-2026-11' });
const linkBooking = () => ({
  id: 'b1',
  code: 'K7M2QX',
  officeCode: 'MAN-001',
  serviceCode: 'FACT',
  start,
  end: '2027-01-11T14:15:00.000Z',
  status: 'booked',
  idNumberHash: 'ab'.repeat(32),
  signedCode: 'v1.payload.signature',
  deleteAfter: '2027-02-10T14:15:00.000Z',
});

describe('the names the portal, the office and head office share', () => {
  it('lists booking states, ticket origins, remote ticket states and check-in refusals, and the socket namespace', () => {
    assert.deepEqual(BOOKING_STATUSES, ['booked', 'cancelled', 'checked_in', 'no_show']);
    assert.deepEqual(TICKET_ORIGINS, ['walk_in', 'remote', 'booking']);
    assert.deepEqual(REMOTE_TICKET_STATES, ['waiting', 'called', 'serving', 'finished', 'no_show', 'cancelled']);
    assert.deepEqual(CHECK_IN_REFUSALS, ['booking_not_found', 'too_early', 'too_late', 'booking_cancelled', 'already_checked_in', 'wrong_office']);
    assert.equal(PORTAL_NAMESPACE, '/portal');
  });
});

describe('appointment and remote-queue settings', () => {
  it('default to off, with the documented slot, check-in and fairness values', () => {
    assert.deepEqual(accepts(AppointmentSettings, {}), {
      enabled: false,
      counters: 1,
      slotsPerHour: 4,
      weeksAhead: 4,
      checkInEarlyMinutes: 30,
      checkInLateMinutes: 15,
      callWindowMinutes: 5,
      maxBookedInARow: 2,
      idNumberServices: [],
      retentionDays: 30,
    });
    assert.deepEqual(accepts(RemoteQueueSettings, {}), {
      enabled: false,
      requirePresence: false,
      notifyWhenAhead: 3,
      notifyWhenMinutes: 10,
      maxActivePerContact: 2,
    });
  });
  it('take each value at its bounds and refuse it one past them or as a fraction', () => {
    const bounds: [keyof AppointmentSettings, number, number][] = [
      ['counters', 0, 40],
      ['slotsPerHour', 1, 12],
      ['weeksAhead', 1, 12],
      ['checkInEarlyMinutes', 0, 240],
      ['checkInLateMinutes', 0, 120],
      ['callWindowMinutes', 0, 60],
      ['maxBookedInARow', 1, 20],
      ['retentionDays', 1, 365],
    ];
    for (const [field, min, max] of bounds) {
      assert.equal(accepts(AppointmentSettings, { [field]: min })[field], min);
      assert.equal(accepts(AppointmentSettings, { [field]: max })[field], max);
      rejects(AppointmentSettings, { [field]: min - 1 }, [field]);
      rejects(AppointmentSettings, { [field]: max + 1 }, [field]);
      rejects(AppointmentSettings, { [field]: min + 0.5 }, [field]);
    }
    for (const [field, min, max] of [['notifyWhenAhead', 0, 50], ['notifyWhenMinutes', 0, 240], ['maxActivePerContact', 1, 10]] as const) {
      assert.equal(accepts(RemoteQueueSettings, { [field]: max })[field], max);
      rejects(RemoteQueueSettings, { [field]: min - 1 }, [field]);
      rejects(RemoteQueueSettings, { [field]: max + 1 }, [field]);
    }
  });
  it('ask the ID number for at most 60 services of catalogue codes up to 16 characters', () => {
    assert.deepEqual(accepts(AppointmentSettings, { idNumberServices: ['FACT', chars(16)] }).idNumberServices, ['FACT', chars(16)]);
    rejects(AppointmentSettings, { idNumberServices: [chars(17)] }, ['idNumberServices', 0]);
    assert.equal(accepts(AppointmentSettings, { idNumberServices: Array(60).fill('FACT') }).idNumberServices.length, 60);
    rejects(AppointmentSettings, { idNumberServices: Array(61).fill('FACT') }, ['idNumberServices']);
  });
});

describe('contact details', () => {
  it('a phone is 7 to 15 digits with an optional leading +, nothing else', () => {
    for (const ok of ['3001234', '+573001234567', chars(15, '9'), `+${chars(15, '1')}`]) accepts(Phone, ok);
    for (const bad of ['300123', chars(16, '9'), '++573001234567', '300 123 4567', '(300)1234567', 'x3001234567', '3001234567x', '57+3001234567']) {
      assert.equal(rejects(Phone, bad).message, 'a phone number: 7-15 digits, optional leading +', bad);
    }
  });
  it('an e-mail address is an address of at most 254 characters', () => {
    accepts(Email, 'maria@example.com');
    accepts(Email, `${chars(64)}@${chars(186)}.co`);
    rejects(Email, `${chars(64)}@${chars(187)}.co`);
    for (const bad of ['maria', 'maria@', '@example.com', 'maria example@x.co']) rejects(Email, bad);
  });
});

describe('booking an appointment', () => {
  it('needs a phone or an e-mail (either alone will do), and says which field is missing', () => {
    assert.equal(accepts(BookingRequest, booking()).phone, '+573001234567');
    const { phone: _, ...byEmail } = { ...booking(), email: 'maria@example.com' };
    assert.equal(accepts(BookingRequest, byEmail).email, 'maria@example.com');
    const { phone: __, ...neither } = booking();
    const issue = rejects(BookingRequest, neither, ['phone']);
    assert.equal(issue.message, 'a phone number or an e-mail address is required');
    rejects(BookingRequest, { ...neither, phone: '' }, ['phone']);
  });
  it('is in Spanish unless English is asked for, and keeps what it is given', () => {
    const parsed = accepts(BookingRequest, booking());
    assert.deepEqual(parsed, { ...booking(), locale: 'es-CO' });
    assert.equal(accepts(BookingRequest, { ...booking(), locale: 'en' }).locale, 'en');
    assert.equal(accepts(BookingRequest, { ...booking(), locale: 'es-CO' }).locale, 'es-CO');
    rejects(BookingRequest, { ...booking(), locale: 'fr' }, ['locale']);
  });
  it('refuses a name, office, service or consent out of bounds, or a name with control characters', () => {
    accepts(BookingRequest, { ...booking(), name: chars(80), officeCode: chars(32), serviceCode: chars(16), consentVersion: chars(32) });
    rejects(BookingRequest, { ...booking(), name: '' }, ['name']);
    rejects(BookingRequest, { ...booking(), name: chars(81) }, ['name']);
    rejects(BookingRequest, { ...booking(), name: 'Ana\u001b@' }, ['name']);
    rejects(BookingRequest, { ...booking(), officeCode: '' }, ['officeCode']);
    rejects(BookingRequest, { ...booking(), officeCode: chars(33) }, ['officeCode']);
    rejects(BookingRequest, { ...booking(), serviceCode: '' }, ['serviceCode']);
    rejects(BookingRequest, { ...booking(), serviceCode: chars(17) }, ['serviceCode']);
    rejects(BookingRequest, { ...booking(), consentVersion: '' }, ['consentVersion']);
    rejects(BookingRequest, { ...booking(), consentVersion: chars(33) }, ['consentVersion']);
    rejects(BookingRequest, { ...booking(), consentVersion: 'v1\u202e' }, ['consentVersion']);
  });
  it('takes a slot start as an ISO instant with its offset, not a day or a local time', () => {
    accepts(BookingRequest, { ...booking(), start: '2027-01-11T09:00:00-05:00' });
    rejects(BookingRequest, { ...booking(), start: '2027-01-11' }, ['start']);
    rejects(BookingRequest, { ...booking(), start: 'mañana a las 9' }, ['start']);
    accepts(MoveBookingRequest, { start });
    accepts(MoveBookingRequest, { start: '2027-01-11T09:00:00-05:00' });
    rejects(MoveBookingRequest, { start: '09:00' }, ['start']);
  });
  it('takes an ID number of 4 to 20 letters, digits or dashes, and a request key of 8 to 64 characters', () => {
    for (const ok of ['1234', 'CC-1053774', chars(20, '7')]) assert.equal(accepts(BookingRequest, { ...booking(), idNumber: ok }).idNumber, ok);
    for (const bad of ['123', chars(21, '7'), '1053 774', '1053.774', 'ñ1053774']) rejects(BookingRequest, { ...booking(), idNumber: bad }, ['idNumber']);
    assert.equal(accepts(BookingRequest, { ...booking(), requestKey: chars(8) }).requestKey, chars(8));
    accepts(BookingRequest, { ...booking(), requestKey: chars(64) });
    rejects(BookingRequest, { ...booking(), requestKey: chars(7) }, ['requestKey']);
    rejects(BookingRequest, { ...booking(), requestKey: chars(65) }, ['requestKey']);
  });
});

describe('joining the queue remotely', () => {
  it('needs a phone or an e-mail, Spanish by default, the same bounds as a booking', () => {
    assert.deepEqual(accepts(RemoteTicketRequest, remote()), { ...remote(), locale: 'es-CO' });
    accepts(RemoteTicketRequest, { ...remote(), email: undefined, phone: '3001234567' });
    const { email: _, ...neither } = remote();
    assert.equal(rejects(RemoteTicketRequest, neither, ['phone']).message, 'a phone number or an e-mail address is required');
    rejects(RemoteTicketRequest, { ...remote(), email: 'not-an-address' }, ['email']);
    for (const locale of ['es-CO', 'en']) assert.equal(accepts(RemoteTicketRequest, { ...remote(), locale }).locale, locale);
    rejects(RemoteTicketRequest, { ...remote(), locale: 'pt' }, ['locale']);
    rejects(RemoteTicketRequest, { ...remote(), officeCode: chars(33) }, ['officeCode']);
    rejects(RemoteTicketRequest, { ...remote(), serviceCode: '' }, ['serviceCode']);
    rejects(RemoteTicketRequest, { ...remote(), requestKey: 'short' }, ['requestKey']);
    rejects(RemoteTicketRequest, { ...remote(), requestKey: chars(65) }, ['requestKey']);
  });
});

describe('what head office answers', () => {
  it('keeps every field of offices, slots, bookings and remote tickets', () => {
    const offices = {
      offices: [
        {
          code: 'MAN-001', name: 'Manizales Centro', city: 'Manizales', company: 'CHEC', latitude: 5.07, longitude: -75.51,
          timeZone: 'America/Bogota', openingHours: [[], [{ open: '08:00', close: '12:00' }], [], [], [], [], []], reachable: true, openNow: false,
          services: [{ code: 'FACT', nameEs: 'Facturas', nameEn: 'Bills', waiting: 3, estimatedWaitMinutes: 12, bookable: true, remoteJoin: true, needsIdNumber: false }],
        },
        { code: 'PER-002', name: 'Pereira', openingHours: null, services: [{ code: 'PAG', nameEs: 'Pagos', waiting: 0, estimatedWaitMinutes: null }] },
      ],
    };
    assert.deepEqual(accepts(PublicOfficesResponse, offices), offices);
    const office = offices.offices[1];
    rejects(PublicOfficesResponse, { offices: [{ ...office, openingHours: [[{ open: '8:00', close: '12:00' }]] }] });
    rejects(PublicOfficesResponse, { offices: [{ ...office, services: [{ ...office.services[0], waiting: -1 }] }] });
    rejects(PublicOfficesResponse, { offices: [{ ...office, services: [{ ...office.services[0], estimatedWaitMinutes: 1.5 }] }] });

    const slots = { slots: [{ start, available: 2 }, { start: '2027-01-11T14:15:00.000Z', available: 0 }] };
    assert.deepEqual(accepts(SlotsResponse, slots), slots);
    rejects(SlotsResponse, { slots: [{ start, available: -1 }] });

    const created = { id: 'b1', code: 'K7M2QX', qr: 'v1.a.b', start };
    assert.deepEqual(accepts(BookingCreated, created), created);
    const shown = { code: 'K7M2QX', officeCode: 'MAN-001', officeName: 'Manizales', serviceCode: 'FACT', serviceName: 'Facturas', start, status: 'cancelled', qr: 'v1.a.b' };
    assert.deepEqual(accepts(PublicBooking, shown), shown);
    rejects(PublicBooking, { ...shown, status: 'moved' }, ['status']);

    const joined = { ticketId: 't1', code: 'R-004', position: 0, estimatedWaitMinutes: 9, url: 'https://turnos.example/t/x' };
    assert.deepEqual(accepts(RemoteTicketCreated, joined), joined);
    rejects(RemoteTicketCreated, { ...joined, position: -1 }, ['position']);
    rejects(RemoteTicketCreated, { ...joined, estimatedWaitMinutes: -1 }, ['estimatedWaitMinutes']);
    const view = {
      publicId: 'p1', code: 'R-004', officeCode: 'MAN-001', officeName: 'Manizales', serviceName: 'Facturas', status: 'called',
      position: null, estimatedWaitMinutes: null, counterName: 'Módulo 3', needsCheckIn: false, updatedAt: start,
    };
    assert.deepEqual(accepts(RemoteTicketView, view), view);
    for (const status of REMOTE_TICKET_STATES) accepts(RemoteTicketView, { ...view, status });
    accepts(RemoteTicketView, { ...view, position: 4, estimatedWaitMinutes: 12 });
    rejects(RemoteTicketView, { ...view, position: -1 }, ['position']);
    rejects(RemoteTicketView, { ...view, estimatedWaitMinutes: -1 }, ['estimatedWaitMinutes']);
    rejects(RemoteTicketView, { ...view, status: 'transferred' }, ['status']);
  });
  it('asks for slots of one service (1-16 characters) on a day that exists', () => {
    assert.deepEqual(accepts(SlotsQuery, { service: 'FACT', date: '2028-02-29' }), { service: 'FACT', date: '2028-02-29' });
    rejects(SlotsQuery, { service: '', date: '2027-01-11' }, ['service']);
    rejects(SlotsQuery, { service: chars(17), date: '2027-01-11' }, ['service']);
    rejects(SlotsQuery, { service: 'FACT', date: '2027-02-29' }, ['date']);
  });
});

describe('over the link', () => {
  it('a booking reaches the office with its ID number only as a SHA-256 hex digest', () => {
    assert.deepEqual(accepts(LinkBooking, linkBooking()), linkBooking());
    assert.equal(accepts(LinkBooking, { ...linkBooking(), idNumberHash: null }).idNumberHash, null);
    for (const bad of ['AB'.repeat(32), 'ab'.repeat(31), `${'ab'.repeat(32)}0`, `x${'ab'.repeat(32).slice(1)}`, '1053774']) {
      rejects(LinkBooking, { ...linkBooking(), idNumberHash: bad }, ['idNumberHash']);
    }
    rejects(LinkBooking, { ...linkBooking(), status: 'moved' }, ['status']);
    const { signedCode: _, ...unsigned } = linkBooking();
    rejects(LinkBooking, unsigned, ['signedCode']);
  });
  it('a bookings message carries at most 500 bookings and a public key of at most 1000 characters', () => {
    const message = { bookings: [linkBooking()], publicKey: '-----BEGIN PUBLIC KEY-----' };
    assert.deepEqual(accepts(BookingsMessage, message), message);
    accepts(BookingsMessage, { bookings: Array(500).fill(linkBooking()), publicKey: chars(1000) });
    rejects(BookingsMessage, { bookings: Array(501).fill(linkBooking()), publicKey: 'k' }, ['bookings']);
    rejects(BookingsMessage, { bookings: [], publicKey: chars(1001) }, ['publicKey']);
  });
  it('remote tickets: the request, the answer and the updates, at most 500 a message', () => {
    const ask = { serviceCode: 'FACT', requestKey: chars(64), requirePresence: true };
    assert.deepEqual(accepts(LinkRemoteTicketRequest, ask), ask);
    rejects(LinkRemoteTicketRequest, { ...ask, requestKey: chars(65) }, ['requestKey']);
    const answer = { ticketId: 't1', code: 'R-001', position: 2, estimatedWaitMinutes: 9 };
    assert.deepEqual(accepts(LinkRemoteTicketAnswer, answer), answer);
    rejects(LinkRemoteTicketAnswer, { ...answer, estimatedWaitMinutes: -1 }, ['estimatedWaitMinutes']);
    const update = { ticketId: 't1', status: 'waiting', position: 1, estimatedWaitMinutes: null, counterName: null, present: false };
    assert.deepEqual(accepts(LinkRemoteUpdate, { tickets: [update] }), { tickets: [update] });
    accepts(LinkRemoteUpdate, { tickets: Array(500).fill(update) });
    rejects(LinkRemoteUpdate, { tickets: Array(501).fill(update) }, ['tickets']);
    rejects(LinkRemoteUpdate, { tickets: [{ ...update, position: -1 }] }, ['tickets', 0, 'position']);
    accepts(LinkRemoteUpdate, { tickets: [{ ...update, estimatedWaitMinutes: 7 }] });
    rejects(LinkRemoteUpdate, { tickets: [{ ...update, estimatedWaitMinutes: -1 }] }, ['tickets', 0, 'estimatedWaitMinutes']);
  });
  it('booking updates and the live counts per service are bounded too', () => {
    const checkedIn = { id: 'b1', status: 'checked_in', at: start };
    assert.deepEqual(accepts(LinkBookingUpdate, { bookings: [checkedIn] }), { bookings: [checkedIn] });
    rejects(LinkBookingUpdate, { bookings: [{ ...checkedIn, status: 'late' }] }, ['bookings', 0, 'status']);
    rejects(LinkBookingUpdate, { bookings: Array(501).fill(checkedIn) }, ['bookings']);
    const live = { services: [{ code: 'FACT', waiting: 4, estimatedWaitMinutes: null }], openNow: true };
    assert.deepEqual(accepts(LinkOfficeLive, live), live);
    accepts(LinkOfficeLive, { services: Array(60).fill(live.services[0]), openNow: false });
    rejects(LinkOfficeLive, { services: Array(61).fill(live.services[0]), openNow: false }, ['services']);
    rejects(LinkOfficeLive, { services: [{ ...live.services[0], waiting: -1 }], openNow: true }, ['services', 0, 'waiting']);
    accepts(LinkOfficeLive, { services: [{ ...live.services[0], estimatedWaitMinutes: 15 }], openNow: true });
    rejects(LinkOfficeLive, { services: [{ ...live.services[0], estimatedWaitMinutes: -1 }], openNow: true }, ['services', 0, 'estimatedWaitMinutes']);
  });
});

describe('at the office', () => {
  it('checks in with a code of 4 to 600 characters (a short code, a signed QR token or an ID number)', () => {
    for (const code of ['K7M2', chars(600)]) assert.deepEqual(accepts(CheckInRequest, { code }), { code });
    rejects(CheckInRequest, { code: 'K7M' }, ['code']);
    rejects(CheckInRequest, { code: chars(601) }, ['code']);
  });
  it("lists a day's bookings with their check-in and ticket", () => {
    const day = {
      date: '2027-01-11',
      bookings: [
        { id: 'b1', code: 'K7M2QX', serviceId: 's1', serviceName: 'Facturas', start, end: start, status: 'checked_in', late: false, checkedInAt: start, ticketId: 't1', ticketCode: 'F-001' },
        { id: 'b2', code: 'P3R9ZT', serviceId: 's1', serviceName: 'Facturas', start, end: start, status: 'no_show', late: true, checkedInAt: null, ticketId: null, ticketCode: null },
      ],
    };
    assert.deepEqual(accepts(OfficeBookingsResponse, day), day);
    rejects(OfficeBookingsResponse, { ...day, date: '2027-01-32' }, ['date']);
    rejects(OfficeBookingsResponse, { ...day, bookings: [{ ...day.bookings[0], status: 'serving' }] }, ['bookings', 0, 'status']);
  });
});
