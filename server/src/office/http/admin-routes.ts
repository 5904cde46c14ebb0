/**
 * Admin pages' API: the office's services, counters, users and devices, so a real office
 * is set up without touching files. Deactivating a user or device revokes its tokens.
 */
import { z } from 'zod';
import { ConfigAuditDto, DeviceDto, ErrorBody, ServiceDto, UserDto } from '@turnero/contract/dto';
import { newPassword, safeText } from '@turnero/contract/text';
import { DEVICE_KINDS, USER_ROLES } from '@turnero/domain/types';
import { route, type RouteDef } from '../../platform/routes';
import type { AuthService } from '../auth/auth-service';
import {
  createCounter,
  createDevice,
  createService,
  createUser,
  editCounter,
  editDevice,
  editService,
  editUser,
  listAdminCounters,
  listConfigChanges,
  listServices,
  listUsers,
  revokeDeviceTokens,
  rotateDeviceToken,
} from '../commands/admin';
import type { OfficeDeps, Principal } from '../context';
import { assertAdminPrinterTarget } from '../printing/printer-targets';
import { listDevices } from '../queries';
import { ADMINS } from './roles';

const err = (description: string) => ({ description, schema: ErrorBody });
const IdParam = z.object({ id: z.string().min(1).max(64) });
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);

// Patches are built from the fields without their defaults: a default in a patch would
// reset every field the request does not name.
const ServiceFields = z.object({
  nameEs: safeText().min(1).max(80),
  nameEn: safeText().min(1).max(80),
  prefix: z.string().regex(/^[A-Z]{1,3}$/, '1-3 upper-case letters'),
  targetWaitMinutes: z.number().int().min(1).max(480),
  color: Color,
  icon: safeText().max(32),
  sortOrder: z.number().int().min(0).max(999),
});
const ServiceCreate = ServiceFields.extend({
  targetWaitMinutes: ServiceFields.shape.targetWaitMinutes.default(15),
  color: Color.default('#0057b8'),
  icon: ServiceFields.shape.icon.default('ticket'),
  sortOrder: ServiceFields.shape.sortOrder.default(0),
});
const ServicePatch = ServiceFields.partial().extend({ active: z.boolean().optional() });

const CounterCreate = z.object({
  name: safeText().min(1).max(40),
  services: z.array(z.object({ serviceId: z.string().min(1).max(64), weight: z.number().int().min(1).max(10) })).max(50).default([]),
});
const CounterPatch = z.object({ name: safeText().min(1).max(40).optional(), active: z.boolean().optional() });
const AdminCounterDto = z.object({ id: z.string(), name: z.string(), active: z.boolean() });

const UserCreate = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,32}$/, '3-32 lower-case letters, digits, . _ -'),
  displayName: safeText().min(1).max(80),
  role: z.enum(USER_ROLES),
  password: newPassword(),
  counterId: z.string().min(1).max(64).nullable().default(null),
});
const UserPatch = z.object({
  displayName: safeText().min(1).max(80).optional(),
  role: z.enum(USER_ROLES).optional(),
  active: z.boolean().optional(),
  password: newPassword().optional(),
  counterId: z.string().min(1).max(64).nullable().optional(),
});

const DeviceFields = z.object({
  name: safeText().min(1).max(60),
  printerUri: safeText().max(200).nullable(),
  serviceIds: z.array(z.string().max(64)).max(50),
  counterIds: z.array(z.string().max(64)).max(100),
});
const DeviceCreate = DeviceFields.extend({
  kind: z.enum(DEVICE_KINDS),
  printerUri: DeviceFields.shape.printerUri.default(null),
  serviceIds: DeviceFields.shape.serviceIds.default([]),
  counterIds: DeviceFields.shape.counterIds.default([]),
});
const DevicePatch = DeviceFields.partial().extend({ active: z.boolean().optional() });
const TokenDto = z.object({ token: z.string() });
const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export function adminRoutes(
  deps: OfficeDeps,
  auth: AuthService,
  devicesChanged: () => Promise<void>,
): RouteDef<Principal>[] {
  return withChangeNotice(deps, buildAdminRoutes(deps, auth), devicesChanged);
}

/** After an admin change, screens fetch a fresh snapshot (services, counters, devices...). */
function withChangeNotice(
  deps: OfficeDeps,
  routes: RouteDef<Principal>[],
  devicesChanged: () => Promise<void>,
): RouteDef<Principal>[] {
  return routes.map((def) => {
    if (def.method === 'get') return def;
    const what = def.path.split('/')[2] as 'services' | 'counters' | 'users' | 'devices';
    return {
      ...def,
      handler: async (input) => {
        const result = await def.handler(input);
        // A kiosk's printer may have been added, moved or removed: attach it now.
        if (what === 'devices') await devicesChanged();
        await deps.bus.read(async () => deps.broadcaster.publish('config:changed', { what }));
        return result;
      },
    };
  });
}

