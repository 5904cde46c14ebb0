/**
 * The small shared pieces of bookings: the outbox fact head office's booking figures are
 * built from (booking-figures.ts: counts and punctuality only, never the code or a contact),
 * how an ID number is normalised before it is hashed (id-number.ts), and the portal's
 * consent version (portal-consent.ts).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { BOOKING_FIGURE_EVENTS, BookingFact } from './booking-figures';
import { normalizeIdNumber } from './id-number';
import { PORTAL_CONSENT_VERSION } from './portal-consent';
import { accepts, chars, rejects } from './test-fixtures';

const fact = () => ({
  kind: 'booking',
  event: 'checked_in',
  bookingId: 'b1',
  serviceCode: 'FACT',
  slotStart: '2026-12-01T14:00:00.000Z',
  day: '2026-12-01',
  punctualitySeconds: -120,
});

describe('the booking fact', () => {
  it('is booked, cancelled, checked in or a no-show, and keeps its fields', () => {
    assert.deepEqual(BOOKING_FIGURE_EVENTS, ['booked', 'cancelled', 'checked_in', 'no_show']);
    assert.deepEqual(accepts(BookingFact, fact()), fact());
    for (const event of BOOKING_FIGURE_EVENTS) assert.equal(accepts(BookingFact, { ...fact(), event }).event, event);
    rejects(BookingFact, { ...fact(), event: 'moved' }, ['event']);
    rejects(BookingFact, { ...fact(), kind: 'rating' }, ['kind']);
  });
  it('carries punctuality in whole seconds (early is negative), or none', () => {
    assert.equal(accepts(BookingFact, { ...fact(), punctualitySeconds: 300 }).punctualitySeconds, 300);
    assert.equal(accepts(BookingFact, { ...fact(), punctualitySeconds: null }).punctualitySeconds, null);
    const { punctualitySeconds: _, ...booked } = { ...fact(), event: 'booked' };
    assert.deepEqual(accepts(BookingFact, booked), booked);
    rejects(BookingFact, { ...fact(), punctualitySeconds: 1.5 }, ['punctualitySeconds']);
  });
  it('refuses ids and codes out of bounds, a slot that is not an instant and a day that is not YYYY-MM-DD', () => {
    accepts(BookingFact, { ...fact(), bookingId: chars(64), serviceCode: chars(16) });
    rejects(BookingFact, { ...fact(), bookingId: '' }, ['bookingId']);
    rejects(BookingFact, { ...fact(), bookingId: chars(65) }, ['bookingId']);
    rejects(BookingFact, { ...fact(), serviceCode: '' }, ['serviceCode']);
    rejects(BookingFact, { ...fact(), serviceCode: chars(17) }, ['serviceCode']);
    rejects(BookingFact, { ...fact(), slotStart: '2026-12-01 09:00' }, ['slotStart']);
    for (const bad of ['2026-12-1', 'x2026-12-01', '2026-12-01x', '01/12/2026']) rejects(BookingFact, { ...fact(), day: bad }, ['day']);
  });
  it('never carries the booking code, a contact or an ID number', () => {
    const parsed = accepts(BookingFact, { ...fact(), code: 'K7M2QX', phone: '3001234567', idNumber: '1053774' });
    assert.deepEqual(parsed, fact());
  });
});

describe('an ID number before hashing', () => {
  it('loses spaces, dots and dashes and is upper case, so every way of typing it hashes alike', () => {
    assert.equal(normalizeIdNumber('1.053.774'), '1053774');
    assert.equal(normalizeIdNumber(' 10 53-774 '), '1053774');
    assert.equal(normalizeIdNumber('cc-1053774'), 'CC1053774');
    assert.equal(normalizeIdNumber('ab\t12'), 'AB12');
    assert.equal(normalizeIdNumber('1053774'), '1053774');
  });
});

describe("the portal's consent", () => {
  it('is the versioned text of December 2026', () => {
    assert.equal(PORTAL_CONSENT_VERSION, 'portal-2026-12');
  });
});
