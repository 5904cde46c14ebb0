import { z } from 'zod';
import {
  ChangePasswordRequest,
  DeviceDto,
  DisplaySoundRequest,
  ErrorBody,
  LoginRequest,
  MeDto,
  OfficeDto,
  OfficeSettingsRequest,
  QueueSnapshot,
  ServiceDto,
  StatsTodayDto,
  SyncStateDto,
} from '@turnero/contract/dto';
import { route, type RouteDef } from '../../platform/routes';
import type { AuthService } from '../auth/auth-service';
import { listServices } from '../commands/admin';
import { recordDisplaySound } from '../commands/display-sound';
import { changeOfficeSettings } from '../commands/office-settings';
import type { OfficeDeps, Principal } from '../context';
import { listDevices, snapshot, statsToday } from '../queries';
import { projectSnapshot } from '../realtime/projection';
import { counterOfUser } from '../store/auth-store';
import { bearerToken } from './authenticate';
import { EVERYONE, MANAGERS, READERS, STAFF } from './roles';

const err = (description: string) => ({ description, schema: ErrorBody });

export function officeRoutes(
  deps: OfficeDeps,
  auth: AuthService,
  syncState: () => Promise<z.infer<typeof SyncStateDto>>,
): RouteDef<Principal>[] {
  return [
    route<Principal>({
      method: 'get',
      path: '/health',
      summary: 'Liveness and basic facts',
      tags: ['system'],
      roles: 'public',
      responses: {
        200: {
          description: 'OK',
          schema: z.object({ status: z.literal('ok'), role: z.string(), office: z.string(), time: z.string(), uptimeSeconds: z.number() }),
        },
      },
      handler: async () => ({
        body: {
          status: 'ok',
          role: 'office',
          office: deps.config.OFFICE_CODE,
          time: deps.clock.now().toISOString(),
          uptimeSeconds: Math.round(process.uptime()),
        },
      }),
    }),
    route<Principal, undefined, typeof LoginRequest>({
      method: 'post',
      path: '/auth/login',
      summary: 'Log in with username and password; returns a bearer token (rate-limited)',
      tags: ['auth'],
      roles: 'public',
      body: LoginRequest,
      responses: {
        200: { description: 'Token', schema: z.object({ token: z.string(), role: z.string(), name: z.string() }) },
        401: err('Wrong username or password'),
        429: err('Too many attempts'),
      },
      handler: async ({ body }) => {
        const { token, principal } = await auth.login(body.username, body.password);
        return { body: { token, role: principal.role, name: principal.name } };
      },
    }),
    route<Principal>({
      method: 'post',
      path: '/auth/logout',
      summary: 'Revoke the token used for this request',
      tags: ['auth'],
      roles: EVERYONE,
      responses: { 204: { description: 'Revoked' } },
      handler: async ({ req }) => {
        await auth.revokeToken(bearerToken(req)!);
        return { status: 204 };
      },
    }),
    route<Principal>({
      method: 'get',
      path: '/me',
      summary: 'Who the token belongs to',
      tags: ['auth'],
      roles: EVERYONE,
      responses: { 200: { description: 'Principal', schema: MeDto } },
      handler: async ({ principal }) => {
        const counterId = principal.deviceId ? null : await deps.bus.read((db) => counterOfUser(db, principal.id));
        return { body: { principalId: principal.id, role: principal.role, name: principal.name, counterId } };
      },
    }),
    route<Principal, undefined, typeof DisplaySoundRequest>({
      method: 'put',
      path: '/devices/me/sound',
      summary: 'A wall display reports whether its browser may play sound (shown to staff on the board)',
      tags: ['devices'],
      roles: ['display'],
      body: DisplaySoundRequest,
      responses: { 200: { description: 'The display as staff see it', schema: DeviceDto }, 400: err('Invalid body') },
      handler: async ({ principal, body }) => ({ body: await recordDisplaySound(deps, principal.deviceId!, body.soundOn) }),
    }),
    route<Principal, undefined, typeof ChangePasswordRequest>({
      method: 'put',
      path: '/me/password',
      summary: 'Change one\'s own password (the current one is asked); every other session of the user ends',
      tags: ['auth'],
      roles: STAFF,
      body: ChangePasswordRequest,
      responses: { 204: { description: 'Changed' }, 400: err('The new password is too short'), 403: err('The current password is wrong') },
      handler: async ({ principal, body }) => {
        await auth.changeOwnPassword(principal, body.currentPassword, body.newPassword);
        return { status: 204 };
      },
    }),
    route<Principal>({
      method: 'get',
      path: '/services',
      summary: "The office's services",
      tags: ['office'],
      roles: EVERYONE,
      responses: { 200: { description: 'Services', schema: z.array(ServiceDto) } },
      handler: async () => ({ body: await listServices(deps) }),
    }),
    route<Principal>({
      method: 'get',
      path: '/queue',
      summary: "The office's live state as this role sees it (same as the socket snapshot)",
      tags: ['office'],
      roles: READERS,
      responses: { 200: { description: 'Snapshot', schema: QueueSnapshot } },
      handler: async ({ principal }) => ({ body: projectSnapshot(principal.role, principal.deviceId, await snapshot(deps)) }),
    }),
    route<Principal>({
      method: 'get',
      path: '/stats/today',
      summary: "Today's figures per service and agent, computed from the event log",
      tags: ['office'],
      roles: STAFF,
      responses: { 200: { description: 'Figures', schema: StatsTodayDto } },
      handler: async () => ({ body: await statsToday(deps) }),
    }),
    route<Principal>({
      method: 'get',
      path: '/devices',
      summary: 'Kiosks and displays with printer status',
      tags: ['office'],
      roles: MANAGERS,
      responses: { 200: { description: 'Devices', schema: z.array(DeviceDto) } },
      handler: async () => ({ body: await listDevices(deps) }),
    }),
    route<Principal, undefined, typeof OfficeSettingsRequest>({
      method: 'patch',
      path: '/office',
      summary: 'Ticker, closing (stop taking tickets), overnight queue, calling policy',
      tags: ['office'],
      roles: MANAGERS,
      body: OfficeSettingsRequest,
      responses: { 200: { description: 'Office', schema: OfficeDto } },
      handler: async ({ body, principal }) => ({ body: await changeOfficeSettings(deps, principal, body) }),
    }),
    route<Principal>({
      method: 'get',
      path: '/sync',
      summary: 'Store-and-forward state towards head office',
      tags: ['office'],
      roles: MANAGERS,
      responses: { 200: { description: 'Sync state', schema: SyncStateDto } },
      handler: async () => ({ body: await syncState() }),
    }),
  ];
}
