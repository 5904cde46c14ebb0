/**
 * Booking reminders: the day before (24 h) and an hour before a booked appointment, each
 * queued once under `booking_reminder_day:<id>` / `booking_reminder_hour:<id>`. Which
 * bookings are due comes from the injected clock, so a test moves time and scans again.
 * A day reminder no longer due (the hour window has opened) is not sent: the hour one is.
 */
import type { Sql } from '../db';
import { dueBookingReminders, type DueReminderRow } from '../store/notification-store';
import type { NotificationRequest, NotificationTemplate } from './types';

const HOUR_MS = 3_600_000;
const SCAN_LIMIT = 500;

interface ReminderKind {
  template: Extract<NotificationTemplate, 'booking_reminder_day' | 'booking_reminder_hour'>;
  windowMs: number;
  notBeforeMs: number;
}

const KINDS: readonly ReminderKind[] = [
  { template: 'booking_reminder_day', windowMs: 24 * HOUR_MS, notBeforeMs: HOUR_MS },
  { template: 'booking_reminder_hour', windowMs: HOUR_MS, notBeforeMs: 0 },
];

/** Queues every reminder now due; returns how many requests were made. */
export async function scheduleBookingReminders(
  sql: Sql,
  now: Date,
  enqueue: (r: NotificationRequest) => Promise<void>,
  bookingUrl: string | undefined,
): Promise<number> {
  let count = 0;
  for (const kind of KINDS) {
    const due = await dueBookingReminders(sql, kind.template, now, kind.windowMs, kind.notBeforeMs, SCAN_LIMIT);
    for (const b of due) {
      await enqueue(reminderRequest(kind.template, b, bookingUrl));
      count++;
    }
  }
  return count;
}

function reminderRequest(template: ReminderKind['template'], b: DueReminderRow, bookingUrl: string | undefined): NotificationRequest {
  return {
    template,
    to: { email: b.email, phone: b.phone },
    company: b.company,
    locale: b.locale === 'en' ? 'en' : 'es-CO',
    params: {
      officeName: b.officeName,
      serviceName: b.serviceNameEs,
      serviceNameEn: b.serviceNameEn,
      start: b.start.toISOString(),
      timeZone: b.timeZone,
      code: b.code,
      manageUrl: bookingUrl ? bookingUrl.replace('{code}', encodeURIComponent(b.code)) : null,
    },
    dedupeKey: `${template}:${b.bookingId}`,
    deleteAfter: b.deleteAfter,
  };
}
