/**
 * Ingest use case: one batch of one office's outbox events, applied in one transaction.
 * Exactly-once in effect over at-least-once delivery: the office row is locked, events at
 * or below its acked sequence are duplicates (accepted, ignored), the rest must continue
 * the sequence without a gap.
 */
import type { IngestBatch, IngestResult } from '@turnero/contract/outbox';
import { AppError } from '@turnero/domain/errors';
import { isValidTimeZone } from '@turnero/domain/local-day';
import type { HqDatabase, Sql } from '../db';
import { reduceEvents, toDayDeltas, type ReducibleEvent } from './reducer';
import { BatchWrite, loadAgents, loadTickets, lockOffice } from '../store/ingest-store';

/** Offices whose clock is further off than this are flagged. */
export const SKEW_FLAG_MS = 2000;
const INT32_MAX = 2_147_483_647;

/**
 * Reduces events and adds everything they change to `write` (nothing is written yet).
 * Shared by ingest and rebuild.
 */
export async function reduceInto(
  write: BatchWrite,
  sql: Sql,
  officeId: number,
  timeZone: string,
  events: readonly ReducibleEvent[],
): Promise<BatchWrite> {
  const ticketIds = new Set<string>();
  const agentIds = new Set<string>();
  for (const e of events) {
    if (e.fact.kind === 'ticket') ticketIds.add(e.fact.ticketId);
    else if (e.fact.kind === 'agent') agentIds.add(e.fact.agentId);
  }
  const tickets = await loadTickets(sql, officeId, [...ticketIds]);
  const agents = await loadAgents(sql, officeId, [...agentIds]);
  const result = reduceEvents({ tickets, agents }, events, timeZone);
  return write
    .services(result.services)
    .tickets(result.tickets)
    .agents(result.agents)
    .aggregates(result.aggHour, toDayDeltas(result.aggHour))
    .agentHours(result.agentHour)
    .ratings(result.ratings)
    .selfServiceDays(result.selfServiceDays)
    .bookingDays(result.bookingDays);
}

interface IngestPrincipal {
  role: string;
  officeCode?: string | null;
}

export async function ingestBatch(
  db: Pick<HqDatabase, 'transaction'>,
  principal: IngestPrincipal,
  batch: IngestBatch,
  receivedAt: Date,
): Promise<IngestResult> {
  if (principal.role !== 'office-sync') throw new AppError('forbidden', 'Only an office token may send events');
  if (principal.officeCode !== batch.officeCode) {
    throw new AppError('forbidden', `This token belongs to office ${principal.officeCode}, not ${batch.officeCode}`);
  }
  const clockSkewMs = Math.max(-INT32_MAX, Math.min(INT32_MAX, receivedAt.getTime() - Date.parse(batch.sentAt)));

  // Sort and drop repeated sequence numbers inside the batch (first one wins).
  const bySeq = new Map<number, ReducibleEvent>();
  for (const e of batch.events) {
    if (!bySeq.has(e.seq)) bySeq.set(e.seq, { seq: e.seq, occurredAt: new Date(e.occurredAt), fact: e.fact });
  }
  const events = [...bySeq.values()].sort((a, b) => a.seq - b.seq);

  return db.transaction(async (tx) => {
    const office = await lockOffice(tx, batch.officeCode);
    if (!office) throw new AppError('forbidden', `Unknown office ${batch.officeCode}`);
    const fresh = events.filter((e) => e.seq > office.ackedSeq);
    const duplicates = batch.events.length - fresh.length;
    fresh.forEach((e, i) => {
      if (e.seq !== office.ackedSeq + 1 + i) {
        throw new AppError('gap_in_sequence', `Expected event ${office.ackedSeq + 1 + i}, got ${e.seq}`, {
          expectedSeq: office.ackedSeq + 1,
        });
      }
    });
    const timeZone = batch.timeZone && isValidTimeZone(batch.timeZone) ? batch.timeZone : office.timeZone;
    const ackedSeq = office.ackedSeq + fresh.length;
    const write = new BatchWrite(office.id);
    if (fresh.length > 0) await reduceInto(write.events(fresh, receivedAt), tx, office.id, timeZone, fresh);
    await write.run(tx, { ackedSeq, receivedAt, clockSkewMs, timeZone });
    return { ackedSeq, applied: fresh.length, duplicates, clockSkewMs };
  });
}
