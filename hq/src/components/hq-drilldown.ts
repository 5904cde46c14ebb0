/**
 * Drill-down of one office: its services, then one service's hours, with a breadcrumb
 * to go back up and a chart of the hours.
 *
 * @event hq-drilldown-close - the user closed the panel.
 * @event hq-unauthenticated - the token was refused.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { isApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import type { Breakdown, HourRow, HqApi, OfficeRow, ReportFilters, ServiceRow } from '../api/hq-api';
import { HOUR_COLUMNS, SERVICE_COLUMNS } from '../lib/columns';
import { sharedStyles } from './shared-styles';
import './hq-figures-table';
import './hq-wait-chart';
import './hq-wait-histogram';

@customElement('hq-drilldown')
export class HqDrilldown extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    css`
      nav ol {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        padding: 0;
        margin: 0 0 0.75rem;
      }
      nav li + li::before {
        content: '›';
        margin: 0 0.4rem;
        color: var(--hq-muted, #4a5260);
      }
      nav button {
        border: none;
        padding: 0;
        min-height: 0;
        text-decoration: underline;
        background: none;
      }
      hq-wait-chart {
        margin-top: 1rem;
      }
    `,
  ];

  @property({ attribute: false }) api!: HqApi;
  @property({ attribute: false }) office!: OfficeRow;
  @property({ attribute: false }) filters!: ReportFilters;

  @state() private services: Breakdown<ServiceRow> | null = null;
  @state() private service: ServiceRow | null = null;
  @state() private hours: Breakdown<HourRow> | null = null;
  @state() private loading = false;
  @state() private error = '';

  private request = 0;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('office') || changed.has('filters')) {
      this.service = null;
      void this.run(async () => (this.services = await this.api.officeServices(this.office.officeCode, this.filters)));
    }
  }

  override updated(changed: Map<string, unknown>): void {
    // Bring the panel into view when an office is opened from a long table.
    if (changed.has('office')) this.renderRoot.querySelector('h2')?.focus();
  }

  private openService(service: ServiceRow): void {
    this.service = service;
    this.hours = null;
    void this.run(async () => (this.hours = await this.api.officeHours(this.office.officeCode, this.filters, service.serviceCode)));
  }

  private async run(work: () => Promise<unknown>): Promise<void> {
    const id = ++this.request;
    this.loading = true;
    this.error = '';
    try {
      await work();
    } catch (e) {
      if (id !== this.request) return;
      if (isApiError(e) && e.status === 401) emit(this, 'hq-unauthenticated', {});
      else this.error = t('app.error', { message: e instanceof Error ? e.message : String(e) });
    } finally {
      if (id === this.request) this.loading = false;
    }
  }

  override render() {
    const officeName = this.office.officeName;
    const heading = this.service
      ? t('drill.hours', { service: this.service.serviceName, office: officeName })
      : t('drill.services', { office: officeName });
    return html`<section class="card" aria-labelledby="drill-title" data-testid="drilldown">
      <div class="toolbar">
        <h2 id="drill-title" tabindex="-1">${heading}</h2>
        <button type="button" @click=${() => emit(this, 'hq-drilldown-close', {})}>${t('drill.close')}</button>
      </div>
      <nav aria-label=${t('drill.title')}>
        <ol>
          <li><button type="button" @click=${() => emit(this, 'hq-drilldown-close', {})}>${t('drill.offices')}</button></li>
          <li>
            ${this.service
              ? html`<button type="button" @click=${() => (this.service = null)}>${officeName}</button>`
              : html`<span aria-current="page">${officeName}</span>`}
          </li>
          ${this.service ? html`<li><span aria-current="page">${this.service.serviceName}</span></li>` : nothing}
        </ol>
      </nav>
      ${this.error
        ? html`<p class="error" role="alert">${this.error}</p>`
        : this.loading
          ? html`<p class="muted" role="status">${t('app.loading')}</p>`
          : this.service
            ? this.renderHours()
            : this.renderServices()}
    </section>`;
  }

  private renderServices() {
    if (!this.services || this.services.rows.length === 0) return html`<p class="muted">${t('app.empty')}</p>`;
    return html`<hq-figures-table
      id="services"
      .label=${t('drill.services', { office: this.office.officeName })}
      .rows=${this.services.rows}
      .columns=${SERVICE_COLUMNS}
      rowKey="serviceCode"
      rowName="serviceName"
      .initialSort=${{ key: 'issued', direction: 'desc' }}
      @hq-open-row=${(e: CustomEvent<{ row: ServiceRow }>) => {
        e.stopPropagation();
        this.openService(e.detail.row);
      }}
    ></hq-figures-table>
    <hq-wait-histogram .histogram=${this.services.histogram}></hq-wait-histogram>`;
  }

  private renderHours() {
    if (!this.hours || this.hours.rows.length === 0) return html`<p class="muted">${t('app.empty')}</p>`;
    const series = [
      {
        officeCode: this.office.officeCode,
        points: this.hours.rows.map((h) => ({ key: h.hour, issued: h.issued, waitMedianSeconds: h.waitMedianSeconds, waitP90Seconds: h.waitP90Seconds })),
      },
    ];
    return html`<hq-figures-table
        id="hours"
        .label=${t('drill.hours', { service: this.service!.serviceName, office: this.office.officeName })}
        .rows=${this.hours.rows}
        .columns=${HOUR_COLUMNS}
        rowKey="hour"
        rowName="hour"
        .initialSort=${{ key: 'hour', direction: 'asc' }}
      ></hq-figures-table>
      <hq-wait-chart .series=${series} .names=${{ [this.office.officeCode]: this.office.officeName }} by="hour"></hq-wait-chart>
      <hq-wait-histogram .histogram=${this.hours.histogram}></hq-wait-histogram>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-drilldown': HqDrilldown;
  }
}
