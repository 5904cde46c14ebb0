/**
 * Every office now: people waiting, the longest wait, counters open, when head office last
 * heard from it, and alerts (someone past target, office silent). Refreshes on its own.
 *
 * @event hq-unauthenticated - the token was refused.
 * @event hq-open-office - `{ officeCode }` when an office's row is opened: the app shows its drill-down.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { isApiError } from '@turnero/web-client/api';
import { getLocale, t } from '@turnero/web-client/i18n';
import type { HqApi, LiveRow } from '../api/hq-api';
import { LIVE_COLUMNS } from '../lib/columns';
import { formatCount } from '../lib/figures';
import { sharedStyles } from './shared-styles';
import './hq-figures-table';

@customElement('hq-live-view')
export class HqLiveView extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    css`
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 1rem;
        margin-bottom: 1rem;
      }
      .tile {
        background: #fff;
        border: 1px solid var(--hq-border, #c9d0da);
        border-radius: 0.6rem;
        padding: 0.9rem 1.1rem;
      }
      .tile .value {
        display: block;
        font-size: 2.4rem;
        font-weight: 700;
        line-height: 1.1;
      }
      .tile.alert .value {
        color: var(--hq-danger, #a4141b);
      }
      label.check {
        display: inline-flex;
        gap: 0.4rem;
        align-items: center;
      }
      label.check input {
        width: 1.2rem;
        height: 1.2rem;
        min-height: 0;
      }
    `,
  ];

  @property({ attribute: false }) api!: HqApi;
  @property({ type: Number }) refreshMs = 15_000;
  @property({ attribute: false }) clock: () => Date = () => new Date();

  @state() private rows: LiveRow[] = [];
  @state() private loaded = false;
  @state() private error = '';
  @state() private updatedAt: Date | null = null;
  /** Head office's clock at the last refresh: "last heard from" is measured on it. */
  @state() private serverTime: Date | null = null;
  @state() private onlyAlerts = false;

  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
  }

  override disconnectedCallback(): void {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  async refresh(): Promise<void> {
    try {
      const board = await this.api.live();
      this.rows = board.rows;
      this.serverTime = new Date(board.serverTime);
      this.updatedAt = this.clock();
      this.error = '';
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        clearInterval(this.timer);
        emit(this, 'hq-unauthenticated', {});
      } else {
        // Keep showing the last figures; say that they are stale.
        this.error = t('app.error', { message: e instanceof Error ? e.message : String(e) });
      }
    } finally {
      this.loaded = true;
    }
  }

  override render() {
    const waiting = this.rows.reduce((sum, r) => sum + r.waitingNow, 0);
    const pastTarget = this.rows.filter((r) => r.pastTarget).length;
    const silent = this.rows.filter((r) => r.silent).length;
    const rows = this.onlyAlerts ? this.rows.filter((r) => r.pastTarget || r.silent || r.clockSkew) : this.rows;
    return html`<section aria-labelledby="live-title">
      <div class="toolbar">
        <h2 id="live-title">${t('live.title')}</h2>
        <span class="muted" role="status"
          >${this.updatedAt
            ? t('live.updated', { time: new Intl.DateTimeFormat(getLocale(), { timeStyle: 'medium' }).format(this.updatedAt) })
            : t('app.loading')}</span
        >
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <div class="tiles">
        <div class="tile"><span class="value" data-testid="live-waiting">${formatCount(waiting)}</span>${t('live.totalWaiting')}</div>
        <div class="tile ${pastTarget ? 'alert' : ''}"><span class="value">${formatCount(pastTarget)}</span>${t('live.officesPastTarget')}</div>
        <div class="tile ${silent ? 'alert' : ''}"><span class="value">${formatCount(silent)}</span>${t('live.officesSilent')}</div>
      </div>
      <div class="card">
        <div class="toolbar">
          <label class="check"
            ><input type="checkbox" .checked=${this.onlyAlerts} @change=${(e: Event) => (this.onlyAlerts = (e.target as HTMLInputElement).checked)} />
            ${t('live.onlyAlerts')}</label
          >
        </div>
        ${this.loaded && rows.length === 0
          ? html`<p class="muted">${t('app.empty')}</p>`
          : html`<hq-figures-table
              id="live"
              .label=${t('live.title')}
              .rows=${rows}
              .columns=${LIVE_COLUMNS}
              rowKey="officeCode"
              rowName="officeName"
              .now=${this.serverTime ?? this.clock()}
              .initialSort=${{ key: 'alerts', direction: 'desc' }}
              @hq-open-row=${(e: CustomEvent<{ row: LiveRow }>) => emit(this, 'hq-open-office', { officeCode: e.detail.row.officeCode })}
            ></hq-figures-table>`}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-live-view': HqLiveView;
  }
}
