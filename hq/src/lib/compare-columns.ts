/**
 * Which columns the comparison table shows: the office name always, the others as the
 * person chose them (remembered in this browser). Satisfaction and self-service figures, the
 * region, the spread bar and the last sync are there to be chosen.
 */
import type { Column } from '../components/hq-figures-table';
import { formatScore } from '../components/hq-satisfaction-format';
import { OFFICE_COLUMNS } from './columns';
import '../components/hq-compare-columns-messages';

/** Figures of a compare row that the table can show but hides until chosen. */
const EXTRA_OFFICE_COLUMNS: Column[] = [
  { key: 'region', label: 'col.region', kind: 'text' },
  { key: 'satisfactionAverage', label: 'cols.satisfactionAverage', kind: 'count', cell: (row) => formatScore(row.satisfactionAverage) },
  { key: 'satisfactionResponses', label: 'cols.satisfactionResponses', kind: 'count' },
  { key: 'selfServiceTransactions', label: 'cols.selfService', kind: 'count' },
];

/** The column that names the row (and opens its drill-down) cannot be hidden. */
const ALWAYS = OFFICE_COLUMNS.filter((c) => c.opens);

/** Every column a person may show or hide, in table order. */
export const CHOOSABLE_COLUMNS: Column[] = [...OFFICE_COLUMNS.filter((c) => !c.opens), ...EXTRA_OFFICE_COLUMNS];

/**
 * Shown until the person chooses: every figure but the spread bar (the median and p90 columns
 * say the same in numbers) and the last sync (the network view's business), which leaves room
 * at 1440 px for one or two chosen columns without a sideways scroll.
 */
const HIDDEN_BY_DEFAULT = new Set(['spread', 'lastSyncAt']);
export const DEFAULT_COMPARE_COLUMNS: readonly string[] = OFFICE_COLUMNS.filter((c) => !c.opens && !HIDDEN_BY_DEFAULT.has(c.key)).map((c) => c.key);

const COMPARE_COLUMNS_KEY = 'turnero.hq.compareColumns';

/** The chosen keys read back from storage; anything unknown or unreadable gives the default. */
function parseChosenColumns(stored: string | null): string[] {
  if (stored === null) return [...DEFAULT_COMPARE_COLUMNS];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [...DEFAULT_COMPARE_COLUMNS];
    const known = new Set(CHOOSABLE_COLUMNS.map((c) => c.key));
    return value.filter((k): k is string => typeof k === 'string' && known.has(k));
  } catch {
    return [...DEFAULT_COMPARE_COLUMNS];
  }
}

export function readChosenColumns(storage: Pick<Storage, 'getItem'> | null = safeStorage()): string[] {
  try {
    return parseChosenColumns(storage?.getItem(COMPARE_COLUMNS_KEY) ?? null);
  } catch {
    return [...DEFAULT_COMPARE_COLUMNS];
  }
}

export function saveChosenColumns(keys: readonly string[], storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  try {
    storage?.setItem(COMPARE_COLUMNS_KEY, JSON.stringify(keys));
  } catch {
    // Private mode or a full storage: the choice lasts for this page only.
  }
}

/** The table's columns for a choice: the name first, then the chosen ones in table order. */
export function compareColumns(chosen: readonly string[]): Column[] {
  const wanted = new Set(chosen);
  return [...ALWAYS, ...CHOOSABLE_COLUMNS.filter((c) => wanted.has(c.key))];
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
