/**
 * WhatsApp through Meta's Cloud API. Outside a 24-hour customer window a business may only
 * send approved templates, so every message is a template message:
 * POST {baseUrl}/{version}/{phoneNumberId}/messages with a bearer token and
 * { messaging_product: 'whatsapp', to, type: 'template', template: { name, language: { code },
 *   components: [{ type: 'body', parameters: [{ type: 'text', text }, …] }] } }.
 * The approved templates' names and parameter orders default to these and can be overridden.
 */
import type { z } from 'zod';
import type { WhatsAppSettings, WhatsAppTemplate } from '../settings';
import type { NotificationTemplate } from '../types';
import type { Locale } from '../templates';
import { postToProvider } from './http';
import type { Provider } from './provider';

const DEFAULT_WHATSAPP_TEMPLATES: Record<NotificationTemplate, WhatsAppTemplate> = {
  booking_confirmation: { name: 'turnero_booking_confirmation', params: ['serviceName', 'officeName', 'when', 'code'] },
  booking_reminder_day: { name: 'turnero_booking_reminder_day', params: ['serviceName', 'officeName', 'when', 'code'] },
  booking_reminder_hour: { name: 'turnero_booking_reminder_hour', params: ['serviceName', 'officeName', 'time', 'code'] },
  booking_cancelled: { name: 'turnero_booking_cancelled', params: ['serviceName', 'officeName', 'when'] },
  remote_next: { name: 'turnero_remote_next', params: ['position', 'code', 'officeName'] },
  remote_called: { name: 'turnero_remote_called', params: ['code', 'counter', 'officeName'] },
};

/** WhatsApp's language codes use an underscore. */
const LANGUAGE: Record<Locale, string> = { 'es-CO': 'es_CO', en: 'en' };

export function createWhatsAppProvider(s: z.infer<typeof WhatsAppSettings>): Provider {
  const url = `${s.baseUrl.replace(/\/$/, '')}/${s.version}/${encodeURIComponent(s.phoneNumberId)}/messages`;
  return {
    channel: 'whatsapp',
    async send(m) {
      const template = s.templates[m.template] ?? DEFAULT_WHATSAPP_TEMPLATES[m.template];
      const payload = {
        messaging_product: 'whatsapp',
        // The Cloud API takes the number in international form without the plus.
        to: m.to.replace(/^\+/, ''),
        type: 'template',
        template: {
          name: template.name,
          language: { code: LANGUAGE[m.locale] },
          components: [{ type: 'body', parameters: template.params.map((p) => ({ type: 'text', text: m.values[p] ?? '-' })) }],
        },
      };
      const answer = (await postToProvider(url, {
        headers: { authorization: `Bearer ${s.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      })) as { messages?: { id?: unknown }[] } | null;
      const id = answer?.messages?.[0]?.id;
      return { providerId: typeof id === 'string' ? id : null };
    },
  };
}
