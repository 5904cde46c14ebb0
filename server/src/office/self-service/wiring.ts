/**
 * Builds the self-service parts from the deployment's company configurations: one billing
 * client (with its own breaker) per company, and the kiosk printers coupons go to.
 */
import type { OfficeDeps } from '../context';
import { createBillingClient } from './billing-client';
import { readCredential, type CompanyConfig } from './companies';
import type { CouponPrinters } from './coupon-printers';
import type { BillingCompany, SelfServiceDeps } from './use-cases';

export function createSelfService(office: OfficeDeps, companies: readonly CompanyConfig[], printers: CouponPrinters): SelfServiceDeps {
  const byCode = new Map<string, BillingCompany>();
  for (const config of companies) {
    const client = createBillingClient({
      company: config.code,
      connection: config.billing,
      credential: readCredential(config.billing),
      clock: office.clock,
      logger: office.logger,
    });
    byCode.set(config.code, { config, client });
  }
  return { office, companies: byCode, printers };
}
