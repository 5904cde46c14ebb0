/**
 * The head-office link's rows: where the stream of messages stands (one LinkState row,
 * written in the same transaction as what a message changed), the services and users head
 * office manages, and the configuration audit (every change, central or local).
 */
import type { ConfigSettings } from '@turnero/contract/hq-link';
import type { Db } from './db';

export interface LinkRow {
  lastAppliedSeq: number;
  lastAppliedAt: Date | null;
  configVersion: number;
  staffVersion: number;
  /** Office settings head office owns (read-only on the admin pages). */
  hqSettings: (keyof ConfigSettings)[];
}

const ONE = { id: 1 };
const EMPTY: LinkRow = { lastAppliedSeq: 0, lastAppliedAt: null, configVersion: 0, staffVersion: 0, hqSettings: [] };

/** The row as stored; before the first message, as if nothing was applied. */
export async function readLinkRow(db: Db): Promise<LinkRow> {
  const row = await db.linkState.findUnique({ where: ONE });
  if (!row) return EMPTY;
  return { ...row, hqSettings: JSON.parse(row.hqSettings) as LinkRow['hqSettings'] };
}

export async function saveLinkRow(db: Db, changes: Partial<LinkRow>): Promise<void> {
  const { hqSettings, ...rest } = changes;
  const data = { ...rest, ...(hqSettings ? { hqSettings: JSON.stringify(hqSettings) } : {}) };
  await db.linkState.upsert({ where: ONE, create: { ...ONE, ...data }, update: data });
}

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

/** Who manages a user ('office' or 'hq'); null for an unknown id. */
export async function userManager(db: Db, id: string): Promise<string | null> {
  return (await db.user.findUnique({ where: { id }, select: { managedBy: true } }))?.managedBy ?? null;
}

export async function loadStaffUsers(db: Db) {
  return db.user.findMany({
    select: { id: true, username: true, displayName: true, role: true, active: true, passwordHash: true, managedBy: true },
  });
}

/** The office's current values of the settings head office may own. */
export async function readHqOwnableSettings(db: Db): Promise<Required<ConfigSettings>> {
  return db.office.findFirstOrThrow({
    select: { preferentialPerGeneral: true, overdueFirst: true, ticker: true, ticketFooter: true, consentPolicyVersion: true },
  });
}

export async function writeHqOwnableSettings(db: Db, settings: ConfigSettings): Promise<void> {
  const office = await db.office.findFirstOrThrow({ select: { id: true } });
  await db.office.update({ where: { id: office.id }, data: settings });
}
