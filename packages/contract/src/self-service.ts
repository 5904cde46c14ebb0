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
 * BillingAccount / BillingCoupon below; docs/billing-connector.md describes it.
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
export type DuplicateIssued = z.infer<typeof DuplicateIssued>;

export const SELF_SERVICE_KINDS = ['coupon_full', 'coupon_partial', 'duplicate_invoice'] as const;
export type SelfServiceKind = (typeof SELF_SERVICE_KINDS)[number];

/** Per office (head office's settings or the office's own): whether the kiosk offers it. */
export const SelfServiceSettings = z.object({
  enabled: z.boolean().default(false),
  /** Which company's billing and barcode format the office uses. */
  company: z.string().max(64).optional(),
});
export type SelfServiceSettings = z.infer<typeof SelfServiceSettings>;
/** PUT /self-service/settings (admin): both said, nothing else (an empty or stray body is a 400, not "off"). */
export const SelfServiceSettingsRequest = z.object({ enabled: z.boolean(), company: z.string().min(1).max(64).optional() }).strict();
export type SelfServiceSettingsRequest = z.infer<typeof SelfServiceSettingsRequest>;
export const SelfServiceStatus = z.object({ enabled: z.boolean(), currency: z.string().optional() });
export type SelfServiceStatus = z.infer<typeof SelfServiceStatus>;

/**
 * The billing connector's JSON contract: what Turnero asks the group's billing system and
 * what it answers (docs/billing-connector.md). The holder's name arrives in clear here and
 * is masked by the office before anything else sees it.
 *
 *   GET  {base}/accounts/{account}             -> 200 BillingAccount | 404
 *   POST {base}/accounts/{account}/coupons     BillingCouponRequest -> 201 BillingCoupon
 *   POST {base}/accounts/{account}/duplicates  -> 201 BillingDuplicate
 * Every call carries `Authorization: Bearer <credential>`; a POST carries an Idempotency-Key.
 */
export const BillingAccount = z.object({
  account: z.string().max(40),
  holderName: z.string().max(200),
  period: z.string().max(40),
  amountDue: z.number().nonnegative(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** The partial payment ("abono") the company accepts; null: none. */
  partialAmount: z.number().positive().nullable(),
});
export type BillingAccount = z.infer<typeof BillingAccount>;

export const BillingCouponRequest = z.object({ kind: z.enum(COUPON_KINDS), amount: z.number().nonnegative() });
export type BillingCouponRequest = z.infer<typeof BillingCouponRequest>;

export const BillingCoupon = z.object({
  couponId: z.string().max(64),
  /** The payment reference the barcode's (8020) carries. */
  reference: z.string().regex(/^[0-9A-Za-z-]{1,25}$/),
  amount: z.number().nonnegative(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  payUrl: z.string().url().max(300).optional(),
});
export type BillingCoupon = z.infer<typeof BillingCoupon>;

export const BillingDuplicate = z.object({
  documentId: z.string().max(64),
  period: z.string().max(40),
  /** The invoice's lines as the billing system words them (concepts and amounts, no personal data). */
  lines: z.array(z.object({ concept: z.string().max(80), amount: z.number() })).max(60),
  total: z.number(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type BillingDuplicate = z.infer<typeof BillingDuplicate>;

/** The group's billing currencies (Colombia COP, Chile CLP, Panama and El Salvador USD). */
export const CURRENCIES = ['COP', 'CLP', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];
/** Decimals shown and encoded (GS1 AI 390n): pesos have none in practice. */
export const CURRENCY_DECIMALS: Record<Currency, number> = { COP: 0, CLP: 0, USD: 2 };

/**
 * An amount as the paper and the kiosk show it: "$ 45.000" (COP, CLP: no decimals, dot for
 * thousands), "US$ 1,234.50" (USD). One definition for the coupon, the screen and the tests.
 */
export function formatAmount(amount: number, currency: string): string {
  const decimals = CURRENCY_DECIMALS[currency as Currency] ?? 2;
  const usd = currency === 'USD';
  const [whole, frac] = Math.abs(amount).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, usd ? ',' : '.');
  const sign = amount < 0 ? '-' : '';
  const symbol = usd ? 'US$' : currency === 'COP' || currency === 'CLP' ? '$' : currency;
  return `${sign}${symbol} ${grouped}${frac ? (usd ? '.' : ',') + frac : ''}`;
}

/**
 * The outbox fact of one printed self-service document, for head office's figures (turns
 * avoided per office, day and kind). No account, no amount, no name: counts only.
 */
export const SelfServiceFact = z.object({
  kind: z.literal('self_service'),
  /** What was printed (head office's hq_event.type). */
  event: z.enum(SELF_SERVICE_KINDS),
  transactionId: z.string().min(1).max(64),
  /** Office-local day, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type SelfServiceFact = z.infer<typeof SelfServiceFact>;
