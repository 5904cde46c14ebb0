/**
 * The relying party both roles share (openid-client): discovery, the authorization code
 * flow with PKCE (S256), state and nonce, and the claim that names the local user.
 *
 * Discovery is never fatal: it is tried when the server starts, again when someone asks
 * (at most once per `retryAfterMs` while the provider is down), and its result kept once
 * it succeeds, so an office whose provider (or link) is down starts and signs people in
 * with passwords; the sign-on button says it is unavailable.
 *
 * `begin` returns the provider's address for a new sign-in (the sign-in is kept in
 * PendingLogins); `complete` takes the callback's query and the browser's key, checks
 * state, the provider's answer, the ID token (signature, issuer, audience, nonce) and
 * PKCE through the code exchange, and returns the username claim: from the ID token, else
 * from userinfo (a provider that follows OpenID's rule of scope claims in userinfo only).
 */
import * as oidc from 'openid-client';
import type { SignOnStatus } from '@turnero/contract/hq-link';
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../logger';
import { PendingLogins } from './pending-logins';
import { SignOnRefused } from './refusal';
import type { OidcSettings } from './settings';

export interface RelyingParty {
  status(): Promise<SignOnStatus>;
  begin(returnTo: string, browserKey: string): Promise<URL>;
  complete(callbackQuery: string, browserKey: string): Promise<{ username: string; returnTo: string }>;
}

interface RelyingPartyOptions {
  settings: OidcSettings;
  clock: Clock;
  logger: Logger;
  /** Seconds each request to the provider may take. */
  timeoutSeconds?: number;
  /** Least time between two discovery attempts while the provider is down. */
  retryAfterMs?: number;
}

export function createRelyingParty(opts: RelyingPartyOptions): RelyingParty {
  const { settings, clock, logger } = opts;
  const pending = new PendingLogins(clock);
  const retryAfterMs = opts.retryAfterMs ?? 15_000;
  let discovered: oidc.Configuration | null = null;
  let inFlight: Promise<oidc.Configuration | null> | null = null;
  let lastFailureAt = -Infinity;

  const discover = (): Promise<oidc.Configuration | null> => {
    if (discovered) return Promise.resolve(discovered);
    if (inFlight) return inFlight;
    if (clock.now().getTime() - lastFailureAt < retryAfterMs) return Promise.resolve(null);
    inFlight = oidc
      .discovery(settings.issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        // Plain http only reaches here for this machine (config.ts refuses it elsewhere).
        execute: settings.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: opts.timeoutSeconds ?? 5,
      })
      .then((config) => {
        discovered = config;
        logger.info({ issuer: settings.issuer.href }, 'single sign-on provider discovered');
        return config;
      })
      .catch((err: unknown) => {
        lastFailureAt = clock.now().getTime();
        logger.warn({ issuer: settings.issuer.href, err: describe(err) }, 'single sign-on provider unreachable: password sign-in only for now');
        return null;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  void discover();

  const configuration = async (): Promise<oidc.Configuration> => {
    const config = await discover();
    if (!config) throw new SignOnRefused('unavailable', 'El proveedor de identidad no responde / The identity provider cannot be reached');
    return config;
  };

  return {
    async status() {
      return { enabled: true, available: (await discover()) !== null };
    },

    async begin(returnTo, browserKey) {
      const config = await configuration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      pending.put({ state, nonce, codeVerifier, returnTo, browserKey });
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri.href,
        scope: 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    },

    async complete(callbackQuery, browserKey) {
      const params = new URLSearchParams(callbackQuery);
      const login = pending.take(params.get('state') ?? '');
      if (!login || login.browserKey !== browserKey) {
        throw new SignOnRefused('state_invalid', 'Inicio de sesión vencido o ya usado; vuelva a intentarlo / Sign-in expired or already used; try again');
      }
      if (params.has('error')) {
        logger.info({ error: params.get('error')?.slice(0, 64) }, 'identity provider refused the sign-in');
        throw providerError();
      }
      const config = await configuration();
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = params.toString();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: login.codeVerifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims()!;
        let username = claims[settings.usernameClaim];
        if (username === undefined) {
          username = (await oidc.fetchUserInfo(config, tokens.access_token, claims.sub))[settings.usernameClaim];
        }
        if (typeof username !== 'string' || !username.trim()) {
          logger.warn({ claim: settings.usernameClaim }, 'identity provider named no user');
          throw providerError();
        }
        return { username: username.trim(), returnTo: login.returnTo };
      } catch (err) {
        if (err instanceof SignOnRefused) throw err;
        if (unreachable(err)) throw new SignOnRefused('unavailable', 'El proveedor de identidad no responde / The identity provider cannot be reached');
        logger.warn({ err: describe(err) }, 'identity provider answer refused');
        throw providerError();
      }
    },
  };
}

const providerError = () =>
  new SignOnRefused('provider_error', 'El proveedor de identidad no completó el inicio de sesión / The identity provider did not complete the sign-in');

/** A network failure or timeout (anywhere in the error's causes), as opposed to an answer that did not check out. */
function unreachable(err: unknown): boolean {
  for (let e = err as { name?: string; message?: string; code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.message === 'fetch failed') return true;
    if (/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|UND_ERR_\w+)$/.test(e.code ?? '')) return true;
  }
  return false;
}

/** What to log of a provider failure: its kind and code, never tokens. */
function describe(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; code?: string; error?: string; message?: string; cause?: { code?: string } };
  return { name: e?.name, code: e?.code ?? e?.cause?.code, error: e?.error, message: e?.message?.slice(0, 200) };
}
