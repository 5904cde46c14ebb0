import type { OfficeBooking } from '@turnero/contract/portal';

/**
 * The catalogue key of the status word staff read for a booking: pending, arrived, late
 * (past its check-in window and not here), no-show, cancelled.
 */
export function bookingStatusKey(b: Pick<OfficeBooking, 'status' | 'late'>): string {
  if (b.status === 'checked_in') return 'bookings.status.arrived';
  if (b.status === 'no_show') return 'bookings.status.noShow';
  if (b.status === 'cancelled') return 'bookings.status.cancelled';
  return b.late ? 'bookings.status.late' : 'bookings.status.pending';
}
