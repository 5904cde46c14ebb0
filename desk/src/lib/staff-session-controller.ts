/**
 * The session plumbing the desk, board and admin pages share, as a Lit reactive controller:
 * re-render on a language change, "who am I" at boot (kept only for the page's roles),
 * sign-in from the shell's login form, the page's live state (one LiveController, made at
 * each sign-in) and sign-out. When the server ends the session (logout in another window,
 * user deactivated or changed by an admin, token expired: the socket hears
 * `session:ended`), the page goes back to the login form and says so.
 * `frame()` renders the page inside <turnero-staff-shell>.
 *
 *   private _session = new StaffSessionController(this, { page: 'admin', live: (change) => ... });
 *   render() { return this._session.frame(() => this._body()); }
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { getStaffToken, setStaffToken } from '@turnero/web-client/auth';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { LiveController } from '@turnero/web-client/live-controller';
import { LiveState, SESSION_ENDED, type LiveChange } from '@turnero/web-client/live-state';
import type { MeDto } from '@turnero/contract/dto';
import { currentUser, logout } from './staff-session';
import { staffPage, type StaffPageName } from './staff-pages';
import '../components/staff-shell';

export interface StaffSessionOptions {
  /** The page: its roles decide who may stay signed in; another user sees the login form. */
  page: StaffPageName;
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
  /** The server ended the last session (not the user's own sign-out): the login form says so. */
  sessionEnded = false;

  constructor(
    private readonly host: Host,
    private readonly options: StaffSessionOptions,
  ) {
    host.addController(this);
    new LangController(host);
  }

  hostConnected(): void {
    void this.boot();
  }

  private async boot() {
    const me = await currentUser();
    if (me && staffPage(this.options.page).roles.includes(me.role)) await this.signedIn(me);
    this.booting = false;
    this.host.requestUpdate();
  }

  /** The user is in (at boot, or from the login form's turnero-signed-in event). */
  async signedIn(me: MeDto): Promise<void> {
    this.me = me;
    this.sessionEnded = false;
    if (this.options.live && !this.live) {
      const store = new LiveState({ auth: { token: getStaffToken() ?? '' } });
      this.live = new LiveController(this.host, store, (change) => {
        if (change.kind === 'error' && change.code === SESSION_ENDED) this.endedByServer();
        else this.options.live?.(change);
      });
    }
    this.host.requestUpdate();
    await this.options.onSignedIn?.(me);
  }

  /** Ends the session: the socket first (so its own session:ended is not news), then the token at the server. */
  async signOut(): Promise<void> {
    this.stopLive();
    await logout();
    this.me = null;
    this.host.requestUpdate();
  }

  /** The server ended the session: its token is dead, so no logout call; back to the login form. */
  private endedByServer(): void {
    this.stopLive();
    setStaffToken(null);
    this.me = null;
    this.sessionEnded = true;
    this.host.requestUpdate();
  }

  private stopLive(): void {
    if (!this.live) return;
    this.live.store.stop();
    this.host.removeController(this.live);
    this.live = null;
  }

  /**
   * The page inside the staff shell: `content` renders only once a user is signed in.
   * `place` follows the title (office or counter); `signOut` replaces the plain sign-out
   * (the desk leaves its counter first).
   */
  frame(content: () => TemplateResult, opts: { place?: string; signOut?: () => unknown } = {}): TemplateResult {
    const signedIn = !this.booting && this.me !== null;
    return html`<turnero-staff-shell
      page=${this.options.page}
      place=${opts.place ?? ''}
      .me=${this.me}
      ?booting=${this.booting}
      ?offline=${this.live !== null && !this.live.connected}
      notice=${this.sessionEnded && !signedIn ? t('error.unauthenticated') : ''}
      @turnero-signed-in=${(e: CustomEvent<MeDto>) => this.signedIn(e.detail)}
      @turnero-sign-out=${() => (opts.signOut ? opts.signOut() : this.signOut())}
    >
      ${signedIn ? content() : ''}
    </turnero-staff-shell>`;
  }
}
