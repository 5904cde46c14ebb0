/**
 * The staffing planner (issue 15): pick an office and a day, see the forecast arrivals
 * against what really came, the counters needed hour by hour to meet every service's
 * target wait, and the waits they give; then set counters per hour (what-if) and see the
 * predicted p50/p90 wait and the share within target before the day. Every chart has its
 * data table; the hours table is also the what-if's form.
 *
 * @event hq-unauthenticated - the token was refused.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ForecastResponse, StaffingResponse } from '@turnero/contract/intelligence';
import { isApiError } from '@turnero/web-client/api';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { getLocale, t } from '@turnero/web-client/i18n';
import type { HqApi, OfficeInfo } from '../api/hq-api';
import { addDays, isoDay, isValidDay } from '../lib/dates';
import { formatCount, formatHour, formatShare } from '../lib/figures';
import type { ChartSeries } from './charts/hq-chart';
import { CHART_COLOURS } from './hq-wait-chart';
import { PlannerApi } from './hq-planner-api';
import { hourRowsOf, type PlannerHour } from './hq-planner-hours';
import { sharedStyles } from './shared-styles';
import { tableStyles } from './table-styles';
import './charts/hq-chart';

const SHARES = [0.7, 0.8, 0.9, 0.95];
const minutes = (m: number) => `${new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(m)} min`;

/** One chart of the page in its card, over the day's hours. */
function chartCard(id: string, titleKey: string, summary: string, hours: string[], series: ChartSeries[], unitKey: string) {
  return html`<div class="card">
    <h3>${t(titleKey)}</h3>
    <hq-chart
      id=${id}
      .label=${t(titleKey)}
      .summary=${summary}
      .categoryLabel=${t('planner.hour')}
      .categories=${hours}
      .series=${series}
      .unit=${t(unitKey)}
    ></hq-chart>
  </div>`;
}

