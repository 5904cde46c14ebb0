/**
 * How customers felt, at head office: per office, service or agent the average score, the
 * share of 4 and 5 and the response rate (ratings / tickets served, both counted on the
 * ticket's office-local day), and how the average falls as waits grow (buckets of wait).
 * Compare's office rows take their satisfaction figures from here too.
 */
import {
  SATISFACTION_WAIT_BUCKETS_MINUTES,
  type SatisfactionQuery,
  type SatisfactionReport,
  type SatisfactionRow,
} from '@turnero/contract/ratings';
import type { Sql } from '../db';
import { companyScope, type Viewer } from './scope';
import { scoreSums, scoresByWaitMinute, type SatisfactionFilter, type ScoreSums } from '../store/satisfaction-store';

export async function satisfactionReport(sql: Sql, viewer: Viewer, q: SatisfactionQuery): Promise<SatisfactionReport> {
  const filter: SatisfactionFilter = { from: q.from, to: q.to, company: companyScope(viewer, q.company) };
  const sums = await scoreSums(sql, q.by, filter);
  const rows = sums.map((s) => toRow(s, q.by === 'office' ? null : s.office_code));
  const byWait = waitBuckets(await scoresByWaitMinute(sql, filter));
  return { from: q.from, to: q.to, by: q.by, rows, byWait };
}

/** responses and average per office code, for compare's rows (same filter as compare's). */
export async function officeSatisfaction(sql: Sql, filter: SatisfactionFilter): Promise<Map<string, { responses: number; average: number | null }>> {
  const out = new Map<string, { responses: number; average: number | null }>();
  for (const s of await scoreSums(sql, 'office', filter)) {
    out.set(s.office_code, { responses: s.responses, average: s.responses ? s.score_sum / s.responses : null });
  }
  return out;
}

function toRow(s: ScoreSums, officeCode: string | null): SatisfactionRow {
  return {
    key: s.key,
    label: s.label,
    officeCode,
    responses: s.responses,
    average: s.responses ? s.score_sum / s.responses : null,
    highShare: s.responses ? s.high / s.responses : null,
    served: s.served,
    responseRate: s.served ? s.responses / s.served : null,
  };
}

/** Whole minutes of wait folded into the contract's buckets: [previous bound, bound), the last open. */
function waitBuckets(byMinute: readonly { minute: number; responses: number; scoreSum: number }[]): SatisfactionReport['byWait'] {
  const bounds: (number | null)[] = [...SATISFACTION_WAIT_BUCKETS_MINUTES, null];
  const buckets = bounds.map((upToMinutes) => ({ upToMinutes, responses: 0, scoreSum: 0 }));
  for (const m of byMinute) {
    // A wait of 4 min 59 s is minute 4: within "up to 5".
    const i = bounds.findIndex((b) => b === null || m.minute < b);
    buckets[i].responses += m.responses;
    buckets[i].scoreSum += m.scoreSum;
  }
  return buckets.map((b) => ({ upToMinutes: b.upToMinutes, responses: b.responses, average: b.responses ? b.scoreSum / b.responses : null }));
}
