import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { t } from '@turnero/web-client/i18n';
import { isApiError } from '@turnero/web-client/api';
import { getStaffToken } from '@turnero/web-client/auth';
import { SignOnController, signOnRefusalOnce, takeSignOnResult } from '@turnero/web-client/sign-on';
import type { MeDto } from '@turnero/contract/dto';
import { login, logout } from '../lib/staff-session';
import { errorText } from '../lib/error-text';
import { baseStyles } from './shared-styles';

declare global {
  interface HTMLElementTagNameMap {
    'turnero-staff-login': StaffLogin;
  }
  interface GlobalEventHandlersEventMap {
    'turnero-signed-in': CustomEvent<MeDto>;
  }
}

// Before the page asks who is signed in (StaffSessionController's boot): a sign-on's token
// arrives in the fragment.
const signOnResult = takeSignOnResult();
/** A sign-on's token not yet found wanting: if this form shows while it is stored, the page refused its role. */
let signOnTokenUnchecked = signOnResult.signedIn;

/**
 * Username/password form for staff, with "Sign in with company account" first when the
 * office has single sign-on (or word that it is unavailable); a refused sign-on says why.
 * @event turnero-signed-in - detail: MeDto, once the user is signed in with an allowed role.
 */
@customElement('turnero-staff-login')
export class StaffLogin extends LitElement {
  static override styles = [
    baseStyles,
    css`
      a.sso {
        display: block;
        text-align: center;
        padding: 0.55rem 0.8rem;
        border-radius: 6px;
        background: var(--c-primary);
        color: var(--c-primary-text);
        font-weight: 600;
        text-decoration: none;
      }
      a.sso:focus-visible {
        outline: 3px solid #ffbf47;
        outline-offset: 1px;
      }
    `,
  ];

  /** Roles that may use the page; others are signed out again with a clear message. */
  @property({ attribute: false }) roles: readonly string[] = ['agent', 'supervisor', 'admin'];
  @property() heading = '';
  @state() private _error = '';
  @state() private _busy = false;
  private readonly _signOn = new SignOnController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    const refused = signOnRefusalOnce();
    if (refused) this._error = t(`login.sso.${refused}`);
    if (signOnTokenUnchecked && getStaffToken()) {
      // The page shows the form although the company account signed someone in: their role may not use it.
      signOnTokenUnchecked = false;
      void logout();
      this._error = t('login.forbiddenRole');
    }
    signOnTokenUnchecked = false;
  }

  override render() {
    return html`
      <form class="panel" @submit=${this._submit} aria-labelledby="login-title" style="max-width:22rem;margin:2rem auto">
        <h2 id="login-title">${this.heading || t('login.title')}</h2>
        ${this._renderSignOn()}
        <label for="username">${t('login.username')}</label>
        <input id="username" name="username" autocomplete="username" required />
        <label for="password">${t('login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : ''}
        <p><button class="primary" type="submit" ?disabled=${this._busy}>${t('login.submit')}</button></p>
      </form>
    `;
  }

  private _renderSignOn() {
    const { enabled, available } = this._signOn.status;
    if (!enabled) return '';
    if (!available) {
      return html`<p><button type="button" disabled data-action="sso">${t('login.sso')}</button></p>
        <p role="status">${t('login.ssoUnavailable')}</p>`;
    }
    return html`<p><a class="sso" href=${this._signOn.startUrl()} data-action="sso">${t('login.sso')}</a></p>
      <p>${t('login.orPassword')}</p>`;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this._busy = true;
    this._error = '';
    try {
      const me = await login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      if (!this.roles.includes(me.role)) {
        await logout();
        this._error = t('login.forbiddenRole');
        return;
      }
      emit(this, 'turnero-signed-in', me);
    } catch (err) {
      this._error = isApiError(err) && (err.status === 401 || err.status === 400) ? t('login.failed') : errorText(err);
    } finally {
      this._busy = false;
    }
  }
}
