/**
 * <hq-satisfaction-view>: how customers felt over the comparison's dates
 * (GET /api/v1/hq/satisfaction): per office, service or agent the average, the share of 4
 * and 5 and the response rate, in a sortable table; and the average by bucket of wait, the
 * table behind "satisfaction falls as waits grow", drawn above it as a line with the
 * dashboard's uPlot wrapper (y: the 1-5 average; the response counts stay in the table).
 * Agents appear by id, never by name.
 *
 * @event hq-unauthenticated - the token was refused; the app goes back to the login.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SatisfactionReport } from '@turnero/contract/ratings';
import { isApiError } from '@turnero/web-client/api';
import { emit } from '@turnero/web-client/emit';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import type { HqApi, ReportFilters } from '../api/hq-api';
import { formatCount } from '../lib/figures';
import type { ChartSeries } from './charts/hq-chart';
import type { Column } from './hq-figures-table';
import { formatScore } from './hq-satisfaction-format';
import { sharedStyles } from './shared-styles';
import { tableStyles } from './table-styles';
import { CHART_COLOURS } from './hq-wait-chart';
import './charts/hq-chart';
import './hq-figures-table';

type By = SatisfactionReport['by'];
const GROUPINGS: By[] = ['office', 'service', 'agent'];

const scoreColumn = (key: string, label: string): Column => ({ key, label, kind: 'count', cell: (row) => formatScore(row[key]) });

function columnsFor(by: By): Column[] {
  return [
    { key: 'label', label: by === 'office' ? 'sat.col.office' : 'sat.col.name', kind: 'text' },
    ...(by === 'office' ? [] : [{ key: 'officeCode', label: 'sat.col.office', kind: 'text' } as Column]),
    { key: 'responses', label: 'sat.col.responses', kind: 'count' },
    scoreColumn('average', 'sat.col.average'),
    { key: 'highShare', label: 'sat.col.high', kind: 'share' },
    { key: 'served', label: 'sat.col.served', kind: 'count' },
    { key: 'responseRate', label: 'sat.col.rate', kind: 'share' },
  ];
}

/** "menos de 5 min", "5 a 10 min", …, "60 min o más". */
function waitBucketLabel(buckets: SatisfactionReport['byWait'], i: number): string {
  const max = buckets[i].upToMinutes;
  const min = i === 0 ? null : buckets[i - 1].upToMinutes;
  if (max === null) return t('sat.wait.over', { min: min ?? 0 });
  if (min === null) return t('sat.wait.upTo', { max });
  return t('sat.wait.between', { min, max });
}

/** The average-by-wait line; buckets nobody rated are gaps, not zeros. */
function renderWaitChart(buckets: SatisfactionReport['byWait']) {
  const categories = buckets.map((_, i) => waitBucketLabel(buckets, i));
  const average: ChartSeries[] = [
    { key: 'average', label: t('sat.col.average'), values: buckets.map((b) => b.average), colour: CHART_COLOURS[0], kind: 'line', format: formatScore },
  ];
  const summary = buckets
    .map((b, i) => ({ label: categories[i], b }))
    .filter(({ b }) => b.responses > 0)
    .map(({ label, b }) => `${label}: ${formatScore(b.average)}`)
    .join('; ');
  return html`<hq-chart
    data-testid="satisfaction-wait-chart"
    .label=${t('sat.byWait')}
    .summary=${summary}
    .categoryLabel=${t('sat.col.wait')}
    .categories=${categories}
    .series=${average}
    .unit=${t('sat.chart.unit')}
    .yMax=${5}
  ></hq-chart>`;
}

@customElement('hq-satisfaction-view')
export class HqSatisfactionView extends LitElement {
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      .segmented {
        display: inline-flex;
        gap: 0.25rem;
      }
      button[aria-pressed='true'] {
        background: var(--hq-primary, #0a4f8f);
        color: #fff;
      }
      td.num,
      th.num {
        text-align: right;
      }
      h3 {
        margin: 1.25rem 0 0.25rem;
      }
      [data-testid='satisfaction-by-wait'] {
        max-width: 32rem;
      }
    `,
  ];

  @property({ attribute: false }) api!: HqApi;
  @property({ attribute: false }) filters!: ReportFilters;

  @state() private by: By = 'office';
  @state() private report: SatisfactionReport | null = null;
  @state() private error = '';
  private token = 0;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('filters') && this.filters) void this.load();
  }

  private async load(): Promise<void> {
    const token = ++this.token;
    this.error = '';
    try {
      const report = await this.api.satisfaction(this.filters, this.by);
      if (token === this.token) this.report = report;
    } catch (e) {
      if (token !== this.token) return;
      if (isApiError(e) && e.status === 401) emit(this, 'hq-unauthenticated', {});
      else this.error = t('app.error', { message: e instanceof Error ? e.message : String(e) });
    }
  }

  private choose(by: By): void {
    this.by = by;
    void this.load();
  }

  override render() {
    const report = this.report;
    return html`<section class="card" aria-labelledby="sat-title">
      <div class="toolbar">
        <h2 id="sat-title">${t('sat.title')}</h2>
        <div class="segmented" role="group" aria-label=${t('sat.by')}>
          ${GROUPINGS.map(
            (by) => html`<button type="button" data-by=${by} aria-pressed=${this.by === by ? 'true' : 'false'} @click=${() => this.choose(by)}>
              ${t(`sat.by.${by}`)}
            </button>`,
          )}
        </div>
      </div>
      <p class="muted">${t('sat.intro')}</p>
      ${this.error
        ? html`<p class="error" role="alert">${this.error} <button type="button" @click=${() => this.load()}>${t('app.retry')}</button></p>`
        : !report
          ? html`<p class="muted" role="status">${t('app.loading')}</p>`
          : this.renderReport(report)}
    </section>`;
  }

  private renderReport(report: SatisfactionReport) {
    const rows = report.rows.map((r) => ({ ...r, id: `${r.officeCode ?? ''}|${r.key}` }));
    const rated = report.byWait.some((b) => b.responses > 0);
    return html`
      <hq-figures-table
        data-testid="satisfaction-table"
        .label=${t('sat.title')}
        .rows=${rows}
        .columns=${columnsFor(report.by)}
        rowKey="id"
        rowName="label"
        .initialSort=${{ key: 'responses', direction: 'desc' }}
      ></hq-figures-table>
      <h3 id="sat-wait-title">${t('sat.byWait')}</h3>
      <p class="muted">${t('sat.byWaitIntro')}</p>
      ${rated ? renderWaitChart(report.byWait) : ''}
      ${rated
        ? html`<table aria-labelledby="sat-wait-title" data-testid="satisfaction-by-wait">
            <thead>
              <tr>
                <th scope="col">${t('sat.col.wait')}</th>
                <th scope="col" class="num">${t('sat.col.responses')}</th>
                <th scope="col" class="num">${t('sat.col.average')}</th>
              </tr>
            </thead>
            <tbody>
              ${report.byWait.map(
                (b, i) => html`<tr>
                  <th scope="row">${waitBucketLabel(report.byWait, i)}</th>
                  <td class="num">${formatCount(b.responses)}</td>
                  <td class="num">${formatScore(b.average)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t('sat.none')}</p>`}
    `;
  }
}
