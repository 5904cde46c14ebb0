/**
 * Issue a ticket: number it (gapless per service and office-local day), record the
 * issued event and its outbox fact, remember the idempotency key, all in one
 * transaction (a record of the command bus); then publish and hand the print job over.
 */
import { randomUUID } from 'node:crypto';
import type { SqlQuery } from '@prisma/driver-adapter-utils';
import type { IssueTicketRequest, TicketDto } from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import { localDay } from '@turnero/domain/local-day';
import { issueTicket as issue } from '@turnero/domain/ticket-machine';
import type { Ticket, TicketOrigin } from '@turnero/domain/types';
import type { RecordContext } from '../command-bus';
import type { OfficeDeps, Principal } from '../context';
import { assertOpenAt } from '../opening-hours';
import { ticketDto } from '../presenter';
import { viewWith, type QueueView } from '../queue-view';
import { currentConsentVersion, customerDataSql } from '../store/customer-store';
import { findIdempotentTicket, getTicket } from '../store/office-store';
import type { OutboxEntry } from '../store/outbox-store';
import { insertIdempotencyKeySql, insertTicketEventsSql, insertTicketSql } from '../store/ticket-writes';
import { ticketFacts } from './facts';

interface IssueInput extends IssueTicketRequest {
  idempotencyKey?: string;
  /** A booking checked in or a remote join (absent: a walk-in). */
  from?: IssueFrom;
}

/** Where a ticket that is not a walk-in comes from, and what the issue must check and write with it. */
export interface IssueFrom {
  origin: Exclude<TicketOrigin, 'walk_in'>;
  slotAt?: Date | null;
  present?: boolean;
  bookingId?: string | null;
  /** Runs in the record before numbering (after the idempotency check): throws to refuse. */
  check?: (ctx: RecordContext, now: Date) => Promise<void>;
  /** Row writes committed in the same transaction as the ticket (its origin columns, the booking's check-in). */
  writes: (ticket: Ticket, now: Date) => SqlQuery[];
  /** Outbox facts committed with the ticket (a booking's check-in for head office's figures). */
  facts?: (ticket: Ticket, now: Date, view: QueueView) => OutboxEntry[];
}

export async function issueTicket(
  deps: OfficeDeps,
  principal: Principal,
  input: IssueInput,
): Promise<{ ticket: TicketDto; created: boolean }> {
  if (input.customerId && !input.consentPolicyVersion) {
    throw new AppError(
      'validation_failed',
      'A customer ID number needs the consent policy version the customer accepted',
    );
  }
  const deviceId = principal.role === 'kiosk' ? principal.deviceId : null;
  const wantsPrint = deviceId !== null && input.print !== false && deps.printing.canPrint(deviceId);

  return deps.bus.record('issue-ticket', async (ctx) => {
    const { db, afterCommit, view: liveView, keepView, viewUnchanged, outbox, write } = ctx;
    if (input.idempotencyKey) {
      const existingId = await findIdempotentTicket(db, principal.id, input.idempotencyKey);
      if (existingId) {
        viewUnchanged();
        return { ticket: ticketDto(await liveView(), await getTicket(db, existingId)), created: false };
      }
    }
    if (input.customerId) {
      // Consent counts only for the text the office shows now: an old or made-up version stores nothing.
      const shown = await currentConsentVersion(db);
      if (input.consentPolicyVersion !== shown) {
        throw new AppError('consent_version_mismatch', `The consent policy shown now is version ${shown}`);
      }
    }
    const now = deps.clock.now();
    if (input.from?.check) await input.from.check(ctx, now);
    const view = await liveView();
    const office = view.office;
    if (!office.acceptingTickets) {
      throw new AppError('office_closed', 'La oficina no está recibiendo turnos en este momento');
    }
    assertOpenAt(office, now);
    const service = view.serviceById.get(input.serviceId);
    if (!service) throw new AppError('not_found', `Unknown service ${input.serviceId}`);
    if (!service.active) throw new AppError('service_inactive', `Service ${service.prefix} is not active`);

    const day = localDay(now, office.timeZone);
    const number = await ctx.nextTicketNumber(service.id, day);
    const issued = issue(
      {
        id: randomUUID(),
        serviceId: service.id,
        prefix: service.prefix,
        category: input.category ?? 'general',
        day,
        number,
        issuedByDeviceId: deviceId,
        printState: wantsPrint ? 'pending' : 'not_requested',
      },
      { actorId: principal.id, at: now },
    );
    const { events } = issued;
    const from = input.from;
    // Every field set, as the file reads it back (the live state must equal the file).
    const ticket: Ticket = {
      ...issued.ticket,
      origin: from?.origin ?? 'walk_in',
      slotAt: from?.slotAt ?? null,
      present: from?.present ?? true,
      bookingId: from?.bookingId ?? null,
    };
    write(insertTicketSql(ticket));
    for (const q of from?.writes(ticket, now) ?? []) write(q);
    write(insertTicketEventsSql(events));
    await outbox(ticketFacts(ticket, events, view.serviceById));
    if (from?.facts) await outbox(from.facts(ticket, now, view));
    if (input.customerId) {
      write(customerDataSql({
        ticketId: ticket.id,
        customerId: input.customerId,
        consentPolicyVersion: input.consentPolicyVersion!,
        at: now,
        retentionDays: deps.config.PERSONAL_DATA_RETENTION_DAYS,
      }));
    }
    if (input.idempotencyKey) write(insertIdempotencyKeySql(principal.id, input.idempotencyKey, ticket.id, now));
    const after = viewWith(view, [ticket]);
    keepView(after);
    const dto = ticketDto(after, ticket);
    afterCommit(() => {
      deps.metrics.counter('tickets_issued_total', 'Tickets issued', ['service', 'category']).inc({
        service: service.prefix,
        category: ticket.category,
      });
      deps.broadcaster.publish('ticket:issued', { ticket: dto });
      deps.broadcaster.publish('queue:changed', {});
      if (wantsPrint && deviceId) deps.printing.print(deviceId, dto, office);
    });
    return { ticket: dto, created: true };
  });
}
