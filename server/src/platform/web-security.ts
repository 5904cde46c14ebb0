/**
 * What every HTTP answer of both roles carries and what stays private:
 * - a Content-Security-Policy that only runs the server's own script files (no inline
 *   script, no other site), forbids framing (clickjacking a desk's buttons) and plugins;
 *   inline styles stay allowed because the web apps set colours per service in `style`;
 * - HSTS on HTTPS answers, so a browser that once reached the server never falls back
 *   to plain HTTP on a hostile network;
 * - /metrics only with METRICS_TOKEN as a bearer, or, without one, only to a direct
 *   loopback client (a request a local TLS proxy forwards comes from loopback too, so
 *   a forwarded request is never "local");
 * - no source maps outside demos and development: they hand out the original sources.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '@turnero/domain/errors';
import type { Config } from './config';

export type WebSecurityConfig = Partial<Pick<Config, 'METRICS_TOKEN' | 'NODE_ENV' | 'DEMO'>>;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HSTS = 'max-age=31536000; includeSubDomains';

export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // req.secure: this connection is TLS, or (behind a trusted proxy) X-Forwarded-Proto says so.
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  next();
};

function sourceMapsServed(config: WebSecurityConfig): boolean {
  return (config.DEMO ?? true) && config.NODE_ENV !== 'production';
}

/** Answers 404 to any `*.map` when source maps are not served. */
export function sourceMapGuard(config: WebSecurityConfig): RequestHandler {
  const served = sourceMapsServed(config);
  return (req, _res, next) => {
    if (!served && req.path.endsWith('.map')) return next(new AppError('not_found', `No route ${req.method} ${req.path}`));
    next();
  };
}

/** Lets a /metrics request through, or refuses it (401 without the token, 403 from elsewhere). */
export function metricsGuard(config: WebSecurityConfig): RequestHandler {
  const expected = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : null;
  return (req, _res, next) => {
    if (expected) {
      const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
      if (given && timingSafeEqual(digest(given), expected)) return next();
      return next(new AppError('unauthenticated', 'Metrics need the METRICS_TOKEN bearer token'));
    }
    if (isDirectLoopback(req)) return next();
    next(new AppError('forbidden', 'Metrics are served to this machine only (set METRICS_TOKEN to scrape from elsewhere)'));
  };
}

function isDirectLoopback(req: Request): boolean {
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '::1' || peer.startsWith('127.') || peer.startsWith('::ffff:127.');
  return loopback && req.get('x-forwarded-for') === undefined && req.get('forwarded') === undefined;
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
