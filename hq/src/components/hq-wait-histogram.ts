/**
 * The spread of waits as a histogram (share of customers per wait band), so the long
 * tail that an average hides is in plain sight. Bands beyond the last non-empty one are
 * left out; the open last band reads "≥ N min". Drawn by the dashboard's uPlot wrapper
 * (charts/hq-chart.ts), with the shares in its data table.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LangController } from '@turnero/web-client/lang-controller';
import { getLocale, t } from '@turnero/web-client/i18n';
import type { WaitHistogram } from '../api/hq-api';
import { formatShare } from '../lib/figures';
import type { ChartSeries } from './charts/hq-chart';
import { sharedStyles } from './shared-styles';
import './charts/hq-chart';

export interface HistogramBar {
  label: string;
  share: number;
  count: number;
}

/** Readable bands (seconds): head office's finer buckets are summed into these. */
const WAIT_BANDS = [300, 600, 1200, 1800, 2700, 3600, 5400, 7200];

/** Turns bucket counts into bars of equal-meaning bands (minutes), dropping the empty tail. */
export function histogramBars(h: WaitHistogram, bands: readonly number[] = WAIT_BANDS): HistogramBar[] {
  const total = h.counts.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const counts = new Array<number>(bands.length + 1).fill(0);
  h.counts.forEach((count, i) => {
    // A bucket belongs to the first band whose upper bound is at or above the bucket's own.
    const upper = h.upperSeconds[i] ?? Number.POSITIVE_INFINITY;
    const band = bands.findIndex((b) => upper <= b);
    counts[band === -1 ? bands.length : band] += count;
  });
  let last = counts.length - 1;
  while (last > 0 && counts[last] === 0) last--;
  const minutes = (s: number) => new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(s / 60);
  return counts.slice(0, last + 1).map((count, i) => ({
    label: i === bands.length ? `≥ ${minutes(bands[i - 1])}` : `${minutes(i === 0 ? 0 : bands[i - 1])}–${minutes(bands[i])}`,
    share: count / total,
    count,
  }));
}

@customElement('hq-wait-histogram')
export class HqWaitHistogram extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = sharedStyles;

  @property({ attribute: false }) histogram: WaitHistogram = { upperSeconds: [], counts: [] };

  override render() {
    const bars = histogramBars(this.histogram);
    if (bars.length === 0) return html`<p class="muted">${t('app.empty')}</p>`;
    const summary = bars.map((b) => `${b.label} min: ${formatShare(b.share)}`).join('; ');
    const shares: ChartSeries[] = [
      { label: t('chart.share'), values: bars.map((b) => b.share * 100), colour: '#0a4f8f', kind: 'bars', format: (v) => formatShare(v / 100) },
    ];
    return html`<h3>${t('drill.histogram')}</h3>
      <hq-chart
        .label=${t('drill.histogram')}
        .summary=${summary}
        .categoryLabel=${t('compare.minutes')}
        .categories=${bars.map((b) => b.label)}
        .series=${shares}
        unit="%"
      ></hq-chart>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-wait-histogram': HqWaitHistogram;
  }
}
