/**
 * What the admin pages manage, as data: each entity's API path, list columns and form
 * fields. The admin component renders any of them the same way, and `formToBody` turns
 * a submitted form into the JSON body (numbers as numbers, empty optional fields left out).
 */
import { PASSWORD_MIN_LENGTH } from '@turnero/contract/password-policy';

/** 'icon': one of the service icons, picked from a list with a preview. */
export type FieldType = 'text' | 'number' | 'color' | 'select' | 'password' | 'icon';

export interface FieldDef {
  name: string;
  /** i18n key of the label. */
  label: string;
  type: FieldType;
  required?: boolean;
  /** Shown only when creating (e.g. the first password, the device kind). */
  createOnly?: boolean;
  /** Options for a select: fixed ones, or 'counters' to list the office's counters. */
  options?: readonly { value: string; label: string }[] | 'counters';
  /** Send null instead of leaving the field out when empty (e.g. clear a home counter). */
  nullable?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Shown and sent only for rows of this kind (a device's kind: the survey tablet's counter). */
  onlyForKind?: string;
  /** One choice sent as a one-item list under this property (a survey tablet's `counterIds`). */
  asListOf?: string;
}

export type EntityKind = 'services' | 'counters' | 'users' | 'devices';

export interface EntityDef {
  kind: EntityKind;
  title: string;
  path: string;
  /** Fields shown as table columns (i18n key + property). */
  columns: { label: string; key: string }[];
  fields: FieldDef[];
  /**
   * Rows head office owns (a service linked to the catalogue, a person from head office's
   * staff): read-only here, except `localFields`, and the page says where to change them.
   */
  central?: { owns(row: Record<string, unknown>): boolean; localFields: string[]; where: string };
}

export const ENTITIES: EntityDef[] = [
  {
    kind: 'services',
    title: 'admin.services',
    path: '/admin/services',
    columns: [
      { label: 'admin.prefix', key: 'prefix' },
      { label: 'admin.nameEs', key: 'nameEs' },
      { label: 'admin.targetWait', key: 'targetWaitMinutes' },
      { label: 'admin.catalogCode', key: 'catalogCode' },
    ],
    fields: [
      { name: 'prefix', label: 'admin.prefix', type: 'text', required: true, maxLength: 3, pattern: '[A-Z]{1,3}' },
      { name: 'nameEs', label: 'admin.nameEs', type: 'text', required: true, maxLength: 80 },
      { name: 'nameEn', label: 'admin.nameEn', type: 'text', required: true, maxLength: 80 },
      { name: 'targetWaitMinutes', label: 'admin.targetWait', type: 'number', required: true, min: 1, max: 600 },
      { name: 'color', label: 'admin.color', type: 'color' },
      { name: 'icon', label: 'admin.icon', type: 'icon' },
      { name: 'sortOrder', label: 'admin.sortOrder', type: 'number', min: 0, max: 999 },
    ],
    // A linked service is offered, named and numbered as head office publishes it.
    central: { owns: (row) => typeof row.catalogCode === 'string' && row.catalogCode !== '', localFields: [], where: 'admin.whereServices' },
  },
  {
    kind: 'counters',
    title: 'admin.counters',
    path: '/admin/counters',
    columns: [{ label: 'common.name', key: 'name' }],
    fields: [{ name: 'name', label: 'common.name', type: 'text', required: true, maxLength: 40 }],
  },
  {
    kind: 'users',
    title: 'admin.users',
    path: '/admin/users',
    columns: [
      { label: 'admin.username', key: 'username' },
      { label: 'admin.displayName', key: 'displayName' },
      { label: 'admin.role', key: 'role' },
      { label: 'admin.managedBy', key: 'managedBy' },
    ],
    fields: [
      { name: 'username', label: 'admin.username', type: 'text', required: true, createOnly: true, maxLength: 32, pattern: '[a-z0-9._\\-]{3,32}' },
      { name: 'displayName', label: 'admin.displayName', type: 'text', required: true, maxLength: 80 },
      {
        name: 'role',
        label: 'admin.role',
        type: 'select',
        required: true,
        options: [
          { value: 'agent', label: 'role.agent' },
          { value: 'supervisor', label: 'role.supervisor' },
          { value: 'admin', label: 'role.admin' },
        ],
      },
      { name: 'counterId', label: 'admin.homeCounter', type: 'select', options: 'counters', nullable: true },
      { name: 'password', label: 'admin.password', type: 'password', required: true, createOnly: true, minLength: PASSWORD_MIN_LENGTH, maxLength: 256 },
    ],
    // Head office's people: their name, role, password and whether they may work come from
    // head office; which counter they sit at is the office's call.
    central: { owns: (row) => row.managedBy === 'hq', localFields: ['counterId'], where: 'admin.whereStaff' },
  },
  {
    kind: 'devices',
    title: 'admin.devices',
    path: '/admin/devices',
    columns: [
      { label: 'common.name', key: 'name' },
      { label: 'admin.kind', key: 'kind' },
    ],
    fields: [
      {
        name: 'kind',
        label: 'admin.kind',
        type: 'select',
        required: true,
        createOnly: true,
        options: [
          { value: 'kiosk', label: 'kind.kiosk' },
          { value: 'display', label: 'kind.display' },
          { value: 'survey', label: 'kind.survey' },
        ],
      },
      { name: 'name', label: 'common.name', type: 'text', required: true, maxLength: 60 },
      { name: 'printerUri', label: 'admin.printerUri', type: 'text', nullable: true, maxLength: 200 },
      // A survey tablet rates the tickets of exactly one counter; displays keep their own lists.
      { name: 'surveyCounterId', label: 'admin.surveyCounter', type: 'select', options: 'counters', required: true, onlyForKind: 'survey', asListOf: 'counterIds' },
    ],
  },
];

