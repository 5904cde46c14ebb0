/**
 * The session plumbing the desk, board and admin pages share, as a Lit reactive controller:
 * re-render on a language change, "who am I" at boot (kept only for the page's roles),
 * sign-in from <turnero-staff-login>, the page's live state (one LiveController, made at
 * the first sign-in) and sign-out.
 *
 *   private _session = new StaffSessionController(this, { roles: ['admin'], live: (change) => ... });
 *   render() { if (this._session.booting) ...; const me = this._session.me; ... }
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { getStaffToken } from '@turnero/web-client/auth';
import { getLang, onLangChange, setLang, t } from '@turnero/web-client/i18n';
import { LiveController } from '@turnero/web-client/live-controller';
import { LiveState, type LiveChange } from '@turnero/web-client/live-state';
import type { MeDto } from '@turnero/contract/dto';
import { currentUser, logout } from './staff-session';

export interface StaffSessionOptions {
  /** Roles that may use the page; another signed-in user sees the login form. */
  roles: readonly string[];
  /** Give the page live state; called on every change before the host re-renders. */
  live?: (change: LiveChange) => void;
  /** Runs after each sign-in (at boot too); boot ends once it has settled. */
  onSignedIn?: (me: MeDto) => unknown;
}

type Host = ReactiveControllerHost & { removeController(controller: ReactiveController): void };

export class StaffSessionController implements ReactiveController {
  me: MeDto | null = null;
  booting = true;
  live: LiveController | null = null;
  private offLang: (() => void) | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: StaffSessionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.offLang = onLangChange(() => this.host.requestUpdate());
    void this.boot();
  }

  hostDisconnected(): void {
    this.offLang?.();
  }

  private async boot() {
    const me = await currentUser();
    if (me && this.options.roles.includes(me.role)) await this.signedIn(me);
    this.booting = false;
    this.host.requestUpdate();
  }

  /** The user is in (at boot, or from the login form's turnero-signed-in event). */
  async signedIn(me: MeDto): Promise<void> {
    this.me = me;
    if (this.options.live && !this.live) {
      const store = new LiveState({ auth: { token: getStaffToken() ?? '' } });
      this.live = new LiveController(this.host, store, this.options.live);
    }
    this.host.requestUpdate();
    await this.options.onSignedIn?.(me);
  }

  /** Ends the session: the token at the server, then the socket. */
  async signOut(): Promise<void> {
    await logout();
    if (this.live) {
      this.live.store.stop();
      this.host.removeController(this.live);
    }
    this.live = null;
    this.me = null;
    this.host.requestUpdate();
  }
}

/** The "English / Español" switch of every staff page's header. */
export function langSwitchButton() {
  const other = getLang() === 'es' ? 'en' : 'es';
  return html`<button type="button" lang=${other} title=${t('lang.switchLabel')} @click=${() => setLang(getLang() === 'es' ? 'en' : 'es')}>
    ${t('lang.switch')}
  </button>`;
}
