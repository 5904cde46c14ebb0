/**
 * The head-office dashboard shell: sign-in, the language switch (es-CO / en), the
 * meeting-room mode (large type) and the views: comparison, live, the office network (each
 * office's link and configuration, opening one office's configuration), the catalogue and
 * the staffing planner.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LangController } from '@turnero/web-client/lang-controller';
import { getStaffToken, setStaffToken } from '@turnero/web-client/auth';
import { t } from '@turnero/web-client/i18n';
import { HqApi } from '../api/hq-api';
import { sharedStyles } from './shared-styles';
import './hq-catalog-view';
import './hq-compare-view';
import './hq-live-view';
import './hq-login';
import './hq-network-view';
import './hq-office-config';
import './hq-planner';

const VIEWS = ['compare', 'live', 'network', 'catalog', 'planner'] as const;
type View = (typeof VIEWS)[number];

function viewOfHash(): View {
  const hash = location.hash.slice(1);
  return (VIEWS as readonly string[]).includes(hash) ? (hash as View) : 'compare';
}
const LARGE_KEY = 'turnero.hq.large';

function readLarge(): boolean {
  try {
    return localStorage.getItem(LARGE_KEY) === '1';
  } catch {
    return false;
  }
}

@customElement('hq-app')
export class HqApp extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.75rem;
        padding: 0.75rem 1.25rem;
        background: var(--hq-primary-dark, #083d6e);
        color: #fff;
      }
      header h1 {
        font-size: 1.35rem;
        margin: 0;
      }
      header button {
        background: transparent;
        color: #fff;
        border-color: #fff;
      }
      header button:hover,
      header button[aria-pressed='true'] {
        background: #fff;
        color: var(--hq-primary-dark, #083d6e);
      }
      header :focus-visible {
        outline-color: #ffd27a;
      }
      .actions,
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      nav button[aria-current='page'] {
        background: #fff;
        color: var(--hq-primary-dark, #083d6e);
        font-weight: 700;
      }
      main {
        padding: 1rem 1.25rem 2rem;
        max-width: 110rem;
        margin: 0 auto;
      }
    `,
  ];

  @property({ attribute: false }) api = new HqApi();
  @state() private signedIn = Boolean(getStaffToken());
  @state() private view: View = viewOfHash();
  /** Admins change the catalogue and the offices' configuration; managers read them. */
  @state() private canWrite = false;
  /** An office opened from the network view: its configuration page. */
  @state() private configOffice: string | null = null;
  @state() private large = readLarge();
  /** An office opened from the live view: the comparison opens on its drill-down. */
  @state() private openOffice: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.applyLarge();
    this.addEventListener('hq-unauthenticated', this.signOut);
    if (this.signedIn) void this.loadRole();
  }

  private async loadRole(): Promise<void> {
    try {
      this.canWrite = (await this.api.me()).role === 'admin';
    } catch {
      this.canWrite = false; // a refused token signs out through the views' own requests
    }
  }

  override render() {
    return html`<header>
        <h1>${t('app.title')}</h1>
        ${this.signedIn
          ? html`<nav aria-label=${t('app.tabs')}>
              ${VIEWS.map(
                (v) => html`<button type="button" data-view=${v} aria-current=${this.view === v ? 'page' : 'false'} @click=${() => this.show(v)}>
                  ${t(`app.tab.${v}`)}
                </button>`,
              )}
            </nav>`
          : ''}
        <div class="actions">
          <button type="button" aria-pressed=${this.large ? 'true' : 'false'} title=${t('app.largeLabel')} @click=${this.toggleLarge}>
            ${t('app.large')}
          </button>
          <button type="button" lang=${this.language.other} title=${t('app.langLabel')} data-action="lang" @click=${() => this.language.toggle()}>
            ${t('app.lang')}
          </button>
          ${this.signedIn ? html`<button type="button" data-action="logout" @click=${this.signOut}>${t('app.logout')}</button>` : ''}
        </div>
      </header>
      <main>
        ${!this.signedIn
          ? html`<hq-login .api=${this.api} @hq-signed-in=${this.signedInNow}></hq-login>`
          : this.renderView()}
      </main>`;
  }

  private renderView() {
    switch (this.view) {
      case 'network':
        return this.configOffice
          ? html`<hq-office-config
              .api=${this.api}
              officeCode=${this.configOffice}
              ?canWrite=${this.canWrite}
              @hq-config-close=${() => (this.configOffice = null)}
            ></hq-office-config>`
          : html`<hq-network-view .api=${this.api} @hq-open-config=${(e: CustomEvent<{ officeCode: string }>) => (this.configOffice = e.detail.officeCode)}></hq-network-view>`;
      case 'catalog':
        return html`<hq-catalog-view .api=${this.api} ?canWrite=${this.canWrite}></hq-catalog-view>`;
      case 'planner':
        return html`<hq-planner .api=${this.api}></hq-planner>`;
      case 'live':
        return html`<hq-live-view
          .api=${this.api}
          @hq-open-office=${(e: CustomEvent<{ officeCode: string }>) => {
            this.openOffice = e.detail.officeCode;
            this.show('compare');
          }}
        ></hq-live-view>`;
      default:
        return html`<hq-compare-view .api=${this.api} .openOffice=${this.openOffice}></hq-compare-view>`;
    }
  }

  private signedInNow = () => {
    this.signedIn = true;
    void this.loadRole();
  };

  private show(view: View): void {
    if (view === 'live') this.openOffice = null;
    this.configOffice = null;
    this.view = view;
    history.replaceState(null, '', view === 'compare' ? '#' : `#${view}`);
  }

  private signOut = () => {
    setStaffToken(null);
    this.signedIn = false;
    this.canWrite = false;
  };

  private toggleLarge = () => {
    this.large = !this.large;
    try {
      localStorage.setItem(LARGE_KEY, this.large ? '1' : '0');
    } catch {
      // storage disabled: the mode lasts for this page only
    }
    this.applyLarge();
  };

  private applyLarge(): void {
    document.documentElement.classList.toggle('large', this.large);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-app': HqApp;
  }
}
