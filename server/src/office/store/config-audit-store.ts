/**
 * The office's configuration audit: every change of its services, counters, users,
 * devices and settings, made at head office (actor 'hq', with the link message's seq) or
 * on the office's own pages (actor: the user's id), with the row before and after. Rows
 * are read here without secrets (no password verifier), so the audit never holds one.
 */
import type { Db } from './db';

export interface ConfigAuditEntry {
  at: Date;
  /** 'hq' or the id of the user who changed it locally. */
  actor: string;
  /** What was done, e.g. `service.update`, `user.deactivate`, `config.refused`. */
  action: string;
  /** The id or code of what changed. */
  subject: string;
  before: unknown;
  after: unknown;
  linkSeq?: number;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export async function insertConfigAudit(db: Db, entries: ConfigAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.configAudit.createMany({
    data: entries.map((e) => ({ ...e, before: json(e.before), after: json(e.after), linkSeq: e.linkSeq ?? null })),
  });
}

export interface StoredConfigAudit {
  id: number;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
  linkSeq: number | null;
}

/** The latest entries first. */
export async function listConfigAudit(db: Db, limit: number): Promise<StoredConfigAudit[]> {
  return db.configAudit.findMany({ orderBy: { id: 'desc' }, take: limit });
}


export type AuditedKind = 'service' | 'counter' | 'user' | 'device';

/** A row as the audit keeps it (null when it does not exist). */
export async function auditedRow(db: Db, kind: AuditedKind, id: string): Promise<unknown> {
  switch (kind) {
    case 'service':
      return db.service.findUnique({ where: { id } });
    case 'counter':
      return db.counter.findUnique({
        where: { id },
        select: { id: true, name: true, active: true, services: { select: { serviceId: true, weight: true } } },
      });
    case 'user':
      return db.user.findUnique({
        where: { id },
        select: { id: true, username: true, displayName: true, role: true, active: true, counterId: true, managedBy: true },
      });
    case 'device':
      return db.device.findUnique({
        where: { id },
        select: { id: true, kind: true, name: true, active: true, printerUri: true, serviceIds: true, counterIds: true },
      });
  }
}
