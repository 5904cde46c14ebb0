/**
 * The one link to a ticket's live page: the QR code printed on the paper and the one on
 * the kiosk screen are both this link (the kiosk takes `liveTicketUrlBase` from the
 * snapshot). With head office's public portal (HQ_PUBLIC_URL) the link goes there, so a
 * phone off the office network can follow the ticket; the portal itself is a later issue.
 */
import { z } from 'zod';
import { ConfigError, type Config } from '../../platform/config';

export interface PublicLinkSettings {
  /** Where this office is reached (PUBLIC_URL, or http://localhost:PORT without it). */
  publicUrl: string;
  /** Head office's public portal, when there is one. */
  hqPublicUrl: string | null;
  officeCode: string;
}

/** Everything before the ticket id: the link is this base followed by the encoded id. */
export function liveTicketUrlBase(s: PublicLinkSettings): string {
  if (s.hqPublicUrl) return `${trimSlash(s.hqPublicUrl)}/t/${encodeURIComponent(s.officeCode)}/`;
  return `${trimSlash(s.publicUrl)}/dispenser/ticket.html?id=`;
}

export function liveTicketUrl(s: PublicLinkSettings, ticketId: string): string {
  return liveTicketUrlBase(s) + encodeURIComponent(ticketId);
}

/** HQ_PUBLIC_URL, checked at boot like every other variable (a bad one stops the start). */
export function readHqPublicUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.HQ_PUBLIC_URL;
  if (raw === undefined || raw === '') return null;
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(raw);
  if (!parsed.success) throw new ConfigError(`Invalid configuration (environment variables):\n  HQ_PUBLIC_URL: not an http(s) URL: "${raw}"`);
  return trimSlash(parsed.data);
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/**
 * Why the printed link cannot be right, in words for the start-up log and banner (none
 * when it can). A real office without PUBLIC_URL prints http://localhost:PORT, which no
 * customer's phone can open; so does a PUBLIC_URL on this machine while the server
 * listens for the whole network.
 */
export function publicLinkWarnings(
  config: Pick<Config, 'PUBLIC_URL' | 'DEMO' | 'HOST'>,
  settings: PublicLinkSettings,
): string[] {
  const warnings: string[] = [];
  if (settings.hqPublicUrl) {
    if (LOOPBACK.test(new URL(settings.hqPublicUrl).hostname)) {
      warnings.push(`HQ_PUBLIC_URL ${settings.hqPublicUrl} is this machine: the QR codes on tickets point at it, which customers' phones cannot open`);
    }
    return warnings;
  }
  if (!config.PUBLIC_URL && !config.DEMO) {
    warnings.push(`PUBLIC_URL is not set: the QR codes on tickets point at ${settings.publicUrl}, which customers' phones cannot open`);
  } else if (config.PUBLIC_URL && LOOPBACK.test(new URL(config.PUBLIC_URL).hostname) && ALL_INTERFACES.has(config.HOST)) {
    warnings.push(`PUBLIC_URL ${config.PUBLIC_URL} is this machine while the server listens on ${config.HOST || 'every address'}: the QR codes on tickets cannot be opened from customers' phones`);
  }
  return warnings;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
