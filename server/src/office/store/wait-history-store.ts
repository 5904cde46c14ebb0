/**
 * What the wait prediction learns from, read from the office's own logs: the ticket events
 * that start and end calls, and the agents' sign-ins, pauses and sign-outs, since a moment.
 */
import type { Db } from './db';

/** Events that end a call at a counter (the next call there starts a new one). */
export const ENDS_A_CALL = ['finished', 'no_show', 'transferred', 'cancelled'] as const;

export function callEventsBetween(db: Db, since: Date, until: Date) {
  return db.ticketEvent.findMany({
    where: { at: { gte: since, lte: until }, type: { in: ['issued', 'called', ...ENDS_A_CALL] } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { ticketId: true, type: true, at: true, counterId: true, serviceId: true, category: true, data: true },
  });
}

export function agentEventsBetween(db: Db, since: Date, until: Date) {
  return db.agentEvent.findMany({
    where: { at: { gte: since, lte: until } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { counterId: true, type: true, at: true },
  });
}
