/**
 * What agents and supervisors do with tickets: call next (by policy), call a chosen
 * ticket, recall, start, finish, no-show, transfer, cancel. Each is one command: decide
 * in the domain, write ticket + events + outbox in one transaction, publish after commit.
 */
import type { CallResultDto, TicketDto, TransferRequest } from '@turnero/contract/dto';
import { markIdle, markServing } from '@turnero/domain/agent';
import { AppError } from '@turnero/domain/errors';
import { explainCall } from '@turnero/contract/call-explanations';
import { chooseNextTicket, nextPreferentialStreak } from '@turnero/domain/policy';
import {
  callTicket,
  cancelTicket,
  finishTicket,
  markNoShow,
  recallTicket,
  startTicket,
  transferTicket,
  type Transition,
} from '@turnero/domain/ticket-machine';
import type { CallWhy, Counter, Ticket } from '@turnero/domain/types';
import type { RecordContext } from '../command-bus';
import type { OfficeDeps, Principal } from '../context';
import { isStaffManager } from '../context';
import { callDto, counterDto, ticketDto } from '../presenter';
import { counterIn, openTicketAt, viewWith, type QueueView } from '../queue-view';
import { recentBookedStreak } from '../store/booking-store';
import { getTicket } from '../store/office-store';
import { insertTicketEventsSql, updateCounterStateSql, updateTicketSql } from '../store/ticket-writes';
import { ticketFacts } from './facts';

/** An agent acts only at the counter they are signed in at; supervisors anywhere. */
function assertActsAtCounter(principal: Principal, counter: Counter): void {
  if (isStaffManager(principal)) return;
  if (principal.role !== 'agent' || counter.agentId !== principal.id) {
    throw new AppError('forbidden', `You are not signed in at ${counter.name}`);
  }
}

function assertCanCall(counter: Counter): void {
  if (!counter.active) throw new AppError('illegal_transition', `${counter.name} is not active`);
  if (counter.agentState === 'signed_out' || !counter.agentId) {
    throw new AppError('not_signed_in', `Nobody is signed in at ${counter.name}`);
  }
  if (counter.agentState === 'paused') {
    throw new AppError('illegal_transition', `${counter.name} is paused: resume before calling`);
  }
}

function assertCounterFree(view: QueueView, counter: Counter): void {
  const open = openTicketAt(view, counter.id);
  if (open) {
    throw new AppError(
      'illegal_transition',
      `${counter.name} still has ${open.code} (${open.status}): finish it or mark a no-show first`,
      { ticketId: open.id, code: open.code, status: open.status },
    );
  }
}

/** Open tickets are in the live view; a closed one (done, cancelled...) is read from the database. */
async function ticketIn(ctx: RecordContext, view: QueueView, id: string): Promise<Ticket> {
  return view.waiting.find((t) => t.id === id) ?? view.active.find((t) => t.id === id) ?? getTicket(ctx.db, id);
}

async function persistCall(
  deps: OfficeDeps,
  ctx: RecordContext,
  view: QueueView,
  counter: Counter,
  transition: Transition,
  why: CallWhy,
): Promise<CallResultDto> {
  const reason = why.rule;
  const { ticket, events } = transition;
  const now = events[0]?.at ?? deps.clock.now();
  const updatedCounter: Counter = {
    ...markServing(counter, now),
    preferentialStreak: nextPreferentialStreak(counter.preferentialStreak, ticket, view.office.policy),
  };
  ctx.write(updateTicketSql(ticket));
  ctx.write(insertTicketEventsSql(events));
  await ctx.outbox(ticketFacts(ticket, events, view.serviceById));
  ctx.write(updateCounterStateSql(updatedCounter));

  const after = viewWith(view, [ticket], [updatedCounter]);
  ctx.keepView(after);
  const dto = ticketDto(after, ticket);
  const call = callDto(after, ticket, now, false, reason);
  const cdto = counterDto(after, updatedCounter);
  ctx.afterCommit(() => {
    deps.metrics.counter('tickets_called_total', 'Tickets called, by the policy rule that chose them', ['reason']).inc({ reason });
    deps.broadcaster.publish('ticket:called', {
      ticket: dto,
      call,
      code: dto.code,
      counterName: call.counterName,
      recall: false,
      reason,
    });
    deps.broadcaster.publish('counter:updated', { counter: cdto });
    deps.broadcaster.publish('queue:changed', {});
  });
  // The API keeps its Spanish sentence; `why` lets the desk word it in the agent's language.
  return { ticket: dto, reason, explanation: explainCall(why, 'es'), why };
}

export async function callNext(
  deps: OfficeDeps,
  principal: Principal,
  counterId: string,
): Promise<CallResultDto | null> {
  return deps.bus.record('call-next', async (ctx) => {
    const view = await ctx.view();
    const counter = counterIn(view, counterId);
    assertActsAtCounter(principal, counter);
    assertCanCall(counter);
    assertCounterFree(view, counter);
    const now = deps.clock.now();
    const bookings = view.office.bookingCalls && { ...view.office.bookingCalls, timeZone: view.office.timeZone };
    // The booked-call run is read from the log only while a checked-in booking waits.
    const bookedStreak =
      bookings && view.waiting.some((t) => t.origin === 'booking') ? await recentBookedStreak(ctx.db, counter.id, bookings.maxInARow) : 0;
    const choice = chooseNextTicket({
      counter,
      waiting: view.waiting,
      services: view.services,
      policy: view.office.policy,
      now,
      bookings,
      bookedStreak,
    });
    if (!choice) {
      ctx.viewUnchanged();
      return null;
    }
    const transition = callTicket(choice.ticket, counter.id, { actorId: principal.id, at: now }, choice.reason);
    return persistCall(deps, ctx, view, counter, transition, choice.why);
  });
}

