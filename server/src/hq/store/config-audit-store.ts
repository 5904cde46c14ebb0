/** The audit log of central changes (catalogue, offices' configuration, staff): who, when, what, before and after. */
import type { ConfigAuditEntry } from '@turnero/contract/hq';
import type { Sql } from '../db';

export interface NewConfigAudit {
  actorId: string;
  actorName: string;
  target: string;
  action: string;
  before: unknown;
  after: unknown;
}

export async function insertConfigAudit(sql: Sql, entries: readonly NewConfigAudit[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  await sql.$executeRawUnsafe(
    `INSERT INTO hq_config_audit (at, actor_id, actor_name, target, action, before, after)
     SELECT $2::timestamp, x.actor_id, x.actor_name, x.target, x.action, x.before, x.after
     FROM json_to_recordset($1::json) AS x(actor_id text, actor_name text, target text, action text, before jsonb, after jsonb)`,
    JSON.stringify(
      entries.map((e) => ({
        actor_id: e.actorId,
        actor_name: e.actorName,
        target: e.target,
        action: e.action,
        before: e.before ?? null,
        after: e.after ?? null,
      })),
    ),
    at.toISOString(),
  );
}

export async function listConfigAudit(sql: Sql, limit: number, target: string | null): Promise<ConfigAuditEntry[]> {
  const rows = await sql.$queryRawUnsafe<
    { id: number; at: Date; actor_name: string; target: string; action: string; before: unknown; after: unknown }[]
  >(
    `SELECT id, at, actor_name, target, action, before, after FROM hq_config_audit
     WHERE $2::text IS NULL OR target = $2 ORDER BY id DESC LIMIT $1`,
    limit,
    target,
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor_name,
    target: r.target,
    action: r.action,
    before: r.before ?? null,
    after: r.after ?? null,
  }));
}
