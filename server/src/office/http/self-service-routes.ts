/** Self-service at the kiosk (issue 16): account lookup, coupons, duplicates; the admin turns it on. */
import { ErrorBody } from '@turnero/contract/dto';
import {
  AccountSummary,
  CouponIssued,
  CouponRequest,
  DuplicateIssued,
  DuplicateRequest,
  LookupRequest,
  SelfServiceSettingsRequest,
  SelfServiceStatus,
} from '@turnero/contract/self-service';
import { route, type RouteDef } from '../../platform/routes';
import type { Principal } from '../context';
import {
  issueCoupon,
  issueDuplicate,
  lookupAccount,
  selfServiceStatus,
  updateSelfServiceSettings,
  type SelfServiceDeps,
} from '../self-service/use-cases';
import { ADMINS, EVERYONE, ISSUERS } from './roles';

const err = (description: string) => ({ description, schema: ErrorBody });
const tags = ['self-service'];
const offIn = err('Self-service is not offered at this office');
const down = err('billing_unreachable: the billing system cannot be reached now (the kiosk offers a turn)');

export function selfServiceRoutes(deps: SelfServiceDeps): RouteDef<Principal>[] {
  return [
    route<Principal>({
      method: 'get',
      path: '/self-service/settings',
      summary: 'Whether the kiosk offers self-service here, and in which currency',
      tags,
      roles: EVERYONE,
      responses: { 200: { description: 'Status', schema: SelfServiceStatus } },
      handler: async () => ({ body: await selfServiceStatus(deps) }),
    }),
    route<Principal, undefined, typeof SelfServiceSettingsRequest>({
      method: 'put',
      path: '/self-service/settings',
      summary: "Turn the kiosk's self-service on or off and choose the company whose billing it uses",
      tags,
      roles: ADMINS,
      body: SelfServiceSettingsRequest,
      responses: { 200: { description: 'Status', schema: SelfServiceStatus }, 400: err('Unknown company') },
      handler: async ({ body, principal }) => ({ body: await updateSelfServiceSettings(deps, principal, body) }),
    }),
    route<Principal, undefined, typeof LookupRequest>({
      method: 'post',
      path: '/self-service/lookup',
      summary: 'What an account owes (holder masked)',
      tags,
      roles: ISSUERS,
      body: LookupRequest,
      responses: { 200: { description: 'The account', schema: AccountSummary }, 404: err('account_not_found, or self-service off'), 503: down },
      handler: async ({ body }) => ({ body: await lookupAccount(deps, body.account) }),
    }),
    route<Principal, undefined, typeof CouponRequest>({
      method: 'post',
      path: '/self-service/coupons',
      summary: "Print a payment coupon (full or partial) on the kiosk's printer",
      tags,
      roles: ISSUERS,
      body: CouponRequest,
      responses: {
        201: { description: 'Issued and sent to the printer', schema: CouponIssued },
        404: err('account_not_found, or self-service off'),
        409: err('No partial payment for this account, or nothing owed'),
        503: down,
      },
      handler: async ({ body, principal }) => ({ status: 201, body: await issueCoupon(deps, principal, body.account, body.kind) }),
    }),
    route<Principal, undefined, typeof DuplicateRequest>({
      method: 'post',
      path: '/self-service/duplicates',
      summary: "Print a duplicate of the account's last invoice on the kiosk's printer",
      tags,
      roles: ISSUERS,
      body: DuplicateRequest,
      responses: { 201: { description: 'Issued', schema: DuplicateIssued }, 404: offIn, 503: down },
      handler: async ({ body, principal }) => ({ status: 201, body: await issueDuplicate(deps, principal, body.account) }),
    }),
  ];
}
