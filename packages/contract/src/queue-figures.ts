/**
 * The queue figures of a snapshot, per service: how many wait and how long the oldest of
 * them has waited. One pure function, so the server's snapshot and the web client's
 * reducer (which keeps them current between snapshots as facts arrive) always agree.
 */
import type { ServiceQueueDto, TicketDto } from './dto';

export function serviceQueues(
  serviceIds: readonly string[],
  waiting: readonly Pick<TicketDto, 'serviceId' | 'issuedAt'>[],
  now: Date,
): ServiceQueueDto[] {
  const byService = new Map(serviceIds.map((id) => [id, { waiting: 0, oldest: Infinity }]));
  for (const t of waiting) {
    const queue = byService.get(t.serviceId);
    if (!queue) continue;
    queue.waiting += 1;
    queue.oldest = Math.min(queue.oldest, Date.parse(t.issuedAt));
  }
  return [...byService].map(([serviceId, q]) => ({
    serviceId,
    waiting: q.waiting,
    longestWaitSeconds: q.waiting === 0 ? 0 : Math.max(0, Math.round((now.getTime() - q.oldest) / 1000)),
  }));
}
