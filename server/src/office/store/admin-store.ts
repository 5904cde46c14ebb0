/**
 * Rows the admin pages (and the first-start seed) create and edit: services, counters,
 * users and devices. A taken unique name or an unknown id comes back as an AppError, so
 * callers never see the database's own error codes.
 */
import { AppError } from '@turnero/domain/errors';
import type { DeviceKind, UserRole } from '@turnero/domain/types';
import type { Db } from './db';

export interface ServiceFields {
  nameEs: string;
  nameEn: string;
  prefix: string;
  targetWaitMinutes: number;
  color: string;
  icon: string;
  sortOrder: number;
  active: boolean;
}

export interface CounterSummary {
  id: string;
  name: string;
  active: boolean;
}

interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
  counterId: string | null;
}

type UserChanges = Partial<Pick<NewUser, 'displayName' | 'role' | 'passwordHash' | 'counterId'> & { active: boolean }>;

export interface NewDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  printerUri: string | null;
  serviceIds: string[];
  counterIds: string[];
}

export type DeviceChanges = Partial<Omit<NewDevice, 'id' | 'kind'> & { active: boolean }>;

/** Unique-constraint violations (a prefix, name or username taken) become 409s, unknown ids 404s. */
async function unique<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') throw new AppError('conflict', `${what} already exists`);
    if ((e as { code?: string }).code === 'P2025') throw new AppError('not_found', `Unknown ${what}`);
    throw e;
  }
}

/** A device's id lists are stored as JSON text; lists not given stay as they are. */
function deviceColumns<T extends { serviceIds?: string[]; counterIds?: string[] }>(d: T) {
  const { serviceIds, counterIds, ...rest } = d;
  return {
    ...rest,
    ...(serviceIds ? { serviceIds: JSON.stringify(serviceIds) } : {}),
    ...(counterIds ? { counterIds: JSON.stringify(counterIds) } : {}),
  };
}

export async function insertService(db: Db, s: { id: string } & Omit<ServiceFields, 'active'>): Promise<void> {
  await unique('A service with that prefix', () => db.service.create({ data: s }));
}

export async function patchService(db: Db, id: string, changes: Partial<ServiceFields>): Promise<void> {
  await unique('service', () => db.service.update({ where: { id }, data: changes }));
}

export async function listCounterSummaries(db: Db): Promise<CounterSummary[]> {
  return db.counter.findMany({ select: { id: true, name: true, active: true }, orderBy: { name: 'asc' } });
}

/** A counter and the services it serves, with their weights. */
export async function insertCounter(
  db: Db,
  c: { id: string; name: string; services: { serviceId: string; weight: number }[] },
): Promise<CounterSummary> {
  return unique('A counter with that name', async () => {
    const row = await db.counter.create({ data: { id: c.id, name: c.name } });
    for (const s of c.services) await db.counterService.create({ data: { counterId: c.id, ...s } });
    return { id: row.id, name: row.name, active: row.active };
  });
}

export async function patchCounter(
  db: Db,
  id: string,
  changes: { name?: string; active?: boolean },
): Promise<CounterSummary> {
  const row = await unique('counter', () => db.counter.update({ where: { id }, data: changes }));
  return { id: row.id, name: row.name, active: row.active };
}

export async function insertUser(db: Db, u: NewUser): Promise<void> {
  await unique('A user with that username', () => db.user.create({ data: u }));
}

export async function patchUser(db: Db, id: string, changes: UserChanges): Promise<void> {
  await unique('user', () => db.user.update({ where: { id }, data: changes }));
}

export async function insertDevice(db: Db, d: NewDevice): Promise<void> {
  await unique('A device with that name', () => db.device.create({ data: deviceColumns(d) }));
}

export async function patchDevice(db: Db, id: string, changes: DeviceChanges): Promise<void> {
  await unique('device', () => db.device.update({ where: { id }, data: deviceColumns(changes) }));
}
