/**
 * The 'booking' outbox facts head office's figures count (bookings, cancellations, check-ins,
 * punctuality, no-shows per office, day and service). Each is written in the same transaction
 * as the booking's change here. Only the booking's id, service and slot leave the office:
 * never its code, the ID number's hash or anything about the person.
 */
import type { BookingFigureEvent } from '@turnero/contract/booking-figures';
import { localDay } from '@turnero/domain/local-day';
import type { Service } from '@turnero/domain/types';
import type { OutboxEntry } from '../store/outbox-store';

export interface FactBooking {
  id: string;
  /** The office service's id (or head office's code for a service this office lacks). */
  serviceId: string;
  start: Date;
}

/** Head office groups figures by the catalogue code when the service is linked, else by its letter. */
function figureServiceCode(services: readonly Service[], serviceId: string): string {
  const s =
    services.find((x) => x.id === serviceId) ??
    services.find((x) => x.catalogCode === serviceId) ??
    services.find((x) => !x.catalogCode && x.prefix === serviceId);
  return (s ? (s.catalogCode ?? s.prefix) : serviceId).slice(0, 16);
}

export function bookingFact(
  event: BookingFigureEvent,
  booking: FactBooking,
  at: Date,
  office: { timeZone: string; services: readonly Service[] },
): OutboxEntry {
  return {
    occurredAt: at,
    fact: {
      kind: 'booking',
      event,
      bookingId: booking.id,
      serviceCode: figureServiceCode(office.services, booking.serviceId),
      slotStart: booking.start.toISOString(),
      day: localDay(booking.start, office.timeZone),
      ...(event === 'checked_in' ? { punctualitySeconds: Math.round((at.getTime() - booking.start.getTime()) / 1000) } : {}),
    },
  };
}
