import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { t } from '@turnero/web-client/i18n';
import { isApiError } from '@turnero/web-client/api';
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

/**
 * Username/password form for staff.
 * @event turnero-signed-in - detail: MeDto, once the user is signed in with an allowed role.
 */
@customElement('turnero-staff-login')
export class StaffLogin extends LitElement {
  static override styles = [baseStyles];

  /** Roles that may use the page; others are signed out again with a clear message. */
  @property({ attribute: false }) roles: readonly string[] = ['agent', 'supervisor', 'admin'];
  @property() heading = '';
  @state() private _error = '';
  @state() private _busy = false;

  override render() {
    return html`
      <form class="panel" @submit=${this._submit} aria-labelledby="login-title" style="max-width:22rem;margin:2rem auto">
        <h2 id="login-title">${this.heading || t('login.title')}</h2>
        <label for="username">${t('login.username')}</label>
        <input id="username" name="username" autocomplete="username" required />
        <label for="password">${t('login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : ''}
        <p><button class="primary" type="submit" ?disabled=${this._busy}>${t('login.submit')}</button></p>
      </form>
    `;
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
