/**
 * What the rest of head office asks of the notifier (server/src/hq/notify): one message to a
 * customer about a booking or a remote ticket. The notifier picks the channel (e-mail when an
 * address is given, else SMS or WhatsApp as head office's configuration says), renders the
 * company's template (Spanish first), queues it in hq_notification, sends, retries with
 * back-off, rate-limits per provider, and records the delivery state.
 */
export const NOTIFICATION_TEMPLATES = [
  'booking_confirmation',
  'booking_reminder_day',
  'booking_reminder_hour',
  'booking_cancelled',
  'remote_next',
  'remote_called',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

export interface NotificationRequest {
  template: NotificationTemplate;
  to: { phone?: string | null; email?: string | null };
  /** Company whose templates and sender apply (null: the group's defaults). */
  company: string | null;
  locale: 'es-CO' | 'en';
  /**
   * Template values (never logged): officeName, serviceName, start (ISO), code, counterName,
   * position, estimatedWaitMinutes, manageUrl, ticketUrl, as the template needs.
   */
  params: Record<string, string | number | null>;
  /** One message per purpose, e.g. `booking_confirmation:<bookingId>`: enqueueing it twice sends once. */
  dedupeKey: string;
  /** When the message (and its recipient) is deleted. */
  deleteAfter: Date;
}

export interface Notifier {
  /** Stores the message (idempotent by dedupeKey); sending happens in the background. */
  enqueue(request: NotificationRequest): Promise<void>;
  /** Starts the sending loop and the reminder scheduler. */
  start(): void;
  stop(): Promise<void>;
}
