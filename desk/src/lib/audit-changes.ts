/**
 * How the admin pages word one configuration change (GET /admin/config-audit): what it was
 * about, and which fields went from what to what. Pure, so it is tested without a browser.
 */
import type { ConfigAuditDto } from '@turnero/contract/dto';

/** Fields that say nothing to a person (ids, secrets, timestamps). */
const HIDDEN = new Set(['id', 'passwordHash', 'createdAt', 'updatedAt']);
const MAX_FIELDS = 8;

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const shown = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** `nameOf` turns an id (a counter, a user) into its name; anything else is shown as it is. */
export type NameOf = (value: string) => string | undefined;
const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The fields that differ between the row before and after (all of a new row's fields). */
export function fieldChanges(entry: Pick<ConfigAuditDto, 'before' | 'after'>, nameOf: NameOf = () => undefined): FieldChange[] {
  const named = (v: unknown) => (typeof v === 'string' ? (nameOf(v) ?? v) : shown(v));
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k));
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .slice(0, MAX_FIELDS)
    .map((field) => ({ field, before: named(before[field]), after: named(after[field]) }));
}

/** What the change was about, by name when the row has one (ids mean nothing to a person). */
export function subjectName(entry: Pick<ConfigAuditDto, 'subject' | 'before' | 'after'>): string {
  for (const row of [asRecord(entry.after), asRecord(entry.before)]) {
    for (const key of ['nameEs', 'name', 'username', 'displayName']) if (typeof row[key] === 'string' && row[key]) return row[key] as string;
  }
  return entry.subject;
}
