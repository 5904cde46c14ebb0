/** Reading the HTTPS certificate and key: one place for start-up checks and reloads. */
import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';

/** TLS 1.0 and 1.1 are deprecated (RFC 8996). */
const TLS_MIN_VERSION = 'TLSv1.2' as const;

/** The pair as server options; throws when a file is missing or the key does not match. */
export function readTlsPair(certFile: string, keyFile: string): SecureContextOptions {
  const options = { cert: readFileSync(certFile), key: readFileSync(keyFile), minVersion: TLS_MIN_VERSION };
  createSecureContext(options); // throws on a half-written, garbled or mismatched pair
  return options;
}
