/**
 * Head office as the billing connector's relay (issue 16): where a company's billing
 * system is reached centrally, its offices dial out to head office (the office always
 * dials out) with their office token, and head office calls billing with its own
 * connector (credential, timeouts, retries, breaker per company). The paths mirror the
 * connector's contract, so an office's billing client points its base URL here unchanged:
 *   {HQ_URL}/api/v1/hq/billing/{company}/accounts/{account}[/coupons|/duplicates]
 * Nothing is stored or logged here: the holder's name passes through to the office, which masks it.
 */
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import { AccountNumber, BillingAccount, BillingCoupon, BillingCouponRequest, BillingDuplicate } from '@turnero/contract/self-service';
import { AppError } from '@turnero/domain/errors';
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import { route, type RouteDef } from '../../platform/routes';
import { createBillingClient, type BillingClient } from '../../office/self-service/billing-client';
import { readCredential, type CompanyConfig } from '../../office/self-service/companies';

const Params = z.object({ company: z.string().min(1).max(64), account: AccountNumber });
const err = (description: string) => ({ description, schema: ErrorBody });
const tags = ['self-service'];
const failures = { 404: err('account_not_found, or no relay for that company'), 503: err('billing_unreachable') };

export function hqBillingRelayRoutes<P>(companies: readonly CompanyConfig[], clock: Clock, logger: Logger): RouteDef<P>[] {
  const clients = new Map<string, BillingClient>();
  for (const c of companies) {
    clients.set(c.code, createBillingClient({ company: c.code, connection: c.billing, credential: readCredential(c.billing), clock, logger }));
  }
  const clientFor = (company: string) => {
    const client = clients.get(company);
    if (!client) throw new AppError('not_found', `No billing relay for company ${company}`);
    return client;
  };
  const base = '/hq/billing/:company/accounts/:account';
  return [
    route<P, typeof Params>({
      method: 'get',
      path: base,
      summary: "Relay: an account as the company's billing system answers it",
      tags,
      roles: ['office-sync'],
      params: Params,
      responses: { 200: { description: 'The account', schema: BillingAccount }, ...failures },
      handler: async ({ params }) => ({ body: await clientFor(params.company).lookup(params.account) }),
    }),
    route<P, typeof Params, typeof BillingCouponRequest>({
      method: 'post',
      path: `${base}/coupons`,
      summary: 'Relay: a payment coupon from the billing system',
      tags,
      roles: ['office-sync'],
      params: Params,
      body: BillingCouponRequest,
      responses: { 201: { description: 'The coupon', schema: BillingCoupon }, ...failures },
      handler: async ({ params, body }) => ({ status: 201, body: await clientFor(params.company).requestCoupon(params.account, body) }),
    }),
    route<P, typeof Params>({
      method: 'post',
      path: `${base}/duplicates`,
      summary: 'Relay: a duplicate invoice from the billing system',
      tags,
      roles: ['office-sync'],
      params: Params,
      responses: { 201: { description: 'The duplicate', schema: BillingDuplicate }, ...failures },
      handler: async ({ params }) => ({ status: 201, body: await clientFor(params.company).requestDuplicate(params.account) }),
    }),
  ];
}
