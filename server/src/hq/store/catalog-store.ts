/**
 * The group's service catalogue, the services each office offers from it (with its own
 * prefix or target), the settings head office owns per office, and the prefix -> catalogue
 * code map figures are grouped by. Plain SQL, usable inside a publish transaction.
 */
import type { CatalogService, ConfigService, ConfigSettings } from '@turnero/contract/hq-link';
import type { Sql } from '../db';

const CATALOG_COLUMNS = `code, name_es, name_en, prefix, target_wait_minutes, color, icon`;
type RawCatalog = { code: string; name_es: string; name_en: string; prefix: string; target_wait_minutes: number; color: string; icon: string };
const toCatalog = (r: RawCatalog): CatalogService => ({
  code: r.code,
  nameEs: r.name_es,
  nameEn: r.name_en,
  prefix: r.prefix,
  targetWaitMinutes: r.target_wait_minutes,
  color: r.color,
  icon: r.icon,
});

export async function listCatalog(sql: Sql): Promise<CatalogService[]> {
  return (await sql.$queryRawUnsafe<RawCatalog[]>(`SELECT ${CATALOG_COLUMNS} FROM hq_catalog_service ORDER BY code`)).map(toCatalog);
}

export async function findCatalogService(sql: Sql, code: string, forUpdate = false): Promise<CatalogService | null> {
  const rows = await sql.$queryRawUnsafe<RawCatalog[]>(
    `SELECT ${CATALOG_COLUMNS} FROM hq_catalog_service WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    code,
  );
  return rows[0] ? toCatalog(rows[0]) : null;
}

/** The columns' values in CATALOG_COLUMNS order ($1..$7). */
const catalogValues = (s: CatalogService) => [s.code, s.nameEs, s.nameEn, s.prefix, s.targetWaitMinutes, s.color, s.icon];

/** Inserts a catalogue service; false when the code is taken. */
export async function insertCatalogService(sql: Sql, s: CatalogService): Promise<boolean> {
  const n = await sql.$executeRawUnsafe(
    `INSERT INTO hq_catalog_service (${CATALOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
    ...catalogValues(s),
  );
  return n === 1;
}

export async function updateCatalogService(sql: Sql, s: CatalogService): Promise<void> {
  await sql.$executeRawUnsafe(
    `UPDATE hq_catalog_service SET name_es = $2, name_en = $3, prefix = $4, target_wait_minutes = $5, color = $6, icon = $7 WHERE code = $1`,
    ...catalogValues(s),
  );
}

/** What an office offers, as head office stores it (overrides null: the catalogue's default). */
export interface OfficeOffering {
  catalogCode: string;
  prefix: string | null;
  targetWaitMinutes: number | null;
}

export async function readOfferings(sql: Sql, officeId: number): Promise<OfficeOffering[]> {
  const rows = await sql.$queryRawUnsafe<{ catalog_code: string; prefix: string | null; target_wait_minutes: number | null }[]>(
    `SELECT catalog_code, prefix, target_wait_minutes FROM hq_office_service WHERE office_id = $1 ORDER BY sort_order, catalog_code`,
    officeId,
  );
  return rows.map((r) => ({ catalogCode: r.catalog_code, prefix: r.prefix, targetWaitMinutes: r.target_wait_minutes }));
}

/** Replaces the office's offered services; their order is the kiosk's. */
export async function replaceOfferings(sql: Sql, officeId: number, offerings: readonly OfficeOffering[]): Promise<void> {
  await sql.$executeRawUnsafe('DELETE FROM hq_office_service WHERE office_id = $1', officeId);
  if (offerings.length === 0) return;
  await sql.$executeRawUnsafe(
    `INSERT INTO hq_office_service (office_id, catalog_code, prefix, target_wait_minutes, sort_order)
     SELECT $1, x.catalog_code, x.prefix, x.target_wait_minutes, x.sort_order
     FROM json_to_recordset($2::json) AS x(catalog_code text, prefix text, target_wait_minutes int, sort_order int)`,
    officeId,
    JSON.stringify(
      offerings.map((o, i) => ({ catalog_code: o.catalogCode, prefix: o.prefix, target_wait_minutes: o.targetWaitMinutes, sort_order: i })),
    ),
  );
}

/** One offered service resolved against the catalogue: what an OfficeConfig lists, and whose office. */
export type ResolvedService = ConfigService & { officeId: number };

/** The resolved services of these offices, in each office's order. */
export async function resolvedServices(sql: Sql, officeIds: readonly number[]): Promise<ResolvedService[]> {
  if (officeIds.length === 0) return [];
  const rows = await sql.$queryRawUnsafe<(RawCatalog & { office_id: number; sort_order: number })[]>(
    `SELECT o.office_id, c.code, c.name_es, c.name_en, COALESCE(o.prefix, c.prefix) AS prefix,
            COALESCE(o.target_wait_minutes, c.target_wait_minutes) AS target_wait_minutes, c.color, c.icon, o.sort_order
     FROM hq_office_service o JOIN hq_catalog_service c ON c.code = o.catalog_code
     WHERE o.office_id IN (SELECT json_array_elements_text($1::json)::int)
     ORDER BY o.office_id, o.sort_order, c.code`,
    JSON.stringify(officeIds),
  );
  return rows.map((r) => {
    const { code, ...entry } = toCatalog(r);
    return { ...entry, officeId: r.office_id, catalogCode: code, sortOrder: r.sort_order };
  });
}

export async function readSettings(sql: Sql, officeIds: readonly number[]): Promise<Map<number, ConfigSettings>> {
  if (officeIds.length === 0) return new Map();
  const rows = await sql.$queryRawUnsafe<{ office_id: number; settings: unknown }[]>(
    `SELECT office_id, settings FROM hq_office_settings WHERE office_id IN (SELECT json_array_elements_text($1::json)::int)`,
    JSON.stringify(officeIds),
  );
  return new Map(rows.map((r) => [r.office_id, (typeof r.settings === 'string' ? JSON.parse(r.settings) : r.settings) as ConfigSettings]));
}

export async function writeSettings(sql: Sql, officeId: number, settings: ConfigSettings, at: Date): Promise<void> {
  await sql.$executeRawUnsafe(
    `INSERT INTO hq_office_settings (office_id, settings, updated_at) VALUES ($1, $2::jsonb, $3::timestamp)
     ON CONFLICT (office_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at`,
    officeId,
    JSON.stringify(settings),
    at.toISOString(),
  );
}

/** Offices with something to publish: offered services, settings of their own or of their company's or region's template. */
export async function configuredOfficeIds(sql: Sql): Promise<number[]> {
  const rows = await sql.$queryRawUnsafe<{ office_id: number }[]>(
    `SELECT office_id FROM hq_office_service UNION SELECT office_id FROM hq_office_settings
     UNION SELECT o.id FROM hq_office o JOIN hq_config_template t ON ${TEMPLATE_OF_OFFICE}
     ORDER BY 1`,
  );
  return rows.map((r) => r.office_id);
}

export type TemplateKind = 'company' | 'region';
const TEMPLATE_OF_OFFICE = `((t.kind = 'company' AND t.name = o.company) OR (t.kind = 'region' AND t.name = o.region))`;

/**
 * The settings each office runs: its company's template, overridden field by field by its
 * region's, overridden by its own (jsonb || keeps the right-hand value of a key).
 */
export async function effectiveSettings(sql: Sql, officeIds: readonly number[]): Promise<Map<number, ConfigSettings>> {
  if (officeIds.length === 0) return new Map();
  const rows = await sql.$queryRawUnsafe<{ id: number; settings: unknown }[]>(
    `SELECT o.id, COALESCE(tc.settings, '{}') || COALESCE(tr.settings, '{}') || COALESCE(s.settings, '{}') AS settings
     FROM hq_office o
     LEFT JOIN hq_config_template tc ON tc.kind = 'company' AND tc.name = o.company
     LEFT JOIN hq_config_template tr ON tr.kind = 'region' AND tr.name = o.region
     LEFT JOIN hq_office_settings s ON s.office_id = o.id
     WHERE o.id IN (SELECT json_array_elements_text($1::json)::int)`,
    JSON.stringify(officeIds),
  );
  return new Map(rows.map((r) => [r.id, (typeof r.settings === 'string' ? JSON.parse(r.settings) : r.settings) as ConfigSettings]));
}

export interface TemplateRow {
  kind: TemplateKind;
  name: string;
  settings: ConfigSettings;
}

export async function listTemplates(sql: Sql): Promise<TemplateRow[]> {
  const rows = await sql.$queryRawUnsafe<TemplateRow[]>('SELECT kind, name, settings FROM hq_config_template ORDER BY kind, name');
  return rows.map((r) => ({ ...r, settings: typeof r.settings === 'string' ? JSON.parse(r.settings) : r.settings }));
}

/** Writes a template; returns its settings before (null: it is new). The row stays locked until the transaction ends. */
export async function writeTemplate(tx: Sql, t: TemplateRow, at: Date): Promise<ConfigSettings | null> {
  const before = await tx.$queryRawUnsafe<{ settings: ConfigSettings }[]>(
    'SELECT settings FROM hq_config_template WHERE kind = $1 AND name = $2 FOR UPDATE',
    t.kind,
    t.name,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO hq_config_template (kind, name, settings, updated_at) VALUES ($1, $2, $3::jsonb, $4::timestamp)
     ON CONFLICT (kind, name) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at`,
    t.kind,
    t.name,
    JSON.stringify(t.settings),
    at.toISOString(),
  );
  return before[0]?.settings ?? null;
}

/** The offices of a company or a region. */
export async function officeIdsOf(sql: Sql, kind: TemplateKind, name: string): Promise<number[]> {
  const rows = await sql.$queryRawUnsafe<{ id: number }[]>(
    `SELECT id FROM hq_office WHERE CASE WHEN $1 = 'company' THEN company = $2 ELSE region = $2 END ORDER BY id`,
    kind,
    name,
  );
  return rows.map((r) => r.id);
}

/**
 * Records which catalogue code each published prefix stands for at its office, so figures
 * of that prefix group under the code even before the office's facts carry it.
 */
export async function linkServiceCodes(sql: Sql, services: readonly ResolvedService[]): Promise<void> {
  if (services.length === 0) return;
  await sql.$executeRawUnsafe(
    `INSERT INTO hq_service (office_id, service_code, name, target_wait_minutes, catalog_code)
     SELECT x.office_id, x.prefix, x.name, x.target, x.code
     FROM json_to_recordset($1::json) AS x(office_id int, prefix text, name text, target int, code text)
     ON CONFLICT (office_id, service_code) DO UPDATE SET catalog_code = EXCLUDED.catalog_code`,
    JSON.stringify(services.map((s) => ({ office_id: s.officeId, prefix: s.prefix, name: s.nameEs, target: s.targetWaitMinutes, code: s.catalogCode }))),
  );
}
