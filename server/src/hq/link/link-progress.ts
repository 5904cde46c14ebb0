/**
 * What the link records of each office: what it says it runs when it connects, the
 * messages it fetches, and what it applied or refused. Reports are idempotent: a seq at or
 * below the recorded one changes nothing, so a report repeated after a reconnect is harmless.
 */
import { LinkMessage, type LinkApplyResult, type LinkAuth } from '@turnero/contract/hq-link';
import { AppError } from '@turnero/domain/errors';
import type { HqDatabase, Sql } from '../db';
import { commitWithoutFlush, configVersionsAt, lockLinkState, readLinkMessages, touchLinkState, writeLinkProgress } from '../store/link-store';

/**
 * On connect the office's own stored seq and version are the truth (it may have been
 * restored from a backup): recorded as they are, kept within what head office has sent.
 * Returns the head of the office's log, for the first `link:pending`.
 */
export async function recordConnect(db: HqDatabase, officeId: number, hs: LinkAuth, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await commitWithoutFlush(tx);
    const s = await lockLinkState(tx, officeId);
    await writeLinkProgress(tx, {
      ...s,
      appliedSeq: Math.min(hs.appliedSeq, s.headSeq),
      appliedVersion: Math.min(hs.configVersion, s.configVersion),
      lastSeenAt: now,
    });
    return s.headSeq;
  });
}

export async function recordSeen(sql: Sql, officeId: number, now: Date): Promise<void> {
  await touchLinkState(sql, officeId, now);
}

export async function fetchMessages(
  sql: Sql,
  officeId: number,
  afterSeq: number,
  limit: number,
): Promise<{ messages: LinkMessage[]; headSeq: number }> {
  const { messages, headSeq } = await readLinkMessages(sql, officeId, afterSeq, limit);
  return {
    headSeq,
    messages: messages.map((m) => LinkMessage.parse({ seq: m.seq, kind: m.kind, payload: m.payload, createdAt: m.createdAt.toISOString() })),
  };
}

/**
 * The office's results, in seq order. A configuration applied clears a refusal of an older
 * one; a refused one is shown with its reason until a newer version is applied. The
 * version of each result is read from the message itself, not taken from the office.
 */
export async function recordApplied(db: HqDatabase, officeId: number, results: readonly LinkApplyResult[], now: Date): Promise<void> {
  const sorted = [...results].sort((a, b) => a.seq - b.seq);
  await db.transaction(async (tx) => {
    await commitWithoutFlush(tx);
    const s = await lockLinkState(tx, officeId);
    const beyond = sorted.find((r) => r.seq > s.headSeq);
    if (beyond) throw new AppError('validation_failed', `Message ${beyond.seq} was never sent (head is ${s.headSeq})`);
    const versions = await configVersionsAt(tx, officeId, sorted.map((r) => r.seq));
    for (const r of sorted) {
      if (r.seq <= s.appliedSeq) continue;
      s.appliedSeq = r.seq;
      const version = versions.get(r.seq);
      if (version === undefined) continue;
      if (r.status === 'applied') {
        s.appliedVersion = Math.max(s.appliedVersion, version);
        if (s.refusedVersion !== null && s.refusedVersion <= version) {
          s.refusedVersion = null;
          s.refusedReason = null;
        }
      } else {
        s.refusedVersion = version;
        s.refusedReason = r.reason ?? 'refused';
      }
    }
    await writeLinkProgress(tx, { ...s, lastSeenAt: now });
  });
}
