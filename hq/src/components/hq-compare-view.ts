/**
 * The comparison: filters, the offices table (sortable, tick offices for the chart, CSV
 * export), the wait chart and the drill-down office -> service -> hour.
 *
 * @event hq-unauthenticated - the token was refused; the app goes back to the login.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { isApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import type { Granularity, HqApi, OfficeInfo, OfficeRow, OfficeSeries, ReportFilters, ServiceOption } from '../api/hq-api';
import { CHOOSABLE_COLUMNS, compareColumns, DEFAULT_COMPARE_COLUMNS, readChosenColumns, saveChosenColumns } from '../lib/compare-columns';
import { downloadText } from '../lib/csv';
import { defaultRange } from '../lib/dates';
import { formatCount, formatWait } from '../lib/figures';
import { officeRowsToCsv } from '../lib/office-csv';
import type { HqFiguresTable } from './hq-figures-table';
import { sharedStyles } from './shared-styles';
import './hq-column-chooser';
import './hq-drilldown';
import './hq-figures-table';
import './hq-filters';
import './hq-satisfaction-view';
import './hq-wait-chart';

const MAX_CHART_OFFICES = 5;

@customElement('hq-compare-view')
export class HqCompareView extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    css`
      .segmented {
        display: inline-flex;
        gap: 0.25rem;
      }
      button[aria-pressed='true'] {
        background: var(--hq-primary, #0a4f8f);
        color: #fff;
      }
      .summary {
        margin: 0.75rem 0 0;
        font-size: 1.05rem;
      }
    `,
  ];

  @property({ attribute: false }) api!: HqApi;
  /** Injected clock for the default date range. */
  @property({ attribute: false }) today: () => Date = () => new Date();

  @state() private filters!: ReportFilters;
  @state() private rows: OfficeRow[] = [];
  @state() private loading = true;
  @state() private error = '';
  @state() private offices: OfficeInfo[] = [];
  @state() private services: ServiceOption[] = [];
  @state() private selected: string[] = [];
  @state() private by: Granularity = 'hour';
  @state() private series: OfficeSeries[] = [];
  @state() private seriesError = '';
  @state() private drillOffice: OfficeRow | null = null;
  /** The table's columns besides the office name, as chosen in this browser. */
  @state() private chosenColumns: string[] = readChosenColumns();
  /** Open this office's drill-down once the rows are in (an office chosen in the live view). */
  @property({ attribute: false }) openOffice: string | null = null;

  private loadToken = 0;
  private seriesToken = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.filters ??= defaultRange(this.today());
    void this.load();
    this.api
      .offices()
      .then((offices) => (this.offices = offices))
      .catch((e) => this.fail(e, () => undefined)); // without the list, filters offer what the rows show
  }

  private async load(): Promise<void> {
    const token = ++this.loadToken;
    this.loading = true;
    this.error = '';
    try {
      const rows = await this.api.compare(this.filters);
      if (token !== this.loadToken) return;
      this.rows = rows;
      const codes = new Set(rows.map((r) => r.officeCode));
      this.selected = this.selected.filter((c) => codes.has(c));
      if (this.selected.length === 0) {
        // Start with the three busiest offices so the chart is never empty.
        this.selected = [...rows].sort((a, b) => b.issued - a.issued).slice(0, 3).map((r) => r.officeCode);
      }
      if (this.drillOffice && !codes.has(this.drillOffice.officeCode)) this.drillOffice = null;
      if (this.openOffice && !this.drillOffice) this.drillOffice = rows.find((r) => r.officeCode === this.openOffice) ?? null;
      void this.loadSeries();
      if (this.services.length === 0) void this.loadServices(rows);
    } catch (e) {
      if (token === this.loadToken) this.fail(e, (m) => (this.error = m));
    } finally {
      if (token === this.loadToken) this.loading = false;
    }
  }

  private async loadSeries(): Promise<void> {
    this.seriesError = '';
    // Drilled into an office, the chart shows that office, not the ones ticked before.
    const codes = this.drillOffice ? [this.drillOffice.officeCode] : [...this.selected];
    if (codes.length === 0) {
      this.series = [];
      return;
    }
    const token = ++this.seriesToken;
    try {
      const series = await this.api.series(codes, this.filters, this.by);
      if (token === this.seriesToken) this.series = series;
    } catch (e) {
      if (token !== this.seriesToken) return;
      this.series = [];
      this.fail(e, (m) => (this.seriesError = m));
    }
  }

  /** The catalogue's services, and the local ones of the busiest offices not linked to it yet. */
  private async loadServices(rows: OfficeRow[]): Promise<void> {
    const busiest = [...rows].sort((a, b) => b.issued - a.issued).slice(0, 3).map((r) => r.officeCode);
    try {
      this.services = await this.api.servicesOf(busiest, this.filters);
    } catch {
      this.services = []; // the service filter stays hidden
    }
  }

  private fail(e: unknown, show: (message: string) => void): void {
    if (isApiError(e) && e.status === 401) {
      emit(this, 'hq-unauthenticated', {});
      return;
    }
    show(t('app.error', { message: e instanceof Error ? e.message : String(e) }));
  }

  override render() {
    const rows = this.rows;
    const known = this.offices.length > 0 ? this.offices : rows.map((r) => ({ company: r.company, region: r.region }));
    const companies = [...new Set(known.map((o) => o.company).filter((c): c is string => !!c))].sort();
    const regions = [
      ...new Set(known.filter((o) => !this.filters.company || o.company === this.filters.company).map((o) => o.region).filter((r): r is string => !!r)),
    ].sort();
    const names = Object.fromEntries(this.rows.map((r) => [r.officeCode, r.officeName]));
    return html`
      <section class="card" aria-labelledby="filters-title">
        <h2 id="filters-title">${t('filters.title')}</h2>
        <hq-filters
          .value=${this.filters}
          .companies=${companies}
          .regions=${regions}
          .services=${this.services}
          @hq-filters-change=${(e: CustomEvent<{ filters: ReportFilters }>) => {
            this.filters = e.detail.filters;
            void this.load();
          }}
        ></hq-filters>
        ${this.loading ? nothing : html`<p class="summary" data-testid="summary">${this.summary(rows)}</p>`}
      </section>

      <section class="card" aria-labelledby="compare-title">
        <div class="toolbar">
          <h2 id="compare-title">${t('compare.title')}</h2>
          <button type="button" class="primary" data-action="csv" ?disabled=${rows.length === 0} @click=${this.exportCsv}>${t('compare.csv')}</button>
        </div>
        ${this.error
          ? html`<p class="error" role="alert">${this.error} <button type="button" @click=${() => this.load()}>${t('app.retry')}</button></p>`
          : this.loading && this.rows.length === 0
            ? html`<p class="muted" role="status">${t('app.loading')}</p>`
            : rows.length === 0
              ? html`<p class="muted">${t('app.empty')}</p>`
              : html`<p class="muted">${t('compare.chooseOffices', { max: MAX_CHART_OFFICES })}</p>
                  <hq-column-chooser
                    .columns=${CHOOSABLE_COLUMNS}
                    .chosen=${this.chosenColumns}
                    .defaults=${DEFAULT_COMPARE_COLUMNS}
                    @hq-columns-change=${(e: CustomEvent<{ chosen: string[] }>) => {
                      this.chosenColumns = e.detail.chosen;
                      saveChosenColumns(this.chosenColumns);
                    }}
                  ></hq-column-chooser>
                  <hq-figures-table
                    id="offices"
                    .label=${t('compare.title')}
                    .rows=${rows}
                    .columns=${compareColumns(this.chosenColumns)}
                    rowKey="officeCode"
                    rowName="officeName"
                    selectable
                    .maxSelected=${MAX_CHART_OFFICES}
                    .selected=${this.selected}
                    .initialSort=${{ key: 'waitP90Seconds', direction: 'desc' }}
                    @hq-selection-change=${(e: CustomEvent<{ selected: string[] }>) => {
                      this.selected = e.detail.selected;
                      void this.loadSeries();
                    }}
                    @hq-open-row=${(e: CustomEvent<{ row: OfficeRow }>) => this.drill(e.detail.row)}
                  ></hq-figures-table>`}
      </section>

      ${this.drillOffice
        ? html`<hq-drilldown
            .api=${this.api}
            .office=${this.drillOffice}
            .filters=${this.filters}
            @hq-drilldown-close=${() => this.drill(null)}
          ></hq-drilldown>`
        : nothing}

      <section class="card" aria-labelledby="chart-title">
        <div class="toolbar">
          <h2 id="chart-title">${t('compare.chartTitle')}</h2>
          <div class="segmented" role="group" aria-label=${t('compare.chartTitle')}>
            ${(['hour', 'day'] as const).map(
              (by) => html`<button type="button" aria-pressed=${this.by === by ? 'true' : 'false'} @click=${() => this.setBy(by)}>
                ${t(by === 'hour' ? 'compare.byHour' : 'compare.byDay')}
              </button>`,
            )}
          </div>
        </div>
        ${this.seriesError
          ? html`<p class="error" role="alert">${this.seriesError}</p>`
          : html`<hq-wait-chart .series=${this.series} .names=${names} .by=${this.by}></hq-wait-chart>`}
      </section>

      <hq-satisfaction-view .api=${this.api} .filters=${this.filters}></hq-satisfaction-view>
    `;
  }

  private summary(rows: OfficeRow[]): string {
    const issued = rows.reduce((sum, r) => sum + r.issued, 0);
    // The median of office medians, weighted by nothing: a quick headline, the table has the detail.
    const medians = rows.map((r) => r.waitMedianSeconds).filter((m): m is number => m !== null).sort((a, b) => a - b);
    const median = medians.length ? medians[Math.floor((medians.length - 1) / 2)] : null;
    return t('compare.summary', { offices: formatCount(rows.length), issued: formatCount(issued), median: formatWait(median) });
  }

  private drill(office: OfficeRow | null): void {
    this.drillOffice = office;
    void this.loadSeries();
  }

  private setBy(by: Granularity): void {
    if (this.by === by) return;
    this.by = by;
    void this.loadSeries();
  }

  private exportCsv = () => {
    const table = this.renderRoot.querySelector<HqFiguresTable>('#offices');
    const rows = (table?.sortedRows as OfficeRow[] | undefined) ?? this.rows;
    downloadText(`turnero-oficinas_${this.filters.from}_${this.filters.to}.csv`, officeRowsToCsv(rows));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-compare-view': HqCompareView;
  }
}
