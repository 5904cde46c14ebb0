/**
 * One office broken down by service, by local hour of day, or by day, with the spread of
 * waits (p50, p90 and the histogram itself): the dashboard's drill-down
 * office -> service -> hour.
 */
import { addSumsInto } from '../agg-sums';
import { BUCKET_UPPER_BOUNDS } from '../buckets';
import type { BreakdownQuery, BreakdownResponse, BreakdownRow } from '@turnero/contract/hq';
import type { Sql } from '../db';
import { visibleOffice, type Viewer } from './scope';
import { breakdownRows, serviceNames } from '../store/reports-store';
import { figures, readSums, type Sums } from './sums';

export async function officeBreakdown(sql: Sql, viewer: Viewer, code: string, q: BreakdownQuery): Promise<BreakdownResponse> {
  const office = await visibleOffice(sql, viewer, code);

  const rows = await breakdownRows(sql, office.id, q.by, { from: q.from, to: q.to, service: q.service ?? null });
  const names = q.by === 'service' ? await serviceNames(sql, office.id) : new Map<string, string>();
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
