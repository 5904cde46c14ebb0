/**
 * Self-service use cases: look an account up, print a payment coupon (full or partial)
 * or a duplicate invoice at the kiosk, with no turn and no agent. Each printed document
 * is one audit row (account reference, amount, kiosk, time) written in one command; the
 * print runs after the commit and only changes that row's print state. Only the masked
 * holder leaves the billing connector.
 */
import { randomUUID } from 'node:crypto';
import {
  CURRENCY_DECIMALS,
  formatAmount,
  type AccountSummary,
  type CouponIssued,
  type CouponKind,
  type Currency,
  type SelfServiceKind,
  type SelfServiceSettings,
  type SelfServiceStatus,
} from '@turnero/contract/self-service';
import { AppError } from '@turnero/domain/errors';
import { localDay } from '@turnero/domain/local-day';
import type { CouponPrintData } from '@turnero/hardware';
import type { OfficeDeps, Principal } from '../context';
import {
  insertSelfServiceTransaction,
  loadSelfServiceOffice,
  saveSelfServiceSettings,
  setSelfServicePrintState,
  type SelfServiceRow,
} from '../store/self-service-store';
import type { BillingClient } from './billing-client';
import type { CompanyConfig } from './companies';
import { barcodeSvg, couponBarcode } from './coupon-barcode';
import type { CouponPrinters } from './coupon-printers';
import { maskHolder } from './holder-mask';

export interface BillingCompany {
  config: CompanyConfig;
  client: BillingClient;
}

export interface SelfServiceDeps {
  office: OfficeDeps;
  companies: ReadonlyMap<string, BillingCompany>;
  printers: CouponPrinters;
}

const TITLES: Record<SelfServiceKind, string> = {
  coupon_full: 'Cupón de pago',
  coupon_partial: 'Cupón de abono (pago parcial)',
  duplicate_invoice: 'Duplicado de factura',
};

/** The office's company when self-service is on and its billing is configured; 404 otherwise. */
async function activeCompany(deps: SelfServiceDeps): Promise<BillingCompany> {
  const { settings } = await deps.office.bus.read(loadSelfServiceOffice);
  const company = settings.enabled ? companyOf(deps, settings) : undefined;
  if (!company) throw new AppError('not_found', 'Self-service is not offered at this office');
  return company;
}

function companyOf(deps: SelfServiceDeps, settings: SelfServiceSettings): BillingCompany | undefined {
  if (settings.company) return deps.companies.get(settings.company);
  // One configured company needs no naming.
  return deps.companies.size === 1 ? [...deps.companies.values()][0] : undefined;
}

export async function selfServiceStatus(deps: SelfServiceDeps): Promise<SelfServiceStatus> {
  const { settings } = await deps.office.bus.read(loadSelfServiceOffice);
  const company = settings.enabled ? companyOf(deps, settings) : undefined;
  return company ? { enabled: true, currency: company.config.currency } : { enabled: false };
}

export async function updateSelfServiceSettings(deps: SelfServiceDeps, principal: Principal, settings: SelfServiceSettings): Promise<SelfServiceStatus> {
  if (settings.company && !deps.companies.has(settings.company)) {
    throw new AppError('validation_failed', `No billing configuration for company ${settings.company}`);
  }
  await deps.office.bus.command('self-service-settings', async ({ tx, viewUnchanged }) => {
    viewUnchanged();
    await saveSelfServiceSettings(tx, settings);
  });
  deps.office.logger.info({ by: principal.id, enabled: settings.enabled, company: settings.company ?? null }, 'self-service settings changed');
  return selfServiceStatus(deps);
}

export async function lookupAccount(deps: SelfServiceDeps, account: string): Promise<AccountSummary> {
  const { client } = await activeCompany(deps);
  const a = await client.lookup(account);
  return {
    account: a.account,
    holderMasked: maskHolder(a.holderName),
    period: a.period,
    amountDue: a.amountDue,
    dueDate: a.dueDate,
    partialAllowed: a.partialAmount !== null,
    currency: a.currency,
    partialAmount: a.partialAmount,
  };
}

const toMinor = (amount: number, currency: string) => Math.round(amount * 10 ** (CURRENCY_DECIMALS[currency as Currency] ?? 2));

