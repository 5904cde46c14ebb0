/**
 * The connector's small parts on their own: the circuit breaker on a fake clock, the
 * company configuration's checks, the holder's mask, amounts per currency and the
 * alternative barcode format.
 */
import { describe, expect, it } from 'vitest';
import { formatAmount } from '@turnero/contract/self-service';
import { CircuitBreaker } from '../../server/src/office/self-service/circuit-breaker';
import { parseCompanies, readCredential } from '../../server/src/office/self-service/companies';
import { couponBarcode } from '../../server/src/office/self-service/coupon-barcode';
import { maskHolder } from '../../server/src/office/self-service/holder-mask';
import { DEMO_GLN, demoCompany } from '../../server/src/office/demo/billing-demo';
import { FakeClock } from '../support/office';

describe('the circuit breaker', () => {
  it('opens after N failures in a row, lets one trial through after the cool-down, and closes on its success', () => {
    const clock = new FakeClock(new Date('2026-12-01T00:00:00Z'));
    const b = new CircuitBreaker(clock, { failures: 3, coolDownMs: 10_000 });
    for (let i = 0; i < 2; i++) expect(b.tryAcquire()).toBe(true), b.failure();
    expect(b.state).toBe('closed');
    b.tryAcquire();
    b.failure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    clock.advance(10_000);
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // one trial at a time
    b.success();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('a failed trial opens it for another whole cool-down; a success between failures resets the count', () => {
    const clock = new FakeClock(new Date('2026-12-01T00:00:00Z'));
    const b = new CircuitBreaker(clock, { failures: 2, coolDownMs: 1000 });
    b.failure();
    b.success();
    b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    clock.advance(1000);
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    clock.advance(999);
    expect(b.state).toBe('open');
  });
});

describe('company configuration', () => {
  const base = demoCompany('http://127.0.0.1:1');
  it('refuses a GLN with a wrong check digit, naming the field', () => {
    const gln = `${DEMO_GLN.slice(0, 12)}${(Number(DEMO_GLN[12]) + 1) % 10}`;
    expect(() => parseCompanies({ companies: [{ ...base, gln }] }, 'FILE')).toThrow(/FILE: companies\.0\.gln/);
  });

  it('requires a GLN for the GS1 format but not for a template, and refuses unknown fields', () => {
    const { gln: _gln, ...noGln } = base;
    expect(() => parseCompanies({ companies: [noGln] }, 'FILE')).toThrow(/gln/);
    expect(parseCompanies({ companies: [{ ...noGln, barcode: { format: 'code128-template', template: 'X{reference}' } }] }, 'F')).toHaveLength(1);
    expect(() => parseCompanies({ companies: [{ ...base, billing: { ...base.billing, password: 'x' } }] }, 'FILE')).toThrow(/FILE/);
  });

  it('reads the credential from its environment variable and stops when it is missing', () => {
    expect(readCredential({ ...base.billing, credentialEnv: 'TOKEN_X' }, { TOKEN_X: 's3cret' })).toBe('s3cret');
    expect(() => readCredential({ ...base.billing, credentialEnv: 'TOKEN_Y' }, {})).toThrow(/TOKEN_Y/);
    expect(readCredential(base.billing, {})).toBeNull();
  });
});

describe('what the customer sees', () => {
  it('masks each name to its initial and three stars, three words at most', () => {
    expect(maskHolder('María Gómez')).toBe('M*** G***');
    expect(maskHolder('  ángela  maría  de la torre ')).toBe('Á*** M*** D***');
    expect(maskHolder('')).toBe('***');
  });

  it('writes pesos without decimals and dollars with cents', () => {
    expect(formatAmount(45000, 'COP')).toBe('$ 45.000');
    expect(formatAmount(1234567, 'CLP')).toBe('$ 1.234.567');
    expect(formatAmount(1234.5, 'USD')).toBe('US$ 1,234.50');
  });

  it("a company with the template format gets a plain Code 128 of its template; a USD company's GS1 amount is (3902)", () => {
    const pa = { ...demoCompany('http://x'), currency: 'USD' as const, barcode: { format: 'code128-template' as const, template: 'PA{reference}{amount:8}{due}' } };
    expect(couponBarcode(pa, { reference: '77', amount: 12.5, dueDate: '2026-12-15' })).toEqual({
      symbology: 'code128',
      data: 'PA770000125020261215',
      text: 'PA770000125020261215',
    });
    const usdGs1 = couponBarcode({ ...demoCompany('http://x'), currency: 'USD' }, { reference: '77', amount: 12.5, dueDate: '2026-12-15' });
    expect(usdGs1.text).toBe(`(415)${DEMO_GLN}(8020)77(3902)1250(96)20261215`);
  });
});
