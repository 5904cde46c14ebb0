/**
 * One interface for every way a message leaves head office (e-mail, SMS, WhatsApp, a
 * company's webhook), so the notifier's queue, retries and rate limits are the same for all.
 * A provider throws ProviderError: `code` is what the delivery record keeps (never the
 * provider's text, which may quote the recipient), `permanent` says a retry cannot help.
 */
import type { Channel } from '../settings';
import type { NotificationTemplate } from '../types';
import type { Locale } from '../templates';

export interface OutboundMessage {
  /** hq_notification.id: providers that take an idempotency key get this one. */
  id: string;
  to: string;
  /** Whose message it is (a provider may send it under the company's own sender). */
  company: string | null;
  template: NotificationTemplate;
  locale: Locale;
  subject: string;
  text: string;
  /** The template's values (positional templates such as WhatsApp's pick theirs from here). */
  values: Record<string, string>;
}

export interface Provider {
  channel: Channel;
  /** Resolves with the provider's message id once it has accepted the message. */
  send(message: OutboundMessage): Promise<{ providerId: string | null }>;
  close?(): Promise<void>;
}

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(code);
  }
}
