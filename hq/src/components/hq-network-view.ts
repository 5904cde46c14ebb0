/**
 * Every office's live link to head office: connected or not, when head office last heard
 * from it, and whether it runs the configuration published for it (or refused it, and why).
 * Refreshes on the live cadence; "not up to date" narrows the table to the offices to chase.
 *
 * @event hq-unauthenticated - the token was refused.
 * @event hq-open-config - `{ officeCode }` when an office is opened: the app shows its configuration.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import type { HqApi } from '../api/hq-api';
import { formatCount } from '../lib/figures';
import { isBehind, type LinkRow } from '../lib/link-status';
import { LIVE_REFRESH_MS, PollController } from '../lib/poll-controller';
import { LINK_COLUMNS } from './hq-link-cells';
import { sharedStyles } from './shared-styles';
import './hq-figures-table';

@customElement('hq-network-view')
export class HqNetworkView extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = sharedStyles;

  @property({ attribute: false }) api!: HqApi;
  @property({ type: Number }) refreshMs = LIVE_REFRESH_MS;
  @property({ attribute: false }) clock: () => Date = () => new Date();

  @state() private onlyBehind = false;

  private readonly links = new PollController<LinkRow[]>(this, {
    load: () => this.api.officeLinks(),
    everyMs: () => this.refreshMs,
    clock: () => this.clock(),
  });

  override render() {
    const { value, error, loaded } = this.links;
    const all = value ?? [];
    const disconnected = all.filter((r) => r.link && !r.connected).length;
    const behind = all.filter((r) => isBehind(r.configState)).length;
    const rows = this.onlyBehind ? all.filter((r) => isBehind(r.configState)) : all;
    return html`<section aria-labelledby="network-title">
      <div class="toolbar">
        <h2 id="network-title">${t('net.title')}</h2>
        <span class="muted" role="status">${this.links.statusText()}</span>
      </div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <div class="tiles">
        <div class="tile">
          <span class="value" data-testid="net-connected">${formatCount(all.filter((r) => r.connected).length)}</span>${t('net.officesConnected', {
            total: formatCount(all.length),
          })}
        </div>
        <div class="tile ${disconnected ? 'alert' : ''}"><span class="value" data-testid="net-disconnected">${formatCount(disconnected)}</span>${t('net.officesDisconnected')}</div>
        <div class="tile ${behind ? 'alert' : ''}"><span class="value" data-testid="net-behind">${formatCount(behind)}</span>${t('net.officesBehind')}</div>
      </div>
      <div class="card">
        <div class="toolbar">
          <label class="check"
            ><input type="checkbox" data-filter="behind" .checked=${this.onlyBehind} @change=${(e: Event) => (this.onlyBehind = (e.target as HTMLInputElement).checked)} />
            ${t('net.onlyBehind')}</label
          >
        </div>
        ${loaded && rows.length === 0
          ? html`<p class="muted">${this.onlyBehind ? t('net.allUpToDate') : t('app.empty')}</p>`
          : html`<hq-figures-table
              id="network"
              .label=${t('net.title')}
              .rows=${rows}
              .columns=${LINK_COLUMNS}
              rowKey="officeCode"
              rowName="officeName"
              .now=${this.clock()}
              .initialSort=${{ key: 'configState', direction: 'desc' }}
              @hq-open-row=${(e: CustomEvent<{ row: LinkRow }>) => emit(this, 'hq-open-config', { officeCode: e.detail.row.officeCode })}
            ></hq-figures-table>`}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-network-view': HqNetworkView;
  }
}
