/**
 * The office's live queue state (QueueView): loaded once, then kept in memory by the
 * command bus and advanced by each command's changes (viewWith). It answers everything the
 * DTO mapping in ./presenter needs (names, positions, open counters, recent service times)
 * without further queries.
 */
import { RECENT_SAMPLE } from '@turnero/domain/estimate';
import { AppError } from '@turnero/domain/errors';
import type { Clock, Counter, Office, Service, Ticket } from '@turnero/domain/types';
import type { Db } from './store/db';
import {
  loadCounters,
  loadOffice,
  loadServices,
  loadUsers,
  openTickets,
  recentServiceSecondsByService,
} from './store/office-store';
import { loadWaitPredictor, type WaitPredictor } from './wait-prediction/predictor';

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
  /** Predicted wait ranges (./wait-prediction), learning as calls end; absent in views built by hand. */
  waits?: WaitPredictor;
}

export async function loadQueueView(db: Db, now: Date, clock: Clock = { now: () => now }): Promise<QueueView> {
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
    waits: await loadWaitPredictor(db, clock, office.timeZone),
  };
}

/**
 * The view after a command changed some tickets and counters, computed in memory (the
 * command just wrote exactly these changes, so reloading would read back the same). A
 * ticket finished at a counter adds its service time to the recent ones.
 */
export function viewWith(view: QueueView, tickets: Ticket[], counters: Counter[] = []): QueueView {
  view.waits?.observe(view, tickets);
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

/**
 * positionOf for every waiting ticket at once, in O(n log n): a snapshot of a long queue
 * asked positionOf of each ticket, which compared every ticket with every other (a
 * thousand waiting made one snapshot cost about 20 ms of CPU). Same rules: a ticket
 * directed to a counter counts those directed there before it; otherwise a general ticket
 * counts its service's undirected tickets before it, a preferential one only the
 * preferential ones.
 */
export function positionsOf(view: QueueView): Map<string, number> {
  const lines = new Map<string, Ticket[]>();
  const join = (key: string, t: Ticket) => {
    const line = lines.get(key);
    if (line) line.push(t);
    else lines.set(key, [t]);
  };
  for (const t of view.waiting) {
    if (t.directedCounterId) {
      join(`counter:${t.directedCounterId}`, t);
      continue;
    }
    join(`service:${t.serviceId}`, t);
    if (t.category === 'preferential') join(`preferential:${t.serviceId}`, t);
  }
  const positions = new Map<string, number>();
  for (const [key, line] of lines) {
    if (key.startsWith('service:')) {
      countAhead(line, (t, ahead) => t.category !== 'preferential' && t.status === 'waiting' && positions.set(t.id, ahead));
    } else {
      countAhead(line, (t, ahead) => t.status === 'waiting' && positions.set(t.id, ahead));
    }
  }
  return positions;
}

/** Calls `found` with each ticket and how many of the line came strictly before it (ties share a place). */
function countAhead(line: Ticket[], found: (t: Ticket, ahead: number) => void): void {
  const key = (t: Ticket) => [t.issuedAt.getTime(), t.number] as const;
  const sorted = [...line].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
  let placeStart = 0;
  sorted.forEach((t, i) => {
    const prev = sorted[i - 1];
    if (prev && (key(prev)[0] !== key(t)[0] || key(prev)[1] !== key(t)[1])) placeStart = i;
    found(t, placeStart);
  });
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
