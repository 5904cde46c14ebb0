/**
 * Self-service at the kiosk: the office's setting (Office.selfServiceSettings, a JSON
 * string of the contract's SelfServiceSettings) and the audit rows of every coupon or
 * duplicate printed (account reference, amount, kiosk, time: never the holder's name).
 */
import { SelfServiceSettings, type SelfServiceKind } from '@turnero/contract/self-service';
import type { Db } from './db';

export interface SelfServiceOffice {
  code: string;
  name: string;
  timeZone: string;
  settings: SelfServiceSettings;
}

/** A stored setting that no longer parses reads as off (never a crash at the kiosk). */
export async function loadSelfServiceOffice(db: Db): Promise<SelfServiceOffice> {
  const row = await db.office.findFirstOrThrow({ select: { code: true, name: true, timeZone: true, selfServiceSettings: true } });
  let json: unknown = {};
  try {
    json = JSON.parse(row.selfServiceSettings);
  } catch {
    /* off */
  }
  const parsed = SelfServiceSettings.safeParse(json);
  return { code: row.code, name: row.name, timeZone: row.timeZone, settings: parsed.success ? parsed.data : { enabled: false } };
}

export async function saveSelfServiceSettings(db: Db, settings: SelfServiceSettings): Promise<void> {
  const office = await db.office.findFirstOrThrow({ select: { id: true } });
  await db.office.update({ where: { id: office.id }, data: { selfServiceSettings: JSON.stringify(settings) } });
}

export interface SelfServiceRow {
  id: string;
  kind: SelfServiceKind;
  account: string;
  amountMinor: number;
  currency: string;
  dueDate: string | null;
  gs1: string | null;
  deviceId: string | null;
  printState: string;
  at: Date;
}

export async function insertSelfServiceTransaction(db: Db, row: SelfServiceRow): Promise<void> {
  await db.selfServiceTransaction.create({ data: row });
}

export async function setSelfServicePrintState(db: Db, id: string, printState: string): Promise<void> {
  await db.selfServiceTransaction.update({ where: { id }, data: { printState } });
}

export async function listSelfServiceTransactions(db: Db, since: Date): Promise<SelfServiceRow[]> {
  const rows = await db.selfServiceTransaction.findMany({ where: { at: { gte: since } }, orderBy: { at: 'asc' } });
  return rows.map((r) => ({ ...r, kind: r.kind as SelfServiceKind }));
}