@customElement('hq-planner')
export class HqPlanner extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      th.num,
      td.num {
        text-align: right;
      }
      form.pick {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.25rem;
        align-items: end;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr));
        gap: 1rem;
      }
      td input {
        width: 5rem;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
      .short {
        color: #a4262c;
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) api!: HqApi;
  @property({ attribute: false }) planner = new PlannerApi();
  /** The browser's "today" (tests pass a fixed one). */
  @property({ attribute: false }) clock: () => Date = () => new Date();

  @state() private offices: OfficeInfo[] = [];
  @state() private officeCode = '';
  @state() private day = '';
  @state() private targetShare = 0.8;
  @state() private needed: StaffingResponse | null = null;
  @state() private whatIf: StaffingResponse | null = null;
  @state() private forecast: ForecastResponse | null = null;
  @state() private arrived = new Map<number, number>();
  /** Counters the manager typed, by office-local hour. */
  @state() private edits = new Map<number, number>();
  @state() private loading = false;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.day = addDays(isoDay(this.clock()), 1);
    void this.loadOffices();
  }

  private async loadOffices(): Promise<void> {
    try {
      this.offices = await this.api.offices();
      this.officeCode = this.offices[0]?.code ?? '';
      if (this.officeCode) await this.load();
    } catch (e) {
      this.failed(e);
    }
  }

  private get office(): OfficeInfo | undefined {
    return this.offices.find((o) => o.code === this.officeCode);
  }

  private async load(): Promise<void> {
    if (!this.officeCode || !isValidDay(this.day)) return;
    this.loading = true;
    this.error = '';
    try {
      const [needed, forecast, arrived] = await Promise.all([
        this.planner.staffing(this.officeCode, { date: this.day, targetShare: this.targetShare }),
        this.planner.forecast(this.officeCode, this.day),
        this.planner.arrivedByHour(this.officeCode, this.day),
      ]);
      Object.assign(this, { needed, forecast, arrived, whatIf: null, edits: new Map() });
    } catch (e) {
      this.failed(e);
    } finally {
      this.loading = false;
    }
  }

  private async simulate(e: Event): Promise<void> {
    e.preventDefault();
    if (this.edits.size === 0) {
      this.whatIf = null;
      return;
    }
    this.loading = true;
    this.error = '';
    try {
      this.whatIf = await this.planner.staffing(this.officeCode, {
        date: this.day,
        targetShare: this.targetShare,
        countersByHour: Object.fromEntries([...this.edits].map(([hour, n]) => [String(hour), n])),
      });
    } catch (err) {
      this.failed(err);
    } finally {
      this.loading = false;
    }
  }

  private failed(e: unknown): void {
    if (isApiError(e) && e.status === 401) emit(this, 'hq-unauthenticated', {});
    this.error = t('app.error', { message: e instanceof Error ? e.message : String(e) });
  }

  override render() {
    return html`<section aria-labelledby="planner-title">
      <div class="toolbar">
        <h2 id="planner-title">${t('planner.title')}</h2>
        <span class="muted" role="status">${this.loading ? t('app.loading') : ''}</span>
      </div>
      <p class="muted">${t('planner.intro')}</p>
      <form class="pick fields card" aria-label=${t('planner.pick')} @submit=${(e: Event) => e.preventDefault()}>
        <label
          >${t('planner.office')}
          <select name="office" @change=${(e: Event) => this.pick({ officeCode: (e.target as HTMLSelectElement).value })}>
            ${this.offices.map((o) => html`<option value=${o.code} ?selected=${o.code === this.officeCode}>${o.name} (${o.code})</option>`)}
          </select>
        </label>
        <label>${t('planner.day')} <input type="date" name="day" .value=${this.day} @change=${(e: Event) => this.pick({ day: (e.target as HTMLInputElement).value })} /></label>
        <label
          >${t('planner.share')}
          <select name="share" @change=${(e: Event) => this.pick({ targetShare: Number((e.target as HTMLSelectElement).value) })}>
            ${SHARES.map((s) => html`<option value=${s} ?selected=${s === this.targetShare}>${formatShare(s)}</option>`)}
          </select>
        </label>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.needed ? this.renderPlan(this.needed) : ''}
    </section>`;
  }

  private pick(change: { officeCode?: string; day?: string; targetShare?: number }): void {
    Object.assign(this, change);
    void this.load();
  }

  private renderPlan(needed: StaffingResponse) {
    const rows = hourRowsOf(needed, this.whatIf, this.forecast, this.arrived, this.office?.timeZone ?? 'America/Bogota', this.edits);
    if (rows.length === 0) return html`<p class="muted" data-testid="planner-empty">${t('planner.closed')}</p>`;
    const hours = rows.map((r) => formatHour(r.hour));
    const peak = rows.reduce((a, r) => (r.needed > a.needed ? r : a), rows[0]);
    const hasActual = rows.some((r) => r.arrived !== null);
    const arrivals: ChartSeries[] = [
      { label: t('planner.forecast'), values: rows.map((r) => r.forecast), colour: CHART_COLOURS[0], kind: 'bars' },
      ...(hasActual ? [{ label: t('planner.actual'), values: rows.map((r) => r.arrived), colour: CHART_COLOURS[1], kind: 'line' as const }] : []),
    ];
    const counters: ChartSeries[] = [
      { label: t('planner.needed'), values: rows.map((r) => r.needed), colour: CHART_COLOURS[0], kind: 'step' },
      ...(this.whatIf ? [{ label: t('planner.yours'), values: rows.map((r) => r.counters), colour: CHART_COLOURS[1], kind: 'dashed' as const }] : []),
    ];
    const waits: ChartSeries[] = [
      { label: t('planner.p50'), values: rows.map((r) => r.waitP50Minutes), colour: CHART_COLOURS[2], kind: 'line', format: minutes },
      { label: t('planner.p90'), values: rows.map((r) => r.waitP90Minutes), colour: CHART_COLOURS[3], kind: 'dashed', format: minutes },
    ];
    const total = formatCount(Math.round(rows.reduce((a, r) => a + r.forecast, 0)));
    const longestP90 = minutes(Math.max(...rows.map((r) => r.waitP90Minutes)));
    return html`<div class="charts">
        ${chartCard('planner-arrivals', 'planner.arrivalsTitle', t('planner.arrivalsSummary', { total }), hours, arrivals, 'planner.customers')}
        ${chartCard(
          'planner-counters',
          'planner.countersTitle',
          t('planner.countersSummary', { counters: String(peak.needed), hour: formatHour(peak.hour) }),
          hours,
          counters,
          'planner.countersUnit',
        )}
        ${chartCard('planner-waits', 'planner.waitsTitle', t('planner.waitsSummary', { p90: longestP90 }), hours, waits, 'planner.minutes')}
      </div>
      ${this.renderHours(rows, needed)}`;
  }

  private renderHours(rows: PlannerHour[], needed: StaffingResponse) {
    return html`<form class="card" aria-labelledby="planner-hours-title" @submit=${this.simulate}>
      <h3 id="planner-hours-title">${t('planner.hoursTitle')}</h3>
      <p class="muted">${t('planner.hoursHelp', { share: formatShare(needed.targetShare) })}</p>
      <div class="scroller">
        <table id="planner-hours">
          <caption class="visually-hidden">${t('planner.hoursTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('planner.hour')}</th>
              <th scope="col" class="num">${t('planner.forecast')}</th>
              <th scope="col" class="num">${t('planner.needed')}</th>
              <th scope="col" class="num">${t('planner.yours')}</th>
              <th scope="col" class="num">${t('planner.p50')}</th>
              <th scope="col" class="num">${t('planner.p90')}</th>
              <th scope="col" class="num">${t('planner.within')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) => html`<tr data-hour=${r.hour}>
                <th scope="row">${formatHour(r.hour)}</th>
                <td class="num">${formatCount(Math.round(r.forecast * 10) / 10)}</td>
                <td class="num" data-col="needed">${r.needed}</td>
                <td class="num">
                  <input
                    type="number"
                    min="0"
                    max="200"
                    step="1"
                    .value=${String(this.edits.get(r.hour) ?? r.counters)}
                    aria-label=${t('planner.countersAt', { hour: formatHour(r.hour) })}
                    @change=${(e: Event) => this.edit(r.hour, (e.target as HTMLInputElement).value)}
                  />
                </td>
                <td class="num" data-col="p50">${minutes(r.waitP50Minutes)}</td>
                <td class="num" data-col="p90">${minutes(r.waitP90Minutes)}</td>
                <td class="num ${r.share < needed.targetShare ? 'short' : ''}" data-col="within">${formatShare(r.share)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="buttons">
        <button type="submit" class="primary">${t('planner.simulate')}</button>
        <button type="button" @click=${this.reset}>${t('planner.reset')}</button>
      </div>
    </form>`;
  }

  private edit(hour: number, value: string): void {
    const n = Number(value);
    const next = new Map(this.edits);
    if (value === '' || !Number.isInteger(n) || n < 0 || n > 200) next.delete(hour);
    else next.set(hour, n);
    this.edits = next;
  }

  private reset = () => {
    this.edits = new Map();
    this.whatIf = null;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-planner': HqPlanner;
  }
}
