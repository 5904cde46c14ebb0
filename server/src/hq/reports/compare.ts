/**
 * Offices side by side over a range of office-local days, from the daily aggregates only
 * (never raw events): one row per office in scope, including offices with no traffic.
 */
import type { CompareQuery, CompareResponse, CompareRow, CompareServiceRow } from '@turnero/contract/hq';
import type { Sql } from '../db';
import { companyScope, type Viewer } from './scope';
import { compareRows, compareServiceRows } from '../store/reports-store';
import { figures, readSums } from './sums';
import { officeSatisfaction } from './satisfaction';
import { selfServiceTotals } from '../store/self-service-store';
import { bookingCompareFields, bookingTotals } from '../store/booking-figures-store';

export async function compareOffices(sql: Sql, viewer: Viewer, q: CompareQuery): Promise<CompareResponse> {
  const company = companyScope(viewer, q.company);
  const filter = { from: q.from, to: q.to, service: q.service ?? null, company, region: q.region ?? null };
  const satisfaction = await officeSatisfaction(sql, filter);
  const selfService = await selfServiceTotals(sql, filter);
  const bookings = await bookingTotals(sql, filter);
  const rows = (await compareRows(sql, filter)).map((r) => {
    const row = toRow(r);
    const rated = satisfaction.get(row.officeCode);
    return {
      ...row,
      satisfactionAverage: rated?.average ?? null,
      satisfactionResponses: rated?.responses ?? 0,
      selfServiceTransactions: selfService.get(row.officeCode) ?? 0,
      ...bookingCompareFields(bookings.get(row.officeCode)),
    };
  });
  if (q.by === 'service') {
    const byOffice = new Map<string, CompareServiceRow[]>();
    for (const r of await compareServiceRows(sql, filter)) {
      const list = byOffice.get(r.office_code as string) ?? [];
      list.push({ service: r.service as string, catalogCode: (r.catalog_code as string | null) ?? null, name: r.name as string, ...compareFigures(r) });
      byOffice.set(r.office_code as string, list);
    }
    for (const row of rows) row.services = byOffice.get(row.officeCode) ?? [];
  }
  return { from: q.from, to: q.to, rows };
}

/** The figures an office row and a service row share. */
function compareFigures(r: Record<string, unknown>) {
  const f = figures(readSums(r));
  return {
    issued: f.issued,
    served: f.served,
    called: f.called,
    waitMedianSeconds: f.waitMedianSeconds,
    waitP90Seconds: f.waitP90Seconds,
    waitAverageSeconds: f.waitAverageSeconds,
    withinTargetShare: f.withinTargetShare,
    noShowRate: f.noShowRate,
    walkoutRate: f.walkoutRate,
    serviceMedianSeconds: f.serviceMedianSeconds,
  };
}

function toRow(r: Record<string, unknown>): Omit<CompareRow, 'satisfactionAverage' | 'satisfactionResponses'> {
  const signedIn = Number(r.signed_in ?? 0);
  const lastSync = r.last_sync_at as Date | string | null;
  return {
    officeCode: r.office_code as string,
    officeName: r.office_name as string,
    company: (r.office_company as string | null) ?? null,
    region: (r.office_region as string | null) ?? null,
    ...compareFigures(r),
    utilisation: signedIn > 0 ? Number(r.serving ?? 0) / signedIn : null,
    lastSyncAt: lastSync === null ? null : new Date(lastSync).toISOString(),
    clockSkewMs: r.clock_skew_ms === null || r.clock_skew_ms === undefined ? null : Number(r.clock_skew_ms),
  };
}

const CSV_COLUMNS: { key: keyof CompareRow; es: string; en: string }[] = [
  { key: 'officeCode', es: 'Código', en: 'Office code' },
  { key: 'officeName', es: 'Oficina', en: 'Office' },
  { key: 'company', es: 'Empresa', en: 'Company' },
  { key: 'region', es: 'Región', en: 'Region' },
  { key: 'issued', es: 'Turnos emitidos', en: 'Issued' },
  { key: 'served', es: 'Atendidos', en: 'Served' },
  { key: 'waitMedianSeconds', es: 'Espera mediana (s)', en: 'Median wait (s)' },
  { key: 'waitP90Seconds', es: 'Espera p90 (s)', en: 'P90 wait (s)' },
  { key: 'withinTargetShare', es: 'Dentro de la meta', en: 'Within target' },
  { key: 'noShowRate', es: 'No se presentó', en: 'No-show rate' },
  { key: 'walkoutRate', es: 'Abandono', en: 'Walkout rate' },
  { key: 'serviceMedianSeconds', es: 'Atención mediana (s)', en: 'Median service (s)' },
  { key: 'utilisation', es: 'Ocupación', en: 'Utilisation' },
  { key: 'lastSyncAt', es: 'Última sincronización', en: 'Last sync' },
  { key: 'clockSkewMs', es: 'Desfase de reloj (ms)', en: 'Clock skew (ms)' },
  { key: 'satisfactionAverage', es: 'Satisfacción promedio', en: 'Average satisfaction' },
  { key: 'satisfactionResponses', es: 'Calificaciones', en: 'Ratings' },
];

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v);
  // Quote anything with separators or quotes; a leading = + - @ is neutralised so a
  // spreadsheet never runs an office name as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const SERVICE_COLUMNS = [
  { es: 'Servicio', en: 'Service' },
  { es: 'Nombre del servicio', en: 'Service name' },
];

/**
 * One line per office; with `by=service`, one line per office and service instead (the
 * office's columns repeated, its service's figures; utilisation stays the office's).
 */
export function compareCsv(res: CompareResponse, lang: 'es' | 'en'): string {
  const byService = res.rows.some((r) => r.services !== undefined);
  const header = [...CSV_COLUMNS.map((c) => c[lang]), ...(byService ? SERVICE_COLUMNS.map((c) => c[lang]) : [])];
  const lines = [header.map(csvCell).join(',')];
  for (const row of res.rows) {
    if (!byService) {
      lines.push(CSV_COLUMNS.map((c) => csvCell(row[c.key])).join(','));
      continue;
    }
    for (const svc of row.services ?? []) {
      const line: Record<string, unknown> = { ...row, ...svc };
      lines.push([...CSV_COLUMNS.map((c) => csvCell(line[c.key])), csvCell(svc.service), csvCell(svc.name)].join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
