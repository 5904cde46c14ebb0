/**
 * The outbox to head office. Rows are written in the same transaction as the change
 * they describe, numbered with a gapless per-office sequence. All writes run through the
 * serialized command path, which keeps the last committed number in memory (read once
 * with max(seq)) and takes it back when a transaction rolls back.
 */
import type { AgentFact, TicketFact } from '@turnero/contract/outbox';
import type { BookingFact } from '@turnero/contract/booking-figures';
import type { RatingFact } from '@turnero/contract/ratings';
import type { SelfServiceFact } from '@turnero/contract/self-service';
import type { Db } from './db';
import type { SqlQuery } from '@prisma/driver-adapter-utils';
import { insertOutboxSql } from './ticket-writes';

export interface OutboxEntry {
  occurredAt: Date;
  fact: TicketFact | AgentFact | RatingFact | SelfServiceFact | BookingFact;
}

/** The statement writing the entries as seq head+1, head+2... */
export const outboxSql = (head: number, entries: OutboxEntry[]): SqlQuery =>
  insertOutboxSql(
    entries.map((e, i) => ({ seq: head + i + 1, type: e.fact.kind, occurredAt: e.occurredAt, payload: JSON.stringify(e.fact) })),
  );

export async function outboxHead(db: Db): Promise<number> {
  const head = await db.outboxEvent.aggregate({ _max: { seq: true } });
  return head._max.seq ?? 0;
}
