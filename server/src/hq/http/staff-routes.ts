/** Head office's management of the offices' people: admins only (../staff/staff.ts). */
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import { CreateStaffBody, PatchStaffBody, StaffDto, StaffListResponse } from '@turnero/contract/hq';
import { StaffUsername } from '@turnero/contract/hq-link';
import type { Clock } from '@turnero/domain/types';
import { route, type RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import { actorOf } from '../config/publish';
import type { HqDatabase } from '../db';
import type { LinkNotifier } from '../link/notifier';
import { createStaff, editStaff, listStaff } from '../staff/staff';

const UsernameParam = z.object({ username: StaffUsername });
const err = (description: string) => ({ description, schema: ErrorBody });

export function hqStaffRoutes(db: HqDatabase, link: LinkNotifier, clock: Clock): RouteDef<HqPrincipal>[] {
  return [
    route<HqPrincipal>({
      method: 'get',
      path: '/hq/staff',
      summary: "The offices' people head office manages",
      tags: ['staff'],
      roles: ['admin'],
      responses: { 200: { description: 'Staff', schema: StaffListResponse } },
      handler: async () => ({ body: { staff: await listStaff(db) } }),
    }),
    route<HqPrincipal, undefined, typeof CreateStaffBody>({
      method: 'post',
      path: '/hq/staff',
      summary: 'Add a person and the offices they may work at (their offices get the new roster)',
      tags: ['staff'],
      roles: ['admin'],
      body: CreateStaffBody,
      responses: { 201: { description: 'Added', schema: StaffDto }, 400: err('Unknown office'), 409: err('Username taken') },
      handler: async ({ principal, body }) => ({ status: 201, body: await createStaff(db, link, actorOf(principal), body, clock.now()) }),
    }),
    route<HqPrincipal, typeof UsernameParam, typeof PatchStaffBody>({
      method: 'patch',
      path: '/hq/staff/:username',
      summary: 'Change, deactivate or move a person (every office they leave or join gets the new roster)',
      tags: ['staff'],
      roles: ['admin'],
      params: UsernameParam,
      body: PatchStaffBody,
      responses: { 200: { description: 'Changed', schema: StaffDto }, 400: err('Unknown office'), 404: err('No such person') },
      handler: async ({ principal, params, body }) => ({
        body: await editStaff(db, link, actorOf(principal), params.username, body, clock.now()),
      }),
    }),
  ];
}
