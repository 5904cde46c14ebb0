/**
 * A company's own gateway: the message as JSON, signed so the receiver can tell it came from
 * head office and was not replayed. Headers: `x-turnero-timestamp` (unix seconds) and
 * `x-turnero-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the shared secret>`.
 */
import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { Clock } from '@turnero/domain/types';
import type { WebhookSettings } from '../settings';
import { postToProvider } from './http';
import type { Provider } from './provider';

const SIGNATURE_HEADER = 'x-turnero-signature';
const TIMESTAMP_HEADER = 'x-turnero-timestamp';

export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function createWebhookProvider(s: z.infer<typeof WebhookSettings>, clock: Clock): Provider {
  return {
    channel: 'webhook',
    async send(m) {
      const body = JSON.stringify({ id: m.id, template: m.template, locale: m.locale, to: m.to, subject: m.subject, text: m.text, values: m.values });
      const timestamp = String(Math.floor(clock.now().getTime() / 1000));
      const answer = (await postToProvider(s.url, {
        headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: webhookSignature(s.secret, timestamp, body) },
        body,
      })) as { id?: unknown } | null;
      return { providerId: typeof answer?.id === 'string' ? answer.id : m.id };
    },
  };
}
