/**
 * One chart of the dashboard, drawn by uPlot (about 50 kB, canvas, fast with thousands of
 * points on a manager's laptop), over categories such as the hours of a day. Accessible:
 * the canvas is one image with a spoken summary, the legend names every series with its
 * colour and line style, and the same numbers are in a data table right under it.
 *
 * Series are lines (solid or dashed), steps (counters per hour) or bars (counts).
 */
import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import uPlot, { type AlignedData, type Options, type Series } from 'uplot';
import { LangController } from '@turnero/web-client/lang-controller';
import { getLocale, t } from '@turnero/web-client/i18n';
import { sharedStyles } from '../shared-styles';
import { tableStyles } from '../table-styles';
import { legendStyles } from './legend-styles';
import { UPLOT_CSS } from './uplot-css';

export interface ChartSeries {
  /** What the series belongs to (an office's code), on its legend line as data-key. */
  key?: string;
  label: string;
  values: (number | null)[];
  colour: string;
  kind: 'line' | 'dashed' | 'step' | 'bars';
  /** How the table writes a value (default: a number in the page's language). */
  format?: (value: number) => string;
}

const HEIGHT = 280;

@customElement('hq-chart')
export class HqChart extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    tableStyles,
    unsafeCSS(UPLOT_CSS),
    legendStyles,
    css`
      th.num,
      td.num {
        text-align: right;
      }
      figure {
        margin: 0;
      }
      .plot {
        width: 100%;
        min-height: ${HEIGHT}px;
      }
      details {
        margin-top: 0.25rem;
      }
    `,
  ];

  /** The chart's name, also the table's caption. */
  @property() label = '';
  /** One-sentence summary read out for the picture. */
  @property() summary = '';
  /** Heading of the category column ("Hora"). */
  @property() categoryLabel = '';
  /** Names of the x categories, in order ("07:00", "08:00"...). */
  @property({ attribute: false }) categories: string[] = [];
  @property({ attribute: false }) series: ChartSeries[] = [];
  /** Y axis title ("minutos"). */
  @property() unit = '';
  /** Top of the y axis (a round number); default: a tenth above the highest value. */
  @property({ type: Number }) yMax: number | null = null;

  /** The table is built when its disclosure opens (a closed one still lays its cells out in Chromium). */
  @state() private tableOpen = false;
  private plot: uPlot | null = null;
  private readonly resize = new ResizeObserver(() => this.plot?.setSize({ width: this.plotWidth(), height: HEIGHT }));

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  override render() {
    return html`<figure>
      <div class="plot" role="img" aria-label=${this.summary ? `${this.label}. ${this.summary}` : this.label}></div>
      <ul class="legend">
        ${this.series.map(
          (s) => html`<li data-key=${s.key ?? s.label}><span class="swatch ${s.kind}" style=${s.kind === 'bars' ? `background:${s.colour}` : `border-color:${s.colour}`}></span>${s.label}</li>`,
        )}
      </ul>
      <details @toggle=${(e: Event) => (this.tableOpen = (e.target as HTMLDetailsElement).open)}>
        <summary>${t('chart.table')}</summary>
        ${this.tableOpen ? this.renderTable() : ''}
      </details>
    </figure>`;
  }

  private renderTable() {
    const number = new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 });
    const write = (s: ChartSeries, v: number | null) => (v === null || !Number.isFinite(v) ? '—' : (s.format ?? number.format)(v));
    return html`<div class="scroller">
          <table>
            <caption>${this.label}</caption>
            <thead>
              <tr>
                <th scope="col">${this.categoryLabel}</th>
                ${this.series.map((s) => html`<th scope="col" class="num">${s.label}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${this.categories.map(
                (c, i) => html`<tr>
                  <th scope="row">${c}</th>
                  ${this.series.map((s) => html`<td class="num">${write(s, s.values[i] ?? null)}</td>`)}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('series') || changed.has('categories') || changed.has('unit') || changed.has('yMax')) this.draw();
  }

  private plotWidth(): number {
    return Math.max(280, this.renderRoot.querySelector<HTMLElement>('.plot')?.clientWidth ?? 640);
  }

  private draw(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!target) return;
    this.plot?.destroy();
    this.plot = null;
    if (this.categories.length === 0) return;
    const xs = this.categories.map((_, i) => i);
    const data: AlignedData = [xs, ...this.series.map((s) => s.values.map((v) => (v === null || !Number.isFinite(v) ? null : v)))];
    const options: Options = {
      width: this.plotWidth(),
      height: HEIGHT,
      legend: { show: false }, // ours, above, names every series with its line style
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.5, this.categories.length - 0.5] }, y: { range: (_u, _min, max) => [0, this.yMax ?? Math.max(1, max * 1.1)] } },
      axes: [
        {
          values: (_u, splits) => splits.map((v) => this.categories[Math.round(v)] ?? ''),
          incrs: [1, 2, 3, 4, 6],
          stroke: '#3b424d',
          grid: { show: false },
        },
        { label: this.unit, stroke: '#3b424d', grid: { stroke: '#dde3ea', width: 1 } },
      ],
      series: [{}, ...this.series.map((s) => this.seriesOptions(s))],
    };
    this.plot = new uPlot(options, data, target);
    // The canvas is described by the figure's label; its own elements are only decoration.
    target.querySelector('.uplot')?.setAttribute('aria-hidden', 'true');
    this.resize.observe(target);
  }

  private seriesOptions(s: ChartSeries): Series {
    const base: Series = { label: s.label, stroke: s.colour, width: 3, spanGaps: false, points: { show: s.kind !== 'bars', size: 6 } };
    switch (s.kind) {
      case 'dashed':
        return { ...base, width: 2, dash: [4, 6] };
      case 'step':
        return { ...base, paths: uPlot.paths.stepped!({ align: 1 }), width: 3 };
      case 'bars':
        return { ...base, fill: `${s.colour}99`, width: 1, paths: uPlot.paths.bars!({ size: [0.6, 48] }) };
      default:
        return base;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-chart': HqChart;
  }
}
