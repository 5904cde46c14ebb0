/**
 * The planner's reads of an office's history (issue 15): arrivals per local day, hour and
 * service, and per service what it takes (service time, waits, walkouts, target). Plain
 * SQL over the hour aggregates ingest keeps; services keyed as in every report (catalogue
 * code, else local code).
 */
import type { Sql } from '../db';

const SERVICE_KEY = 'COALESCE(s.catalog_code, a.service_code)';
const SERVICE_JOIN = 'LEFT JOIN hq_service s ON s.office_id = a.office_id AND s.service_code = a.service_code';

export interface ArrivalRow {
  day: string;
  hour: number;
  serviceCode: string;
  arrivals: number;
}

/** Tickets issued per office-local day, hour and service over [from, to]. */
export async function arrivalRows(sql: Sql, officeId: number, from: string, to: string): Promise<ArrivalRow[]> {
  return sql.$queryRawUnsafe<ArrivalRow[]>(
    `SELECT a.day, a.hour, ${SERVICE_KEY} AS "serviceCode", SUM(a.issued)::float8 AS arrivals
     FROM hq_agg_hour a ${SERVICE_JOIN}
     WHERE a.office_id = $1 AND a.day BETWEEN $2 AND $3 AND a.issued > 0
     GROUP BY 1, 2, 3`,
    officeId,
    from,
    to,
  );
}

export interface ServiceHistoryRow {
  serviceCode: string;
  targetWaitMinutes: number | null;
  served: number;
  serviceSeconds: number;
  waited: number;
  waitSeconds: number;
  walkouts: number;
}

/** Per service over [from, to]: served tickets and their service time, calls and their waits, walkouts, target. */
export async function serviceHistoryRows(sql: Sql, officeId: number, from: string, to: string): Promise<ServiceHistoryRow[]> {
  return sql.$queryRawUnsafe<ServiceHistoryRow[]>(
    `SELECT ${SERVICE_KEY} AS "serviceCode", MAX(s.target_wait_minutes)::float8 AS "targetWaitMinutes",
            COALESCE(SUM(a.service_count), 0)::float8 AS served, COALESCE(SUM(a.service_sum), 0)::float8 AS "serviceSeconds",
            COALESCE(SUM(a.wait_count), 0)::float8 AS waited, COALESCE(SUM(a.wait_sum), 0)::float8 AS "waitSeconds",
            COALESCE(SUM(a.walkouts), 0)::float8 AS walkouts
     FROM hq_agg_day a ${SERVICE_JOIN}
     WHERE a.office_id = $1 AND a.day BETWEEN $2 AND $3
     GROUP BY 1`,
    officeId,
    from,
    to,
  );
}

/** The office's time zone (its local hours are the plan's). */
export async function officeTimeZone(sql: Sql, officeId: number): Promise<string> {
  const rows = await sql.$queryRawUnsafe<{ time_zone: string }[]>('SELECT time_zone FROM hq_office WHERE id = $1', officeId);
  return rows[0]?.time_zone ?? 'America/Bogota';
}
