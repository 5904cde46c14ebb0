/**
 * The door of the HTTP server, before Express: a client (its address and the credential it
 * presents) that floods is answered here, without routing, authentication, body parsing,
 * logging or the error middleware, so its cost stays small and the honest clients keep
 * the event loop. Two rules:
 * - at most HTTP_IN_FLIGHT_PER_CLIENT of its API requests at once (the rest: 429 at once;
 *   the web apps' files are left out: screens behind one proxy reloading together at
 *   opening time each fetch a dozen, and serving a file costs no more than refusing it);
 * - a client that keeps asking after its refusals (any 429: kiosk tickets, logins, this
 *   door) cools down (flood-guard.ts): every request answered 429 here, its connection
 *   closed after the answer.
 * The key includes the credential so that kiosks behind one address (a NAT, TRUST_PROXY's
 * proxy) do not pay for each other; a stranger without one is keyed by address alone.
 * Refusals are counted in `http_refused_at_door_total` and logged once per cool-down.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Config } from './config';
import { FloodGuard, type FloodGuardConfig } from './flood-guard';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { hashToken } from './secrets';

export type ClientGuardConfig = FloodGuardConfig & Pick<Config, 'HTTP_IN_FLIGHT_PER_CLIENT'>;

/** Where both roles serve their API (/api/v1): the requests that cost work. */
const API_PATH = '/api/';

const TOO_MANY =
  '{"error":{"code":"rate_limited","message":"Demasiadas solicitudes; espere / Too many requests; wait","details":{"retryAfterSeconds":RETRY}}}';

/** Wraps the server's request listener (the Express app) with the door. */
export function guardRequests(
  listener: RequestListener,
  config: ClientGuardConfig,
  logger: Logger,
  metrics: Metrics,
  now?: () => number,
): RequestListener {
  const flood = new FloodGuard(config, logger, 'HTTP', now);
  const inFlight = new Map<string, number>();
  const refusedAtDoor = metrics.counter('http_refused_at_door_total', 'HTTP requests refused before routing', ['reason']);

  const refuse = (res: ServerResponse, retryAfter: number, close: boolean, reason: string) => {
    refusedAtDoor.inc({ reason });
    res.writeHead(429, {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(retryAfter),
      'x-content-type-options': 'nosniff',
      ...(close ? { connection: 'close' } : {}),
    });
    res.end(TOO_MANY.replace('RETRY', String(retryAfter)));
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    const key = clientKey(req);
    const cooling = flood.coolingSeconds(key);
    if (cooling > 0) return refuse(res, cooling, true, 'cooldown');
    if (!req.url?.startsWith(API_PATH)) return listener(req, res);
    const busy = inFlight.get(key) ?? 0;
    if (busy >= config.HTTP_IN_FLIGHT_PER_CLIENT) {
      flood.refused(key, { address: req.socket.remoteAddress });
      return refuse(res, 1, false, 'in_flight');
    }
    inFlight.set(key, busy + 1);
    res.once('close', () => {
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left);
      else inFlight.delete(key);
      if (res.statusCode === 429) flood.refused(key, { address: req.socket.remoteAddress, path: req.url?.slice(0, 80) });
    });
    listener(req, res);
  };
}

/** The peer's address and, when it shows one, a digest of its credential (never the token itself). */
function clientKey(req: IncomingMessage): string {
  const credential = req.headers.authorization;
  const address = req.socket.remoteAddress ?? '';
  if (!credential) return address;
  return `${address}|${hashToken(credential)}`;
}
