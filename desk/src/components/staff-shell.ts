import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import type { MeDto } from '@turnero/contract/dto';
import { neighbourPages, staffPage, type StaffPageName } from '../lib/staff-pages';
import { baseStyles } from './shared-styles';
import './staff-login';

declare global {
  interface HTMLElementTagNameMap {
    'turnero-staff-shell': StaffShell;
  }
  interface GlobalEventHandlersEventMap {
    'turnero-sign-out': CustomEvent<void>;
  }
}

/**
 * The frame of every staff page (desk, board, admin): the header (page title with the
 * office or counter, links to the neighbouring pages, offline notice, language switch,
 * user and sign-out) and the login gate. The page's own content goes in the default slot
 * and is shown only once a user with the page's roles is signed in.
 * @event turnero-signed-in - from the login form (bubbles from <turnero-staff-login>).
 * @event turnero-sign-out - the user pressed "Cerrar sesión"; the page ends the session.
 */
@customElement('turnero-staff-shell')
export class StaffShell extends LitElement {
  static override styles = [
    baseStyles,
    css`
      main {
        padding: 0.75rem;
      }
    `,
  ];

  @property() page: StaffPageName = 'desk';
  /** Shown after the title: the office, or the counter the agent works at. */
  @property() place = '';
  @property({ attribute: false }) me: MeDto | null = null;
  @property({ type: Boolean }) booting = true;
  @property({ type: Boolean }) offline = false;
  /** Said above the login form (e.g. the server ended the session). */
  @property() notice = '';

  private readonly language = new LangController(this);

  override render() {
    const page = staffPage(this.page);
    const me = this.me;
    return html`
      <header class="bar">
        <h1>${t(page.title)}${this.place ? html` · ${this.place}` : ''}</h1>
        <div class="row">
          ${me && this.offline ? html`<span class="offline" role="status">${t('common.offline')}</span>` : ''}
          ${me ? neighbourPages(this.page, me.role).map((p) => html`<a href=${p.href}>${t(p.navLabel)}</a>`) : ''}
          <button type="button" lang=${this.language.other} title=${t('lang.switchLabel')} @click=${() => this.language.toggle()}>
            ${t('lang.switch')}
          </button>
          ${me
            ? html`<span>${me.name}</span>
                <button type="button" @click=${() => emit(this, 'turnero-sign-out')}>
                  ${t('common.signOut')}
                </button>`
            : ''}
        </div>
      </header>
      ${this.booting
        ? html`<main><p role="status">${t('common.loading')}</p></main>`
        : me
          ? html`<slot></slot>`
          : html`<main>
              ${this.notice ? html`<p class="error" role="alert" style="max-width:22rem;margin:1rem auto 0">${this.notice}</p>` : ''}
              <turnero-staff-login .roles=${page.roles} heading=${t(page.loginHeading)}></turnero-staff-login>
            </main>`}
    `;
  }
}
