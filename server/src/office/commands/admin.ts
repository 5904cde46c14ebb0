/**
 * The admin pages' changes: services, counters, users and devices. Each write is one
 * command (the bus drops its cached live state, which holds names, services and
 * counters); deactivating a user or device, changing a user's role or password, revoking
 * or rotating a device's token end its sessions at once.
 */
import { randomUUID } from 'node:crypto';
import type { DeviceDto, ServiceDto, UserDto } from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import type { DeviceKind, UserRole } from '@turnero/domain/types';
import { hashPassword } from '../../platform/secrets';
import type { AuthService } from '../auth/auth-service';
import type { OfficeDeps, Principal } from '../context';
import { serviceDto } from '../presenter';
import { listDevices } from '../queries';
import {
  insertCounter,
  insertDevice,
  insertService,
  insertUser,
  listCounterSummaries,
  patchCounter,
  patchDevice,
  patchService,
  patchUser,
  type CounterSummary,
  type DeviceChanges,
  type NewDevice,
  type ServiceFields,
} from '../store/admin-store';
import { findDevice } from '../store/device-store';
import { loadServices, loadUsers } from '../store/office-store';

export async function listServices(deps: OfficeDeps): Promise<ServiceDto[]> {
  return (await deps.bus.read(loadServices)).map(serviceDto);
}

async function serviceById(deps: OfficeDeps, id: string): Promise<ServiceDto> {
  const service = (await listServices(deps)).find((s) => s.id === id);
  if (!service) throw new AppError('not_found', `Unknown service ${id}`);
  return service;
}

export async function createService(deps: OfficeDeps, fields: Omit<ServiceFields, 'active'>): Promise<ServiceDto> {
  const id = randomUUID();
  await deps.bus.command('admin-service', ({ tx }) => insertService(tx, { id, ...fields }));
  return serviceById(deps, id);
}

export async function editService(deps: OfficeDeps, id: string, changes: Partial<ServiceFields>): Promise<ServiceDto> {
  await deps.bus.command('admin-service', ({ tx }) => patchService(tx, id, changes));
  return serviceById(deps, id);
}

export async function listAdminCounters(deps: OfficeDeps): Promise<CounterSummary[]> {
  return deps.bus.read(listCounterSummaries);
}

export async function createCounter(
  deps: OfficeDeps,
  counter: { name: string; services: { serviceId: string; weight: number }[] },
): Promise<CounterSummary> {
  const id = randomUUID();
  return deps.bus.command('admin-counter', ({ tx }) => insertCounter(tx, { id, ...counter }));
}

export async function editCounter(
  deps: OfficeDeps,
  id: string,
  changes: { name?: string; active?: boolean },
): Promise<CounterSummary> {
  return deps.bus.command('admin-counter', ({ tx }) => patchCounter(tx, id, changes));
}

export async function listUsers(deps: OfficeDeps): Promise<UserDto[]> {
  return (await deps.bus.read(loadUsers)).map((u) => ({ ...u }));
}

async function userById(deps: OfficeDeps, id: string): Promise<UserDto | undefined> {
  return (await listUsers(deps)).find((u) => u.id === id);
}

export async function createUser(
  deps: OfficeDeps,
  u: { username: string; displayName: string; role: UserRole; password: string; counterId: string | null },
): Promise<UserDto | undefined> {
  const id = randomUUID();
  // Hashed before the command: scrypt takes tens of milliseconds the queue need not wait.
  const passwordHash = await hashPassword(u.password);
  await deps.bus.command('admin-user', ({ tx }) =>
    insertUser(tx, { id, username: u.username, displayName: u.displayName, role: u.role, passwordHash, counterId: u.counterId }),
  );
  return userById(deps, id);
}

export async function editUser(
  deps: OfficeDeps,
  auth: AuthService,
  principal: Principal,
  id: string,
  changes: { displayName?: string; role?: UserRole; active?: boolean; password?: string; counterId?: string | null },
): Promise<UserDto | undefined> {
  if (id === principal.id && (changes.active === false || (changes.role && changes.role !== 'admin'))) {
    throw new AppError('conflict', 'You cannot deactivate or demote yourself');
  }
  const { password, ...rest } = changes;
  const data = { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
  await deps.bus.command('admin-user', ({ tx }) => patchUser(tx, id, data));
  if (changes.active === false || password || changes.role) await auth.revokeAllFor(id);
  return userById(deps, id);
}

async function deviceById(deps: OfficeDeps, id: string): Promise<DeviceDto | undefined> {
  return (await listDevices(deps)).find((d) => d.id === id);
}

/** Registers a kiosk or display and returns its token (shown once). */
export async function createDevice(
  deps: OfficeDeps,
  auth: AuthService,
  fields: Omit<NewDevice, 'id'>,
): Promise<{ device: DeviceDto; token: string }> {
  const id = randomUUID();
  await deps.bus.command('admin-device', ({ tx }) => insertDevice(tx, { id, ...fields }));
  const token = await auth.issueDeviceToken(id, fields.kind as 'kiosk' | 'display');
  return { device: (await deviceById(deps, id))!, token };
}

export async function editDevice(
  deps: OfficeDeps,
  auth: AuthService,
  id: string,
  changes: DeviceChanges,
): Promise<DeviceDto | undefined> {
  await deps.bus.command('admin-device', ({ tx }) => patchDevice(tx, id, changes));
  if (changes.active === false) await auth.revokeAllFor(id);
  return deviceById(deps, id);
}

async function knownDevice(deps: OfficeDeps, id: string): Promise<{ id: string; kind: DeviceKind }> {
  const found = await deps.bus.read((db) => findDevice(db, id));
  if (!found) throw new AppError('not_found', `Unknown device ${id}`);
  return found.device;
}

/** A new token for a device; every earlier one stops working. */
export async function rotateDeviceToken(deps: OfficeDeps, auth: AuthService, id: string): Promise<string> {
  const device = await knownDevice(deps, id);
  await auth.revokeAllFor(device.id);
  return auth.issueDeviceToken(device.id, device.kind as 'kiosk' | 'display');
}

export async function revokeDeviceTokens(deps: OfficeDeps, auth: AuthService, id: string): Promise<number> {
  const device = await knownDevice(deps, id);
  return auth.revokeAllFor(device.id);
}
