/**
 * Head office's booking figures (issue 14): each office's 'booking' facts folded into deltas
 * of hq_booking_day per office-local day (the slot's) and service. Counts only, durable:
 * HqBooking rows are purged after retention, these are not. Punctuality sums the signed
 * seconds between slot start and check-in over every check-in (early ones subtract), so
 * average lateness = punctualitySecondsSum / checkedIn; a check-in after the slot start is late.
 */
import type { BookingFact } from '@turnero/contract/booking-figures';

export interface BookingDayDelta {
  day: string;
  serviceCode: string;
  booked: number;
  cancelled: number;
  checkedIn: number;
  noShow: number;
  lateCheckIns: number;
  punctualitySecondsSum: number;
}

export class BookingDays {
  private readonly days = new Map<string, BookingDayDelta>();

  add(fact: BookingFact): void {
    const key = `${fact.day}|${fact.serviceCode}`;
    let d = this.days.get(key);
    if (!d) {
      d = { day: fact.day, serviceCode: fact.serviceCode, booked: 0, cancelled: 0, checkedIn: 0, noShow: 0, lateCheckIns: 0, punctualitySecondsSum: 0 };
      this.days.set(key, d);
    }
    if (fact.event === 'booked') d.booked++;
    else if (fact.event === 'cancelled') d.cancelled++;
    else if (fact.event === 'no_show') d.noShow++;
    else {
      const seconds = fact.punctualitySeconds ?? 0;
      d.checkedIn++;
      d.punctualitySecondsSum += seconds;
      if (seconds > 0) d.lateCheckIns++;
    }
  }

  deltas(): BookingDayDelta[] {
    return [...this.days.values()];
  }
}
