/**
 * Head office's notifier configuration: which providers carry messages, their credentials,
 * rate limits and retry policy, and the companies' template overrides. It is read from a
 * private JSON file (NOTIFY_CONFIG_FILE, mode 0600): credentials stay out of the environment,
 * the command line, URLs and logs. `publicSettings` is the only view that leaves the process.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, isEncryptedOrLocal } from '../../platform/config';
import { NOTIFICATION_TEMPLATES, type NotificationTemplate } from './types';

const Rate = z.object({
  /** Sustained sends per second … */
  perSecond: z.number().positive().max(1000).default(5),
  /** … and how many may go at once after a quiet spell. */
  burst: z.number().int().min(1).max(10_000).default(10),
});
export type RateLimit = z.infer<typeof Rate>;
const rate = Rate.default({ perSecond: 5, burst: 10 });
/** Messages carry phone numbers and addresses: https, or plain http to this machine only (tests, a local relay). */
const ProviderUrl = z
  .string()
  .url()
  .refine((u) => URL.canParse(u) && isEncryptedOrLocal(u), 'must be https:// (plain http only to this machine)');

export const EmailSettings = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); else STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** Refuse to send without STARTTLS (production); tests against a local sink turn it off. */
  requireTls: z.boolean().default(true),
  user: z.string().optional(),
  password: z.string().optional(),
  /** "Turnero <turnos@example.co>" */
  from: z.string().min(3),
  /** A company's own sender ("EPM Turnos <turnos@epm.example>"), else `from`. */
  fromByCompany: z.record(z.string().min(1).max(120), z.string().min(3)).default({}),
  rate,
});

/** Twilio's Messages API shape: POST {baseUrl}/2010-04-01/Accounts/{sid}/Messages.json. */
export const SmsSettings = z.object({
  baseUrl: ProviderUrl.default('https://api.twilio.com'),
  accountSid: z.string().min(1),
  authToken: z.string().min(1),
  from: z.string().min(3),
  rate,
});

const WhatsAppTemplate = z.object({
  /** The template's name as approved in WhatsApp Manager. */
  name: z.string().min(1),
  /** Parameter names, in the order of the approved template's {{1}}, {{2}}, … */
  params: z.array(z.string().min(1)).max(10),
});
export type WhatsAppTemplate = z.infer<typeof WhatsAppTemplate>;

/** The WhatsApp Cloud API: POST {baseUrl}/{version}/{phoneNumberId}/messages, template messages. */
export const WhatsAppSettings = z.object({
  baseUrl: ProviderUrl.default('https://graph.facebook.com'),
  version: z.string().regex(/^v[0-9]+\.[0-9]+$/).default('v21.0'),
  phoneNumberId: z.string().min(1),
  accessToken: z.string().min(1),
  /** Overrides of the default template names and parameter orders (whatsapp.ts). */
  templates: z.partialRecord(z.enum(NOTIFICATION_TEMPLATES), WhatsAppTemplate).default({}),
  rate,
});

/** A company's own gateway: POST JSON signed with HMAC-SHA256 of the shared secret. */
export const WebhookSettings = z.object({
  url: ProviderUrl,
  secret: z.string().min(16),
  rate,
});

const TemplateText = z.object({ subject: z.string().max(200), text: z.string().max(2000) });
/** One template in one locale; `zero`/`one`: the wording when `position` is 0 or 1. */
export const TemplateOverride = TemplateText.extend({ zero: TemplateText.optional(), one: TemplateText.optional() });
export type TemplateOverride = z.infer<typeof TemplateOverride>;
const Locale = z.enum(['es-CO', 'en']);
const TemplateSet = z.partialRecord(z.enum(NOTIFICATION_TEMPLATES), z.partialRecord(Locale, TemplateOverride));
export type TemplateSet = z.infer<typeof TemplateSet>;

export const NotifySettings = z.object({
  /** Who carries a message to a phone when no e-mail address is given. */
  phoneChannel: z.enum(['sms', 'whatsapp', 'webhook']).default('sms'),
  email: EmailSettings.optional(),
  sms: SmsSettings.optional(),
  whatsapp: WhatsAppSettings.optional(),
  webhook: WebhookSettings.optional(),
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(50).default(6),
      baseSeconds: z.number().positive().max(3600).default(30),
      maxSeconds: z.number().positive().max(86_400).default(3600),
    })
    .default({ maxAttempts: 6, baseSeconds: 30, maxSeconds: 3600 }),
  /** The portal page of a booking, for reminders: `{code}` is replaced by the booking's code. */
  bookingUrl: z.string().url().optional(),
  templates: z
    .object({
      /** The group's wording, over the built-in defaults. */
      group: TemplateSet.default({}),
      /** A company's wording, over the group's. */
      companies: z.record(z.string().min(1).max(120), TemplateSet).default({}),
    })
    .default({ group: {}, companies: {} }),
});
export type NotifySettings = z.infer<typeof NotifySettings>;
export type Channel = 'email' | 'sms' | 'whatsapp' | 'webhook';

/** A ConfigError: start-up stops with its message, without a stack trace. */
class NotifySettingsError extends ConfigError {
  override name = 'NotifySettingsError';
}

/**
 * Reads and checks the file; a bad file stops start-up with a message that names the field
 * (never its value). `defaults` fill what the file leaves out (the portal's booking page).
 */
export function loadNotifySettings(file: string | undefined, defaults: { bookingUrl?: string } = {}): NotifySettings {
  if (!file) return NotifySettings.parse(defaults);
  let raw: unknown;
  try {
    if ((statSync(file).mode & 0o077) !== 0) {
      throw new NotifySettingsError(`NOTIFY_CONFIG_FILE ${file} holds credentials: make it readable by this user only (chmod 600)`);
    }
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if (err instanceof NotifySettingsError) throw err;
    throw new NotifySettingsError(`NOTIFY_CONFIG_FILE ${file} does not read as JSON: ${(err as Error).name}`);
  }
  const parsed = NotifySettings.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new NotifySettingsError(`NOTIFY_CONFIG_FILE ${file} is invalid: ${where}`);
  }
  return { ...parsed.data, bookingUrl: parsed.data.bookingUrl ?? defaults.bookingUrl };
}

/** The settings as the admin screen may see them: hosts, senders and limits, never a secret. */
export function publicSettings(s: NotifySettings) {
  return {
    phoneChannel: s.phoneChannel,
    retry: s.retry,
    email: s.email
      ? {
          host: s.email.host,
          port: s.email.port,
          secure: s.email.secure,
          from: s.email.from,
          fromByCompany: s.email.fromByCompany,
          hasCredentials: Boolean(s.email.user),
          rate: s.email.rate,
        }
      : null,
    sms: s.sms ? { baseUrl: s.sms.baseUrl, from: s.sms.from, hasCredentials: true, rate: s.sms.rate } : null,
    whatsapp: s.whatsapp
      ? { baseUrl: s.whatsapp.baseUrl, version: s.whatsapp.version, hasCredentials: true, templates: s.whatsapp.templates, rate: s.whatsapp.rate }
      : null,
    webhook: s.webhook ? { url: originOf(s.webhook.url), hasCredentials: true, rate: s.webhook.rate } : null,
    templates: s.templates,
  };
}

/** A webhook URL may carry a token in its path or query: show only where it goes. */
function originOf(url: string): string {
  return new URL(url).origin;
}

