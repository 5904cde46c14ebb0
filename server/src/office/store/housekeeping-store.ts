/**
 * Rows that only grow: login tokens that expired or were revoked, and the idempotency
 * keys of old ticket requests. The end-of-day job deletes them (a dead token's hash is
 * useless to keep, and every row is one more a stolen database file gives away).
 */
import type { Db } from './db';

/** A dead token is kept this long after it died (to tell "expired" from "unknown" in a support call). */
const DEAD_TOKENS_KEPT_MS = 24 * 3_600_000;
/** A kiosk retries a lost answer within minutes; two days cover a kiosk left offline overnight. */
const IDEMPOTENCY_KEYS_KEPT_MS = 48 * 3_600_000;

export async function purgeDeadTokens(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - DEAD_TOKENS_KEPT_MS);
  const r = await db.authToken.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] } });
  return r.count;
}

export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const r = await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEYS_KEPT_MS) } } });
  return r.count;
}
