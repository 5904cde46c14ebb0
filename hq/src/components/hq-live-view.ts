/**
 * Every office now: people waiting, the longest wait, counters open, when head office last
 * heard from it, and alerts (someone past target, office silent). Refreshes on its own.
 *
 * @event hq-unauthenticated - the token was refused.
 * @event hq-open-office - `{ officeCode }` when an office's row is opened: the app shows its drill-down.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import type { HqApi, LiveBoard, LiveRow } from '../api/hq-api';
import { LIVE_COLUMNS } from '../lib/columns';
import { formatCount } from '../lib/figures';
import { LIVE_REFRESH_MS, PollController } from '../lib/poll-controller';
import { sharedStyles } from './shared-styles';
import './hq-figures-table';

@customElement('hq-live-view')
export class HqLiveView extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = sharedStyles;

  @property({ attribute: false }) api!: HqApi;
  @property({ type: Number }) refreshMs = LIVE_REFRESH_MS;
  @property({ attribute: false }) clock: () => Date = () => new Date();

  @state() private onlyAlerts = false;

  private readonly board = new PollController<LiveBoard>(this, {
    load: () => this.api.live(),
    everyMs: () => this.refreshMs,
    clock: () => this.clock(),
  });

  refresh(): Promise<void> {
    return this.board.refresh();
  }

  override render() {
    const { value, error, loaded } = this.board;
    const allRows = value?.rows ?? [];
    // "Last heard from" is measured on head office's clock at the last refresh.
    const serverTime = value ? new Date(value.serverTime) : null;
    const waiting = allRows.reduce((sum, r) => sum + r.waitingNow, 0);
    const pastTarget = allRows.filter((r) => r.pastTarget).length;
    const silent = allRows.filter((r) => r.silent).length;
    const rows = this.onlyAlerts ? allRows.filter((r) => r.pastTarget || r.silent || r.clockSkew) : allRows;
    return html`<section aria-labelledby="live-title">
      <div class="toolbar">
        <h2 id="live-title">${t('live.title')}</h2>
        <span class="muted" role="status">${this.board.statusText()}</span>
      </div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
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
        ${loaded && rows.length === 0
          ? html`<p class="muted">${t('app.empty')}</p>`
          : html`<hq-figures-table
              id="live"
              .label=${t('live.title')}
              .rows=${rows}
              .columns=${LIVE_COLUMNS}
              rowKey="officeCode"
              rowName="officeName"
              .now=${serverTime ?? this.clock()}
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
