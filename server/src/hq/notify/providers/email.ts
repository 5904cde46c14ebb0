/**
 * E-mail through an SMTP server (nodemailer). SMTP's own answer sorts failures: 5xx is a
 * refusal for good (unknown mailbox), 4xx and a dropped connection are worth another try.
 * nodemailer's logger stays off: it would write addresses.
 */
import nodemailer from 'nodemailer';
import type { z } from 'zod';
import type { EmailSettings } from '../settings';
import { ProviderError, type Provider } from './provider';

export function createEmailProvider(s: z.infer<typeof EmailSettings>): Provider {
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    requireTLS: !s.secure && s.requireTls,
    ignoreTLS: !s.secure && !s.requireTls,
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    logger: false,
    debug: false,
  });
  return {
    channel: 'email',
    async send(m) {
      try {
        const from = (m.company ? s.fromByCompany[m.company] : undefined) ?? s.from;
        const info = await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
        return { providerId: typeof info.messageId === 'string' ? info.messageId : null };
      } catch (err) {
        throw smtpError(err as Error & { responseCode?: number; code?: string });
      }
    },
    async close() {
      transport.close();
    },
  };
}

function smtpError(err: Error & { responseCode?: number; code?: string }): ProviderError {
  if (typeof err.responseCode === 'number') return new ProviderError(`smtp_${err.responseCode}`, err.responseCode >= 500);
  return new ProviderError(`smtp_${(err.code ?? 'error').toLowerCase()}`, false);
}
