/**
 * Express plumbing shared by both roles: JSON body parsing, validation with zod, one
 * error middleware mapping AppError codes to HTTP statuses. Nothing a client sends can
 * produce a 500: unexpected errors are logged with their stack and answered with a
 * generic `internal` error that reveals nothing.
 */
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { AppError, isAppError } from '@turnero/domain/errors';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { hashToken } from './secrets';
import { metricsGuard, securityHeaders, sourceMapGuard, type WebSecurityConfig } from './web-security';

/**
 * The Express app both roles start from: request metrics, no fingerprint, the security
 * headers, /metrics behind its guard, no source maps in production (web-security.ts).
 */
export function createHttpApp(metrics: Metrics, config: WebSecurityConfig & Partial<Pick<Config, 'TRUST_PROXY'>>): Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is anyone's to write: believed only from the proxies TRUST_PROXY names,
  // else the peer's address is the client's (the login limiter counts per address).
  app.set('trust proxy', config.TRUST_PROXY ?? false);
  app.use(metrics.middleware);
  app.use(refuseNulInUrl);
  app.use(securityHeaders);
  app.use(sourceMapGuard(config));
  app.get('/metrics', metricsGuard(config), metrics.handler);
  return app;
}

/**
 * A NUL character has no business in an address, and PostgreSQL refuses it in text: a
 * `%00` in a path id or a query value is a 400 here, before any route or query sees it.
 */
const refuseNulInUrl: RequestHandler = (req, _res, next) => {
  if (/%00/i.test(req.originalUrl) || req.originalUrl.includes('\0')) {
    return next(new AppError('bad_request', 'The address holds a NUL character'));
  }
  next();
};

/**
 * Login attempts per minute, counted twice: per account from any address
 * (`perMinute`: slows guessing one password from many machines) and per address for any
 * account (five accounts' worth: slows spraying one password over every user, without
 * locking out an office whose agents all log in from behind one address at 8 a.m.).
 * Mount it before the login route, after the JSON body is parsed (it reads the username).
 */
/** The account a login names: the username in its body. */
const loginAccount = (req: Request) => String(req.body?.username ?? '').toLowerCase().slice(0, 64);

/**
 * The session a request comes with (a digest of its bearer token, never the token): the
 * account key of a password check made by someone already signed in, e.g. changing one's
 * own password, so a stolen session cannot try current passwords at speed.
 */
export const sessionAccount = (req: Request) => hashToken(String(req.headers.authorization ?? ''));

export function loginRateLimit(perMinute: number, refusal: string, accountOf: (req: Request) => string = loginAccount): RequestHandler[] {
  return [
    perMinuteLimit({ max: perMinute * ADDRESS_ACCOUNTS, key: (req) => `address|${addressKey(req)}`, refusal }),
    perMinuteLimit({ max: perMinute, key: (req) => `account|${accountOf(req)}`, refusal }),
  ];
}

/** The client's address as a rate-limit key (an IPv6 address by its /56 network). */
export const addressKey = (req: Request) => ipKeyGenerator(req.ip ?? '');

/**
 * At most `max` requests a minute per `key`, refused with 429 rate_limited and `refusal`
 * (the one shape of every rate limit: login, public routes). `skip` leaves a request out.
 */
export function perMinuteLimit(o: { max: number; key: (req: Request) => string; refusal: string; skip?: (req: Request) => boolean }): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: o.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // X-Forwarded-For is ignored on purpose unless TRUST_PROXY names the proxy.
    validate: { xForwardedForHeader: false },
    keyGenerator: o.key,
    ...(o.skip ? { skip: o.skip } : {}),
    handler: (_req, _res, next) => next(new AppError('rate_limited', o.refusal)),
  });
}

/** One address may fail as often as this many accounts together. */
const ADDRESS_ACCOUNTS = 5;

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      'validation_failed',
      `Invalid ${what}: ${result.error.issues.map((i) => `${i.path.join('.') || what} ${i.message}`).join('; ')}`,
      result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    );
  }
  return result.data;
}

export const jsonBody = (limit = '256kb'): RequestHandler => express.json({ limit, strict: false });

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route ${req.method} ${req.path}`));
};

interface BodyParserError {
  type?: string;
  status?: number;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appError: AppError;
    if (isAppError(err)) {
      appError = err;
    } else if (err instanceof z.ZodError) {
      appError = new AppError('validation_failed', 'Invalid request', err.issues);
    } else if ((err as BodyParserError)?.type === 'entity.parse.failed') {
      appError = new AppError('bad_request', 'Malformed JSON body');
    } else if ((err as BodyParserError)?.type === 'entity.too.large') {
      appError = new AppError('payload_too_large', 'Request body too large');
    } else if ((err as BodyParserError)?.status && (err as BodyParserError).status! < 500) {
      appError = new AppError('bad_request', 'Bad request');
    } else {
      logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
      appError = new AppError('internal', 'Internal error');
    }
    if (appError.status >= 500 && appError.code !== 'internal') {
      logger.error({ code: appError.code, path: req.path }, appError.message);
    } else if (appError.status < 500 && appError.code !== 'rate_limited') {
      // (rate_limited: the limiter logs a client's refusals once per burst, not once each)
      logger.info({ code: appError.code, method: req.method, path: req.path, msg2: appError.message }, 'request refused');
    }
    if (res.headersSent) return;
    res.status(appError.status).json(appError.toBody());
  };
}
