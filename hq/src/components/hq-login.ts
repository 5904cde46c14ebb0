/**
 * Sign-in form. Keeps the bearer token in sessionStorage (gone when the tab closes).
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
import type { HqApi } from '../api/hq-api';
import { sharedStyles } from './shared-styles';

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
    `,
  ];

  @property({ attribute: false }) api!: HqApi;
  @state() private busy = false;
  @state() private error = '';

  override render() {
    return html`<form class="card" @submit=${this.submit} aria-labelledby="login-title">
      <h2 id="login-title">${t('login.title')}</h2>
      <label>${t('login.username')} <input name="username" autocomplete="username" required /></label>
      <label>${t('login.password')} <input name="password" type="password" autocomplete="current-password" required /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('login.submit')}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
    </form>`;
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
