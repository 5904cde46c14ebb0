/**
 * Self-service at the kiosk (self-service.ts): what the kiosk may ask, what the billing
 * connector must answer, how an amount reads on paper, and the outbox fact that carries
 * counts only.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  AccountNumber,
  AccountSummary,
  BillingAccount,
  BillingCoupon,
  BillingCouponRequest,
  BillingDuplicate,
  COUPON_KINDS,
  CouponIssued,
  CouponRequest,
  CURRENCIES,
  CURRENCY_DECIMALS,
  DuplicateIssued,
  DuplicateRequest,
  formatAmount,
  LookupRequest,
  SELF_SERVICE_KINDS,
  SelfServiceFact,
  SelfServiceSettings,
  SelfServiceSettingsRequest,
  SelfServiceStatus,
} from './self-service';
import { accepts, chars, rejects } from './test-fixtures';

const billingAccount = () => ({
  account: '1053774',
  holderName: 'María Gómez',
  period: 'Noviembre 2026',
  amountDue: 123456.78,
  dueDate: '2026-12-15',
  currency: 'COP',
  partialAmount: 50000,
});
const billingCoupon = () => ({ couponId: 'cp-1', reference: 'REF-0001', amount: 45000, dueDate: '2026-12-15', payUrl: 'https://pagos.example/c/1' });

describe('the kinds and currencies self-service knows', () => {
  it('coupons are full or partial; documents are full or partial coupons and duplicate invoices; currencies COP, CLP and USD', () => {
    assert.deepEqual(COUPON_KINDS, ['full', 'partial']);
    assert.deepEqual(SELF_SERVICE_KINDS, ['coupon_full', 'coupon_partial', 'duplicate_invoice']);
    assert.deepEqual(CURRENCIES, ['COP', 'CLP', 'USD']);
    assert.deepEqual(CURRENCY_DECIMALS, { COP: 0, CLP: 0, USD: 2 });
  });
});

describe('what the kiosk asks', () => {
  it('an account number is 4 to 40 letters, digits or dashes, as printed on the bill or scanned', () => {
    for (const ok of ['1053', 'NIU-1053774', chars(40, '7')]) assert.deepEqual(accepts(LookupRequest, { account: ok }), { account: ok });
    for (const bad of ['105', chars(41, '7'), '1053 774', '1053.774', 'Ñ1053774', '1053774\n', '']) {
      assert.equal(rejects(AccountNumber, bad).message, '4-40 letters, digits or dashes', JSON.stringify(bad));
    }
    rejects(LookupRequest, {}, ['account']);
    assert.deepEqual(accepts(DuplicateRequest, { account: '1053774' }), { account: '1053774' });
    rejects(DuplicateRequest, { account: '1 2 3 4' }, ['account']);
  });
  it('a coupon is for an account and a kind, full or partial', () => {
    for (const kind of COUPON_KINDS) assert.deepEqual(accepts(CouponRequest, { account: '1053774', kind }), { account: '1053774', kind });
    rejects(CouponRequest, { account: '1053774', kind: 'half' }, ['kind']);
    rejects(CouponRequest, { account: '1053774' }, ['kind']);
    rejects(CouponRequest, { account: 'x', kind: 'full' }, ['account']);
  });
});

describe('what the kiosk is answered', () => {
  it('keeps every field of a summary, a coupon, a duplicate and the kiosk status', () => {
    const summary = { account: '1053774', holderMasked: 'M*** G***', period: 'Nov', amountDue: 10, dueDate: '2026-12-15', partialAllowed: true, currency: 'COP', partialAmount: null };
    assert.deepEqual(accepts(AccountSummary, summary), summary);
    rejects(AccountSummary, { ...summary, partialAllowed: 'yes' }, ['partialAllowed']);
    const coupon = { id: 'c1', amount: 45000, dueDate: '2026-12-15', gs1: '(415)7709998000000(8020)REF(3900)45000(96)20261215', currency: 'COP', barcodeSvg: '<svg/>', payUrl: 'https://p', printState: 'printed' };
    assert.deepEqual(accepts(CouponIssued, coupon), coupon);
    rejects(CouponIssued, { ...coupon, amount: '45000' }, ['amount']);
    const duplicate = { id: 'd1', period: 'Nov', printState: 'queued' };
    assert.deepEqual(accepts(DuplicateIssued, duplicate), duplicate);
    assert.deepEqual(accepts(SelfServiceStatus, { enabled: true, currency: 'USD' }), { enabled: true, currency: 'USD' });
    rejects(SelfServiceStatus, {}, ['enabled']);
  });
});

describe('the settings', () => {
  it('are off by default, naming a company of at most 64 characters', () => {
    assert.deepEqual(accepts(SelfServiceSettings, {}), { enabled: false });
    assert.deepEqual(accepts(SelfServiceSettings, { enabled: true, company: chars(64) }), { enabled: true, company: chars(64) });
    rejects(SelfServiceSettings, { company: chars(65) }, ['company']);
  });
  it('an admin sets both: on or off said outright, a company of 1 to 64 characters, nothing else', () => {
    assert.deepEqual(accepts(SelfServiceSettingsRequest, { enabled: true, company: 'CHEC' }), { enabled: true, company: 'CHEC' });
    assert.deepEqual(accepts(SelfServiceSettingsRequest, { enabled: false }), { enabled: false });
    rejects(SelfServiceSettingsRequest, {}, ['enabled']);
    rejects(SelfServiceSettingsRequest, { enabled: true, company: '' }, ['company']);
    rejects(SelfServiceSettingsRequest, { enabled: true, company: chars(65) }, ['company']);
    assert.equal(rejects(SelfServiceSettingsRequest, { enabled: true, colour: 'red' }).code, 'unrecognized_keys');
  });
});

describe("the billing connector's answers", () => {
  it('an account: a non-negative amount, a due day, a three-letter currency, a positive partial amount or none', () => {
    assert.deepEqual(accepts(BillingAccount, billingAccount()), billingAccount());
    assert.equal(accepts(BillingAccount, { ...billingAccount(), partialAmount: null, amountDue: 0 }).partialAmount, null);
    rejects(BillingAccount, { ...billingAccount(), amountDue: -1 }, ['amountDue']);
    rejects(BillingAccount, { ...billingAccount(), partialAmount: 0 }, ['partialAmount']);
    for (const bad of ['cop', 'CO', 'COPE', 'C0P', '$']) rejects(BillingAccount, { ...billingAccount(), currency: bad }, ['currency']);
    for (const bad of ['2026-12-5', '15/12/2026', '2026-12-15T00:00', 'x2026-12-15']) rejects(BillingAccount, { ...billingAccount(), dueDate: bad }, ['dueDate']);
    rejects(BillingAccount, { ...billingAccount(), account: chars(41) }, ['account']);
    rejects(BillingAccount, { ...billingAccount(), holderName: chars(201) }, ['holderName']);
    rejects(BillingAccount, { ...billingAccount(), period: chars(41) }, ['period']);
    accepts(BillingAccount, { ...billingAccount(), account: chars(40), holderName: chars(200), period: chars(40) });
  });
  it('a coupon request names its kind and a non-negative amount', () => {
    assert.deepEqual(accepts(BillingCouponRequest, { kind: 'partial', amount: 0 }), { kind: 'partial', amount: 0 });
    rejects(BillingCouponRequest, { kind: 'partial', amount: -0.01 }, ['amount']);
    rejects(BillingCouponRequest, { kind: 'all', amount: 1 }, ['kind']);
  });
  it('a coupon: a payment reference of 1 to 25 letters, digits or dashes, an address to pay online', () => {
    assert.deepEqual(accepts(BillingCoupon, billingCoupon()), billingCoupon());
    accepts(BillingCoupon, { ...billingCoupon(), reference: chars(25, '9'), payUrl: undefined });
    for (const bad of ['', chars(26, '9'), 'REF 1', 'REF/1', 'REF-1\n']) rejects(BillingCoupon, { ...billingCoupon(), reference: bad }, ['reference']);
    rejects(BillingCoupon, { ...billingCoupon(), payUrl: 'pagos.example' }, ['payUrl']);
    rejects(BillingCoupon, { ...billingCoupon(), payUrl: `https://p.example/${chars(290)}` }, ['payUrl']);
    rejects(BillingCoupon, { ...billingCoupon(), couponId: chars(65) }, ['couponId']);
    rejects(BillingCoupon, { ...billingCoupon(), amount: -5 }, ['amount']);
    for (const bad of ['2026/12/15', 'x2026-12-15', '2026-12-15x']) rejects(BillingCoupon, { ...billingCoupon(), dueDate: bad }, ['dueDate']);
  });
  it('a duplicate: at most 60 lines of concepts up to 80 characters, a total and a due day', () => {
    const duplicate = { documentId: 'doc-1', period: 'Nov', lines: [{ concept: 'Energía', amount: 100 }, { concept: 'Ajuste', amount: -3 }], total: 97, dueDate: '2026-12-15' };
    assert.deepEqual(accepts(BillingDuplicate, duplicate), duplicate);
    accepts(BillingDuplicate, { ...duplicate, lines: Array(60).fill({ concept: chars(80), amount: 1 }) });
    rejects(BillingDuplicate, { ...duplicate, lines: Array(61).fill({ concept: 'x', amount: 1 }) }, ['lines']);
    rejects(BillingDuplicate, { ...duplicate, lines: [{ concept: chars(81), amount: 1 }] }, ['lines', 0, 'concept']);
    rejects(BillingDuplicate, { ...duplicate, documentId: chars(65) }, ['documentId']);
    rejects(BillingDuplicate, { ...duplicate, period: chars(41) }, ['period']);
    for (const bad of ['15-12-2026', 'x2026-12-15', '2026-12-15x']) rejects(BillingDuplicate, { ...duplicate, dueDate: bad }, ['dueDate']);
  });
});

describe('an amount as the paper and the screen show it', () => {
  it('pesos without decimals and dots for thousands; dollars with cents and commas; the sign before the symbol', () => {
    assert.equal(formatAmount(45000, 'COP'), '$ 45.000');
    assert.equal(formatAmount(1234567, 'CLP'), '$ 1.234.567');
    assert.equal(formatAmount(999, 'COP'), '$ 999');
    assert.equal(formatAmount(45000.6, 'COP'), '$ 45.001');
    assert.equal(formatAmount(1234.5, 'USD'), 'US$ 1,234.50');
    assert.equal(formatAmount(0.07, 'USD'), 'US$ 0.07');
    assert.equal(formatAmount(1234567.891, 'USD'), 'US$ 1,234,567.89');
    assert.equal(formatAmount(-1234.5, 'USD'), '-US$ 1,234.50');
    assert.equal(formatAmount(-45000, 'COP'), '-$ 45.000');
    assert.equal(formatAmount(0, 'COP'), '$ 0');
    assert.equal(formatAmount(0, 'USD'), 'US$ 0.00');
  });
  it('an unknown currency shows its code, with two decimals after a comma', () => {
    assert.equal(formatAmount(1234.5, 'EUR'), 'EUR 1.234,50');
    assert.equal(formatAmount(3, 'PEN'), 'PEN 3,00');
  });
});

describe('the outbox fact of a printed document', () => {
  it('carries the kind, a transaction id of 1 to 64 characters and the office-local day, nothing personal', () => {
    const fact = { kind: 'self_service', event: 'coupon_partial', transactionId: 'tx-1', day: '2026-12-01' };
    assert.deepEqual(accepts(SelfServiceFact, fact), fact);
    for (const event of SELF_SERVICE_KINDS) accepts(SelfServiceFact, { ...fact, event });
    rejects(SelfServiceFact, { ...fact, kind: 'rating' }, ['kind']);
    rejects(SelfServiceFact, { ...fact, event: 'coupon' }, ['event']);
    rejects(SelfServiceFact, { ...fact, transactionId: '' }, ['transactionId']);
    rejects(SelfServiceFact, { ...fact, transactionId: chars(65) }, ['transactionId']);
    for (const bad of ['2026-12-1', '01/12/2026', '2026-12-01Z', ' 2026-12-01']) rejects(SelfServiceFact, { ...fact, day: bad }, ['day']);
    assert.deepEqual(accepts(SelfServiceFact, { ...fact, account: '1053774', amount: 45000 }), fact, 'an account or amount never rides along');
  });
});
