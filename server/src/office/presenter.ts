/**
 * Turns domain objects into the wire shapes of @turnero/contract/dto, reading names,
 * positions and estimates from the live queue state (./queue-view) without queries.
 */
import type { CallDto, CounterDto, DeviceDto, OfficeDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import { estimateWaitSeconds } from '@turnero/domain/estimate';
import type { CallReason, Counter, Device, Office, Service, Ticket } from '@turnero/domain/types';
import { openCountersFor, openTicketAt, positionOf, type QueueView } from './queue-view';

/** `positions`: positionsOf(view), when many tickets of one view are presented. */
export function ticketDto(view: QueueView, t: Ticket, positions?: Map<string, number>): TicketDto {
  const position = positions ? (positions.get(t.id) ?? null) : positionOf(view, t);
  // With no counter open for the service nobody knows when it will be served: the ticket
  // says "no estimate" (null) rather than quoting a made-up wait.
  const openCounters = openCountersFor(view, t.serviceId);
  const service = view.serviceById.get(t.serviceId);
  const counter = t.counterId ? view.counterById.get(t.counterId) : undefined;
  return {
    id: t.id,
    code: t.code,
    serviceId: t.serviceId,
    serviceName: service?.nameEs ?? '',
    category: t.category,
    status: t.status,
    day: t.day,
    number: t.number,
    issuedAt: t.issuedAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
    counterId: t.counterId,
    counterName: counter?.name ?? null,
    directedCounterId: t.directedCounterId,
    recallCount: t.recallCount,
    outcome: t.outcome,
    printState: t.printState,
    position,
    estimatedWaitSeconds:
      position === null || openCounters === 0
        ? null
        : estimateWaitSeconds({ position, recentServiceSeconds: view.serviceSeconds.get(t.serviceId) ?? [], openCounters }),
    estimatedWait: view.waits?.estimatedWait(view, t) ?? null,
    origin: t.origin ?? 'walk_in',
    slotAt: t.slotAt?.toISOString() ?? null,
    present: t.present ?? true,
  };
}

export function serviceDto(s: Service): ServiceDto {
  return { ...s, name: s.nameEs, catalogCode: s.catalogCode ?? null };
}

export function counterDto(view: QueueView, c: Counter): CounterDto {
  const current = openTicketAt(view, c.id);
  return {
    id: c.id,
    name: c.name,
    active: c.active,
    services: c.services,
    agentId: c.agentId,
    agentName: c.agentId ? (view.agentNames.get(c.agentId) ?? null) : null,
    agentState: c.agentState,
    stateSince: c.stateSince?.toISOString() ?? null,
    pauseReason: c.pauseReason,
    currentTicket: current ? ticketDto(view, current) : null,
  };
}

export function officeDto(o: Office): OfficeDto {
  return {
    code: o.code,
    name: o.name,
    timeZone: o.timeZone,
    acceptingTickets: o.acceptingTickets,
    keepQueueOvernight: o.keepQueueOvernight,
    ticker: o.ticker,
    policy: o.policy,
    agentsChooseServices: o.agentsChooseServices,
    ...(o.kioskTexts ? { kioskTexts: o.kioskTexts } : {}),
    ...(o.announcement ? { announcement: o.announcement } : {}),
  };
}

/** A call of a ticket at its counter (a command's own, or one read back from the event log). */
export function callDto(
  view: QueueView,
  t: Pick<Ticket, 'id' | 'code' | 'counterId' | 'serviceId'>,
  at: Date,
  recall: boolean,
  reason: CallReason | null,
): CallDto {
  return {
    ticketId: t.id,
    code: t.code,
    counterId: t.counterId ?? '',
    counterName: (t.counterId && view.counterById.get(t.counterId)?.name) || '',
    serviceId: t.serviceId,
    at: at.toISOString(),
    recall,
    reason,
  };
}

export function deviceDto(
  d: Device,
  status: { printerStatus: string | null; printerStatusAt: Date | null },
  connected: boolean,
  soundOn?: boolean,
): DeviceDto {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    active: d.active,
    printerUri: d.printerUri,
    printerStatus: (status.printerStatus as DeviceDto['printerStatus']) ?? null,
    printerStatusAt: status.printerStatusAt?.toISOString() ?? null,
    connected,
    ...(soundOn === undefined ? {} : { soundOn }),
    serviceIds: d.serviceIds,
    counterIds: d.counterIds,
  };
}
