/**
 * The SQL behind satisfaction at head office: ratings (hq_rating) summed per office,
 * service or agent over office-local days (the ticket's day), beside the tickets served in
 * the same days (the response rate's denominator), and ratings by minute of wait.
 * Services key as in every report: catalogue code when linked, else the local code.
 */
import type { Sql } from '../db';

export interface SatisfactionFilter {
  from: string;
  to: string;
  company: string | null;
  region?: string | null;
  /** A catalogue code or a local service code (compare's `service`). */
  service?: string | null;
}

export interface ScoreSums {
  office_code: string;
  key: string;
  label: string;
  responses: number;
  score_sum: number;
  high: number;
  served: number;
}

const SERVICE_KEY = (alias: string) => `COALESCE(s.catalog_code, ${alias}.service_code)`;
const SERVICE_JOIN = (alias: string) => `LEFT JOIN hq_service s ON s.office_id = ${alias}.office_id AND s.service_code = ${alias}.service_code`;
const OFFICE_SCOPE = `($3::text IS NULL OR o.company = $3) AND ($4::text IS NULL OR o.region = $4)`;
const SERVICE_FILTER = (alias: string) => `($5::text IS NULL OR ${SERVICE_KEY(alias)} = $5)`;

const RATED = (groupBy: string, select: string) => `
  SELECT o.code AS office_code, ${select},
         COUNT(*)::int AS responses, SUM(r.score)::float8 AS score_sum, COUNT(*) FILTER (WHERE r.score >= 4)::int AS high
  FROM hq_rating r JOIN hq_office o ON o.id = r.office_id ${SERVICE_JOIN('r')}
  WHERE r.day BETWEEN $1 AND $2 AND ${OFFICE_SCOPE} AND ${SERVICE_FILTER('r')}
  GROUP BY o.code, ${groupBy}`;

const SERVED_BY = {
  office: `
    SELECT o.code AS office_code, o.code AS key, MAX(o.name) AS label, COALESCE(SUM(a.served), 0)::int AS served
    FROM hq_office o LEFT JOIN hq_agg_day a ON a.office_id = o.id AND a.day BETWEEN $1 AND $2 ${SERVICE_JOIN('a')}
    WHERE ${OFFICE_SCOPE} AND (a.office_id IS NULL OR ${SERVICE_FILTER('a')})
    GROUP BY o.code`,
  service: `
    SELECT o.code AS office_code, ${SERVICE_KEY('a')} AS key, COALESCE(MAX(c.name_es), MAX(s.name), ${SERVICE_KEY('a')}) AS label,
           SUM(a.served)::int AS served
    FROM hq_agg_day a JOIN hq_office o ON o.id = a.office_id ${SERVICE_JOIN('a')}
    LEFT JOIN hq_catalog_service c ON c.code = s.catalog_code
    WHERE a.day BETWEEN $1 AND $2 AND ${OFFICE_SCOPE} AND ${SERVICE_FILTER('a')}
    GROUP BY o.code, ${SERVICE_KEY('a')}`,
  agent: `
    SELECT o.code AS office_code, t.agent_id AS key, t.agent_id AS label, COUNT(*)::int AS served
    FROM hq_ticket t JOIN hq_office o ON o.id = t.office_id ${SERVICE_JOIN('t')}
    WHERE t.status = 'done' AND t.agent_id IS NOT NULL AND t.day BETWEEN $1 AND $2 AND ${OFFICE_SCOPE} AND ${SERVICE_FILTER('t')}
    GROUP BY o.code, t.agent_id`,
} as const;

const RATED_BY = {
  office: RATED('o.code', 'o.code AS key'),
  service: RATED(SERVICE_KEY('r'), `${SERVICE_KEY('r')} AS key`),
  agent: RATED('r.agent_id', "COALESCE(r.agent_id, '') AS key"),
} as const;

export type SatisfactionGrouping = keyof typeof SERVED_BY;

/** Ratings and served tickets per office, service or agent (a row for every group that has either). */
export async function scoreSums(sql: Sql, by: SatisfactionGrouping, f: SatisfactionFilter): Promise<ScoreSums[]> {
  const args = [f.from, f.to, f.company, f.region ?? null, f.service ?? null];
  const query = `
    WITH rated AS (${RATED_BY[by]}), served AS (${SERVED_BY[by]})
    SELECT COALESCE(served.office_code, rated.office_code) AS office_code, COALESCE(served.key, rated.key) AS key,
           COALESCE(served.label, rated.key) AS label, COALESCE(rated.responses, 0) AS responses,
           COALESCE(rated.score_sum, 0) AS score_sum, COALESCE(rated.high, 0) AS high, COALESCE(served.served, 0) AS served
    FROM served FULL JOIN rated ON rated.office_code = served.office_code AND rated.key = served.key
    ORDER BY 1, 2`;
  const rows = await sql.$queryRawUnsafe<Record<string, unknown>[]>(query, ...args);
  return rows.map((r) => ({
    office_code: r.office_code as string,
    key: r.key as string,
    label: r.label as string,
    responses: Number(r.responses),
    score_sum: Number(r.score_sum),
    high: Number(r.high),
    served: Number(r.served),
  }));
}

/** Ratings by whole minutes of the ticket's wait (ratings without a known wait left out). */
export async function scoresByWaitMinute(sql: Sql, f: SatisfactionFilter): Promise<{ minute: number; responses: number; scoreSum: number }[]> {
  const rows = await sql.$queryRawUnsafe<{ minute: number; responses: number; score_sum: number }[]>(
    `SELECT (r.wait_seconds / 60)::int AS minute, COUNT(*)::int AS responses, SUM(r.score)::float8 AS score_sum
     FROM hq_rating r JOIN hq_office o ON o.id = r.office_id ${SERVICE_JOIN('r')}
     WHERE r.wait_seconds IS NOT NULL AND r.day BETWEEN $1 AND $2 AND ${OFFICE_SCOPE} AND ${SERVICE_FILTER('r')}
     GROUP BY 1 ORDER BY 1`,
    f.from,
    f.to,
    f.company,
    f.region ?? null,
    f.service ?? null,
  );
  return rows.map((r) => ({ minute: Number(r.minute), responses: Number(r.responses), scoreSum: Number(r.score_sum) }));
}
