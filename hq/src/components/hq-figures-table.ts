/**
 * A sortable table of figures, used for offices, services, hours and the live view.
 * Headers are buttons (keyboard sortable, `aria-sort` announced); the first column can open
 * a row (drill-down); rows can be ticked (the offices drawn in the chart).
 *
 * @event hq-open-row - `{ row }` when a row's name is activated.
 * @event hq-selection-change - `{ selected: string[] }` when ticks change.
 */
import { LitElement, html, css, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import { formatAgo, formatCount, formatDateTime, formatHour, formatShare, formatWait } from '../lib/figures';
import { nextSort, sortRows, type SortDirection, type SortState } from '../lib/table-sort';
import { sharedStyles } from './shared-styles';
import { tableStyles } from './table-styles';

/** 'status': a column that draws its own cell (`cell`), sorted by `sortValue`, worst first. */
export type ColumnKind = 'text' | 'count' | 'wait' | 'share' | 'datetime' | 'ago' | 'hour' | 'spread' | 'alerts' | 'status';

export interface Column {
  key: string;
  /** Message key of the header. */
  label: string;
  kind: ColumnKind;
  /** Renders the cell as the row's drill-down button. */
  opens?: boolean;
  /** For shares: at or above this the figure is fine, below it is flagged. */
  goodAtLeast?: number;
  /** For rates: above this the figure is flagged. */
  badAbove?: number;
  /** Draws the cell instead of the kind's format (status columns: badges, versions). */
  cell?(row: Row): TemplateResult | string;
  /** What the column sorts by, when it is not the row's value at `key`. */
  sortValue?(row: Row): unknown;
}

export type Row = Record<string, unknown>;

const FIRST_DIRECTION: Record<ColumnKind, SortDirection> = {
  text: 'asc',
  hour: 'asc',
  count: 'desc',
  wait: 'desc',
  share: 'desc',
  spread: 'desc',
  datetime: 'desc',
  ago: 'asc',
  alerts: 'desc',
  status: 'desc',
};

/** Columns of words (left-aligned) rather than figures. */
const isTextual = (kind: ColumnKind): boolean => kind === 'text' || kind === 'alerts' || kind === 'status';

@customElement('hq-figures-table')
export class HqFiguresTable extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      table {
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 0.35rem 0.35rem;
        border-bottom: 1px solid var(--hq-border, #c9d0da);
        text-align: right;
        white-space: nowrap;
      }
      th:first-child,
      td:first-child,
      th.text,
      td.text {
        text-align: left;
      }
      thead th {
        position: sticky;
        top: 0;
        background: #eef2f7;
        vertical-align: bottom;
      }
      th button {
        border: none;
        background: none;
        padding: 0.2rem 0.1rem;
        min-height: 0;
        color: var(--hq-text, #1b1f24);
        font-weight: 700;
        white-space: normal;
        text-align: inherit;
      }
      /* A date and time may take two lines: kept on one, it pushed the comparison's last
         column out of a 1440 px screen. */
      td.col-datetime {
        white-space: normal;
        min-width: 5.5rem;
      }
      /* A status (a refusal's reason) wraps instead of widening the table. */
      td.col-status {
        white-space: normal;
        min-width: 11rem;
      }
      th button:hover {
        text-decoration: underline;
        background: none;
      }
      .arrow {
        display: inline-block;
        width: 1em;
        color: var(--hq-primary, #0a4f8f);
      }
      tbody tr:hover {
        background: #f6f8fb;
      }
      tr.selected {
        background: #eaf2fb;
      }
      td button.open {
        border: none;
        background: none;
        padding: 0;
        min-height: 0;
        text-decoration: underline;
        text-align: left;
      }
      .flag {
        color: var(--hq-danger, #a4141b);
        font-weight: 700;
      }
      .spread {
        position: relative;
        display: inline-block;
        width: 5rem;
        height: 0.9rem;
        background: #eef2f7;
        border-radius: 0.2rem;
        vertical-align: middle;
      }
      .spread .p90,
      .spread .p50 {
        position: absolute;
        left: 0;
        top: 0;
        bottom: 0;
        border-radius: 0.2rem;
      }
      .spread .p90 {
        background: #9dbfe3;
      }
      .spread .p50 {
        background: var(--hq-primary, #0a4f8f);
      }
      input[type='checkbox'] {
        width: 1.2rem;
        height: 1.2rem;
        min-height: 0;
      }
    `,
  ];

  @property({ attribute: false }) rows: Row[] = [];
  @property({ attribute: false }) columns: Column[] = [];
  /** Field that identifies a row (officeCode, serviceCode, hour). */
  @property() rowKey = 'officeCode';
  /** Field that names a row in labels. */
  @property() rowName = 'officeName';
  @property({ type: Boolean }) selectable = false;
  @property({ attribute: false }) selected: string[] = [];
  @property({ type: Number }) maxSelected = 5;
  @property({ attribute: false }) initialSort: SortState | null = null;
  @property({ attribute: false }) now: Date = new Date();
  /** Accessible name of the table. */
  @property() label = '';

  @state() private sort: SortState | null = null;

  private cellValue = (row: Row, key: string): unknown => {
    if (key === 'spread') return row.waitP90Seconds;
    if (key === 'alerts') return (row.pastTarget ? 4 : 0) + (row.silent ? 2 : 0) + (row.clockSkew ? 1 : 0);
    const column = this.columns.find((c) => c.key === key);
    if (column?.sortValue) return column.sortValue(row);
    // "5 min ago" sorts the most recent first when ascending.
    if (column?.kind === 'ago') return typeof row[key] === 'string' ? -Date.parse(row[key]) : null;
    return row[key];
  };

  /** The rows in their current display order (also what the CSV export writes). */
  get sortedRows(): Row[] {
    const sort = this.sort ?? this.initialSort;
    return sort ? sortRows(this.rows, sort, this.cellValue) : this.rows;
  }

  override render() {
    const sort = this.sort ?? this.initialSort;
    const spreadMax = Math.max(1, ...this.rows.map((r) => Number(r.waitP90Seconds) || 0));
    return html`<div class="scroller" role="region" aria-label=${this.label} tabindex="0">
      <table>
        <caption class="visually-hidden">${this.label}. ${t('table.caption', { count: this.rows.length })}</caption>
        <thead>
          <tr>
            ${this.selectable ? html`<th scope="col"><span class="visually-hidden">${t('col.select')}</span></th>` : nothing}
            ${this.columns.map((c) => this.renderHeader(c, sort))}
          </tr>
        </thead>
        <tbody>
          ${this.sortedRows.map((row) => this.renderRow(row, spreadMax))}
        </tbody>
      </table>
    </div>`;
  }

  private renderHeader(column: Column, sort: SortState | null): TemplateResult {
    const active = sort?.key === column.key;
    const ariaSort = active ? (sort!.direction === 'asc' ? 'ascending' : 'descending') : 'none';
    const textual = isTextual(column.kind);
    return html`<th scope="col" class=${textual ? 'text' : ''} aria-sort=${ariaSort}>
      <button
        type="button"
        data-sort-key=${column.key}
        title=${t('table.sortBy', { column: t(column.label) })}
        @click=${() => (this.sort = nextSort(sort, column.key, FIRST_DIRECTION[column.kind]))}
      >
        ${t(column.label)}<span class="arrow" aria-hidden="true">${active ? (sort!.direction === 'asc' ? '▲' : '▼') : ''}</span>
      </button>
    </th>`;
  }

  private renderRow(row: Row, spreadMax: number): TemplateResult {
    const key = String(row[this.rowKey]);
    const isSelected = this.selected.includes(key);
    return html`<tr class=${isSelected ? 'selected' : ''} data-row-key=${key}>
      ${this.selectable
        ? html`<td>
            <input
              type="checkbox"
              aria-label=${`${t('col.select')}: ${String(row[this.rowName] ?? key)}`}
              .checked=${isSelected}
              ?disabled=${!isSelected && this.selected.length >= this.maxSelected}
              @change=${(e: Event) => this.toggle(key, (e.target as HTMLInputElement).checked)}
            />
          </td>`
        : nothing}
      ${this.columns.map((c) => this.renderCell(c, row, spreadMax))}
    </tr>`;
  }

  private renderCell(column: Column, row: Row, spreadMax: number): TemplateResult {
    const value = row[column.key];
    const textual = isTextual(column.kind);
    const content = this.formatCell(column, row, value, spreadMax);
    const flagged =
      (column.goodAtLeast !== undefined && typeof value === 'number' && value < column.goodAtLeast) ||
      (column.badAbove !== undefined && typeof value === 'number' && value > column.badAbove);
    const cell = column.opens
      ? html`<button type="button" class="open" aria-label=${t('table.open', { name: String(content) })} @click=${() => emit(this, 'hq-open-row', { row })}>
          ${content}
        </button>`
      : content;
    return html`<td class="${textual ? 'text' : ''} ${flagged ? 'flag' : ''} col-${column.kind}" data-col=${column.key}>${cell}</td>`;
  }

  private formatCell(column: Column, row: Row, value: unknown, spreadMax: number): string | TemplateResult {
    if (column.cell) return column.cell(row);
    const n = typeof value === 'number' ? value : null;
    switch (column.kind) {
      case 'count':
        return formatCount(n);
      case 'wait':
        return formatWait(n);
      case 'share':
        return formatShare(n);
      case 'datetime':
        return formatDateTime(typeof value === 'string' ? value : null);
      case 'ago':
        return formatAgo(typeof value === 'string' ? value : null, this.now);
      case 'hour':
        return n === null ? '—' : formatHour(n);
      case 'spread':
        return this.spreadBar(row, spreadMax);
      case 'alerts':
        return html`${row.pastTarget ? html`<span class="badge danger">${t('live.pastTarget')}</span>` : nothing}${row.silent
          ? html`<span class="badge warn">${t('live.silent')}</span>`
          : nothing}${row.clockSkew ? html`<span class="badge warn">${t('live.skew')}</span>` : nothing}`;
      default:
        return value === null || value === undefined || value === '' ? '—' : String(value);
    }
  }

  private spreadBar(row: Row, max: number): TemplateResult {
    const p50 = Number(row.waitMedianSeconds) || 0;
    const p90 = Number(row.waitP90Seconds) || 0;
    const label = t('table.spreadLabel', { p50: formatWait(row.waitMedianSeconds as number | null), p90: formatWait(row.waitP90Seconds as number | null) });
    return html`<span class="spread" role="img" aria-label=${label} title=${label}>
      <span class="p90" style="width:${(100 * p90) / max}%"></span>
      <span class="p50" style="width:${(100 * p50) / max}%"></span>
    </span>`;
  }

  private toggle(key: string, on: boolean): void {
    const selected = on ? [...new Set([...this.selected, key])] : this.selected.filter((k) => k !== key);
    emit(this, 'hq-selection-change', { selected });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-figures-table': HqFiguresTable;
  }
}