/** Call a chosen waiting ticket out of order. */
export async function callSpecific(
  deps: OfficeDeps,
  principal: Principal,
  ticketId: string,
  counterId: string,
): Promise<CallResultDto> {
  return deps.bus.record('call-ticket', async (ctx) => {
    const view = await ctx.view();
    const counter = counterIn(view, counterId);
    assertActsAtCounter(principal, counter);
    assertCanCall(counter);
    const ticket = await ticketIn(ctx, view, ticketId);
    assertCounterFree(view, counter);
    const now = deps.clock.now();
    const transition = callTicket(ticket, counter.id, { actorId: principal.id, at: now }, 'chosen');
    return persistCall(deps, ctx, view, counter, transition, { rule: 'chosen' });
  });
}

type TicketAction = 'recall' | 'start' | 'finish' | 'no_show' | 'transfer' | 'cancel';

/** Actions an agent may take only on the ticket at their own counter. */
const ENDS_SERVICE = new Set<TicketAction>(['finish', 'no_show', 'transfer', 'cancel']);

export async function actOnTicket(
  deps: OfficeDeps,
  principal: Principal,
  ticketId: string,
  action: TicketAction,
  params: { outcome?: string | null; transfer?: TransferRequest } = {},
): Promise<TicketDto> {
  return deps.bus.record(`ticket-${action}`, async (ctx) => {
    const view = await ctx.view();
    const ticket = await ticketIn(ctx, view, ticketId);
    const counter = (ticket.counterId && view.counterById.get(ticket.counterId)) || null;
    if (!isStaffManager(principal)) {
      if (principal.role !== 'agent' || !counter || counter.agentId !== principal.id) {
        throw new AppError('forbidden', `Ticket ${ticket.code} is not at your counter`);
      }
    }
    if (action === 'transfer') validateTransferTarget(view, params.transfer!);
    const actor = { actorId: principal.id, at: deps.clock.now() };
    const transition = decide(ticket, action, actor, params);

    ctx.write(updateTicketSql(transition.ticket));
    ctx.write(insertTicketEventsSql(transition.events));
    await ctx.outbox(ticketFacts(transition.ticket, transition.events, view.serviceById));
    let updatedCounter: Counter | null = null;
    if (counter && ENDS_SERVICE.has(action) && counter.agentState === 'serving') {
      updatedCounter = markIdle(counter, actor.at);
      ctx.write(updateCounterStateSql(updatedCounter));
    }
    const after = viewWith(view, [transition.ticket], updatedCounter ? [updatedCounter] : []);
    ctx.keepView(after);
    const dto = ticketDto(after, transition.ticket);
    const cdto = updatedCounter ? counterDto(after, updatedCounter) : null;
    ctx.afterCommit(() => {
      if (action === 'recall') {
        const call = callDto(after, transition.ticket, actor.at, true, null);
        deps.broadcaster.publish('ticket:called', {
          ticket: dto,
          call,
          code: dto.code,
          counterName: call.counterName,
          recall: true,
          reason: null,
        });
      } else {
        deps.broadcaster.publish('ticket:updated', { ticket: dto, event: transition.events[0]?.type ?? action });
      }
      if (cdto) deps.broadcaster.publish('counter:updated', { counter: cdto });
      if (action === 'transfer' || action === 'cancel') {
        deps.broadcaster.publish('queue:changed', {});
      }
    });
    return dto;
  });
}

function decide(
  ticket: Ticket,
  action: TicketAction,
  actor: { actorId: string; at: Date },
  params: { outcome?: string | null; transfer?: TransferRequest },
): Transition {
  switch (action) {
    case 'recall':
      return recallTicket(ticket, actor);
    case 'start':
      return startTicket(ticket, actor);
    case 'finish':
      return finishTicket(ticket, actor, params.outcome ?? null);
    case 'no_show':
      return markNoShow(ticket, actor);
    case 'cancel':
      return cancelTicket(ticket, actor);
    case 'transfer':
      return transferTicket(
        ticket,
        { serviceId: params.transfer?.toServiceId, counterId: params.transfer?.toCounterId },
        actor,
      );
  }
}

function validateTransferTarget(view: QueueView, to: TransferRequest): void {
  if (to.toServiceId) {
    const service = view.serviceById.get(to.toServiceId);
    if (!service) throw new AppError('not_found', `Unknown service ${to.toServiceId}`);
    if (!service.active) throw new AppError('service_inactive', `Service ${service.prefix} is not active`);
  }
  if (to.toCounterId) {
    const counter = view.counterById.get(to.toCounterId);
    if (!counter) throw new AppError('not_found', `Unknown counter ${to.toCounterId}`);
    if (!counter.active) throw new AppError('illegal_transition', `${counter.name} is not active`);
  }
}
