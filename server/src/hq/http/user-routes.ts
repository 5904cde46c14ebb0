/**
 * Head office's user changes by an admin: deactivate, reactivate, set a new password.
 * Deactivation and a new password end the user's sessions at once (../auth/users.ts).
 */
import { z } from 'zod';
import { newPassword } from '@turnero/contract/text';
import { ErrorBody } from '@turnero/contract/dto';
import { UserDto } from '@turnero/contract/hq';
import type { Clock } from '@turnero/domain/types';
import { route, type RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import { editUser } from '../auth/users';
import type { HqPrisma } from '../db';

const IdParam = z.object({ id: z.string().min(1).max(64) });
const UserPatch = z.object({ active: z.boolean().optional(), password: newPassword().optional() });
const err = (description: string) => ({ description, schema: ErrorBody });

export function hqUserRoutes(prisma: HqPrisma, clock: Clock): RouteDef<HqPrincipal>[] {
  return [
    route<HqPrincipal, typeof IdParam, typeof UserPatch>({
      method: 'patch',
      path: '/hq/users/:id',
      summary: "Deactivate, reactivate or set a user's password (ends their sessions)",
      tags: ['organisation'],
      roles: ['admin'],
      params: IdParam,
      body: UserPatch,
      responses: {
        200: { description: 'Updated', schema: UserDto.extend({ active: z.boolean() }) },
        404: err('Unknown user'),
        409: err('An admin deactivating themselves'),
      },
      handler: async ({ principal, params, body }) => ({
        body: await editUser(prisma, principal.principalId, params.id, body, clock.now()),
      }),
    }),
  ];
}
