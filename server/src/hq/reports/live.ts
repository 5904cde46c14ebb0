/**
 * Every office right now, from the per-ticket facts and agent states ingest keeps:
 * waiting now, longest wait, counters open, last sync and alerts. Waits are measured on
 * the office's clock: head office time minus the office's last measured skew.
 */
import type { LiveAlert, LiveOffice, LiveQuery, LiveResponse } from '@turnero/contract/hq';
import type { Sql } from '../db';
import { SKEW_FLAG_MS } from '../ingest/ingest';
import { liveRows } from '../store/reports-store';
import { companyScope, type Viewer } from './scope';

export async function liveOffices(sql: Sql, viewer: Viewer, q: LiveQuery, now: Date): Promise<LiveResponse> {
  const company = companyScope(viewer, q.company);
  const rows = await liveRows(sql, now, company, q.region ?? null);
  const staleBefore = now.getTime() - q.staleMinutes * 60_000;
  const offices = rows.map((r): LiveOffice => {
    const lastSync = r.last_sync_at ? new Date(r.last_sync_at as string | Date) : null;
    const skew = r.clock_skew_ms === null ? null : Number(r.clock_skew_ms);
    const pastTarget = Number(r.past_target);
    const alerts: LiveAlert[] = [];
    if (pastTarget > 0) alerts.push('past_target');
    if (lastSync === null) alerts.push('never_synced');
    else if (lastSync.getTime() < staleBefore) alerts.push('not_heard_from');
    if (skew !== null && Math.abs(skew) > SKEW_FLAG_MS) alerts.push('clock_skew');
    return {
      officeCode: r.code as string,
      officeName: r.name as string,
      company: (r.company as string | null) ?? null,
      region: (r.region as string | null) ?? null,
      waitingNow: Number(r.waiting),
      longestWaitSeconds: r.longest_wait === null ? null : Math.max(0, Math.round(Number(r.longest_wait))),
      pastTargetNow: pastTarget,
      countersOpen: Number(r.open),
      countersPaused: Number(r.paused),
      servedToday: Number(r.served),
      lastSyncAt: lastSync ? lastSync.toISOString() : null,
      clockSkewMs: skew,
      alerts,
    };
  });
  return { serverTime: now.toISOString(), staleMinutes: q.staleMinutes, offices };
}
