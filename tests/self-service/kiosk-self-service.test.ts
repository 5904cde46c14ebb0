/**
 * Self-service at the kiosk against a real billing server over HTTP: lookup with the
 * holder masked, full and partial coupons printed with their GS1-128 barcode and recorded,
 * an unknown account, billing down and slow (timeout, then the breaker opens and closes
 * after its cool-down on the fake clock), and the office's switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionFields, fnc1Data, parseElementString } from '@turnero/domain/gs1';
import { DEMO_ACCOUNTS, DEMO_GLN } from '../../server/src/office/demo/billing-demo';
import { request } from '../support/http';
import { waitUntil } from '../printing/support';
import { BREAKER_FAILURES, COOL_DOWN_MS, startSelfServiceRig, type SelfServiceRig } from './helpers';

let rig: SelfServiceRig;
const [MARIA, JORGE, NO_PARTIAL] = DEMO_ACCOUNTS;
const post = (path: string, body: unknown, token = rig.kiosk) => request(rig.office.url, 'POST', `/api/v1/self-service/${path}`, { token, body });

beforeAll(async () => {
  rig = await startSelfServiceRig();
});
afterAll(async () => {
  await rig?.stop();
});

describe('self-service at the kiosk', () => {
  it('looks an account up and shows the holder only masked', async () => {
    const r = await post('lookup', { account: MARIA });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      account: MARIA,
      holderMasked: 'M*** G***',
      period: 'Noviembre 2026',
      amountDue: 45000,
      dueDate: '2026-12-11',
      partialAllowed: true,
      currency: 'COP',
    });
    expect(JSON.stringify(r.body)).not.toMatch(/María|Gómez/);
  });

  it('answers 404 account_not_found for an account billing does not know, and 400 for a malformed one', async () => {
    const r = await post('lookup', { account: '99999999' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('account_not_found');
    const bad = await post('lookup', { account: '1; DROP' });
    expect(bad.status).toBe(400);
  });

  it('prints a full-payment coupon whose barcode carries the GS1 element string the API answers, and records it', async () => {
    const before = rig.papers.length;
    const r = await post('coupons', { account: MARIA, kind: 'full' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ amount: 45000, dueDate: '2026-12-11', currency: 'COP' });
    expect(r.body.gs1).toBe(`(415)${DEMO_GLN}(8020)${MARIA}01(3900)45000(96)20261211`);
    expect(r.body.barcodeSvg).toMatch(/^<svg/);
    const paper = await waitUntil('the coupon cut', () => rig.papers[before]);
    const fields = collectionFields({ gln: DEMO_GLN, reference: `${MARIA}01`, amount: 45000, decimals: 0, dueDate: '2026-12-11' });
    expect(paper.barcodes).toEqual([{ symbology: 'gs1-128', data: fnc1Data(fields) }]);
    expect(paper.text).toContain('M*** G***');
    expect(paper.text).toContain('$ 45.000');
    expect(paper.text).not.toMatch(/María|Gómez/);
    expect(paper.qr).toBe(`https://pagos.example.com/pagar?ref=${MARIA}01`);
    const row = await waitUntil('the coupon printed', async () =>
      (await rig.transactions()).find((t) => t.id === r.body.id && t.printState === 'printed'),
    );
    expect(row).toMatchObject({ kind: 'coupon_full', account: MARIA, amountMinor: 45000, currency: 'COP', deviceId: rig.office.creds.kioskId });
  });

  it('prints the partial payment the company allows, and refuses one where it allows none', async () => {
    const r = await post('coupons', { account: JORGE, kind: 'partial' });
    expect(r.status).toBe(201);
    expect(r.body.amount).toBe(90125);
    expect(parseElementString(r.body.gs1).find((f) => f.ai === '3900')?.value).toBe('90125');
    expect((await rig.transactions()).some((t) => t.id === r.body.id && t.kind === 'coupon_partial')).toBe(true);
    const none = await post('coupons', { account: NO_PARTIAL, kind: 'partial' });
    expect(none.status).toBe(409);
  });

  it('prints a duplicate invoice with its concepts and records it', async () => {
    const before = rig.papers.length;
    const r = await post('duplicates', { account: NO_PARTIAL });
    expect(r.status).toBe(201);
    expect(r.body.period).toBe('Octubre-Noviembre 2026');
    // The partial coupon above may still be cutting: the duplicate is the paper with its title.
    const paper = await waitUntil('the duplicate cut', () => rig.papers.slice(before).find((p) => p.text.includes('Duplicado de factura')));
    expect(paper.barcodes).toBeUndefined();
    expect(paper.text).toContain('L*** D*** O***');
    expect(paper.text).toContain('$ 312.400');
    expect((await rig.transactions()).find((t) => t.id === r.body.id)).toMatchObject({ kind: 'duplicate_invoice', amountMinor: 312400, gs1: null });
  });

  it('only a kiosk or staff may ask; a display may not, nor a stranger', async () => {
    expect((await post('lookup', { account: MARIA }, rig.office.creds.displayToken)).status).toBe(403);
    expect((await post('lookup', { account: MARIA }, '')).status).toBe(401);
  });

  it('answers 503 billing_unreachable when billing is down, printing and recording nothing', async () => {
    const rows = (await rig.transactions()).length;
    rig.billing.setMode('down');
    try {
      const r = await post('coupons', { account: MARIA, kind: 'full' });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('billing_unreachable');
    } finally {
      rig.billing.setMode('ok');
    }
    expect((await rig.transactions()).length).toBe(rows);
    // Billing answered again: the breaker (below its threshold) lets the next call through.
    expect((await post('lookup', { account: MARIA })).status).toBe(200);
  });

  it('times out a slow billing system, opens the breaker after its failures and closes it after the cool-down', async () => {
    rig.billing.setMode('slow', 5000);
    let opened = false;
    try {
      for (let i = 0; i < BREAKER_FAILURES; i++) {
        const r = await post('lookup', { account: MARIA });
        expect(r.status).toBe(503);
        expect(r.body.error.code).toBe('billing_unreachable');
      }
      // Open: the kiosk is answered without a call to billing.
      const sent = rig.billing.requests;
      const r = await post('lookup', { account: MARIA });
      expect(r.status).toBe(503);
      expect(rig.billing.requests).toBe(sent);
      opened = true;
    } finally {
      rig.billing.setMode('ok');
    }
    expect(opened).toBe(true);
    // Still open just before the cool-down ends, closed (one trial succeeds) after it.
    rig.clock.advance(COOL_DOWN_MS - 1);
    expect((await post('lookup', { account: MARIA })).status).toBe(503);
    rig.clock.advance(1);
    expect((await post('lookup', { account: MARIA })).status).toBe(200);
    expect((await post('lookup', { account: MARIA })).status).toBe(200);
  });

  it('is not offered once the admin turns it off: the kiosk sees it off and the routes answer 404', async () => {
    const off = await request(rig.office.url, 'PUT', '/api/v1/self-service/settings', { token: rig.admin, body: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ enabled: false });
    try {
      expect((await request(rig.office.url, 'GET', '/api/v1/self-service/settings', { token: rig.kiosk })).body).toEqual({ enabled: false });
      expect((await post('lookup', { account: MARIA })).status).toBe(404);
      expect((await post('coupons', { account: MARIA, kind: 'full' })).status).toBe(404);
      const unknown = await request(rig.office.url, 'PUT', '/api/v1/self-service/settings', { token: rig.admin, body: { enabled: true, company: 'nope' } });
      expect(unknown.status).toBe(400);
      expect((await request(rig.office.url, 'PUT', '/api/v1/self-service/settings', { token: rig.kiosk, body: { enabled: true } })).status).toBe(403);
      // An empty or stray body says nothing: refused, not read as "off".
      expect((await request(rig.office.url, 'PUT', '/api/v1/self-service/settings', { token: rig.admin, body: {} })).status).toBe(400);
      expect((await request(rig.office.url, 'PUT', '/api/v1/self-service/settings', { token: rig.admin, body: { enabled: true, x: 1 } })).status).toBe(400);
    } finally {
      await request(rig.office.url, 'PUT', '/api/v1/self-service/settings', { token: rig.admin, body: { enabled: true, company: 'acme' } });
    }
    expect((await request(rig.office.url, 'GET', '/api/v1/self-service/settings', { token: rig.kiosk })).body).toEqual({ enabled: true, currency: 'COP' });
  });
});
