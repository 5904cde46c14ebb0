import { z } from 'zod';
import {
  CallResultDto,
  CallSpecificRequest,
  ErrorBody,
  FinishRequest,
  IssueTicketRequest,
  TicketDto,
  TicketIdParam,
  TransferRequest,
} from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import { kioskTicketLimiter } from '../../platform/client-limits';
import { route, type RouteDef } from '../../platform/routes';
import { issueTicket } from '../commands/issue-ticket';
import { reprintTicket } from '../commands/printing';
import { actOnTicket, callSpecific } from '../commands/ticket-actions';
import type { OfficeDeps, Principal } from '../context';
import { getTicketDto, publicTicket } from '../queries';
import { EVERYONE, ISSUERS, MANAGERS, STAFF } from './roles';

const IdempotencyKey = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/);
const err = (description: string) => ({ description, schema: ErrorBody });

export function ticketRoutes(deps: OfficeDeps): RouteDef<Principal>[] {
  const limitKioskTickets = kioskTicketLimiter(deps.config, deps.logger);
  const simple = (
    path: string,
    action: 'recall' | 'start' | 'no_show' | 'cancel',
    summary: string,
  ) =>
    route<Principal, typeof TicketIdParam>({
      method: 'post',
      path: `/tickets/:ticketId/${path}`,
      summary,
      tags: ['tickets'],
      roles: STAFF,
      params: TicketIdParam,
      responses: { 200: { description: 'The ticket', schema: TicketDto }, 404: err('Unknown ticket'), 409: err('Illegal transition') },
      handler: async ({ params, principal }) => ({ body: await actOnTicket(deps, principal, params.ticketId, action) }),
    });

  return [
    route<Principal, undefined, typeof IssueTicketRequest>({
      method: 'post',
      path: '/tickets',
      summary: 'Issue a ticket (a retried request with the same Idempotency-Key returns the same ticket)',
      tags: ['tickets'],
      roles: ISSUERS,
      body: IssueTicketRequest,
      responses: {
        201: { description: 'Issued', schema: TicketDto },
        200: { description: 'Already issued for this Idempotency-Key', schema: TicketDto },
        404: err('Unknown service'),
        409: err('Office closed or service inactive'),
        429: err('This kiosk issued its burst of tickets: one more every KIOSK_TICKET_SECONDS'),
      },
      handler: async ({ body, principal, req }) => {
        limitKioskTickets(principal);
        const header = req.get('Idempotency-Key');
        let idempotencyKey: string | undefined;
        if (header !== undefined) {
          const parsed = IdempotencyKey.safeParse(header);
          if (!parsed.success) throw new AppError('validation_failed', 'Invalid Idempotency-Key header');
          idempotencyKey = parsed.data;
        }
        const { ticket, created } = await issueTicket(deps, principal, { ...body, idempotencyKey });
        return { status: created ? 201 : 200, body: ticket, headers: { Location: `/api/v1/tickets/${ticket.id}` } };
      },
    }),
    route<Principal, typeof TicketIdParam>({
      method: 'get',
      path: '/tickets/:ticketId',
      summary: 'One ticket with its position and estimated wait',
      tags: ['tickets'],
      roles: EVERYONE,
      params: TicketIdParam,
      responses: { 200: { description: 'The ticket', schema: TicketDto }, 404: err('Unknown ticket') },
      handler: async ({ params }) => ({ body: await getTicketDto(deps, params.ticketId) }),
    }),
    route<Principal, typeof TicketIdParam>({
      method: 'get',
      path: '/public/tickets/:ticketId',
      summary: 'Live status of one ticket for the customer\'s phone (the id is unguessable)',
      tags: ['public'],
      roles: 'public',
      params: TicketIdParam,
      responses: {
        200: {
          description: 'Ticket status',
          schema: z.object({ ticket: TicketDto, officeName: z.string(), counterName: z.string().nullable(), serviceName: z.string() }),
        },
        404: err('Unknown ticket'),
      },
      handler: async ({ params }) => ({ body: await publicTicket(deps, params.ticketId) }),
    }),
    route<Principal, typeof TicketIdParam, typeof CallSpecificRequest>({
      method: 'post',
      path: '/tickets/:ticketId/call',
      summary: 'Call a chosen waiting ticket out of order',
      tags: ['tickets'],
      roles: STAFF,
      params: TicketIdParam,
      body: CallSpecificRequest,
      responses: { 200: { description: 'Called', schema: CallResultDto }, 404: err('Unknown ticket or counter'), 409: err('Illegal transition') },
      handler: async ({ params, body, principal }) => ({
        body: await callSpecific(deps, principal, params.ticketId, body.counterId),
      }),
    }),
    simple('recall', 'recall', 'Call the ticket again (counted)'),
    simple('start', 'start', 'The customer reached the counter: service starts'),
    simple('no-show', 'no_show', 'The customer did not come'),
    simple('cancel', 'cancel', 'Cancel a waiting or called ticket'),
    route<Principal, typeof TicketIdParam, typeof FinishRequest>({
      method: 'post',
      path: '/tickets/:ticketId/finish',
      summary: 'Service finished, with an optional outcome',
      tags: ['tickets'],
      roles: STAFF,
      params: TicketIdParam,
      body: FinishRequest,
      responses: { 200: { description: 'The ticket', schema: TicketDto }, 404: err('Unknown ticket'), 409: err('Illegal transition') },
      handler: async ({ params, body, principal }) => ({
        body: await actOnTicket(deps, principal, params.ticketId, 'finish', { outcome: body?.outcome ?? null }),
      }),
    }),
    route<Principal, typeof TicketIdParam, typeof TransferRequest>({
      method: 'post',
      path: '/tickets/:ticketId/transfer',
      summary: 'Transfer to another service or counter, keeping the original issue time',
      tags: ['tickets'],
      roles: STAFF,
      params: TicketIdParam,
      body: TransferRequest,
      responses: { 200: { description: 'The ticket', schema: TicketDto }, 404: err('Unknown ticket, service or counter'), 409: err('Illegal transition') },
      handler: async ({ params, body, principal }) => ({
        body: await actOnTicket(deps, principal, params.ticketId, 'transfer', { transfer: body }),
      }),
    }),
    route<Principal, typeof TicketIdParam>({
      method: 'post',
      path: '/tickets/:ticketId/reprint',
      summary: 'Print the ticket again at the kiosk that issued it',
      tags: ['tickets'],
      roles: MANAGERS,
      params: TicketIdParam,
      responses: { 200: { description: 'Print requested', schema: TicketDto }, 404: err('Unknown ticket'), 503: err('Printer not connected') },
      handler: async ({ params }) => ({ body: await reprintTicket(deps, params.ticketId) }),
    }),
  ];
}
