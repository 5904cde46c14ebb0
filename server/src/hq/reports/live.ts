/**
 * Every office right now, from the per-ticket facts and agent states ingest keeps:
 * waiting now, longest wait, counters open, last sync and alerts. Waits are measured on
 * the office's clock: head office time minus the office's last measured skew.
 */
import type { LiveAlert, LiveOffice, LiveQuery, LiveResponse } from '@turnero/contract/hq';
import type { Sql } from '../db';
import { SKEW_FLAG_MS } from '../ingest/ingest';
import { companyScope, type Viewer } from './scope';

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

export async function liveOffices(sql: Sql, viewer: Viewer, q: LiveQuery, now: Date): Promise<LiveResponse> {
  const company = companyScope(viewer, q.company);
  const rows = await sql.$queryRawUnsafe<Record<string, unknown>[]>(LIVE_SQL, now.toISOString(), company, q.region ?? null);
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