/** Whether head office owns this row (read-only here except its local fields). */
export const isCentral = (entity: EntityDef, row: Record<string, unknown> | null): boolean => Boolean(row && entity.central?.owns(row));

/** The fields an admin may change in this row here: all of them, or only the local ones of a central row. */
export function editableFields(entity: EntityDef, row: Record<string, unknown> | null): FieldDef[] {
  if (!isCentral(entity, row)) return entity.fields;
  const local = new Set(entity.central!.localFields);
  return entity.fields.filter((f) => local.has(f.name));
}

/** The fields that apply to a row of this kind (`kind` undefined: entities without kinds). */
export function fieldsForKind(fields: FieldDef[], kind: string | undefined): FieldDef[] {
  return fields.filter((f) => f.onlyForKind === undefined || f.onlyForKind === kind);
}

/** What a field shows for a saved row: a list field shows its single item. */
export function fieldValue(f: FieldDef, row: Record<string, unknown> | null): unknown {
  if (!f.asListOf) return row?.[f.name];
  const list = row?.[f.asListOf];
  return Array.isArray(list) ? list[0] : undefined;
}

/** Minimal FormData-like input, so the conversion is testable without a DOM. */
export interface FormLike {
  get(name: string): FormDataEntryValue | null;
}

/** JSON body for a create (all fields) or an edit (only the fields an edit form shows). */
export function formToBody(fields: FieldDef[], form: FormLike, mode: 'create' | 'edit'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (mode === 'edit' && f.createOnly) continue;
    const raw = form.get(f.name);
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (f.nullable && mode === 'edit') body[f.name] = null;
      continue;
    }
    if (f.asListOf) {
      body[f.asListOf] = [text];
      continue;
    }
    body[f.name] = f.type === 'number' ? Number(text) : f.name === 'prefix' ? text.toUpperCase() : text;
  }
  return body;
}

/**
 * The URL a device opens once to take its token (the app strips it from the address bar).
 * The token rides in the fragment, which browsers never send to the server or its proxies.
 */
export function deviceUrl(origin: string, kind: string, token: string): string {
  if (kind === 'survey') return `${origin.replace(/\/$/, '')}/dispenser/survey.html#token=${encodeURIComponent(token)}`;
  const app = kind === 'kiosk' ? 'dispenser' : 'display';
  return `${origin.replace(/\/$/, '')}/${app}/#token=${encodeURIComponent(token)}`;
}