export async function issueCoupon(deps: SelfServiceDeps, principal: Principal, account: string, kind: CouponKind): Promise<CouponIssued> {
  const company = await activeCompany(deps);
  const found = await company.client.lookup(account);
  const amount = kind === 'full' ? found.amountDue : found.partialAmount;
  if (amount === null) throw new AppError('conflict', 'This account takes no partial payment');
  if (amount <= 0) throw new AppError('conflict', 'Nothing is owed on this account');
  const coupon = await company.client.requestCoupon(found.account, { kind, amount });
  let barcode;
  try {
    barcode = couponBarcode(company.config, coupon);
  } catch (err) {
    // The billing system's values do not fit the company's barcode format: its data, not the kiosk's.
    deps.office.logger.error({ err, company: company.config.code }, 'coupon barcode cannot be built');
    throw new AppError('billing_unreachable', 'The billing system answered a coupon that cannot be printed');
  }
  const payUrl = coupon.payUrl ?? (company.config.payUrl ? `${company.config.payUrl}?ref=${encodeURIComponent(coupon.reference)}` : null);
  const txKind: SelfServiceKind = kind === 'full' ? 'coupon_full' : 'coupon_partial';
  const paper: CouponPrintData = {
    companyName: company.config.name,
    title: TITLES[txKind],
    holderMasked: maskHolder(found.holderName),
    account: found.account,
    period: found.period,
    amountText: formatAmount(coupon.amount, found.currency),
    dueDate: coupon.dueDate,
    barcode,
    payUrl,
    footer: 'Pague en bancos y puntos autorizados. Turno no requerido.',
  };
  const row = await record(deps, principal, {
    kind: txKind,
    account: found.account,
    amountMinor: toMinor(coupon.amount, found.currency),
    currency: found.currency,
    dueDate: coupon.dueDate,
    gs1: barcode.text,
  }, paper);
  return {
    id: row.id,
    amount: coupon.amount,
    dueDate: coupon.dueDate,
    gs1: barcode.text,
    currency: found.currency,
    barcodeSvg: barcodeSvg(barcode),
    ...(payUrl ? { payUrl } : {}),
    printState: row.printState,
  };
}

export async function issueDuplicate(deps: SelfServiceDeps, principal: Principal, account: string) {
  const company = await activeCompany(deps);
  const found = await company.client.lookup(account);
  const doc = await company.client.requestDuplicate(found.account);
  const paper: CouponPrintData = {
    companyName: company.config.name,
    title: TITLES.duplicate_invoice,
    holderMasked: maskHolder(found.holderName),
    account: found.account,
    period: doc.period,
    lines: doc.lines.map((l) => ({ label: l.concept, value: formatAmount(l.amount, found.currency) })),
    amountText: formatAmount(doc.total, found.currency),
    dueDate: doc.dueDate,
    barcode: null,
    payUrl: null,
    footer: 'Documento informativo: duplicado de su factura.',
  };
  const row = await record(deps, principal, {
    kind: 'duplicate_invoice',
    account: found.account,
    amountMinor: toMinor(doc.total, found.currency),
    currency: found.currency,
    dueDate: doc.dueDate,
    gs1: null,
  }, paper);
  return { id: row.id, period: doc.period, printState: row.printState };
}

/** The audit row, then the print after its commit; the print's outcome updates the row. */
async function record(
  deps: SelfServiceDeps,
  principal: Principal,
  fields: Pick<SelfServiceRow, 'kind' | 'account' | 'amountMinor' | 'currency' | 'dueDate' | 'gs1'>,
  paper: CouponPrintData,
): Promise<SelfServiceRow> {
  const { office } = deps;
  const deviceId = principal.deviceId;
  const row: SelfServiceRow = {
    id: randomUUID(),
    ...fields,
    deviceId,
    printState: 'pending',
    at: office.clock.now(),
  };
  let printing: Promise<unknown> | null = null;
  await office.bus.command('self-service-record', async ({ tx, viewUnchanged, afterCommit, outbox }) => {
    viewUnchanged();
    await insertSelfServiceTransaction(tx, row);
    // Head office counts it (turns avoided): kind and day only, in the same transaction.
    const { timeZone } = await loadSelfServiceOffice(tx);
    await outbox([{ occurredAt: row.at, fact: { kind: 'self_service', event: row.kind, transactionId: row.id, day: localDay(row.at, timeZone) } }]);
    afterCommit(() => {
      printing = deviceId ? deps.printers.print(deviceId, paper) : null;
    });
  });
  if (!printing) {
    await office.bus.command('self-service-print-state', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      await setSelfServicePrintState(tx, row.id, 'no_printer');
    });
    return { ...row, printState: 'no_printer' };
  }
  void (printing as Promise<{ ok: boolean; error?: string }>).then(async (outcome) => {
    if (!outcome.ok) office.logger.warn({ id: row.id, error: outcome.error }, 'self-service print failed');
    await office.bus.command('self-service-print-state', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      await setSelfServicePrintState(tx, row.id, outcome.ok ? 'printed' : 'failed');
    });
  }).catch((err) => office.logger.error({ err, id: row.id }, 'self-service print state not recorded'));
  return row;
}
