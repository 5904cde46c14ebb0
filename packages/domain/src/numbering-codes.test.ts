/** Ticket codes read back from outside (a scanned QR, a URL, a request): only whole codes count. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { formatTicketCode, isValidPrefix, parseTicketCode } from './numbering';
import { refused } from './test-fixtures';

describe('parseTicketCode', () => {
  it('refuses a code with anything before or after it', () => {
    for (const code of ['xA-014', 'A-014x', ' A-014', 'A-014 ', 'ABCD-014']) assert.equal(parseTicketCode(code), null, code);
    assert.deepEqual(parseTicketCode('PR-021'), { prefix: 'PR', number: 21 });
  });
});

describe('isValidPrefix', () => {
  it('refuses a prefix that is not a string even when it prints as one (a JSON ["A"])', () => {
    for (const p of [['A'], { toString: () => 'B' }, 7, null]) assert.equal(isValidPrefix(p as unknown as string), false, String(p));
  });
});

describe('formatTicketCode errors name the bad value', () => {
  it('prefix and number', () => {
    refused(() => formatTicketCode('a1', 1), 'validation_failed', /^Invalid prefix "a1": use 1-3 upper-case letters A-Z$/);
    refused(() => formatTicketCode('A', 2.5), 'validation_failed', /^Invalid ticket number 2\.5: must be a positive integer$/);
  });
});
