/**
 * Data access for the office. Plain functions over a Db (transaction or client) that
 * return domain objects. Nothing outside store/ touches Prisma.
 */
import { AppError } from '@turnero/domain/errors';
import type {
  AgentEvent,
  Counter,
  Device,
  Office,
  Service,
  Ticket,
  TicketEvent,
  User,
} from '@turnero/domain/types';
import type { Db } from './db';
import { insertTicketEventsSql, runStatement, updateCounterStateSql, updateTicketSql } from './ticket-writes';
import { toCounter, toDevice, toOffice, toService, toTicket, toUser } from './mappers';

export async function loadOffice(db: Db): Promise<Office> {
  const row = await db.office.findFirst();
  if (!row) throw new AppError('unavailable', 'Office not configured');
  return toOffice(row);
}

export async function loadServices(db: Db): Promise<Service[]> {
  const rows = await db.service.findMany({ orderBy: [{ sortOrder: 'asc' }, { prefix: 'asc' }] });
  return rows.map(toService);
}

export async function loadCounters(db: Db): Promise<Counter[]> {
  const rows = await db.counter.findMany({ include: { services: true }, orderBy: { name: 'asc' } });
  return rows.map(toCounter).sort((a, b) => a.name.localeCompare(b.name, 'es', { numeric: true }));
}

async function findCounter(db: Db, id: string): Promise<Counter | null> {
  const row = await db.counter.findUnique({ where: { id }, include: { services: true } });
  return row ? toCounter(row) : null;
}

export async function getCounter(db: Db, id: string): Promise<Counter> {
  const c = await findCounter(db, id);
  if (!c) throw new AppError('not_found', `Unknown counter ${id}`);
  return c;
}

export async function saveCounterState(db: Db, c: Counter): Promise<void> {
  await runStatement(db, updateCounterStateSql(c));
}

export async function findTicket(db: Db, id: string): Promise<Ticket | null> {
  const row = await db.ticket.findUnique({ where: { id } });
  return row ? toTicket(row) : null;
}

export async function getTicket(db: Db, id: string): Promise<Ticket> {
  const t = await findTicket(db, id);
  if (!t) throw new AppError('not_found', `Unknown ticket ${id}`);
  return t;
}

/** Waiting tickets issued before a given day (candidates for end-of-day expiry). */
export async function waitingBeforeDay(db: Db, day: string): Promise<Ticket[]> {
  const rows = await db.ticket.findMany({ where: { status: 'waiting', day: { lt: day } } });
  return rows.map(toTicket);
}

export async function updateTicket(db: Db, t: Ticket): Promise<void> {
  await runStatement(db, updateTicketSql(t));
}

export async function appendTicketEvents(db: Db, events: TicketEvent[]): Promise<void> {
  await runStatement(db, insertTicketEventsSql(events));
}

export async function appendAgentEvent(db: Db, e: AgentEvent): Promise<void> {
  await db.agentEvent.create({
    data: { agentId: e.agentId, counterId: e.counterId, type: e.type, at: e.at, reason: e.reason },
  });
}

/** The last number a service gave on a local day (0 before its first ticket). */
export async function lastTicketNumber(db: Db, serviceId: string, day: string): Promise<number> {
  const row = await db.ticketCounter.findUnique({ where: { serviceId_day: { serviceId, day } } });
  return row?.value ?? 0;
}

export async function ticketEventsSince(db: Db, since: Date): Promise<TicketEvent[]> {
  const rows = await db.ticketEvent.findMany({ where: { at: { gte: since } }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    ticketId: r.ticketId,
    type: r.type as TicketEvent['type'],
    at: r.at,
    actorId: r.actorId,
    counterId: r.counterId,
    serviceId: r.serviceId,
    category: r.category as TicketEvent['category'],
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : undefined,
  }));
}

export async function agentEventsSince(db: Db, since: Date): Promise<AgentEvent[]> {
  const rows = await db.agentEvent.findMany({ where: { at: { gte: since } }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    agentId: r.agentId,
    counterId: r.counterId,
    type: r.type as AgentEvent['type'],
    at: r.at,
    reason: r.reason as AgentEvent['reason'],
  }));
}

/** Tickets still in the queue or at a counter, oldest first. */
export async function openTickets(db: Db): Promise<Ticket[]> {
  const rows = await db.ticket.findMany({
    where: { status: { in: ['waiting', 'called', 'serving'] } },
    orderBy: [{ issuedAt: 'asc' }, { number: 'asc' }],
  });
  return rows.map(toTicket);
}

/**
 * Service durations (seconds) of recently finished tickets, per service, newest first
 * (at most `perService` each, from the last `days` days): one query for every service.
 */
export async function recentServiceSecondsByService(
  db: Db,
  now: Date,
  perService: number,
  days = 7,
): Promise<Map<string, number[]>> {
  const rows = await db.ticket.findMany({
    where: { status: 'done', finishedAt: { gte: new Date(now.getTime() - days * 86_400_000) }, startedAt: { not: null } },
    orderBy: { finishedAt: 'desc' },
    take: 200,
    select: { serviceId: true, startedAt: true, finishedAt: true },
  });
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const list = out.get(r.serviceId) ?? [];
    if (list.length < perService) list.push(Math.max(0, (r.finishedAt!.getTime() - r.startedAt!.getTime()) / 1000));
    out.set(r.serviceId, list);
  }
  return out;
}

export async function recentCalls(db: Db, limit: number) {
  return db.ticketEvent.findMany({
    where: { type: { in: ['called', 'recalled'] } },
    orderBy: { id: 'desc' },
    take: limit,
    include: { ticket: { select: { code: true } } },
  });
}

export async function loadUsers(db: Db): Promise<(User & { counterId: string | null; managedBy: 'office' | 'hq' })[]> {
  const rows = await db.user.findMany({ orderBy: { username: 'asc' } });
  return rows.map((r) => ({ ...toUser(r), counterId: r.counterId, managedBy: r.managedBy === 'hq' ? 'hq' : 'office' }));
}

export async function loadDevices(db: Db) {
  const rows = await db.device.findMany({ orderBy: { name: 'asc' } });
  return rows.map((r) => ({
    device: toDevice(r) as Device,
    printerStatus: r.printerStatus,
    printerStatusAt: r.printerStatusAt,
  }));
}

export async function findIdempotentTicket(db: Db, principalId: string, key: string): Promise<string | null> {
  const row = await db.idempotencyKey.findUnique({ where: { principalId_key: { principalId, key } } });
  return row?.ticketId ?? null;
}
