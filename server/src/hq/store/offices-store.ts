/** The offices head office knows: registration and the list with their sync state. */
import type { HqPrisma, Sql } from '../db';

interface HqOfficeRow {
  id: number;
  code: string;
  name: string;
  groupName: string;
  company: string | null;
  region: string | null;
  timeZone: string;
  ackedSeq: number;
  lastSyncAt: Date | null;
  clockSkewMs: number | null;
}

const COLUMNS = {
  id: true,
  code: true,
  name: true,
  groupName: true,
  company: true,
  region: true,
  timeZone: true,
  ackedSeq: true,
  lastSyncAt: true,
  clockSkewMs: true,
} as const;

export async function findOffice(db: HqPrisma, code: string): Promise<HqOfficeRow | null> {
  return db.hqOffice.findUnique({ where: { code }, select: COLUMNS });
}

export async function insertOffice(
  db: HqPrisma,
  o: { code: string; name: string; company: string | null; region: string | null; timeZone: string },
): Promise<HqOfficeRow> {
  return db.hqOffice.create({ data: o, select: COLUMNS });
}

/** Offices by code, of one company or all. */
export async function listOfficeRows(db: HqPrisma, company: string | null | undefined): Promise<HqOfficeRow[]> {
  return db.hqOffice.findMany({ where: company ? { company } : {}, orderBy: { code: 'asc' }, select: COLUMNS });
}

/** Every office's code, in registration order. */
export async function officeCodes(db: HqPrisma): Promise<string[]> {
  return (await db.hqOffice.findMany({ select: { code: true }, orderBy: { id: 'asc' } })).map((o) => o.code);
}

/** Offices by code (unknown codes are left out), for the raw-SQL paths that work on many at once. */
export async function officesByCode(sql: Sql, codes: readonly string[]): Promise<{ id: number; code: string }[]> {
  return sql.$queryRawUnsafe<{ id: number; code: string }[]>(
    `SELECT id, code FROM hq_office WHERE code IN (SELECT json_array_elements_text($1::json)) ORDER BY id`,
    JSON.stringify(codes),
  );
}

/** Offices by id, for the same paths. */
export async function officesById(sql: Sql, ids: readonly number[]): Promise<{ id: number; code: string }[]> {
  return sql.$queryRawUnsafe<{ id: number; code: string }[]>(
    `SELECT id, code FROM hq_office WHERE id IN (SELECT json_array_elements_text($1::json)::int) ORDER BY id`,
    JSON.stringify(ids),
  );
}
