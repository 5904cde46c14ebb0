import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatTicketCode, isValidPrefix, parseTicketCode } from './numbering';
import { AppError } from './errors';

describe('formatTicketCode', () => {
  it('pads to three digits and grows past 999', () => {
    assert.equal(formatTicketCode('A', 1), 'A-001');
    assert.equal(formatTicketCode('A', 14), 'A-014');
    assert.equal(formatTicketCode('A', 999), 'A-999');
    assert.equal(formatTicketCode('A', 1000), 'A-1000');
    assert.equal(formatTicketCode('PRE', 7), 'PRE-007');
  });
  it('refuses bad prefixes and numbers with validation_failed', () => {
    const isValidation = (e: unknown) => e instanceof AppError && e.code === 'validation_failed';
    assert.throws(() => formatTicketCode('a', 1), isValidation);
    assert.throws(() => formatTicketCode('ABCD', 1), isValidation);
    assert.throws(() => formatTicketCode('A', 0), isValidation);
    assert.throws(() => formatTicketCode('A', 1.5), isValidation);
    assert.throws(() => formatTicketCode('A', -3), isValidation);
  });
  it('round-trips through parseTicketCode (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,3}$/), fc.integer({ min: 1, max: 1_000_000 }), (prefix, n) => {
        assert.deepEqual(parseTicketCode(formatTicketCode(prefix, n)), { prefix, number: n });
      }),
    );
  });
});

describe('isValidPrefix', () => {
  it('accepts 1-3 upper-case letters A-Z only', () => {
    for (const p of ['A', 'PR', 'XYZ']) assert.equal(isValidPrefix(p), true, p);
    for (const p of ['', 'a', 'ABCD', 'A1', 'Ñ', 'A-', ' A']) assert.equal(isValidPrefix(p), false, p);
  });
});
