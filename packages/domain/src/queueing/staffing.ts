/**
 * One hour of an office's plan: how many counters meet every service's target wait for the
 * chosen share of its customers, and what waits a given number of counters would give.
 * The hour is taken as a steady M/M/N+M queue (Erlang A, erlang.ts) that pools the
 * services' arrivals, because an office's counters serve every service from one queue
 * in turn; the hours are planned independently (the queue left at the end of an hour is
 * not carried into the next).
 */
import { erlangA, erlangCServiceLevel, type WaitDistribution } from './erlang';

/** Waits are reported up to this many minutes: beyond it the hour's plan has simply failed. */
export const WAIT_HORIZON_MINUTES = 240;

export interface HourDemand {
  /** Expected arrivals in the hour, per service, with its mean service time and target wait. */
  services: { arrivals: number; meanServiceMinutes: number; targetWaitMinutes: number }[];
  /** Mean patience before giving up (minutes); Infinity: nobody leaves. */
  meanPatienceMinutes: number;
}

export interface HourOutlook {
  counters: number;
  waitP50Minutes: number;
  waitP90Minutes: number;
  /** Share of the hour's customers offered a wait within their own service's target. */
  withinTargetShare: number;
}

function pooled(demand: HourDemand): { arrivalsPerMinute: number; meanServiceMinutes: number } {
  const arrivals = demand.services.reduce((a, s) => a + Math.max(0, s.arrivals), 0);
  if (arrivals <= 0) return { arrivalsPerMinute: 0, meanServiceMinutes: 1 };
  const work = demand.services.reduce((a, s) => a + Math.max(0, s.arrivals) * s.meanServiceMinutes, 0);
  return { arrivalsPerMinute: arrivals / 60, meanServiceMinutes: work / arrivals };
}

function distribution(demand: HourDemand, counters: number): WaitDistribution {
  const { arrivalsPerMinute, meanServiceMinutes } = pooled(demand);
  return erlangA({
    servers: counters,
    arrivalRate: arrivalsPerMinute,
    meanServiceTime: meanServiceMinutes,
    meanPatience: demand.meanPatienceMinutes,
  });
}

/** Per service with arrivals: the share offered a wait within its target. */
function sharesWithinTarget(demand: HourDemand, d: WaitDistribution): { arrivals: number; share: number }[] {
  return demand.services
    .filter((s) => s.arrivals > 0)
    .map((s) => ({ arrivals: s.arrivals, share: 1 - d.survival(s.targetWaitMinutes) }));
}

/** The waits and share within target this many counters would give. */
export function hourOutlook(demand: HourDemand, counters: number): HourOutlook {
  const d = distribution(demand, counters);
  const shares = sharesWithinTarget(demand, d);
  const arrivals = shares.reduce((a, s) => a + s.arrivals, 0);
  return {
    counters,
    waitP50Minutes: d.quantile(0.5, WAIT_HORIZON_MINUTES),
    waitP90Minutes: d.quantile(0.9, WAIT_HORIZON_MINUTES),
    withinTargetShare: arrivals > 0 ? shares.reduce((a, s) => a + s.arrivals * s.share, 0) / arrivals : 1,
  };
}

/**
 * The fewest counters with which every service's share within its target is at least
 * `targetShare` (0 when nobody is expected). The share only grows with counters, and
 * people giving up only shortens the line, so Erlang C's answer (closed form) is an upper
 * bound: the search walks down from it with Erlang A while the targets still hold.
 */
export function countersNeeded(demand: HourDemand, targetShare: number): number {
  const { arrivalsPerMinute, meanServiceMinutes } = pooled(demand);
  if (arrivalsPerMinute <= 0) return 0;
  const load = arrivalsPerMinute * meanServiceMinutes;
  const targets = demand.services.filter((s) => s.arrivals > 0).map((s) => s.targetWaitMinutes);
  const meets = (n: number) => sharesWithinTarget(demand, distribution(demand, n)).every((s) => s.share >= targetShare);
  let n = Math.max(1, Math.floor(load) + 1);
  while (targets.some((t) => erlangCServiceLevel({ servers: n, load, meanServiceTime: meanServiceMinutes }, t) < targetShare)) n++;
  while (n > 1 && meets(n - 1)) n--;
  // Erlang C bounds Erlang A from above; this only guards rounding at the edge.
  while (!meets(n)) n++;
  return n;
}
