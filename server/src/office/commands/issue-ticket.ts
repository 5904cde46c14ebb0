/**
 * Issue a ticket: number it (gapless per service and office-local day), record the
 * issued event and its outbox fact, remember the idempotency key, all in one
 * transaction; then publish and hand the print job over.
 */
import { randomUUID } from 'node:crypto';
import type { IssueTicketRequest, TicketDto } from '../../contract/dto';
import { AppError } from '../../domain/errors';
import { localDay } from '../../domain/local-day';
import { issueTicket as issue } from '../../domain/ticket-machine';
import type { OfficeDeps, Principal } from '../context';
import { loadQueueView, loadServiceView, ticketDto, viewWith } from '../presenter';
import { ROOMS } from '../realtime/broadcaster';
import {
  appendTicketEvents,
  findIdempotentTicket,
  getTicket,
  insertTicket,
  nextTicketNumber,
  rememberIdempotentTicket,
} from '../store/office-store';
import { appendOutbox } from '../store/outbox-store';
import { saveCustomerData } from '../store/customer-store';
import { ticketFacts } from './facts';

export interface IssueInput extends IssueTicketRequest {
  idempotencyKey?: string;
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

  return deps.bus.command('issue-ticket', async ({ tx, afterCommit }) => {
    if (input.idempotencyKey) {
      const existingId = await findIdempotentTicket(tx, principal.id, input.idempotencyKey);
      if (existingId) {
        const view = await loadQueueView(tx, deps.clock.now());
        return { ticket: ticketDto(view, await getTicket(tx, existingId)), created: false };
      }
    }
    const now = deps.clock.now();
    const view = await loadServiceView(tx, now, input.serviceId);
    const office = view.office;
    if (!office.acceptingTickets) {
      throw new AppError('office_closed', 'La oficina no está recibiendo turnos en este momento');
    }
    const service = view.serviceById.get(input.serviceId);
    if (!service) throw new AppError('not_found', `Unknown service ${input.serviceId}`);
    if (!service.active) throw new AppError('service_inactive', `Service ${service.prefix} is not active`);

    const day = localDay(now, office.timeZone);
    const number = await nextTicketNumber(tx, service.id, day);
    const { ticket, events } = issue(
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
    await insertTicket(tx, ticket);
    await appendTicketEvents(tx, events);
    await appendOutbox(tx, ticketFacts(ticket, events, new Map([[service.id, service]])));
    if (input.customerId) {
      await saveCustomerData(tx, {
        ticketId: ticket.id,
        customerId: input.customerId,
        consentPolicyVersion: input.consentPolicyVersion!,
        at: now,
        retentionDays: deps.config.PERSONAL_DATA_RETENTION_DAYS,
      });
    }
    if (input.idempotencyKey) {
      await rememberIdempotentTicket(tx, principal.id, input.idempotencyKey, ticket.id);
    }
    const dto = ticketDto(viewWith(view, [ticket]), ticket);
    afterCommit(() => {
      deps.metrics.counter('tickets_issued_total', 'Tickets issued', ['service', 'category']).inc({
        service: service.prefix,
        category: ticket.category,
      });
      deps.broadcaster.publish('ticket:issued', { ticket: dto });
      deps.broadcaster.publish('queue:changed', {}, [ROOMS.public]);
      if (wantsPrint && deviceId) deps.printing.print(deviceId, dto, office);
    });
    return { ticket: dto, created: true };
  });
}
