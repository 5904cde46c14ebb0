/**
 * The ticket's state machine. Each transition is a pure function: it takes the current
 * ticket and returns the new ticket plus the events to append, or throws
 * AppError('illegal_transition') with the reason. The caller writes both in one transaction.
 *
 *   waiting ──call──▶ called ──start──▶ serving ──finish──▶ done
 *      │  ▲             │ ▲ recall        │
 *      │  └──transfer───┴─┴───────────────┘
 *      ├──cancel / expire        called ──no-show──▶ no_show
 *      ▼                         called ──cancel───▶ cancelled
 *   cancelled / expired
 */
import { AppError } from './errors';
import { formatTicketCode } from './numbering';
import type {
  CallReason,
  PrintState,
  Ticket,
  TicketCategory,
  TicketEvent,
  TicketEventType,
  TicketStatus,
} from './types';

export interface Transition {
  ticket: Ticket;
  events: TicketEvent[];
}

/** Who did it and when. `actorId` is a user or device id; null for the system. */
export interface Actor {
  actorId: string | null;
  at: Date;
}

const OPEN_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving'];
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A ticket still in the office's hands: waiting, called or being served. */
export function isOpen(t: Ticket): boolean {
  return OPEN_STATUSES.includes(t.status);
}

function requireStatus(t: Ticket, allowed: readonly TicketStatus[], action: string): void {
  if (!allowed.includes(t.status)) {
    throw new AppError(
      'illegal_transition',
      `Cannot ${action} ticket ${t.code}: it is ${t.status} (allowed from ${allowed.join(' or ')})`,
      { ticketId: t.id, status: t.status },
    );
  }
}

function assertDate(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new AppError('validation_failed', 'Invalid transition time');
  }
}

function eventFor(
  t: Ticket,
  type: TicketEventType,
  actor: Actor,
  counterId: string | null,
  data?: Record<string, unknown>,
): TicketEvent {
  return {
    ticketId: t.id,
    type,
    at: actor.at,
    actorId: actor.actorId,
    counterId,
    serviceId: t.serviceId,
    category: t.category,
    ...(data === undefined ? {} : { data }),
  };
}

export function issueTicket(
  input: {
    id: string;
    serviceId: string;
    prefix: string;
    category: TicketCategory;
    day: string;
    number: number;
    issuedByDeviceId: string | null;
    printState: PrintState;
  },
  actor: Actor,
): Transition {
  assertDate(actor.at);
  if (!input.id) throw new AppError('validation_failed', 'A ticket needs an id');
  if (!input.serviceId) throw new AppError('validation_failed', 'A ticket needs a service');
  if (!DAY_PATTERN.test(input.day)) {
    throw new AppError('validation_failed', `Invalid day "${input.day}": expected YYYY-MM-DD`);
  }
  if (input.category !== 'general' && input.category !== 'preferential') {
    throw new AppError('validation_failed', `Invalid category "${String(input.category)}"`);
  }
  const ticket: Ticket = {
    id: input.id,
    serviceId: input.serviceId,
    issuedServiceId: input.serviceId,
    category: input.category,
    day: input.day,
    number: input.number,
    code: formatTicketCode(input.prefix, input.number), // validates prefix and number
    status: 'waiting',
    issuedAt: actor.at,
    counterId: null,
    directedCounterId: null,
    calledAt: null,
    firstCalledAt: null,
    startedAt: null,
    finishedAt: null,
    recallCount: 0,
    outcome: null,
    printState: input.printState,
    issuedByDeviceId: input.issuedByDeviceId,
  };
  return { ticket, events: [eventFor(ticket, 'issued', actor, null, { day: ticket.day, number: ticket.number })] };
}

/**
 * waiting -> called at `counterId`. Also used for a ticket chosen out of order (reason
 * 'chosen'), even one directed to another counter: the agent's explicit choice wins and
 * the direction is cleared.
 */
export function callTicket(t: Ticket, counterId: string, actor: Actor, reason: CallReason): Transition {
  assertDate(actor.at);
  requireStatus(t, ['waiting'], 'call');
  if (!counterId) throw new AppError('validation_failed', 'A call needs a counter');
  const ticket: Ticket = {
    ...t,
    status: 'called',
    counterId,
    directedCounterId: null,
    calledAt: actor.at,
    firstCalledAt: t.firstCalledAt ?? actor.at,
  };
  return { ticket, events: [eventFor(ticket, 'called', actor, counterId, { reason })] };
}

