/**
 * The ratings staff see: an agent their own (average, how many, the share of 4 and 5, the
 * latest comments, already scrubbed), a supervisor or admin the whole office's.
 */
import type { RatingSummary, RatingSummaryQuery } from '@turnero/contract/ratings';
import { AppError } from '@turnero/domain/errors';
import { addDays, startOfLocalDay } from '@turnero/domain/local-day';
import { isStaffManager, type OfficeDeps, type Principal } from '../context';
import { recentComments, scoreCounts, type RatingFilter } from '../store/rating-store';

const RECENT_COMMENTS = 10;

export async function ratingSummary(deps: OfficeDeps, principal: Principal, q: RatingSummaryQuery): Promise<RatingSummary> {
  if (q.scope === 'office' && !isStaffManager(principal)) {
    throw new AppError('forbidden', "Only supervisors and admins see the office's ratings");
  }
  return deps.bus.read(async (db, liveView) => {
    const view = await liveView();
    const tz = view.office.timeZone;
    const filter: RatingFilter = {
      ...(q.scope === 'mine' ? { agentId: principal.id } : {}),
      ...(q.from ? { since: startOfLocalDay(q.from, tz) } : {}),
      ...(q.to ? { until: startOfLocalDay(addDays(q.to, 1), tz) } : {}),
    };
    const scores = await scoreCounts(db, filter);
    const count = scores.reduce((a, b) => a + b, 0);
    const sum = scores.reduce((a, n, i) => a + n * (i + 1), 0);
    const recent = await recentComments(db, filter, RECENT_COMMENTS);
    return {
      scope: q.scope,
      count,
      average: count ? sum / count : null,
      highShare: count ? (scores[3] + scores[4]) / count : null,
      scores,
      recent: recent.map((r) => ({
        score: r.score,
        comment: r.comment ?? '',
        at: r.at.toISOString(),
        serviceName: view.serviceById.get(r.serviceId)?.nameEs ?? '',
      })),
    };
  });
}
