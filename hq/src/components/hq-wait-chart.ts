/**
 * Wait by hour of day or by day, one colour per office, the median as a solid line and the
 * 90th percentile as a dashed one, so the spread stays visible. Drawn by the dashboard's
 * uPlot wrapper (charts/hq-chart.ts), which names every series in its legend and puts the
 * numbers in a data table. Colours keep 3:1 contrast on white.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import type { Granularity, OfficeSeries } from '../api/hq-api';
import { formatWait } from '../lib/figures';
import type { ChartSeries } from './charts/hq-chart';
import { sharedStyles } from './shared-styles';
import './charts/hq-chart';

export const CHART_COLOURS = ['#0072b2', '#c44e00', '#007a5a', '#b4459a', '#5a5a5a'];

/** A round step for the y axis (minutes): 1, 2, 5, 10, 15, 30, 60 ... */
export function niceStep(maxMinutes: number, ticks = 5): number {
  const raw = Math.max(maxMinutes, 1) / ticks;
  for (const step of [1, 2, 5, 10, 15, 30, 60, 120, 240]) if (step >= raw) return step;
  return Math.ceil(raw / 60) * 60;
}

@customElement('hq-wait-chart')
export class HqWaitChart extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = sharedStyles;

  @property({ attribute: false }) series: OfficeSeries[] = [];
  /** officeCode -> display name. */
  @property({ attribute: false }) names: Record<string, string> = {};
  @property() by: Granularity = 'hour';

  override render() {
    const keys = [...new Set(this.series.flatMap((s) => s.points.map((p) => p.key)))].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
    );
    if (keys.length === 0) return html`<p class="muted">${t('app.empty')}</p>`;
    const maxMinutes = Math.max(1, ...this.series.flatMap((s) => s.points.map((p) => (p.waitP90Seconds ?? p.waitMedianSeconds ?? 0) / 60)));
    const step = niceStep(maxMinutes);
    const name = (code: string) => this.names[code] ?? code;
    const lines: ChartSeries[] = this.series.flatMap((s, i) => {
      const colour = CHART_COLOURS[i % CHART_COLOURS.length];
      const byKey = new Map(s.points.map((p) => [p.key, p]));
      const minutes = (field: 'waitMedianSeconds' | 'waitP90Seconds') =>
        keys.map((k) => {
          const v = byKey.get(k)?.[field];
          return v === null || v === undefined ? null : v / 60;
        });
      const format = (m: number) => formatWait(m * 60);
      return [
        { key: s.officeCode, label: `${name(s.officeCode)} · ${t('chart.median')}`, values: minutes('waitMedianSeconds'), colour, kind: 'line', format },
        { key: s.officeCode, label: `${name(s.officeCode)} · p90`, values: minutes('waitP90Seconds'), colour, kind: 'dashed', format },
      ];
    });
    return html`<hq-chart
      .label=${t('compare.chartLabel', { unit: t(`compare.unit.${this.by}`), offices: this.series.map((s) => name(s.officeCode)).join(', ') })}
      .categoryLabel=${t(`compare.unit.${this.by}`)}
      .categories=${keys.map((k) => this.keyLabel(k))}
      .series=${lines}
      .unit=${t('compare.minutes')}
      .yMax=${Math.ceil(maxMinutes / step) * step}
    ></hq-chart>`;
  }

  private keyLabel(key: number | string): string {
    if (typeof key === 'number') return `${String(key).padStart(2, '0')}h`;
    return key.length === 10 ? key.slice(5) : key;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-wait-chart': HqWaitChart;
  }
}
