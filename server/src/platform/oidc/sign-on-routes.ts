/**
 * The three single sign-on routes, the same at head office and at an office (each role
 * gives its relying party, its app pages and how it opens a session for a local user):
 *
 *   GET /auth/oidc            {enabled, available} (public): whether to show the button.
 *   GET /auth/oidc/start      302 to the provider; `?return=` one of the role's app pages.
 *   GET /auth/oidc/callback   the provider sends the browser back here: the sign-in is
 *                             checked, the user mapped, and the browser sent to the app
 *                             with the session token in the fragment (303), never in a
 *                             query string or a log.
 *
 * The browser gets a random HttpOnly cookie scoped to these routes when it starts; the
 * callback must bring it back, so a callback address sent to someone else (login CSRF)
 * signs nobody in. A refusal is a 4xx (503 when the provider is down): JSON for API
 * clients, and for a browser a page that returns to the app with `#sso_error=<reason>`.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import { SIGN_ON_FRAGMENT, SignOnStatus } from '@turnero/contract/hq-link';
import { AppError } from '@turnero/domain/errors';
import type { Logger } from '../logger';
import { route, type RouteDef } from '../routes';
import type { RelyingParty } from './relying-party';
import { PENDING_LOGIN_TTL_MS } from './pending-logins';
import { isSignOnRefused, refusalPage, SignOnRefused } from './refusal';
import { CALLBACK_PATH, SIGN_ON_PATH } from './settings';

export interface SignOnRouteDeps {
  /** Null: single sign-on is not configured (the status says so, the other routes are 404). */
  rp: RelyingParty | null;
  /** App pages a browser may return to (paths on this server); the first is the default. */
  appPaths: readonly [string, ...string[]];
  /**
   * Opens a session for the local user the provider named, exactly as the password login
   * does (same token, lifetime and revocation); throws SignOnRefused unknown_user or inactive_user.
   */
  openSession(username: string): Promise<string>;
  logger: Logger;
  /** The API prefix the routes are mounted under (the cookie's path). */
  apiPrefix?: string;
}

const COOKIE = 'turnero_sso';
const StartQuery = z.object({ return: z.string().max(200).optional() });
const CallbackQuery = z.looseObject({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(256).optional(),
});
const err = (description: string) => ({ description, schema: ErrorBody });

export function signOnRoutes<Who>(deps: SignOnRouteDeps): RouteDef<Who>[] {
  const { rp, appPaths, logger } = deps;
  const cookiePath = `${deps.apiPrefix ?? '/api/v1'}${SIGN_ON_PATH}`;
  const requireRp = (): RelyingParty => {
    if (!rp) throw new AppError('not_found', 'Single sign-on is not configured here');
    return rp;
  };

  /** A refusal as JSON for API clients, as a page back to the app for a browser. */
  const refuse = (req: Request, res: Response, refusal: SignOnRefused, appPath: string) => {
    logger.info({ reason: refusal.reason, path: req.path }, 'single sign-on refused');
    res.status(refusal.status).setHeader('Cache-Control', 'no-store');
    if (req.accepts(['json', 'html']) === 'html') res.type('html').send(refusalPage(refusal, appPath));
    else res.json(refusal.toBody());
  };

  return [
    route<Who>({
      method: 'get',
      path: SIGN_ON_PATH,
      summary: 'Whether single sign-on is configured and its provider answers (the sign-in page shows its button)',
      tags: ['auth'],
      roles: 'public',
      responses: { 200: { description: 'Status', schema: SignOnStatus } },
      handler: async () => ({ body: rp ? await rp.status() : { enabled: false, available: false } }),
    }),
    route<Who, undefined, undefined, typeof StartQuery>({
      method: 'get',
      path: `${SIGN_ON_PATH}/start`,
      summary: "Start signing in with the company's identity provider (a browser navigation: 302 to the provider)",
      tags: ['auth'],
      roles: 'public',
      query: StartQuery,
      responses: {
        302: { description: "To the provider's sign-in page" },
        404: err('Single sign-on is not configured'),
        503: err('The provider cannot be reached (reason unavailable)'),
      },
      handler: async ({ query, req, res }) => {
        const provider = requireRp();
        const returnTo = query.return ?? appPaths[0];
        if (!appPaths.includes(returnTo)) throw new AppError('validation_failed', `return must be one of ${appPaths.join(', ')}`);
        const browserKey = browserKeyOf(req) ?? randomBytes(24).toString('base64url');
        try {
          const to = await provider.begin(returnTo, browserKey);
          res.setHeader('Set-Cookie', cookie(browserKey, cookiePath, req.secure));
          res.setHeader('Cache-Control', 'no-store');
          res.redirect(302, to.href);
        } catch (e) {
          if (!isSignOnRefused(e)) throw e;
          refuse(req, res, e, returnTo);
        }
        return {};
      },
    }),
    route<Who, undefined, undefined, typeof CallbackQuery>({
      method: 'get',
      path: CALLBACK_PATH,
      summary: "The provider's answer: to the app with the session token in the fragment (303), or a refusal",
      tags: ['auth'],
      roles: 'public',
      query: CallbackQuery,
      responses: {
        303: { description: 'To the app, `#sso_token=<token>` (or `#sso_error=<reason>` from the HTML refusal page)' },
        400: err('state_invalid: unknown, expired, used or from another browser'),
        401: err('provider_error: the provider refused or its answer did not check out'),
        403: err('unknown_user or inactive_user'),
        404: err('Single sign-on is not configured'),
        503: err('unavailable: the provider cannot be reached'),
      },
      handler: async ({ req, res }) => {
        const provider = requireRp();
        // The raw query as the provider sent it (the ID token's checks need it unchanged).
        const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
        let returnTo: string = appPaths[0];
        try {
          const signedIn = await provider.complete(query, browserKeyOf(req) ?? '');
          returnTo = signedIn.returnTo;
          const token = await deps.openSession(signedIn.username);
          logger.info({ username: signedIn.username }, 'signed in with single sign-on');
          res.setHeader('Cache-Control', 'no-store');
          res.redirect(303, `${returnTo}#${SIGN_ON_FRAGMENT.token}=${encodeURIComponent(token)}`);
        } catch (e) {
          if (!isSignOnRefused(e)) throw e;
          refuse(req, res, e, returnTo);
        }
        return {};
      },
    }),
  ];
}

function browserKeyOf(req: Request): string | null {
  const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]{16,64})(?:;|$)`).exec(req.headers.cookie ?? '');
  return m ? m[1] : null;
}

function cookie(value: string, path: string, secure: boolean): string {
  const maxAge = Math.round(PENDING_LOGIN_TTL_MS / 1000);
  return `${COOKIE}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
