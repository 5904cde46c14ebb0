/**
 * Digests of what identifies a customer, so limits and no-show counts work without the
 * contact itself: `contactKey` (phone or e-mail, normalised) and the ID number's hash the
 * office compares at check-in (LinkBooking.idNumberHash: SHA-256 hex).
 */
import { createHash } from 'node:crypto';
import { normalizeIdNumber } from '@turnero/contract/id-number';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The phone's digits (a leading + and the Colombian 57 kept as typed), or the e-mail lower-cased. */
export function contactKey(c: { phone?: string | null; email?: string | null }): string {
  if (c.phone) return sha256(`phone:${c.phone.replace(/[^0-9]/g, '')}`);
  return sha256(`email:${(c.email ?? '').trim().toLowerCase()}`);
}

/**
 * SHA-256 hex of the ID number as printed on the card: separators (dots, dashes, spaces)
 * dropped and letters upper-cased, so "1.020.304" at home and "1020304" at the kiosk match.
 */
export function idNumberHash(idNumber: string): string {
  return sha256(normalizeIdNumber(idNumber));
}