/** called -> called again (the customer did not come yet): the display announces it again. */
export function recallTicket(t: Ticket, actor: Actor): Transition {
  assertDate(actor.at);
  requireStatus(t, ['called'], 'recall');
  const ticket: Ticket = { ...t, recallCount: t.recallCount + 1, calledAt: actor.at };
  return {
    ticket,
    events: [eventFor(ticket, 'recalled', actor, t.counterId, { recallCount: ticket.recallCount })],
  };
}

/** called -> serving: the customer reached the counter. */
export function startTicket(t: Ticket, actor: Actor): Transition {
  assertDate(actor.at);
  requireStatus(t, ['called'], 'start');
  const ticket: Ticket = { ...t, status: 'serving', startedAt: actor.at };
  return { ticket, events: [eventFor(ticket, 'started', actor, t.counterId)] };
}

/** serving -> done, with an optional outcome code chosen by the agent. */
export function finishTicket(t: Ticket, actor: Actor, outcome: string | null): Transition {
  assertDate(actor.at);
  requireStatus(t, ['serving'], 'finish');
  const ticket: Ticket = { ...t, status: 'done', finishedAt: actor.at, outcome: outcome ?? null };
  return {
    ticket,
    events: [eventFor(ticket, 'finished', actor, t.counterId, outcome == null ? undefined : { outcome })],
  };
}

/** called -> no_show: the customer never came to the counter. */
export function markNoShow(t: Ticket, actor: Actor): Transition {
  assertDate(actor.at);
  requireStatus(t, ['called'], 'mark as no-show');
  const ticket: Ticket = { ...t, status: 'no_show' };
  return { ticket, events: [eventFor(ticket, 'no_show', actor, t.counterId, { recallCount: t.recallCount })] };
}

/**
 * waiting|called|serving -> waiting, under a new service and/or directed to one counter.
 * The customer keeps their place: issuedAt and firstCalledAt stay (so the first wait is
 * still measured from issue). counterId, calledAt and startedAt are cleared and
 * recallCount starts again at 0, because the next call is a new announcement.
 * The event's serviceId is the NEW service; its counterId is the counter the ticket
 * was at (null when it was waiting).
 */
export function transferTicket(
  t: Ticket,
  to: { serviceId?: string; counterId?: string },
  actor: Actor,
): Transition {
  assertDate(actor.at);
  requireStatus(t, ['waiting', 'called', 'serving'], 'transfer');
  const toServiceId = to.serviceId || t.serviceId;
  const toCounterId = to.counterId || null;
  if (!to.serviceId && !to.counterId) {
    throw new AppError('validation_failed', 'A transfer needs a target service or counter');
  }
  const changesNothing =
    t.status === 'waiting' && toServiceId === t.serviceId && toCounterId === t.directedCounterId;
  if (changesNothing) {
    throw new AppError('illegal_transition', `Ticket ${t.code} is already waiting there`);
  }
  const ticket: Ticket = {
    ...t,
    status: 'waiting',
    serviceId: toServiceId,
    directedCounterId: toCounterId,
    counterId: null,
    calledAt: null,
    startedAt: null,
    recallCount: 0,
  };
  const data = {
    fromServiceId: t.serviceId,
    toServiceId,
    toCounterId,
    fromCounterId: t.counterId,
    fromStatus: t.status,
  };
  return { ticket, events: [eventFor(ticket, 'transferred', actor, t.counterId, data)] };
}

/** waiting|called -> cancelled (the customer left, or staff cancelled it). */
export function cancelTicket(t: Ticket, actor: Actor): Transition {
  assertDate(actor.at);
  requireStatus(t, ['waiting', 'called'], 'cancel');
  const ticket: Ticket = { ...t, status: 'cancelled' };
  return { ticket, events: [eventFor(ticket, 'cancelled', actor, t.counterId, { fromStatus: t.status })] };
}

/** waiting -> expired at the end of the office's day (done by the system: no actor). */
export function expireTicket(t: Ticket, at: Date): Transition {
  assertDate(at);
  requireStatus(t, ['waiting'], 'expire');
  const ticket: Ticket = { ...t, status: 'expired' };
  return { ticket, events: [eventFor(ticket, 'expired', { actorId: null, at }, t.counterId)] };
}
