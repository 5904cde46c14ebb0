/**
 * A customer rates a finished ticket: once, only after it finished, from its live page
 * (the unguessable ticket id is the proof) or from the survey tablet at the counter that
 * served it (its device token; only that counter's last finished ticket). The comment is
 * scrubbed of personal data before it is stored; the rating row and its outbox fact for
 * head office are written in one transaction.
 */
import type { RatingDto, RatingFact, RatingRequest, RatingSource } from '@turnero/contract/ratings';
import { AppError } from '@turnero/domain/errors';
import { scrubPersonalData } from '@turnero/domain/scrub';
import type { Ticket } from '@turnero/domain/types';
import type { OfficeDeps, Principal } from '../context';
import { findDevice } from '../store/device-store';
import type { Db } from '../store/db';
import { findTicket } from '../store/office-store';
import { findRating, finisherOf, insertRating, lastFinishedAt, type StoredRating } from '../store/rating-store';

/** Who is rating: the live ticket page (null) or a survey tablet (its device id). */
export type Rater = Pick<Principal, 'deviceId'> | null;

export async function rateTicket(deps: OfficeDeps, rater: Rater, ticketId: string, body: RatingRequest): Promise<RatingDto> {
  const source: RatingSource = rater ? 'survey_device' : 'ticket_page';
  const rating = await deps.bus.command('rate-ticket', async ({ tx, viewUnchanged, view, outbox }) => {
    viewUnchanged();
    const ticket = await findTicket(tx, ticketId);
    if (!ticket) throw new AppError('not_found', `Unknown ticket ${ticketId}`);
    if (rater) await mustBeTabletsTicket(tx, rater.deviceId, ticket);
    if (ticket.status !== 'done') throw new AppError('not_finished', 'The ticket can be rated once its service finished');
    if (await findRating(tx, ticketId)) throw new AppError('already_rated', 'This ticket was already rated');
    const comment = body.comment ? scrubPersonalData(body.comment) : null;
    const row: StoredRating = {
      ticketId,
      score: body.score,
      comment,
      serviceId: ticket.serviceId,
      counterId: ticket.counterId,
      agentId: await finisherOf(tx, ticketId),
      source,
      at: deps.clock.now(),
    };
    await insertRating(tx, row);
    const service = (await view()).serviceById.get(ticket.serviceId);
    await outbox([{ occurredAt: row.at, fact: ratingFact(row, ticket, service?.prefix ?? '?', service?.catalogCode ?? null) }]);
    return row;
  });
  // The score and where it came from; never the comment (it is the customer's own words).
  deps.logger.info({ ticketId, score: rating.score, source, commented: rating.comment !== null }, 'ticket rated');
  return { ticketId, score: rating.score, comment: rating.comment, source, at: rating.at.toISOString() };
}

/** A tablet rates only the ticket finished last at its own counter. */
async function mustBeTabletsTicket(db: Db, deviceId: string | null, ticket: Ticket): Promise<void> {
  const device = deviceId ? await findDevice(db, deviceId) : null;
  const counterIds = device?.device.counterIds ?? [];
  if (!ticket.counterId || !counterIds.includes(ticket.counterId)) {
    throw new AppError('forbidden', 'This tablet rates only the tickets of its own counter');
  }
  if (ticket.status !== 'done') return; // answered as not_finished
  const last = await lastFinishedAt(db, counterIds);
  if (last?.id !== ticket.id) throw new AppError('forbidden', 'This tablet rates only the ticket just finished at its counter');
}

function ratingFact(r: StoredRating, ticket: Ticket, serviceCode: string, catalogCode: string | null): RatingFact {
  const wait = ticket.firstCalledAt ? Math.max(0, Math.round((ticket.firstCalledAt.getTime() - ticket.issuedAt.getTime()) / 1000)) : null;
  return {
    kind: 'rating',
    event: 'rated',
    ticketId: r.ticketId,
    day: ticket.day,
    serviceCode,
    ...(catalogCode ? { catalogCode } : {}),
    counterId: r.counterId,
    agentId: r.agentId,
    score: r.score,
    source: r.source,
    waitSeconds: wait,
  };
}
