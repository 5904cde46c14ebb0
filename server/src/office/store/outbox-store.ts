/**
 * The outbox to head office. Rows are written in the same transaction as the change
 * they describe, numbered with a gapless per-office sequence: all writes run through
 * the serialized command path, so max(seq) + 1 inside the transaction is safe, and a
 * rollback takes the numbers back with it.
 */
import type { AgentFact, TicketFact } from '../../contract/outbox';
import type { Db } from './db';

export interface OutboxEntry {
  occurredAt: Date;
  fact: TicketFact | AgentFact;
}

export async function appendOutbox(db: Db, entries: OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await db.outboxEvent.aggregate({ _max: { seq: true } });
  let seq = head._max.seq ?? 0;
  for (const e of entries) {
    seq += 1;
    await db.outboxEvent.create({
      data: { seq, type: e.fact.kind, occurredAt: e.occurredAt, payload: JSON.stringify(e.fact) },
    });
  }
}

export async function outboxHead(db: Db): Promise<number> {
  const head = await db.outboxEvent.aggregate({ _max: { seq: true } });
  return head._max.seq ?? 0;
}
