/**
 * Single sign-on on a staff sign-in page (head office's dashboard, the office's staff
 * pages), as a Lit reactive controller.
 *
 * The server ends a sign-on by sending the browser back to the page with the outcome in
 * the address's fragment (`#sso_token=` or `#sso_error=`), which no server, proxy or log
 * ever sees. `takeSignOnResult()` reads it once per page load, keeps the token where a
 * password login keeps it (sessionStorage) and clears the address bar; call it when the
 * page's modules load, before anything asks whether someone is signed in.
 *
 * The controller asks the server whether single sign-on is configured and its provider
 * answers (`GET /auth/oidc`), so the page shows the button only then, or says it is
 * unavailable; a server that cannot be asked shows no button (passwords still work).
 *
 *   private readonly signOn = new SignOnController(this);
 *   render() { return this.signOn.status.enabled ? html`<a href=${this.signOn.startUrl()}>…</a>` : ''; }
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SIGN_ON_FRAGMENT, SIGN_ON_REFUSALS, type SignOnRefusalReason, type SignOnStatus } from '@turnero/contract/hq-link';
import { createApiClient } from './api';
import { setStaffToken } from './auth';

export interface SignOnResult {
  /** A session token arrived (and is stored). */
  signedIn: boolean;
  /** Why the sign-on was refused (one of the contract's reasons); null when none was. */
  refused: SignOnRefusalReason | null;
}

let taken: SignOnResult | null = null;

/** The outcome the server put in this page's fragment, read (and cleared) once per page load. */
export function takeSignOnResult(): SignOnResult {
  if (taken) return taken;
  const url = new URL(globalThis.location.href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const token = fragment.get(SIGN_ON_FRAGMENT.token);
  const refused = fragment.get(SIGN_ON_FRAGMENT.error);
  const known = (SIGN_ON_REFUSALS as readonly (string | null)[]).includes(refused);
  taken = { signedIn: Boolean(token), refused: known ? (refused as SignOnRefusalReason) : null };
  if (token) setStaffToken(token);
  if (token !== null || refused !== null) {
    fragment.delete(SIGN_ON_FRAGMENT.token);
    fragment.delete(SIGN_ON_FRAGMENT.error);
    url.hash = fragment.toString();
    globalThis.history?.replaceState(globalThis.history.state, '', url.pathname + url.search + url.hash);
  }
  return taken;
}

/** Why the sign-on that brought the browser here was refused, once: the first sign-in form shown says it. */
export function signOnRefusalOnce(): SignOnRefusalReason | null {
  const result = takeSignOnResult();
  const refused = result.refused;
  result.refused = null;
  return refused;
}

export class SignOnController implements ReactiveController {
  status: SignOnStatus = { enabled: false, available: false };
  private readonly api;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: { baseUrl?: string } = {},
  ) {
    this.api = createApiClient({ baseUrl: options.baseUrl, timeoutMs: 8_000 });
    host.addController(this);
  }

  hostConnected(): void {
    void this.api
      .get<SignOnStatus>('/auth/oidc')
      .then((status) => {
        this.status = status;
        this.host.requestUpdate();
      })
      .catch(() => undefined);
  }

  /** Where the button goes: the server's start route, returning to this very page. */
  startUrl(baseUrl = '/api/v1'): string {
    return `${baseUrl}/auth/oidc/start?return=${encodeURIComponent(globalThis.location.pathname)}`;
  }
}
