/**
 * Head office's Ed25519 key for booking QR codes (`v1.<b64url payload>.<b64url signature>`,
 * SignedBookingToken in @turnero/contract/portal). The signature covers the ASCII bytes of
 * the payload part (as JWS does), so an office verifies it with the public key alone, link
 * down. The key pair is made once and kept in DATA_DIR as a private (0600) PEM file; every
 * head-office process reading the same folder signs with the same key. Never logged.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignedBookingPayload } from '@turnero/contract/portal';

const SIGNING_KEY_FILE = 'portal-signing-key.pem';

export interface BookingSigner {
  /** SPKI PEM: what the 'bookings' link message carries to every office. */
  publicKeyPem: string;
  sign(payload: SignedBookingPayload): string;
  /** The payload when the token is ours and intact, else null. */
  verify(token: string): SignedBookingPayload | null;
}

/** Loads the key from `dataDir`, creating it on first use (exclusively: two starting processes keep one key). */
export function loadBookingSigner(dataDir: string): BookingSigner {
  const file = join(dataDir, SIGNING_KEY_FILE);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  }
  const publicKey = createPublicKey(privateKey);
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign(payload) {
      const body = Buffer.from(JSON.stringify(SignedBookingPayload.parse(payload))).toString('base64url');
      return `v1.${body}.${sign(null, Buffer.from(body), privateKey).toString('base64url')}`;
    },
    verify(token) {
      const [version, body, signature, ...rest] = token.split('.');
      if (version !== 'v1' || !body || !signature || rest.length > 0) return null;
      if (!verify(null, Buffer.from(body), publicKey, Buffer.from(signature, 'base64url'))) return null;
      const parsed = SignedBookingPayload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      return parsed.success ? parsed.data : null;
    },
  };
}
