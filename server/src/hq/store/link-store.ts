/**
 * The per-office message log the link carries and each office's link state. Set-based SQL
 * (rows passed as one JSON parameter), so publishing to 2,000 offices is a handful of
 * statements in one transaction, not thousands.
 */
import type { Sql } from '../db';

/** Which per-office version counter a message kind advances. */
export type VersionCounter = 'config_version' | 'roster_version';

export interface MessageHead {
  officeId: number;
  seq: number;
  version: number;
}

/**
 * Takes the next message seq and the next version of `counter` for each office, locking
 * their link-state rows until the transaction ends: seqs stay gapless (a rolled-back
 * publish gives its numbers back) and two publishes to one office take turns.
 */
export async function takeMessageHeads(tx: Sql, officeIds: readonly number[], counter: VersionCounter): Promise<Map<number, MessageHead>> {
  if (officeIds.length === 0) return new Map();
  const sorted = [...new Set(officeIds)].sort((a, b) => a - b);
  const rows = await tx.$queryRawUnsafe<{ office_id: number; head_seq: number; version: number }[]>(
    `INSERT INTO hq_link_state (office_id, head_seq, ${counter})
     SELECT value::int, 1, 1 FROM json_array_elements_text($1::json)
     ON CONFLICT (office_id) DO UPDATE SET head_seq = hq_link_state.head_seq + 1, ${counter} = hq_link_state.${counter} + 1
     RETURNING office_id, head_seq, ${counter} AS version`,
    JSON.stringify(sorted),
  );
  return new Map(rows.map((r) => [r.office_id, { officeId: r.office_id, seq: r.head_seq, version: r.version }]));
}

export interface NewLinkMessage {
  officeId: number;
  seq: number;
  kind: string;
  payload: unknown;
}

export async function insertLinkMessages(tx: Sql, messages: readonly NewLinkMessage[], at: Date): Promise<void> {
  if (messages.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO hq_link_message (office_id, seq, kind, payload, created_at)
     SELECT x.office_id, x.seq, x.kind, x.payload, $2::timestamp
     FROM json_to_recordset($1::json) AS x(office_id int, seq int, kind text, payload jsonb)`,
    JSON.stringify(messages.map((m) => ({ office_id: m.officeId, seq: m.seq, kind: m.kind, payload: m.payload }))),
    at.toISOString(),
  );
}

export interface NewConfigVersion {
  officeId: number;
  version: number;
  config: unknown;
}

export async function insertConfigVersions(tx: Sql, versions: readonly NewConfigVersion[], at: Date, by: string): Promise<void> {
  if (versions.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO hq_config_version (office_id, version, config, published_at, published_by)
     SELECT x.office_id, x.version, x.config, $2::timestamp, $3
     FROM json_to_recordset($1::json) AS x(office_id int, version int, config jsonb)`,
    JSON.stringify(versions.map((v) => ({ office_id: v.officeId, version: v.version, config: v.config }))),
    at.toISOString(),
    by,
  );
}

export interface StoredLinkMessage {
  seq: number;
  kind: string;
  payload: unknown;
  createdAt: Date;
}

/** The office's messages after `afterSeq`, in order, and the head of its log. */
export async function readLinkMessages(
  sql: Sql,
  officeId: number,
  afterSeq: number,
  limit: number,
): Promise<{ messages: StoredLinkMessage[]; headSeq: number }> {
  const rows = await sql.$queryRawUnsafe<{ seq: number; kind: string; payload: unknown; created_at: Date; head_seq: number }[]>(
    `SELECT m.seq, m.kind, m.payload, m.created_at, s.head_seq
     FROM hq_link_state s LEFT JOIN LATERAL (
       SELECT seq, kind, payload, created_at FROM hq_link_message
       WHERE office_id = s.office_id AND seq > $2 ORDER BY seq LIMIT $3
     ) m ON true
     WHERE s.office_id = $1
     ORDER BY m.seq`,
    officeId,
    afterSeq,
    limit,
  );
  return {
    headSeq: rows[0]?.head_seq ?? 0,
    messages: rows
      .filter((r) => r.seq !== null)
      .map((r) => ({ seq: r.seq, kind: r.kind, payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload, createdAt: r.created_at })),
  };
}

export interface LinkStateRow {
  officeId: number;
  headSeq: number;
  configVersion: number;
  appliedSeq: number;
  appliedVersion: number;
  refusedVersion: number | null;
  refusedReason: string | null;
  lastSeenAt: Date | null;
}

const STATE_COLUMNS = `office_id, head_seq, config_version, applied_seq, applied_version, refused_version, refused_reason, last_seen_at`;

