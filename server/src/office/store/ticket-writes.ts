/**
 * The row writes of the busiest commands (issue, call, start, finish, no-show...) as
 * parameterized SQL statements for Prisma's SQLite driver adapter.
 *
 * Why not model queries: on these few small rows, Prisma's client (query building,
 * RETURNING the row and mapping it back, its interactive-transaction bookkeeping) costs
 * about ten times what SQLite does, and the office's latency targets are mostly that cost
 * (bench/office-api.ts). Hot commands decide from the in-memory live state and hand these
 * statements to the command bus, which runs them in one transaction of the same adapter
 * the client uses; other commands run the same statements through the client.
 *
 * Column names follow prisma/office/schema.prisma: the office integration tests run every
 * statement here, so a renamed column fails them. Dates bind as `datetime`, which the
 * adapter writes as the same ISO text the model queries write (range queries see both).
 */
import type { ArgType, SqlQuery } from '@prisma/driver-adapter-utils';
import type { Counter, Ticket, TicketEvent } from '@turnero/domain/types';
import type { Db } from './db';

const TEXT: ArgType = { scalarType: 'string', arity: 'scalar' };
const INT: ArgType = { scalarType: 'int', arity: 'scalar' };
const DATE: ArgType = { scalarType: 'datetime', arity: 'scalar' };

type Value = string | number | Date | null;
type Typed = readonly [Value, ArgType];

const text = (v: string | null): Typed => [v, TEXT];
const int = (v: number): Typed => [v, INT];
const date = (v: Date | null): Typed => [v, DATE];

function statement(sql: string, values: Typed[]): SqlQuery {
  return { sql, args: values.map(([v]) => v), argTypes: values.map(([, t]) => t) };
}

/** `INSERT INTO table (columns) VALUES (?, ...), (?, ...)` for one or more rows. */
function insertRows(table: string, columns: string[], rows: Typed[][]): SqlQuery {
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  return statement(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`,
    rows.flat(),
  );
}

const TICKET_COLUMNS = [
  'serviceId',
  'issuedServiceId',
  'category',
  'day',
  'number',
  'code',
  'status',
  'issuedAt',
  'counterId',
  'directedCounterId',
  'calledAt',
  'firstCalledAt',
  'startedAt',
  'finishedAt',
  'recallCount',
  'outcome',
  'printState',
  'issuedByDeviceId',
];

/** The values of TICKET_COLUMNS, in that order. */
const ticketValues = (t: Ticket): Typed[] => [
  text(t.serviceId),
  text(t.issuedServiceId),
  text(t.category),
  text(t.day),
  int(t.number),
  text(t.code),
  text(t.status),
  date(t.issuedAt),
  text(t.counterId),
  text(t.directedCounterId),
  date(t.calledAt),
  date(t.firstCalledAt),
  date(t.startedAt),
  date(t.finishedAt),
  int(t.recallCount),
  text(t.outcome),
  text(t.printState),
  text(t.issuedByDeviceId),
];

export const insertTicketSql = (t: Ticket): SqlQuery =>
  insertRows('Ticket', ['id', ...TICKET_COLUMNS], [[text(t.id), ...ticketValues(t)]]);

/** Writes every column but the id, as the ticket object has it. */
export const updateTicketSql = (t: Ticket): SqlQuery =>
  statement(`UPDATE "Ticket" SET ${TICKET_COLUMNS.map((c) => `"${c}" = ?`).join(', ')} WHERE "id" = ?`, [
    ...ticketValues(t),
    text(t.id),
  ]);

/** All events of a transition in one statement (undefined when there are none). */
export function insertTicketEventsSql(events: TicketEvent[]): SqlQuery | undefined {
  if (events.length === 0) return undefined;
  return insertRows(
    'TicketEvent',
    ['ticketId', 'type', 'at', 'actorId', 'counterId', 'serviceId', 'category', 'data'],
    events.map((e) => [
      text(e.ticketId),
      text(e.type),
      date(e.at),
      text(e.actorId),
      text(e.counterId),
      text(e.serviceId),
      text(e.category),
      text(e.data ? JSON.stringify(e.data) : null),
    ]),
  );
}

export const updateCounterStateSql = (c: Counter): SqlQuery =>
  statement(
    'UPDATE "Counter" SET "agentId" = ?, "agentState" = ?, "stateSince" = ?, "pauseReason" = ?, "preferentialStreak" = ? WHERE "id" = ?',
    [text(c.agentId), text(c.agentState), date(c.stateSince), text(c.pauseReason), int(c.preferentialStreak), text(c.id)],
  );

/** Records the last number given by a service on a local day (the counter row of numbering). */
export const setTicketNumberSql = (serviceId: string, day: string, value: number): SqlQuery =>
  statement(
    'INSERT INTO "TicketCounter" ("serviceId", "day", "value") VALUES (?, ?, ?) ON CONFLICT ("serviceId", "day") DO UPDATE SET "value" = excluded."value"',
    [text(serviceId), text(day), int(value)],
  );

interface OutboxRow {
  seq: number;
  type: string;
  occurredAt: Date;
  payload: string;
}

export const insertOutboxSql = (rows: OutboxRow[]): SqlQuery =>
  insertRows(
    'OutboxEvent',
    ['seq', 'type', 'occurredAt', 'payload'],
    rows.map((r) => [int(r.seq), text(r.type), date(r.occurredAt), text(r.payload)]),
  );

export const insertIdempotencyKeySql = (principalId: string, key: string, ticketId: string, at: Date): SqlQuery =>
  insertRows('IdempotencyKey', ['principalId', 'key', 'ticketId', 'createdAt'], [
    [text(principalId), text(key), text(ticketId), date(at)],
  ]);

export const insertCustomerDataSql = (d: {
  ticketId: string;
  customerId: string;
  consentPolicyVersion: string;
  at: Date;
  deleteAfter: Date;
}): SqlQuery =>
  insertRows('CustomerData', ['ticketId', 'customerId', 'consentPolicyVersion', 'consentAt', 'deleteAfter'], [
    [text(d.ticketId), text(d.customerId), text(d.consentPolicyVersion), date(d.at), date(d.deleteAfter)],
  ]);

/** Runs one of these statements through the Prisma client or an interactive transaction. */
export async function runStatement(db: Db, q: SqlQuery | undefined): Promise<number> {
  if (!q) return 0;
  return db.$executeRawUnsafe(q.sql, ...q.args);
}
