/**
 * Turns domain objects into the wire shapes of contract/dto.ts. A QueueView is loaded
 * once per command or read and answers everything a DTO needs (names, positions,
 * estimates) without further queries.
 */
import type { CallDto, CounterDto, DeviceDto, OfficeDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import { estimateWaitSeconds } from '@turnero/domain/estimate';
import { AppError } from '@turnero/domain/errors';
import type { CallReason, Counter, Device, Office, Service, Ticket } from '@turnero/domain/types';
import type { Db } from './store/db';
import {
  loadCounters,
  loadOffice,
  loadServices,
  loadUsers,
  openTickets,
  recentServiceSecondsByService,
} from './store/office-store';

export interface QueueView {
  office: Office;
  services: Service[];
  serviceById: Map<string, Service>;
  counters: Counter[];
  counterById: Map<string, Counter>;
  waiting: Ticket[];
  active: Ticket[];
  agentNames: Map<string, string>;
  serviceSeconds: Map<string, number[]>;
}

/** How many recent service times per service feed the wait estimate. */
const RECENT_SERVICE_TIMES = 20;

export async function loadQueueView(db: Db, now: Date): Promise<QueueView> {
  const [office, services, counters, open, users, serviceSeconds] = await Promise.all([
    loadOffice(db),
    loadServices(db),
    loadCounters(db),
    openTickets(db),
    loadUsers(db),
    recentServiceSecondsByService(db, now, RECENT_SERVICE_TIMES),
  ]);
  return {
    office,
    services,
    serviceById: new Map(services.map((s) => [s.id, s])),
    counters,
    counterById: new Map(counters.map((c) => [c.id, c])),
    waiting: open.filter((t) => t.status === 'waiting'),
    active: open.filter((t) => t.status !== 'waiting'),
    agentNames: new Map(users.map((u) => [u.id, u.displayName])),
    serviceSeconds,
  };
}

/**
 * The view after a command changed some tickets and counters, computed in memory (the
 * command just wrote exactly these changes, so reloading would read back the same). A
 * ticket finished at a counter adds its service time to the recent ones.
 */
export function viewWith(view: QueueView, tickets: Ticket[], counters: Counter[] = []): QueueView {
  const changed = new Map(tickets.map((t) => [t.id, t]));
  const others = (list: Ticket[]) => list.filter((t) => !changed.has(t.id));
  const waiting = others(view.waiting);
  for (const t of tickets) if (t.status === 'waiting') insertByArrival(waiting, t);
  const active = [...others(view.active), ...tickets.filter((t) => t.status === 'called' || t.status === 'serving')];
  const counterById = new Map(view.counterById);
  for (const c of counters) counterById.set(c.id, c);
  return {
    ...view,
    waiting,
    active,
    counters: view.counters.map((c) => counterById.get(c.id) ?? c),
    counterById,
    serviceSeconds: withFinished(view, tickets),
  };
}

const byArrival = (a: Ticket, b: Ticket) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.number - b.number;

/** Inserts into a list kept in arrival order (binary search: a new ticket usually goes last). */
function insertByArrival(list: Ticket[], t: Ticket): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byArrival(list[mid], t) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, t);
}

function withFinished(view: QueueView, tickets: Ticket[]): Map<string, number[]> {
  const finished = tickets.filter(
    (t) => t.status === 'done' && t.startedAt && t.finishedAt && view.active.some((a) => a.id === t.id),
  );
  if (finished.length === 0) return view.serviceSeconds;
  const out = new Map(view.serviceSeconds);
  for (const t of finished) {
    const seconds = Math.max(0, (t.finishedAt!.getTime() - t.startedAt!.getTime()) / 1000);
    out.set(t.serviceId, [seconds, ...(out.get(t.serviceId) ?? [])].slice(0, RECENT_SERVICE_TIMES));
  }
  return out;
}

/**
 * People ahead of a waiting ticket. A preferential ticket counts only the preferential
 * tickets before it (the ratio lets them ahead of general ones); a general ticket counts
 * everyone of its service issued before it. A ticket directed to a counter counts the
 * tickets directed there before it.
 */
export function positionOf(view: QueueView, t: Ticket): number | null {
  if (t.status !== 'waiting') return null;
  const before = (o: Ticket) =>
    o.issuedAt.getTime() < t.issuedAt.getTime() ||
    (o.issuedAt.getTime() === t.issuedAt.getTime() && o.number < t.number && o.id !== t.id);
  return view.waiting.filter((o) => {
    if (o.id === t.id || !before(o)) return false;
    if (t.directedCounterId) return o.directedCounterId === t.directedCounterId;
    if (o.directedCounterId || o.serviceId !== t.serviceId) return false;
    return t.category === 'preferential' ? o.category === 'preferential' : true;
  }).length;
}

export function openCountersFor(view: QueueView, serviceId: string): number {
  return view.counters.filter(
    (c) =>
      c.active &&
      (c.agentState === 'idle' || c.agentState === 'serving') &&
      c.services.some((s) => s.serviceId === serviceId),
  ).length;
}

export function ticketDto(view: QueueView, t: Ticket): TicketDto {
  const position = positionOf(view, t);
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
      position === null
        ? null
        : estimateWaitSeconds({
            position,
            recentServiceSeconds: view.serviceSeconds.get(t.serviceId) ?? [],
            openCounters: openCountersFor(view, t.serviceId),
          }),
  };
}

export function serviceDto(s: Service): ServiceDto {
  return { ...s, name: s.nameEs };
}

/** The ticket called or being served at a counter (a counter holds one at a time). */
export function openTicketAt(view: QueueView, counterId: string): Ticket | null {
  return view.active.find((t) => t.counterId === counterId) ?? null;
}

/** A counter of the live state; an unknown id is the caller's mistake (404). */
export function counterIn(view: QueueView, id: string): Counter {
  const counter = view.counterById.get(id);
  if (!counter) throw new AppError('not_found', `Unknown counter ${id}`);
  return counter;
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
  };
}

export function callDto(
  view: QueueView,
  t: Ticket,
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
    serviceIds: d.serviceIds,
    counterIds: d.counterIds,
  };
}
