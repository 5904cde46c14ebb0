/**
 * What agents and supervisors do with tickets: call next (by policy), call a chosen
 * ticket, recall, start, finish, no-show, transfer, cancel. Each is one command: decide
 * in the domain, write ticket + events + outbox in one transaction, publish after commit.
 */
import type { CallResultDto, TicketDto, TransferRequest } from '../../contract/dto';
import { markIdle, markServing } from '../../domain/agent';
import { AppError } from '../../domain/errors';
import { chooseNextTicket, explainReason, nextPreferentialStreak } from '../../domain/policy';
import {
  callTicket,
  cancelTicket,
  finishTicket,
  markNoShow,
  recallTicket,
  startTicket,
  transferTicket,
  type Transition,
} from '../../domain/ticket-machine';
import type { CallReason, Counter, Ticket } from '../../domain/types';
import type { CommandContext } from '../command-bus';
import type { OfficeDeps, Principal } from '../context';
import { isStaffManager } from '../context';
import { callDto, counterDto, loadQueueView, ticketDto, viewWith, type QueueView } from '../presenter';
import { ROOMS } from '../realtime/broadcaster';
import {
  appendTicketEvents,
  findCounter,
  getCounter,
  getTicket,
  openTicketAtCounter,
  saveCounterState,
  updateTicket,
} from '../store/office-store';
import { appendOutbox } from '../store/outbox-store';
import { ticketFacts } from './facts';

