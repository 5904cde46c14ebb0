/**
 * Builds the self-service parts from the deployment's company configurations: one billing
 * client (with its own breaker) per company, and the kiosk printers coupons go to.
 */
import { ConfigError } from '../../platform/config';
import type { OfficeDeps } from '../context';
import { createBillingClient } from './billing-client';
import { readCredential, type BillingConnection, type CompanyConfig } from './companies';
import type { CouponPrinters } from './coupon-printers';
import type { BillingCompany, SelfServiceDeps } from './use-cases';

export function createSelfService(office: OfficeDeps, companies: readonly CompanyConfig[], printers: CouponPrinters): SelfServiceDeps {
  const byCode = new Map<string, BillingCompany>();
  for (const config of companies) {
    const client = createBillingClient({ company: config.code, ...connectionOf(office, config), clock: office.clock, logger: office.logger });
    byCode.set(config.code, { config, client });
  }
  return { office, companies: byCode, printers };
}

/** Direct: the company's own address and credential. Via head office: its relay, with this office's token. */
function connectionOf(office: OfficeDeps, company: CompanyConfig): { connection: BillingConnection; credential: string | null } {
  if (company.billing.via === 'direct') return { connection: company.billing, credential: readCredential(company.billing) };
  const { HQ_URL, HQ_TOKEN } = office.config;
  if (!HQ_URL || !HQ_TOKEN) throw new ConfigError(`billing of company ${company.code} is via head office: set HQ_URL and HQ_TOKEN`);
  const baseUrl = `${HQ_URL.replace(/\/+$/, '')}/api/v1/hq/billing/${encodeURIComponent(company.code)}`;
  return { connection: { ...company.billing, baseUrl }, credential: HQ_TOKEN };
}
