/**
 * The office's live queue state (QueueView): loaded once, then kept in memory by the
 * command bus and advanced by each command's changes (viewWith). It answers everything the
 * DTO mapping in ./presenter needs (names, positions, open counters, recent service times)
 * without further queries.
 */
import { RECENT_SAMPLE } from '@turnero/domain/estimate';
import { AppError } from '@turnero/domain/errors';
import type { Counter, Office, Service, Ticket } from '@turnero/domain/types';
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
  /** Waiting tickets in arrival order. */
  waiting: Ticket[];
  active: Ticket[];
  agentNames: Map<string, string>;
  /** Per service, its newest finished service times (seconds), newest first. */
  serviceSeconds: Map<string, number[]>;
}

export async function loadQueueView(db: Db, now: Date): Promise<QueueView> {
  const [office, services, counters, open, users, serviceSeconds] = await Promise.all([
    loadOffice(db),
    loadServices(db),
    loadCounters(db),
    openTickets(db),
    loadUsers(db),
    recentServiceSecondsByService(db, now, RECENT_SAMPLE),
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
    out.set(t.serviceId, [seconds, ...(out.get(t.serviceId) ?? [])].slice(0, RECENT_SAMPLE));
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

/** Counters signed in, not paused, that serve a service (the estimate divides by them). */
export function openCountersFor(view: QueueView, serviceId: string): number {
  return view.counters.filter(
    (c) =>
      c.active &&
      (c.agentState === 'idle' || c.agentState === 'serving') &&
      c.services.some((s) => s.serviceId === serviceId),
  ).length;
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
