/**
 * Sign-in form. Keeps the bearer token in sessionStorage (gone when the tab closes). When
 * head office has single sign-on, a "Sign in with company account" link comes first (or
 * says the company account is unavailable); a refused sign-on says why here.
 *
 * @event hq-signed-in - the token is stored.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { isApiError } from '@turnero/web-client/api';
import { setStaffToken } from '@turnero/web-client/auth';
import { t } from '@turnero/web-client/i18n';
import { SignOnController, signOnRefusalOnce, takeSignOnResult } from '@turnero/web-client/sign-on';
import type { HqApi } from '../api/hq-api';
import { sharedStyles } from './shared-styles';

// Before <hq-app> asks whether a token is stored: a sign-on's token arrives in the fragment.
takeSignOnResult();

@customElement('hq-login')
export class HqLogin extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    css`
      form {
        max-width: 24rem;
        margin: 3rem auto;
        display: flex;
        flex-direction: column;
        gap: 0.9rem;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
        font-weight: 600;
      }
      a.sso {
        display: block;
        text-align: center;
        padding: 0.55rem 0.9rem;
        border-radius: 0.4rem;
        background: var(--hq-primary, #0a4f8f);
        color: #fff;
        font-weight: 600;
        text-decoration: none;
      }
      a.sso:hover {
        background: var(--hq-primary-dark, #083d6e);
      }
      .or {
        margin: 0;
        text-align: center;
        color: var(--hq-muted, #4a5360);
      }
    `,
  ];

  @property({ attribute: false }) api!: HqApi;
  @state() private busy = false;
  @state() private error = '';
  private readonly signOn = new SignOnController(this);
  private readonly signOnRefusal = signOnRefusalOnce();

  override render() {
    return html`<form class="card" @submit=${this.submit} aria-labelledby="login-title">
      <h2 id="login-title">${t('login.title')}</h2>
      ${this.signOnRefusal ? html`<p class="error" role="alert" data-sso-error=${this.signOnRefusal}>${t(`login.sso.${this.signOnRefusal}`)}</p>` : ''}
      ${this.renderSignOn()}
      <label>${t('login.username')} <input name="username" autocomplete="username" required /></label>
      <label>${t('login.password')} <input name="password" type="password" autocomplete="current-password" required /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('login.submit')}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
    </form>`;
  }

  private renderSignOn() {
    const { enabled, available } = this.signOn.status;
    if (!enabled) return '';
    if (!available) {
      return html`<button type="button" disabled data-action="sso">${t('login.sso')}</button>
        <p class="or" role="status">${t('login.ssoUnavailable')}</p>`;
    }
    return html`<a class="sso" href=${this.signOn.startUrl()} data-action="sso">${t('login.sso')}</a>
      <p class="or">${t('login.orPassword')}</p>`;
  }

  private submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const { token } = await this.api.login(String(data.get('username') ?? ''), String(data.get('password') ?? ''));
      setStaffToken(token);
      emit(this, 'hq-signed-in', {});
    } catch (err) {
      this.error = isApiError(err) && err.unreachable ? t('login.unreachable') : t('login.failed');
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-login': HqLogin;
  }
}
