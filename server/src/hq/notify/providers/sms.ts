/**
 * SMS through Twilio's Messages API (and the many gateways that copy its shape):
 * POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From and
 * Body, HTTP basic auth with the account SID and auth token. Answers `{ sid }`.
 */
import type { z } from 'zod';
import type { SmsSettings } from '../settings';
import { postToProvider } from './http';
import type { Provider } from './provider';

export function createSmsProvider(s: z.infer<typeof SmsSettings>): Provider {
  const url = `${s.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(s.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${s.accountSid}:${s.authToken}`).toString('base64')}`;
  return {
    channel: 'sms',
    async send(m) {
      const body = new URLSearchParams({ To: m.to, From: s.from, Body: m.text }).toString();
      const answer = (await postToProvider(url, {
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
      })) as { sid?: unknown } | null;
      return { providerId: typeof answer?.sid === 'string' ? answer.sid : null };
    },
  };
}
