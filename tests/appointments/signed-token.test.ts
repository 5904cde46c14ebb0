/**
 * The offline check of head office's signed booking token and the ID number's hash (pure:
 * no server). A token is honoured only when the office's stored Ed25519 key verifies it.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { SignedBookingPayload } from '@turnero/contract/portal';
import { idNumberHashes } from '../../server/src/office/bookings/check-in';
import { looksSigned, verifySignedBooking } from '../../server/src/office/bookings/signed-token';

const hq = generateKeyPairSync('ed25519');
const pem = hq.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const payload: SignedBookingPayload = { id: 'b1', code: 'ABC123', officeCode: 'OF-1', serviceCode: 'PAGOS', start: '2026-12-01T15:00:00.000Z', end: '2026-12-01T15:20:00.000Z' };
const part = Buffer.from(JSON.stringify(payload)).toString('base64url');
const token = (signed: Buffer, key = hq.privateKey) => `v1.${part}.${sign(null, signed, key).toString('base64url')}`;

describe('verifySignedBooking', () => {
  test('accepts a token signed over its payload part, or over the payload JSON bytes', () => {
    expect(verifySignedBooking(token(Buffer.from(part)), pem)).toEqual(payload);
    expect(verifySignedBooking(token(Buffer.from(JSON.stringify(payload))), pem)).toEqual(payload);
  });

  test('refuses a changed payload, another key, no key, a key that is not Ed25519, and junk', () => {
    const good = token(Buffer.from(part));
    const [, , sig] = good.split('.');
    const moved = Buffer.from(JSON.stringify({ ...payload, start: '2026-12-01T20:00:00.000Z' })).toString('base64url');
    expect(verifySignedBooking(`v1.${moved}.${sig}`, pem)).toBeNull();
    expect(verifySignedBooking(token(Buffer.from(part), generateKeyPairSync('ed25519').privateKey), pem)).toBeNull();
    expect(verifySignedBooking(good, null)).toBeNull();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifySignedBooking(good, rsa)).toBeNull();
    expect(verifySignedBooking(good, 'not a key')).toBeNull();
    expect(verifySignedBooking('v1.e30.AAAA', pem)).toBeNull();
    expect(looksSigned('ABC123')).toBe(false);
    expect(looksSigned(` ${good} `)).toBe(true);
  });

  test('a correctly signed payload missing its fields is not a booking', () => {
    const bare = Buffer.from(JSON.stringify({ id: 'b1' })).toString('base64url');
    expect(verifySignedBooking(`v1.${bare}.${sign(null, Buffer.from(bare), hq.privateKey).toString('base64url')}`, pem)).toBeNull();
  });
});

describe('idNumberHashes', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  test('the number as typed and without spaces, dots or dashes, upper case', () => {
    expect(idNumberHashes(' 1.020.304-050 ')).toEqual([sha('1.020.304-050'), sha('1020304050')]);
    expect(idNumberHashes('ab123')).toEqual([sha('ab123'), sha('AB123')]);
    expect(idNumberHashes('1020304050')).toEqual([sha('1020304050')]);
  });
});
