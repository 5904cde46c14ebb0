/**
 * The head-office link's rows: where the stream of messages stands (one LinkState row,
 * written in the same transaction as what a message changed), the services and users head
 * office manages.
 */
import type { ConfigSettings, Holiday, PublishedSettings, WeekHours } from '@turnero/contract/hq-link';
import { appointmentSettingsOf, remoteQueueSettingsOf } from '../bookings/booking-settings';
import type { ServiceFields } from './admin-store';
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
export async function readHqOwnableSettings(db: Db): Promise<Required<PublishedSettings>> {
  const { appointmentSettings, remoteQueueSettings, ...row } = await db.office.findFirstOrThrow({ select: { ...OWNABLE_COLUMNS } });
  return {
    ...row,
    appointments: appointmentSettingsOf(appointmentSettings),
    remoteQueue: remoteQueueSettingsOf(remoteQueueSettings),
    openingHours: row.openingHours === null ? null : (JSON.parse(row.openingHours) as WeekHours),
    holidays: JSON.parse(row.holidays) as Holiday[],
    announcementLanguage: row.announcementLanguage as PublishedSettings['announcementLanguage'] & string,
  } as Required<PublishedSettings>;
}

export async function writeHqOwnableSettings(db: Db, settings: PublishedSettings): Promise<void> {
  const office = await db.office.findFirstOrThrow({ select: { id: true } });
  await db.office.update({ where: { id: office.id }, data: officeColumns(settings) });
}

/** Settings as Office columns: the calendar's lists are stored as JSON text. */
export function officeColumns<T extends Pick<PublishedSettings, 'openingHours' | 'holidays'> & Partial<Pick<PublishedSettings, 'appointments' | 'remoteQueue'>>>(settings: T) {
  const { openingHours, holidays, appointments, remoteQueue, ...columns } = settings;
  return {
    ...columns,
    ...(appointments !== undefined ? { appointmentSettings: JSON.stringify(appointments) } : {}),
    ...(remoteQueue !== undefined ? { remoteQueueSettings: JSON.stringify(remoteQueue) } : {}),
    ...(openingHours !== undefined ? { openingHours: openingHours === null ? null : JSON.stringify(openingHours) } : {}),
    ...(holidays !== undefined ? { holidays: JSON.stringify(holidays) } : {}),
  };
}

/** The Office columns behind PublishedSettings (openingHours and holidays hold JSON). */
const OWNABLE_COLUMNS = {
  preferentialPerGeneral: true,
  overdueFirst: true,
  ticker: true,
  ticketFooter: true,
  consentPolicyVersion: true,
  openingHours: true,
  holidays: true,
  holidayCountry: true,
  kioskWelcomeEs: true,
  kioskWelcomeEn: true,
  consentTextEs: true,
  consentTextEn: true,
  announcementLanguage: true,
  announcementVoice: true,
  ticketLogo: true,
  appointmentSettings: true,
  remoteQueueSettings: true,
} as const;

/** The service columns head office owns, as a configuration version sets them. */
type LinkedServiceColumns = ServiceFields & { catalogCode: string };

export async function setServiceColumns(db: Db, id: string, columns: Partial<LinkedServiceColumns>): Promise<void> {
  await db.service.update({ where: { id }, data: columns });
}

/** A new linked service, served by `counterIds` with weight 1. */
export async function insertLinkedService(db: Db, id: string, columns: LinkedServiceColumns, counterIds: string[]): Promise<void> {
  await db.service.create({ data: { id, ...columns } });
  for (const counterId of counterIds) await db.counterService.create({ data: { counterId, serviceId: id, weight: 1 } });
}

interface StaffColumns {
  username: string;
  displayName: string;
  role: string;
  active: boolean;
  passwordHash: string;
}

export async function insertHqUser(db: Db, id: string, columns: StaffColumns): Promise<void> {
  await db.user.create({ data: { id, ...columns, managedBy: 'hq' } });
}

export async function setHqUserColumns(db: Db, id: string, columns: StaffColumns): Promise<void> {
  await db.user.update({ where: { id }, data: columns });
}

/** 'hq' for a person head office manages, 'office' for a local one, null for an unknown id. */
export async function userManager(db: Db, id: string): Promise<string | null> {
  return (await db.user.findUnique({ where: { id }, select: { managedBy: true } }))?.managedBy ?? null;
}
