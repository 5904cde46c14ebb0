/**
 * The outbox fact of one change in a booking's life at an office (issue 14, "Personal data"):
 * head office counts bookings, cancellations, check-ins, punctuality and no-shows per office,
 * office-local day and service from it. Counts only: the booking's id (to tell facts apart),
 * its service and slot, never its code, name, contact or ID number.
 */
import { z } from 'zod';

export const BOOKING_FIGURE_EVENTS = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
export type BookingFigureEvent = (typeof BOOKING_FIGURE_EVENTS)[number];

export const BookingFact = z.object({
  kind: z.literal('booking'),
  event: z.enum(BOOKING_FIGURE_EVENTS),
  bookingId: z.string().min(1).max(64),
  /** The group catalogue's code of the service when it is linked, else the office's letter. */
  serviceCode: z.string().min(1).max(16),
  /** The slot's start (ISO-8601 UTC). */
  slotStart: z.string().datetime(),
  /** The slot's office-local day, YYYY-MM-DD: the day the figures file it under. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** checked_in only: check-in time minus slot start, in seconds (negative when early). */
  punctualitySeconds: z.number().int().nullable().optional(),
});
export type BookingFact = z.infer<typeof BookingFact>;