/** An agent acts only at the counter they are signed in at; supervisors anywhere. */
export function assertActsAtCounter(principal: Principal, counter: Counter): void {
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

async function assertCounterFree(ctx: CommandContext, counter: Counter): Promise<void> {
  const open = await openTicketAtCounter(ctx.tx, counter.id);
  if (open) {
    throw new AppError(
      'illegal_transition',
      `${counter.name} still has ${open.code} (${open.status}): finish it or mark a no-show first`,
      { ticketId: open.id, code: open.code, status: open.status },
    );
  }
}

async function persistCall(
  deps: OfficeDeps,
  ctx: CommandContext,
  view: QueueView,
  counter: Counter,
  transition: Transition,
  reason: CallReason,
): Promise<CallResultDto> {
  const { ticket, events } = transition;
  const now = events[0]?.at ?? deps.clock.now();
  const updatedCounter: Counter = {
    ...markServing(counter, now),
    preferentialStreak: nextPreferentialStreak(counter.preferentialStreak, ticket, view.office.policy),
  };
  await updateTicket(ctx.tx, ticket);
  await appendTicketEvents(ctx.tx, events);
  await appendOutbox(ctx.tx, ticketFacts(ticket, events, view.serviceById));
  await saveCounterState(ctx.tx, updatedCounter);

  const after = viewWith(view, [ticket], [updatedCounter]);
  const dto = ticketDto(after, ticket);
  const call = callDto(after, ticket, now, false, reason);
  const cdto = counterDto(after, updatedCounter);
  ctx.afterCommit(() => {
    deps.metrics.counter('tickets_called_total', 'Tickets called, by the policy rule that chose them', ['reason']).inc({ reason });
    deps.broadcaster.publish(
      'ticket:called',
      { ticket: dto, call, code: dto.code, counterName: call.counterName, recall: false, reason },
      [ROOMS.ticket(ticket.id)],
    );
    deps.broadcaster.publish('counter:updated', { counter: cdto });
    deps.broadcaster.publish('queue:changed', {}, [ROOMS.public]);
  });
  return { ticket: dto, reason, explanation: explanationFor(reason) };
}

function explanationFor(reason: CallReason): string {
  return explainReason(reason);
}

export async function callNext(
  deps: OfficeDeps,
  principal: Principal,
  counterId: string,
): Promise<CallResultDto | null> {
  return deps.bus.command('call-next', async (ctx) => {
    const counter = await getCounter(ctx.tx, counterId);
    assertActsAtCounter(principal, counter);
    assertCanCall(counter);
    await assertCounterFree(ctx, counter);
    const view = await loadQueueView(ctx.tx, deps.clock.now());
    const now = deps.clock.now();
    const choice = chooseNextTicket({
      counter,
      waiting: view.waiting,
      services: view.services,
      policy: view.office.policy,
      now,
    });
    if (!choice) return null;
    const transition = callTicket(choice.ticket, counter.id, { actorId: principal.id, at: now }, choice.reason);
    const result = await persistCall(deps, ctx, view, counter, transition, choice.reason);
    return { ...result, explanation: choice.explanation || result.explanation };
  });
}

/** Call a chosen waiting ticket out of order. */
export async function callSpecific(
  deps: OfficeDeps,
  principal: Principal,
  ticketId: string,
  counterId: string,
): Promise<CallResultDto> {
  return deps.bus.command('call-ticket', async (ctx) => {
    const counter = await getCounter(ctx.tx, counterId);
    assertActsAtCounter(principal, counter);
    assertCanCall(counter);
    const ticket = await getTicket(ctx.tx, ticketId);
    await assertCounterFree(ctx, counter);
    const view = await loadQueueView(ctx.tx, deps.clock.now());
    const now = deps.clock.now();
    const transition = callTicket(ticket, counter.id, { actorId: principal.id, at: now }, 'chosen');
    return persistCall(deps, ctx, view, counter, transition, 'chosen');
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
  return deps.bus.command(`ticket-${action}`, async (ctx) => {
    const ticket = await getTicket(ctx.tx, ticketId);
    const counter = ticket.counterId ? await findCounter(ctx.tx, ticket.counterId) : null;
    if (!isStaffManager(principal)) {
      if (principal.role !== 'agent' || !counter || counter.agentId !== principal.id) {
        throw new AppError('forbidden', `Ticket ${ticket.code} is not at your counter`);
      }
    }
    const view = await loadQueueView(ctx.tx, deps.clock.now());
    if (action === 'transfer') await validateTransferTarget(ctx, view, params.transfer!);
    const actor = { actorId: principal.id, at: deps.clock.now() };
    const transition = decide(ticket, action, actor, params);

    await updateTicket(ctx.tx, transition.ticket);
    await appendTicketEvents(ctx.tx, transition.events);
    await appendOutbox(ctx.tx, ticketFacts(transition.ticket, transition.events, view.serviceById));
    let updatedCounter: Counter | null = null;
    if (counter && ENDS_SERVICE.has(action) && counter.agentState === 'serving') {
      updatedCounter = markIdle(counter, actor.at);
      await saveCounterState(ctx.tx, updatedCounter);
    }
    const after = viewWith(view, [transition.ticket], updatedCounter ? [updatedCounter] : []);
    const dto = ticketDto(after, transition.ticket);
    const cdto = updatedCounter ? counterDto(after, updatedCounter) : null;
    ctx.afterCommit(() => {
      if (action === 'recall') {
        const call = callDto(after, transition.ticket, actor.at, true, null);
        deps.broadcaster.publish(
          'ticket:called',
          { ticket: dto, call, code: dto.code, counterName: call.counterName, recall: true, reason: null },
          [ROOMS.ticket(ticket.id)],
        );
      } else {
        deps.broadcaster.publish('ticket:updated', { ticket: dto, event: transition.events[0]?.type ?? action }, [
          ROOMS.ticket(ticket.id),
        ]);
      }
      if (cdto) deps.broadcaster.publish('counter:updated', { counter: cdto });
      if (action === 'transfer' || action === 'cancel') {
        deps.broadcaster.publish('queue:changed', {}, [ROOMS.public]);
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

async function validateTransferTarget(ctx: CommandContext, view: QueueView, to: TransferRequest) {
  if (to.toServiceId) {
    const service = view.serviceById.get(to.toServiceId);
    if (!service) throw new AppError('not_found', `Unknown service ${to.toServiceId}`);
    if (!service.active) throw new AppError('service_inactive', `Service ${service.prefix} is not active`);
  }
  if (to.toCounterId) {
    const counter = await findCounter(ctx.tx, to.toCounterId);
    if (!counter) throw new AppError('not_found', `Unknown counter ${to.toCounterId}`);
    if (!counter.active) throw new AppError('illegal_transition', `${counter.name} is not active`);
  }
}
