/**
 * Ratings at the office (the Rating table): one row per ticket, with the ticket's service,
 * counter and agent, never a person; the comment is stored already scrubbed.
 */
import type { RatingSource } from '@turnero/contract/ratings';
import type { Db } from './db';

export interface StoredRating {
  ticketId: string;
  score: number;
  comment: string | null;
  serviceId: string;
  counterId: string | null;
  agentId: string | null;
  source: RatingSource;
  at: Date;
}

const toRating = (r: StoredRating): StoredRating => ({ ...r, source: r.source as RatingSource });

export async function findRating(db: Db, ticketId: string): Promise<StoredRating | null> {
  const row = await db.rating.findUnique({ where: { ticketId } });
  return row ? toRating(row as StoredRating) : null;
}

export async function insertRating(db: Db, r: StoredRating): Promise<void> {
  await db.rating.create({ data: r });
}

/** Who finished the ticket: the actor of its last `finished` event (null when unknown). */
export async function finisherOf(db: Db, ticketId: string): Promise<string | null> {
  const e = await db.ticketEvent.findFirst({
    where: { ticketId, type: 'finished' },
    orderBy: { id: 'desc' },
    select: { actorId: true },
  });
  return e?.actorId ?? null;
}

/** The ticket finished last at one of these counters (what a survey tablet may rate). */
export async function lastFinishedAt(db: Db, counterIds: readonly string[]) {
  if (counterIds.length === 0) return null;
  return db.ticket.findFirst({
    where: { status: 'done', counterId: { in: [...counterIds] }, finishedAt: { not: null } },
    orderBy: { finishedAt: 'desc' },
    select: { id: true, code: true, serviceId: true, counterId: true, finishedAt: true },
  });
}

export interface RatingFilter {
  agentId?: string;
  since?: Date;
  until?: Date;
}

const whereOf = (f: RatingFilter) => ({
  ...(f.agentId ? { agentId: f.agentId } : {}),
  ...(f.since || f.until ? { at: { ...(f.since ? { gte: f.since } : {}), ...(f.until ? { lt: f.until } : {}) } } : {}),
});

/** How many ratings of each score 1..5 match. */
export async function scoreCounts(db: Db, f: RatingFilter): Promise<number[]> {
  const groups = await db.rating.groupBy({ by: ['score'], where: whereOf(f), _count: { _all: true } });
  const counts = [0, 0, 0, 0, 0];
  for (const g of groups) if (g.score >= 1 && g.score <= 5) counts[g.score - 1] = g._count._all;
  return counts;
}

/** The newest ratings that carry a comment. */
export async function recentComments(db: Db, f: RatingFilter, limit: number) {
  return db.rating.findMany({
    where: { ...whereOf(f), comment: { not: null } },
    orderBy: { at: 'desc' },
    take: limit,
    select: { score: true, comment: true, at: true, serviceId: true },
  });
}
