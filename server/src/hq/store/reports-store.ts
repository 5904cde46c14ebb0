/**
 * The report queries: plain SQL over the aggregates and per-ticket facts ingest keeps,
 * returning rows as PostgreSQL gives them (column names as selected). The reports turn
 * them into figures.
 */
import { COUNT_COLUMNS } from '../agg-sums';
import { SERVICE_COLUMNS, WAIT_COLUMNS } from '../buckets';
import type { Sql } from '../db';

type ReportRow = Record<string, unknown>;

const COUNTS = COUNT_COLUMNS.map(([column]) => column);

/** `COALESCE(SUM(a.col), 0)::float8 AS col` for every counter and bucket (float8: plain JS numbers). */
function sumSelect(alias = 'a'): string {
  return [...COUNTS, ...WAIT_COLUMNS, ...SERVICE_COLUMNS]
    .map((c) => `COALESCE(SUM(${alias}.${c}), 0)::float8 AS ${c}`)
    .join(', ');
}

/**
 * A service's key in every report: its catalogue code when its office linked it (from the
 * office's facts or head office's published configuration), else its local code, so one
 * catalogue service is one row across offices whatever its letter. Needs SERVICE_JOIN.
 */
const SERVICE_KEY = 'COALESCE(s.catalog_code, a.service_code)';
const SERVICE_JOIN = 'LEFT JOIN hq_service s ON s.office_id = a.office_id AND s.service_code = a.service_code';

const COMPARE_SQL = `
  WITH agg AS (
    SELECT a.office_id, ${sumSelect('a')}
    FROM hq_agg_day a ${SERVICE_JOIN}
    WHERE a.day BETWEEN $1 AND $2 AND ($3::text IS NULL OR ${SERVICE_KEY} = $3)
    GROUP BY a.office_id
  ), agent AS (
    SELECT g.office_id, SUM(g.signed_in_seconds)::float8 AS signed_in, SUM(g.serving_seconds)::float8 AS serving
    FROM hq_agent_hour g
    WHERE g.day BETWEEN $1 AND $2
    GROUP BY g.office_id
  )
  SELECT o.code AS office_code, o.name AS office_name, o.company AS office_company, o.region AS office_region,
         o.last_sync_at, o.clock_skew_ms, agent.signed_in, agent.serving, agg.*
  FROM hq_office o
  LEFT JOIN agg ON agg.office_id = o.id
  LEFT JOIN agent ON agent.office_id = o.id
  WHERE ($4::text IS NULL OR o.company = $4) AND ($5::text IS NULL OR o.region = $5)
  ORDER BY o.code`;

/** One row per office in scope (offices without traffic too): its sums over the days, agent time, last sync. */
export async function compareRows(
  sql: Sql,
  q: { from: string; to: string; service: string | null; company: string | null; region: string | null },
): Promise<ReportRow[]> {
  return sql.$queryRawUnsafe<ReportRow[]>(COMPARE_SQL, q.from, q.to, q.service, q.company, q.region);
}

const COMPARE_SERVICES_SQL = `
  SELECT o.code AS office_code, ${SERVICE_KEY} AS service, MAX(s.catalog_code) AS catalog_code,
         COALESCE(MAX(c.name_es), MAX(s.name), ${SERVICE_KEY}) AS name, ${sumSelect('a')}
  FROM hq_agg_day a ${SERVICE_JOIN}
  JOIN hq_office o ON o.id = a.office_id
  LEFT JOIN hq_catalog_service c ON c.code = s.catalog_code
  WHERE a.day BETWEEN $1 AND $2 AND ($3::text IS NULL OR ${SERVICE_KEY} = $3)
    AND ($4::text IS NULL OR o.company = $4) AND ($5::text IS NULL OR o.region = $5)
  GROUP BY o.code, ${SERVICE_KEY}
  ORDER BY o.code, ${SERVICE_KEY}`;

/** The same sums per office and service (catalogue code, or local code when not linked). */
export async function compareServiceRows(
  sql: Sql,
  q: { from: string; to: string; service: string | null; company: string | null; region: string | null },
): Promise<ReportRow[]> {
  return sql.$queryRawUnsafe<ReportRow[]>(COMPARE_SERVICES_SQL, q.from, q.to, q.service, q.company, q.region);
}

