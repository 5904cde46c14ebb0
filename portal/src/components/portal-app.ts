/**
 * <portal-app>: the public customer portal's shell (served by head office at /portal/):
 * the header with the language switch, and the page the address's fragment names
 * (lib/route.ts). No login: every page reads head office's public API.
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { parseRoute, type Route } from '../lib/route';
import { portalStyles } from './portal-styles';
import type { PortalView } from './portal-view';
import './portal-find';
import './portal-office';
import './portal-book';
import './portal-booking';
import './portal-join';
import './portal-ticket';

@customElement('portal-app')
export class PortalApp extends LitElement {
  static override styles = [
    portalStyles,
    css`
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        padding: 0.5rem 1rem;
        background: var(--p-primary-dark, #083d6e);
        color: #fff;
      }
      header a {
        color: #fff;
        font-weight: 700;
        font-size: 1.1rem;
        text-decoration: none;
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
      header button {
        background: transparent;
        border-color: #fff;
      }
      main {
        max-width: 40rem;
        margin: 0 auto;
        padding: 1rem;
      }
    `,
  ];
  private readonly language = new LangController(this);
  @state() private route: Route = parseRoute(location.hash);
  private firstRoute = true;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  private readonly onHashChange = () => {
    this.route = parseRoute(location.hash);
    window.scrollTo(0, 0);
  };

  protected override updated(changed: Map<string, unknown>): void {
    if (!changed.has('route')) return;
    // The first page is announced by the browser itself; later pages get focus on their heading.
    if (this.firstRoute) this.firstRoute = false;
    else void (this.renderRoot.querySelector('main > *') as PortalView | null)?.focusHeading?.();
  }

  override render() {
    return html`
      <header>
        <a href="#/">${t('app.title')}</a>
        <button lang=${this.language.other === 'en' ? 'en' : 'es-CO'} @click=${() => this.language.toggle()}>
          ${t('app.lang')}
        </button>
      </header>
      <main>${keyed(location.hash, this.renderRoute(this.route))}</main>
    `;
  }

  private renderRoute(route: Route) {
    switch (route.view) {
      case 'find':
        return html`<portal-find></portal-find>`;
      case 'office':
        return html`<portal-office .code=${route.office}></portal-office>`;
      case 'book':
        return html`<portal-book .officeCode=${route.office} .serviceCode=${route.service}></portal-book>`;
      case 'booking':
        return html`<portal-booking .code=${route.code}></portal-booking>`;
      case 'join':
        return html`<portal-join .officeCode=${route.office} .serviceCode=${route.service}></portal-join>`;
      case 'ticket':
        return html`<portal-ticket .publicId=${route.id}></portal-ticket>`;
    }
  }
}