type RawState = {
  office_id: number;
  head_seq: number;
  config_version: number;
  applied_seq: number;
  applied_version: number;
  refused_version: number | null;
  refused_reason: string | null;
  last_seen_at: Date | null;
};

const toState = (r: RawState): LinkStateRow => ({
  officeId: r.office_id,
  headSeq: r.head_seq,
  configVersion: r.config_version,
  appliedSeq: r.applied_seq,
  appliedVersion: r.applied_version,
  refusedVersion: r.refused_version,
  refusedReason: r.refused_reason,
  lastSeenAt: r.last_seen_at,
});

/** The newest version the office refused, with its reason (null: none since the last applied). */
export const refusalOf = (s: LinkStateRow | undefined): { version: number; reason: string } | null =>
  s && s.refusedVersion !== null ? { version: s.refusedVersion, reason: s.refusedReason ?? '' } : null;

/** The link state of these offices (all when `officeIds` is null); offices never published to have no row. */
export async function readLinkStates(sql: Sql, officeIds: readonly number[] | null): Promise<Map<number, LinkStateRow>> {
  const rows = await sql.$queryRawUnsafe<RawState[]>(
    `SELECT ${STATE_COLUMNS} FROM hq_link_state
     WHERE $1::json IS NULL OR office_id IN (SELECT json_array_elements_text($1::json)::int)`,
    officeIds === null ? null : JSON.stringify(officeIds),
  );
  return new Map(rows.map((r) => [r.office_id, toState(r)]));
}

/**
 * For a transaction that only records what an office reported: its commit does not wait for
 * the disk. Losing such a record in a head-office crash is harmless, because the office's own
 * stored seq is the truth and comes back in its next handshake; not waiting for 2,000 flushes
 * after a bulk publish is what keeps the fetches of the offices still behind quick.
 */
export async function commitWithoutFlush(tx: Sql): Promise<void> {
  await tx.$executeRawUnsafe('SET LOCAL synchronous_commit = off');
}

/** Locks (creating it if need be) one office's link state for the transaction. */
export async function lockLinkState(tx: Sql, officeId: number): Promise<LinkStateRow> {
  await tx.$executeRawUnsafe('INSERT INTO hq_link_state (office_id) VALUES ($1) ON CONFLICT (office_id) DO NOTHING', officeId);
  const rows = await tx.$queryRawUnsafe<RawState[]>(`SELECT ${STATE_COLUMNS} FROM hq_link_state WHERE office_id = $1 FOR UPDATE`, officeId);
  return toState(rows[0]);
}

export async function writeLinkProgress(
  tx: Sql,
  s: Pick<LinkStateRow, 'officeId' | 'appliedSeq' | 'appliedVersion' | 'refusedVersion' | 'refusedReason' | 'lastSeenAt'>,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE hq_link_state SET applied_seq = $2, applied_version = $3, refused_version = $4, refused_reason = $5, last_seen_at = $6::timestamp
     WHERE office_id = $1`,
    s.officeId,
    s.appliedSeq,
    s.appliedVersion,
    s.refusedVersion,
    s.refusedReason,
    s.lastSeenAt?.toISOString() ?? null,
  );
}

/** Records that the office was heard from (connect, disconnect). */
export async function touchLinkState(sql: Sql, officeId: number, at: Date): Promise<void> {
  await sql.$executeRawUnsafe(
    `INSERT INTO hq_link_state (office_id, last_seen_at) VALUES ($1, $2::timestamp)
     ON CONFLICT (office_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
    officeId,
    at.toISOString(),
  );
}

/** The config versions carried by these seqs of the office's log (seq -> version). */
export async function configVersionsAt(tx: Sql, officeId: number, seqs: readonly number[]): Promise<Map<number, number>> {
  const rows = await tx.$queryRawUnsafe<{ seq: number; version: number }[]>(
    `SELECT seq, (payload->>'version')::int AS version FROM hq_link_message
     WHERE office_id = $1 AND kind = 'config' AND seq IN (SELECT json_array_elements_text($2::json)::int)`,
    officeId,
    JSON.stringify(seqs),
  );
  return new Map(rows.map((r) => [r.seq, r.version]));
}

/** The newest configuration version published to an office, or null. */
export async function latestConfigVersion(
  sql: Sql,
  officeId: number,
): Promise<{ version: number; config: unknown; publishedAt: Date } | null> {
  const rows = await sql.$queryRawUnsafe<{ version: number; config: unknown; published_at: Date }[]>(
    `SELECT version, config, published_at FROM hq_config_version WHERE office_id = $1 ORDER BY version DESC LIMIT 1`,
    officeId,
  );
  const r = rows[0];
  return r ? { version: r.version, config: typeof r.config === 'string' ? JSON.parse(r.config) : r.config, publishedAt: r.published_at } : null;
}
