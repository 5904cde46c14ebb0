/**
 * One office broken down by service, by local hour of day, or by day, with the spread of
 * waits (p50, p90 and the histogram itself): the dashboard's drill-down
 * office -> service -> hour.
 */
import { AppError } from '@turnero/domain/errors';
import { addSumsInto } from '../agg-sums';
import { BUCKET_UPPER_BOUNDS } from '../buckets';
import type { BreakdownQuery, BreakdownResponse, BreakdownRow } from '@turnero/contract/hq';
import type { Sql } from '../db';
import { companyScope, type Viewer } from './scope';
import { figures, readSums, sumSelect, type Sums } from './sums';

const GROUPS = {
  service: { table: 'hq_agg_day', key: 'a.service_code' },
  day: { table: 'hq_agg_day', key: 'a.day' },
  hour: { table: 'hq_agg_hour', key: 'a.hour::text' },
} as const;

export async function officeBreakdown(sql: Sql, viewer: Viewer, code: string, q: BreakdownQuery): Promise<BreakdownResponse> {
  const company = companyScope(viewer, undefined);
  const offices = await sql.$queryRawUnsafe<{ id: number; name: string; company: string | null }[]>(
    'SELECT id, name, company FROM hq_office WHERE code = $1',
    code,
  );
  const office = offices[0];
  if (!office || (company !== null && office.company !== company)) throw new AppError('not_found', `No office ${code}`);

  const g = GROUPS[q.by];
  const rows = await sql.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${g.key} AS key, ${sumSelect('a')}
     FROM ${g.table} a
     WHERE a.office_id = $1 AND a.day BETWEEN $2 AND $3 AND ($4::text IS NULL OR a.service_code = $4)
     GROUP BY 1 ORDER BY 1`,
    office.id,
    q.from,
    q.to,
    q.service ?? null,
  );
  const names = new Map<string, string>();
  if (q.by === 'service') {
    const services = await sql.$queryRawUnsafe<{ service_code: string; name: string }[]>(
      'SELECT service_code, name FROM hq_service WHERE office_id = $1',
      office.id,
    );
    for (const s of services) names.set(s.service_code, s.name);
  }
  const label = (key: string) =>
    q.by === 'hour' ? `${key.padStart(2, '0')}:00` : q.by === 'service' ? (names.get(key) ?? key) : key;

  const parsed = rows.map((r) => ({ key: String(r.key), sums: readSums(r) }));
  if (q.by === 'hour') parsed.sort((a, b) => Number(a.key) - Number(b.key));
  const totals = parsed.reduce((acc, r) => addSums(acc, r.sums), readSums({}));
  return {
    officeCode: code,
    officeName: office.name,
    from: q.from,
    to: q.to,
    by: q.by,
    service: q.service ?? null,
    waitBucketsUpperSeconds: [...BUCKET_UPPER_BOUNDS],
    rows: parsed.map((r) => toRow(r.key, label(r.key), r.sums)),
    totals: toRow('total', 'Total', totals),
  };
}

function addSums(a: Sums, b: Sums): Sums {
  const out = { ...a, waitHist: [...a.waitHist], serviceHist: [...a.serviceHist] };
  addSumsInto(out, b);
  return out;
}

function toRow(key: string, label: string, s: Sums): BreakdownRow {
  const f = figures(s);
  return {
    key,
    label,
    issued: f.issued,
    called: f.called,
    served: f.served,
    noShows: f.noShows,
    walkouts: f.walkouts,
    waitMedianSeconds: f.waitMedianSeconds,
    waitP90Seconds: f.waitP90Seconds,
    waitAverageSeconds: f.waitAverageSeconds,
    withinTargetShare: f.withinTargetShare,
    serviceMedianSeconds: f.serviceMedianSeconds,
    serviceP90Seconds: f.serviceP90Seconds,
    waitHistogram: s.waitHist,
  };
}