function buildAdminRoutes(deps: OfficeDeps, auth: AuthService): RouteDef<Principal>[] {
  const base = { tags: ['admin'], roles: ADMINS };

  return [
    route<Principal>({
      ...base, method: 'get', path: '/admin/services', summary: 'All services, active or not',
      responses: { 200: { description: 'Services', schema: z.array(ServiceDto) } },
      handler: async () => ({ body: await listServices(deps) }),
    }),
    route<Principal, undefined, typeof ServiceCreate>({
      ...base, method: 'post', path: '/admin/services', summary: 'Create a service', body: ServiceCreate,
      responses: { 201: { description: 'Created', schema: ServiceDto }, 409: err('Prefix taken') },
      handler: async ({ body, principal }) => ({ status: 201, body: await createService(deps, principal, body) }),
    }),
    route<Principal, typeof IdParam, typeof ServicePatch>({
      ...base, method: 'patch', path: '/admin/services/:id', summary: 'Edit or deactivate a service',
      params: IdParam, body: ServicePatch,
      responses: {
        200: { description: 'Updated', schema: ServiceDto },
        404: err('Unknown service'),
        409: err("A linked service's head-office fields (managed_by_hq), or the prefix is taken"),
      },
      handler: async ({ params, body, principal }) => ({ body: await editService(deps, principal, params.id, body) }),
    }),
    route<Principal>({
      ...base, method: 'get', path: '/admin/counters', summary: 'All counters',
      responses: { 200: { description: 'Counters', schema: z.array(AdminCounterDto) } },
      handler: async () => ({ body: await listAdminCounters(deps) }),
    }),
    route<Principal, undefined, typeof CounterCreate>({
      ...base, method: 'post', path: '/admin/counters', summary: 'Create a counter', body: CounterCreate,
      responses: { 201: { description: 'Created', schema: AdminCounterDto }, 409: err('Name taken') },
      handler: async ({ body, principal }) => ({ status: 201, body: await createCounter(deps, principal, body) }),
    }),
    route<Principal, typeof IdParam, typeof CounterPatch>({
      ...base, method: 'patch', path: '/admin/counters/:id', summary: 'Rename or deactivate a counter',
      params: IdParam, body: CounterPatch,
      responses: { 200: { description: 'Updated', schema: AdminCounterDto }, 404: err('Unknown counter') },
      handler: async ({ params, body, principal }) => ({ body: await editCounter(deps, principal, params.id, body) }),
    }),
    route<Principal>({
      ...base, method: 'get', path: '/admin/users', summary: 'All users (no password hashes)',
      responses: { 200: { description: 'Users', schema: z.array(UserDto) } },
      handler: async () => ({ body: await listUsers(deps) }),
    }),
    route<Principal, undefined, typeof UserCreate>({
      ...base, method: 'post', path: '/admin/users', summary: 'Create a user', body: UserCreate,
      responses: { 201: { description: 'Created', schema: UserDto }, 409: err('Username taken') },
      handler: async ({ body, principal }) => ({ status: 201, body: await createUser(deps, principal, body) }),
    }),
    route<Principal, typeof IdParam, typeof UserPatch>({
      ...base, method: 'patch', path: '/admin/users/:id', summary: 'Edit, deactivate or reset the password of a user',
      params: IdParam, body: UserPatch,
      responses: {
        200: { description: 'Updated', schema: UserDto },
        404: err('Unknown user'),
        409: err('A person head office manages (managed_by_hq): only their counter is changed here'),
      },
      handler: async ({ params, body, principal }) => ({ body: await editUser(deps, auth, principal, params.id, body) }),
    }),
    route<Principal, undefined, undefined, typeof AuditQuery>({
      ...base, method: 'get', path: '/admin/config-audit', summary: 'Configuration changes, central and local, latest first',
      query: AuditQuery,
      responses: { 200: { description: 'Changes', schema: z.array(ConfigAuditDto) } },
      handler: async ({ query }) => ({ body: await listConfigChanges(deps, query.limit) }),
    }),
    route<Principal>({
      ...base, method: 'get', path: '/admin/devices', summary: 'All devices',
      responses: { 200: { description: 'Devices', schema: z.array(DeviceDto) } },
      handler: async () => ({ body: await listDevices(deps) }),
    }),
    route<Principal, undefined, typeof DeviceCreate>({
      ...base, method: 'post', path: '/admin/devices', summary: 'Register a kiosk or display; returns its token once',
      body: DeviceCreate,
      responses: {
        201: { description: 'Created', schema: z.object({ device: DeviceDto, token: z.string() }) },
        400: err('A printer target PRINTER_ALLOWED_TARGETS does not allow (code printer_target_*)'),
        409: err('Name taken'),
      },
      handler: async ({ body, principal }) => {
        assertAdminPrinterTarget(deps.config, body.printerUri);
        return { status: 201, body: await createDevice(deps, auth, principal, body) };
      },
    }),
    route<Principal, typeof IdParam, typeof DevicePatch>({
      ...base, method: 'patch', path: '/admin/devices/:id', summary: 'Edit or deactivate a device',
      params: IdParam, body: DevicePatch,
      responses: {
        200: { description: 'Updated', schema: DeviceDto },
        400: err('A printer target PRINTER_ALLOWED_TARGETS does not allow (code printer_target_*)'),
        404: err('Unknown device'),
      },
      handler: async ({ params, body, principal }) => {
        assertAdminPrinterTarget(deps.config, body.printerUri);
        return { body: await editDevice(deps, auth, principal, params.id, body) };
      },
    }),
    route<Principal, typeof IdParam>({
      ...base, method: 'post', path: '/admin/devices/:id/token', summary: 'Rotate a device token (old ones stop working)',
      params: IdParam,
      responses: { 200: { description: 'The new token, shown once', schema: TokenDto }, 404: err('Unknown device') },
      handler: async ({ params }) => ({ body: { token: await rotateDeviceToken(deps, auth, params.id) } }),
    }),
    route<Principal, typeof IdParam>({
      ...base, method: 'delete', path: '/admin/devices/:id/token', summary: "Revoke every token of a device",
      params: IdParam,
      responses: { 200: { description: 'Revoked', schema: z.object({ revoked: z.number() }) }, 404: err('Unknown device') },
      handler: async ({ params }) => ({ body: { revoked: await revokeDeviceTokens(deps, auth, params.id) } }),
    }),
  ];
}
