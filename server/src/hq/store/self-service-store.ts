/**
 * Head office's self-service figures (issue 16): documents printed at the offices' kiosks
 * per office-local day and kind (hq_self_service_day, filled once per fact by ingest), summed
 * over a range for compare: each is a turn an agent did not have to serve.
 */
import type { Sql } from '../db';

const TURNS_AVOIDED_SQL = `
  SELECT o.code AS office_code, SUM(d.count)::int AS total
  FROM hq_self_service_day d JOIN hq_office o ON o.id = d.office_id
  WHERE d.day BETWEEN $1 AND $2 AND ($3::text IS NULL OR o.company = $3) AND ($4::text IS NULL OR o.region = $4)
  GROUP BY o.code`;

/** Self-service documents per office code over office-local days from..to (company and region as compare filters). */
export async function selfServiceTotals(
  sql: Sql,
  q: { from: string; to: string; company: string | null; region: string | null },
): Promise<Map<string, number>> {
  const rows = await sql.$queryRawUnsafe<{ office_code: string; total: number }[]>(TURNS_AVOIDED_SQL, q.from, q.to, q.company, q.region);
  return new Map(rows.map((r) => [r.office_code, Number(r.total)]));
}

/** One office's counts per day and kind (for tests and the drill-down). */
export async function selfServiceDays(sql: Sql, officeCode: string): Promise<{ day: string; kind: string; count: number }[]> {
  return sql.$queryRawUnsafe(
    `SELECT d.day, d.kind, d.count FROM hq_self_service_day d JOIN hq_office o ON o.id = d.office_id
     WHERE o.code = $1 ORDER BY d.day, d.kind`,
    officeCode,
  );
}
