/**
 * The spread of waits as a histogram (share of customers per wait band), so the long
 * tail that an average hides is in plain sight. Bands beyond the last non-empty one are
 * left out; the open last band reads "≥ N min".
 */
import { LitElement, html, css, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LangController } from '@turnero/web-client/lang-controller';
import { getLocale, t } from '@turnero/web-client/i18n';
import type { WaitHistogram } from '../api/hq-api';
import { formatShare } from '../lib/figures';
import { sharedStyles } from './shared-styles';

const W = 800;
const H = 220;
/** `top` leaves room for the share printed above the tallest bar (at 12 it was clipped). */
const PAD = { left: 48, right: 12, top: 28, bottom: 40 };

export interface HistogramBar {
  label: string;
  share: number;
  count: number;
}

/** Readable bands (seconds): head office's finer buckets are summed into these. */
export const WAIT_BANDS = [300, 600, 1200, 1800, 2700, 3600, 5400, 7200];

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

  static override styles = [
    sharedStyles,
    css`
      svg {
        width: 100%;
        height: auto;
        display: block;
      }
      text {
        font-size: 12px;
        fill: #3b424d;
      }
      rect.bar {
        fill: var(--hq-primary, #0a4f8f);
      }
    `,
  ];

  @property({ attribute: false }) histogram: WaitHistogram = { upperSeconds: [], counts: [] };

  override render() {
    const bars = histogramBars(this.histogram);
    if (bars.length === 0) return html`<p class="muted">${t('app.empty')}</p>`;
    const maxShare = Math.max(...bars.map((b) => b.share));
    const plotW = W - PAD.left - PAD.right;
    const plotH = H - PAD.top - PAD.bottom;
    const slot = plotW / bars.length;
    const summary = bars.map((b) => `${b.label} min: ${formatShare(b.share)}`).join('; ');
    return html`<h3>${t('drill.histogram')}</h3>
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${t('drill.histogram')}. ${summary}`}>
        <text x=${PAD.left - 6} y=${PAD.top + 4} text-anchor="end">${formatShare(maxShare)}</text>
        <text x=${PAD.left - 6} y=${PAD.top + plotH} text-anchor="end">0</text>
        <line x1=${PAD.left} x2=${W - PAD.right} y1=${PAD.top + plotH} y2=${PAD.top + plotH} stroke="#6b7480"></line>
        ${bars.map((b, i) => {
          const h = (b.share / maxShare) * plotH;
          const x = PAD.left + i * slot;
          return svg`<rect class="bar" x=${x + 2} width=${Math.max(1, slot - 4)} y=${PAD.top + plotH - h} height=${h}>
              <title>${b.label} min: ${formatShare(b.share)} (${b.count})</title>
            </rect>
            <text x=${x + slot / 2} y=${PAD.top + plotH - h - 4} text-anchor="middle">${formatShare(b.share)}</text>
            <text x=${x + slot / 2} y=${H - PAD.bottom + 16} text-anchor="middle">${b.label}</text>`;
        })}
        <text x=${W - PAD.right} y=${H - 4} text-anchor="end">${t('compare.minutes')}</text>
      </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-wait-histogram': HqWaitHistogram;
  }
}
