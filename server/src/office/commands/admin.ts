/**
 * The admin pages' changes: services, counters, users and devices. Each write is one
 * command (the bus drops its cached live state, which holds names, services and
 * counters) that also writes the configuration audit (who, the row before and after);
 * deactivating a user or device, changing a user's role or password, revoking or rotating
 * a device's token end its sessions at once.
 *
 * What head office owns is read-only here (409 managed_by_hq, saying where to change it):
 * a linked service's names, prefix, target, colour, icon, order and whether it is offered,
 * and everything of a person head office manages but the counter they usually sit at.
 * Counters, a counter's services and local services and users stay the office's.
 */
import { randomUUID } from 'node:crypto';
import type { ConfigAuditDto, DeviceDto, ServiceDto, UserDto } from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import type { DeviceKind, UserRole } from '@turnero/domain/types';
import { hashPassword } from '../../platform/secrets';
import type { AuthService } from '../auth/auth-service';
import type { CommandContext } from '../command-bus';
import type { OfficeDeps, Principal } from '../context';
import { HQ_OWNED_SERVICE_FIELDS } from '../link/config-plan';
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
import { auditedRow, insertConfigAudit, listConfigAudit, type AuditedKind } from '../store/config-audit-store';
import { findDevice } from '../store/device-store';
import { loadServices, loadUsers } from '../store/office-store';

/**
 * One admin change as one command, audited: `check` sees the row before (null when new)
 * and may refuse; the audit row holds it and the row after.
 */
function audited<T>(
  deps: OfficeDeps,
  principal: Principal,
  change: { kind: AuditedKind; action: 'create' | 'update'; id: string },
  write: (tx: CommandContext['tx']) => Promise<T>,
  check: (before: unknown) => void = () => {},
): Promise<T> {
  const { kind, action, id } = change;
  return deps.bus.command(`admin-${kind}`, async ({ tx }) => {
    const before = await auditedRow(tx, kind, id);
    check(before);
    const result = await write(tx);
    const after = await auditedRow(tx, kind, id);
    await insertConfigAudit(tx, [{ at: deps.clock.now(), actor: principal.id, action: `${kind}.${action}`, subject: id, before, after }]);
    return result;
  });
}

function managedByHq(what: string): AppError {
  return new AppError('managed_by_hq', `${what} is managed by head office: change it there (read-only at the office)`);
}

/** A linked service's head-office fields are read-only. */
function refuseHqServiceFields(changes: Partial<ServiceFields>) {
  return (before: unknown) => {
    const code = (before as { catalogCode?: string | null } | null)?.catalogCode;
    const owned = HQ_OWNED_SERVICE_FIELDS.filter((k) => changes[k] !== undefined);
    if (code && owned.length > 0) throw managedByHq(`Service ${code} (${owned.join(', ')})`);
  };
}

/** Of a person head office manages, only the counter they usually sit at is the office's. */
function refuseHqUserFields(changes: object) {
  return (before: unknown) => {
    const user = before as { managedBy?: string; username?: string } | null;
    const owned = Object.entries(changes).filter(([k, v]) => k !== 'counterId' && v !== undefined);
    if (user?.managedBy === 'hq' && owned.length > 0) throw managedByHq(`User ${user.username}`);
  };
}

export async function listConfigChanges(deps: OfficeDeps, limit: number): Promise<ConfigAuditDto[]> {
  const rows = await deps.bus.read((db) => listConfigAudit(db, limit));
  const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), before: parse(r.before), after: parse(r.after) }));
}

export async function listServices(deps: OfficeDeps): Promise<ServiceDto[]> {
  return (await deps.bus.read(loadServices)).map(serviceDto);
}

async function serviceById(deps: OfficeDeps, id: string): Promise<ServiceDto> {
  const service = (await listServices(deps)).find((s) => s.id === id);
  if (!service) throw new AppError('not_found', `Unknown service ${id}`);
  return service;
}

export async function createService(deps: OfficeDeps, principal: Principal, fields: Omit<ServiceFields, 'active'>): Promise<ServiceDto> {
  const id = randomUUID();
  await audited(deps, principal, { kind: 'service', action: 'create', id }, (tx) => insertService(tx, { id, ...fields }));
  return serviceById(deps, id);
}

export async function editService(deps: OfficeDeps, principal: Principal, id: string, changes: Partial<ServiceFields>): Promise<ServiceDto> {
  await audited(deps, principal, { kind: 'service', action: 'update', id }, (tx) => patchService(tx, id, changes), refuseHqServiceFields(changes));
  return serviceById(deps, id);
}

export async function listAdminCounters(deps: OfficeDeps): Promise<CounterSummary[]> {
  return deps.bus.read(listCounterSummaries);
}

export async function createCounter(
  deps: OfficeDeps,
  principal: Principal,
  counter: { name: string; services: { serviceId: string; weight: number }[] },
): Promise<CounterSummary> {
  const id = randomUUID();
  return audited(deps, principal, { kind: 'counter', action: 'create', id }, (tx) => insertCounter(tx, { id, ...counter }));
}

export async function editCounter(
  deps: OfficeDeps,
  principal: Principal,
  id: string,
  changes: { name?: string; active?: boolean },
): Promise<CounterSummary> {
  return audited(deps, principal, { kind: 'counter', action: 'update', id }, (tx) => patchCounter(tx, id, changes));
}

export async function listUsers(deps: OfficeDeps): Promise<UserDto[]> {
  return (await deps.bus.read(loadUsers)).map((u) => ({ ...u }));
}

async function userById(deps: OfficeDeps, id: string): Promise<UserDto | undefined> {
  return (await listUsers(deps)).find((u) => u.id === id);
}

export async function createUser(
  deps: OfficeDeps,
  principal: Principal,
  u: { username: string; displayName: string; role: UserRole; password: string; counterId: string | null },
): Promise<UserDto | undefined> {
  const id = randomUUID();
  // Hashed before the command: scrypt takes tens of milliseconds the queue need not wait.
  const passwordHash = await hashPassword(u.password);
  await audited(deps, principal, { kind: 'user', action: 'create', id }, (tx) =>
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
  await audited(deps, principal, { kind: 'user', action: 'update', id }, (tx) => patchUser(tx, id, data), refuseHqUserFields(changes));
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
  principal: Principal,
  fields: Omit<NewDevice, 'id'>,
): Promise<{ device: DeviceDto; token: string }> {
  const id = randomUUID();
  await audited(deps, principal, { kind: 'device', action: 'create', id }, (tx) => insertDevice(tx, { id, ...fields }));
  const token = await auth.issueDeviceToken(id, fields.kind);
  return { device: (await deviceById(deps, id))!, token };
}

export async function editDevice(
  deps: OfficeDeps,
  auth: AuthService,
  principal: Principal,
  id: string,
  changes: DeviceChanges,
): Promise<DeviceDto | undefined> {
  await audited(deps, principal, { kind: 'device', action: 'update', id }, (tx) => patchDevice(tx, id, changes));
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
  return auth.issueDeviceToken(device.id, device.kind);
}

export async function revokeDeviceTokens(deps: OfficeDeps, auth: AuthService, id: string): Promise<number> {
  const device = await knownDevice(deps, id);
  return auth.revokeAllFor(device.id);
}
