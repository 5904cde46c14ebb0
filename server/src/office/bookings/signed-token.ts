/**
 * Head office's signed booking token (what the booking QR carries), checked offline:
 * `v1.<base64url(JSON payload)>.<base64url(Ed25519 signature)>` (contract portal.ts,
 * SignedBookingPayload). The signature covers the payload part as written (its base64url
 * text, as JWS does); the decoded JSON bytes are accepted too, so either signing choice at
 * head office verifies. Only the public key lives here: the office cannot mint bookings.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SignedBookingPayload } from '@turnero/contract/portal';

const TOKEN = /^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** True when the text has the token's shape (then it is checked as one, never as a code). */
export const looksSigned = (text: string): boolean => TOKEN.test(text.trim());

const keys = new Map<string, KeyObject | null>();
function keyOf(pem: string): KeyObject | null {
  if (!keys.has(pem)) {
    let key: KeyObject | null = null;
    try {
      key = createPublicKey(pem);
      if (key.asymmetricKeyType !== 'ed25519') key = null;
    } catch {
      key = null;
    }
    keys.set(pem, key);
  }
  return keys.get(pem)!;
}

/** The payload of a token head office signed, or null (bad shape, bad signature, no key). */
export function verifySignedBooking(token: string, publicKeyPem: string | null): SignedBookingPayload | null {
  const m = TOKEN.exec(token.trim());
  if (!m || !publicKeyPem) return null;
  const key = keyOf(publicKeyPem);
  if (!key) return null;
  const [, payloadPart, signaturePart] = m;
  const signature = Buffer.from(signaturePart, 'base64url');
  const json = Buffer.from(payloadPart, 'base64url');
  const signed = verify(null, Buffer.from(payloadPart, 'ascii'), key, signature) || verify(null, json, key, signature);
  if (!signed) return null;
  try {
    const parsed = SignedBookingPayload.safeParse(JSON.parse(json.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
