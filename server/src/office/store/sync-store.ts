/**
 * Where sending the outbox to head office stands (one SyncState row), and the outbox read
 * back in sequence order, one page at a time.
 */
import type { Db } from './db';

interface SyncRow {
  lastSentSeq: number;
  lastSuccessAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
}

interface StoredOutboxEvent {
  seq: number;
  occurredAt: Date;
  payload: string;
}

const ONE = { id: 1 };
const SYNC_COLUMNS = { lastSentSeq: true, lastSuccessAt: true, lastAttemptAt: true, lastError: true } as const;

/** The row as stored, or null before the sync worker first ran. */
export async function findSyncRow(db: Db): Promise<SyncRow | null> {
  return db.syncState.findUnique({ where: ONE, select: SYNC_COLUMNS });
}

/** The row, created empty on first use. */
export async function ensureSyncRow(db: Db): Promise<SyncRow> {
  return db.syncState.upsert({ where: ONE, create: ONE, update: {}, select: SYNC_COLUMNS });
}

export async function saveSyncRow(db: Db, changes: Partial<SyncRow>): Promise<void> {
  await db.syncState.update({ where: ONE, data: changes });
}

/** Up to `limit` outbox rows after `afterSeq`, in order. */
export async function outboxPage(db: Db, afterSeq: number, limit: number): Promise<StoredOutboxEvent[]> {
  return db.outboxEvent.findMany({
    where: { seq: { gt: afterSeq } },
    orderBy: { seq: 'asc' },
    take: limit,
    select: { seq: true, occurredAt: true, payload: true },
  });
}
