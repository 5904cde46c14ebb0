/**
 * What an agent sees in the waiting list: the tickets their counter may call, oldest
 * first (a transferred ticket keeps its original issue time, so it keeps its place),
 * each with its wait and whether that wait is past its service's target.
 * Pure, so the rules can be tested without a browser.
 */
import type { CounterDto, ServiceDto, TicketDto } from '@turnero/contract/dto';

export interface WaitingRow {
  ticket: TicketDto;
  waitSeconds: number;
  targetSeconds: number | null;
  overdue: boolean;
  /** Transferred to this very counter: only it may call the ticket. */
  directedHere: boolean;
}

export function waitSeconds(ticket: Pick<TicketDto, 'issuedAt'>, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(ticket.issuedAt)) / 1000));
}

/** True when a counter may call this ticket: directed to it, or of a service it serves and not directed elsewhere. */
export function counterMayCall(counter: Pick<CounterDto, 'id' | 'services'>, ticket: TicketDto): boolean {
  if (ticket.status !== 'waiting') return false;
  if (ticket.directedCounterId) return ticket.directedCounterId === counter.id;
  return counter.services.some((s) => s.serviceId === ticket.serviceId);
}

function toWaitingRow(
  ticket: TicketDto,
  servicesById: Map<string, ServiceDto>,
  now: Date,
  counterId: string | null = null,
): WaitingRow {
  const service = servicesById.get(ticket.serviceId);
  const wait = waitSeconds(ticket, now);
  const targetSeconds = service ? service.targetWaitMinutes * 60 : null;
  return {
    ticket,
    waitSeconds: wait,
    targetSeconds,
    overdue: targetSeconds !== null && targetSeconds > 0 && wait > targetSeconds,
    directedHere: counterId !== null && ticket.directedCounterId === counterId,
  };
}

/** The waiting list of one counter, oldest first (ties broken by code for a stable order). */
export function waitingForCounter(
  counter: Pick<CounterDto, 'id' | 'services'>,
  waiting: TicketDto[],
  services: ServiceDto[],
  now: Date,
): WaitingRow[] {
  const byId = new Map(services.map((s) => [s.id, s]));
  return waiting
    .filter((t) => counterMayCall(counter, t))
    .map((t) => toWaitingRow(t, byId, now, counter.id))
    .sort(byIssueTime);
}

/** Every waiting ticket of the office (supervisor board), oldest first. */
export function allWaiting(waiting: TicketDto[], services: ServiceDto[], now: Date): WaitingRow[] {
  const byId = new Map(services.map((s) => [s.id, s]));
  return waiting
    .filter((t) => t.status === 'waiting')
    .map((t) => toWaitingRow(t, byId, now))
    .sort(byIssueTime);
}

function byIssueTime(a: WaitingRow, b: WaitingRow): number {
  return Date.parse(a.ticket.issuedAt) - Date.parse(b.ticket.issuedAt) || a.ticket.code.localeCompare(b.ticket.code);
}