const LIVE_SQL = `
  WITH o AS (
    SELECT id, code, name, company, region, time_zone, last_sync_at, clock_skew_ms,
           $1::timestamp - COALESCE(clock_skew_ms, 0) * interval '1 millisecond' AS office_now
    FROM hq_office
    WHERE ($2::text IS NULL OR company = $2) AND ($3::text IS NULL OR region = $3)
  ), waiting AS (
    SELECT t.office_id, COUNT(*)::int AS waiting, MIN(t.issued_at) AS oldest,
           COUNT(*) FILTER (WHERE o.office_now - t.issued_at > t.target_wait_seconds * interval '1 second')::int AS past_target
    FROM hq_ticket t JOIN o ON o.id = t.office_id
    WHERE t.status = 'waiting' AND t.issued_at > o.office_now - interval '24 hours'
    GROUP BY t.office_id
  ), agents AS (
    SELECT a.office_id, COUNT(*) FILTER (WHERE a.state = 'idle')::int AS open,
           COUNT(*) FILTER (WHERE a.state = 'paused')::int AS paused
    FROM hq_agent a JOIN o ON o.id = a.office_id
    GROUP BY a.office_id
  ), today AS (
    SELECT d.office_id, SUM(d.served)::int AS served
    FROM hq_agg_day d JOIN o ON o.id = d.office_id
    WHERE d.day = to_char((o.office_now AT TIME ZONE 'UTC') AT TIME ZONE o.time_zone, 'YYYY-MM-DD')
    GROUP BY d.office_id
  )
  SELECT o.code, o.name, o.company, o.region, o.last_sync_at, o.clock_skew_ms,
         EXTRACT(EPOCH FROM (o.office_now - waiting.oldest))::float8 AS longest_wait,
         COALESCE(waiting.waiting, 0) AS waiting, COALESCE(waiting.past_target, 0) AS past_target,
         COALESCE(agents.open, 0) AS open, COALESCE(agents.paused, 0) AS paused, COALESCE(today.served, 0) AS served
  FROM o
  LEFT JOIN waiting ON waiting.office_id = o.id
  LEFT JOIN agents ON agents.office_id = o.id
  LEFT JOIN today ON today.office_id = o.id
  ORDER BY o.code`;

/** One row per office in scope: waiting now, longest wait, counters open and paused, served today. */
export async function liveRows(sql: Sql, now: Date, company: string | null, region: string | null): Promise<ReportRow[]> {
  return sql.$queryRawUnsafe<ReportRow[]>(LIVE_SQL, now.toISOString(), company, region);
}

export async function findReportOffice(
  sql: Sql,
  code: string,
): Promise<{ id: number; name: string; company: string | null } | null> {
  const rows = await sql.$queryRawUnsafe<{ id: number; name: string; company: string | null }[]>(
    'SELECT id, name, company FROM hq_office WHERE code = $1',
    code,
  );
  return rows[0] ?? null;
}

const GROUPS = {
  service: { table: 'hq_agg_day', key: SERVICE_KEY },
  day: { table: 'hq_agg_day', key: 'a.day' },
  hour: { table: 'hq_agg_hour', key: 'a.hour::text' },
} as const;

/** An office's sums grouped by service, day or local hour (`key`), over a range of days. */
export async function breakdownRows(
  sql: Sql,
  officeId: number,
  by: keyof typeof GROUPS,
  q: { from: string; to: string; service: string | null },
): Promise<ReportRow[]> {
  const g = GROUPS[by];
  return sql.$queryRawUnsafe<ReportRow[]>(
    `SELECT ${g.key} AS key, ${sumSelect('a')}
     FROM ${g.table} a ${SERVICE_JOIN}
     WHERE a.office_id = $1 AND a.day BETWEEN $2 AND $3 AND ($4::text IS NULL OR ${SERVICE_KEY} = $4)
     GROUP BY 1 ORDER BY 1`,
    officeId,
    q.from,
    q.to,
    q.service,
  );
}

/** An office's service names by report key (the catalogue's Spanish name for a linked service). */
export async function serviceNames(sql: Sql, officeId: number): Promise<Map<string, string>> {
  const rows = await sql.$queryRawUnsafe<{ key: string; name: string }[]>(
    `SELECT COALESCE(s.catalog_code, s.service_code) AS key, COALESCE(c.name_es, s.name) AS name
     FROM hq_service s LEFT JOIN hq_catalog_service c ON c.code = s.catalog_code WHERE s.office_id = $1`,
    officeId,
  );
  return new Map(rows.map((s) => [s.key, s.name]));
}
