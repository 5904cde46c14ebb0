/**
 * Wait by hour of day or by day, drawn as inline SVG: one colour per office, the median as
 * a solid line and the 90th percentile as a dotted one, so the spread stays visible.
 * Colours keep 3:1 contrast on white and the legend repeats them with names.
 */
import { LitElement, html, css, svg, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import type { Granularity, OfficeSeries } from '../api/hq-api';
import { formatWait } from '../lib/figures';
import { legendStyles } from './charts/legend-styles';
import { sharedStyles } from './shared-styles';

export const CHART_COLOURS = ['#0072b2', '#c44e00', '#007a5a', '#b4459a', '#5a5a5a'];

const W = 800;
const H = 320;
const PAD = { left: 56, right: 16, top: 16, bottom: 44 };

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

  static override styles = [
    sharedStyles,
    legendStyles,
    css`
      svg {
        width: 100%;
        height: auto;
        max-height: 60vh;
        display: block;
      }
      .axis text {
        font-size: 13px;
        fill: #3b424d;
      }
      .grid {
        stroke: #dde3ea;
      }
    `,
  ];

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
    const top = Math.ceil(maxMinutes / step) * step;
    const plotW = W - PAD.left - PAD.right;
    const plotH = H - PAD.top - PAD.bottom;
    const x = (i: number) => PAD.left + (keys.length === 1 ? plotW / 2 : (i * plotW) / (keys.length - 1));
    const y = (seconds: number) => PAD.top + plotH - (seconds / 60 / top) * plotH;
    const labelEvery = Math.ceil(keys.length / 12);
    const names = this.series.map((s) => this.names[s.officeCode] ?? s.officeCode).join(', ');
    const path = (s: OfficeSeries, field: 'waitMedianSeconds' | 'waitP90Seconds') => {
      const byKey = new Map(s.points.map((p) => [p.key, p[field]]));
      let d = '';
      let pen = false;
      keys.forEach((k, i) => {
        const v = byKey.get(k);
        if (v === null || v === undefined) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
        pen = true;
      });
      return d;
    };
    const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${t('compare.chartLabel', { unit: t(`compare.unit.${this.by}`), offices: names })}>
        <g class="axis">
          ${ticks.map(
            (m) => svg`<line class="grid" x1=${PAD.left} x2=${W - PAD.right} y1=${y(m * 60)} y2=${y(m * 60)}></line>
              <text x=${PAD.left - 8} y=${y(m * 60) + 4} text-anchor="end">${m}</text>`,
          )}
          <text x="14" y=${PAD.top + plotH / 2} transform="rotate(-90 14 ${PAD.top + plotH / 2})" text-anchor="middle">${t('compare.minutes')}</text>
          ${keys.map((k, i) =>
            i % labelEvery === 0
              ? svg`<text x=${x(i)} y=${H - PAD.bottom + 20} text-anchor="middle">${this.keyLabel(k)}</text>`
              : nothing,
          )}
        </g>
        ${this.series.map((s, i) => {
          const colour = CHART_COLOURS[i % CHART_COLOURS.length];
          return svg`<g data-office=${s.officeCode}>
            <path d=${path(s, 'waitP90Seconds')} fill="none" stroke=${colour} stroke-width="2" stroke-dasharray="3 5" stroke-linecap="round"></path>
            <path d=${path(s, 'waitMedianSeconds')} fill="none" stroke=${colour} stroke-width="3.5"></path>
            ${s.points.map((p) =>
              p.waitMedianSeconds === null
                ? nothing
                : svg`<circle cx=${x(keys.indexOf(p.key))} cy=${y(p.waitMedianSeconds)} r="4" fill=${colour}>
                    <title>${this.names[s.officeCode] ?? s.officeCode} · ${this.keyLabel(p.key)}: ${formatWait(p.waitMedianSeconds)} / p90 ${formatWait(p.waitP90Seconds)}</title>
                  </circle>`,
            )}
          </g>`;
        })}
      </svg>
      <ul class="legend">
        ${this.series.map(
          (s, i) => html`<li><span class="swatch" style="border-color:${CHART_COLOURS[i % CHART_COLOURS.length]}"></span>${this.names[s.officeCode] ?? s.officeCode}</li>`,
        )}
      </ul>`;
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
