/**
 * Self-service at the kiosk: payment coupons and duplicate invoices without a turn.
 *
 * Routes (office, kiosk token):
 *   POST /api/v1/self-service/lookup  { account }        -> 200 AccountSummary
 *                                                          | 404 { error: { code: 'account_not_found' } }
 *                                                          | 503 { error: { code: 'billing_unreachable' } }
 *   POST /api/v1/self-service/coupons { account, kind }  -> 201 CouponIssued (printed on the kiosk's printer)
 *   POST /api/v1/self-service/duplicates { account }     -> 201 DuplicateIssued
 *   GET  /api/v1/self-service/settings                    -> SelfServiceStatus (whether the kiosk offers it)
 *
 * The billing connector's own JSON contract (what the group's billing system answers) is
 * BillingAccount / BillingCoupon below; docs/self-service.md describes it.
 */
import { z } from 'zod';

/** NIU / contract number: digits (and dashes) as printed on the bill, or a scanned bill barcode. */
export const AccountNumber = z.string().regex(/^[0-9A-Za-z-]{4,40}$/, '4-40 letters, digits or dashes');

export const LookupRequest = z.object({ account: AccountNumber });
export type LookupRequest = z.infer<typeof LookupRequest>;

/** What the kiosk shows: the holder's name masked ("M*** G***"), never in clear. */
export const AccountSummary = z.object({
  account: z.string(),
  holderMasked: z.string(),
  period: z.string(),
  /** In the company's currency, major units (e.g. 123456.78). */
  amountDue: z.number(),
  /** ISO day "YYYY-MM-DD". */
  dueDate: z.string(),
  partialAllowed: z.boolean(),
  /** Added fields (not in the contract, additive): currency and partial amount. */
  currency: z.string().optional(),
  partialAmount: z.number().nullable().optional(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const COUPON_KINDS = ['full', 'partial'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];
export const CouponRequest = z.object({ account: AccountNumber, kind: z.enum(COUPON_KINDS) });
export type CouponRequest = z.infer<typeof CouponRequest>;

export const CouponIssued = z.object({
  id: z.string(),
  amount: z.number(),
  dueDate: z.string(),
  /** GS1 element string with AIs in brackets: "(415)…(8020)…(3900)…(96)…". */
  gs1: z.string(),
  currency: z.string().optional(),
  /** The barcode as an SVG the kiosk shows (so a phone photo can pay if the paper runs out). */
  barcodeSvg: z.string().optional(),
  /** Pay-online address the coupon's QR carries. */
  payUrl: z.string().optional(),
  printState: z.string().optional(),
});
export type CouponIssued = z.infer<typeof CouponIssued>;

export const DuplicateRequest = z.object({ account: AccountNumber });
export const DuplicateIssued = z.object({ id: z.string(), period: z.string(), printState: z.string().optional() });

export const SELF_SERVICE_KINDS = ['coupon_full', 'coupon_partial', 'duplicate_invoice'] as const;
export type SelfServiceKind = (typeof SELF_SERVICE_KINDS)[number];

/** Per office (head office's settings or the office's own): whether the kiosk offers it. */
export const SelfServiceSettings = z.object({
  enabled: z.boolean().default(false),
  /** Which company's billing and barcode format the office uses. */
  company: z.string().max(64).optional(),
});
export type SelfServiceSettings = z.infer<typeof SelfServiceSettings>;
export const SelfServiceStatus = z.object({ enabled: z.boolean(), currency: z.string().optional() });
