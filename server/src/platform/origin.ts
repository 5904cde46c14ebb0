/**
 * Which web pages may open a socket here. A browser always sends `Origin` on a WebSocket
 * (and on cross-site requests), so a page on another site cannot ride a screen's or a
 * ticket's connection: allowed are the page's own origin (its host is the one it
 * connects to), PUBLIC_URL and ALLOWED_ORIGINS. Clients without `Origin` are not browsers
 * (the kiosk agent, tests, a script): their token decides, as for the REST API.
 */
import type { IncomingMessage } from 'node:http';
import type { Config } from './config';

export type OriginConfig = Partial<Pick<Config, 'PUBLIC_URL' | 'ALLOWED_ORIGINS'>>;

/** For socket.io's `allowRequest`: answers `false` (HTTP 403) to a foreign page. */
export function socketOriginCheck(config: OriginConfig) {
  const allowed = new Set([config.PUBLIC_URL, ...(config.ALLOWED_ORIGINS ?? [])].filter(Boolean).map((u) => new URL(u!).origin));
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    callback(null, isAllowedOrigin(req, allowed));
  };
}

function isAllowedOrigin(req: IncomingMessage, allowed: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  try {
    // Same origin: the page's host is the host it connected to (a TLS proxy in front
    // keeps the Host header, so the scheme is not compared).
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // "null" (a sandboxed frame, a file: page) or garbage
  }
}
