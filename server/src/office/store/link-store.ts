/**
 * The head-office link's rows: where the stream of messages stands (one LinkState row,
 * written in the same transaction as what a message changed), the services and users head
 * office manages.
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
