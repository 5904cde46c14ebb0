/**
 * An ID number as both ends compare it: head office stores a booking's ID number only as
 * the SHA-256 hex of this form (LinkBooking.idNumberHash) and the office hashes what the
 * kiosk typed the same way, so "1.020.304" at home and "1020304" at the kiosk match.
 */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.replace(/[\s.-]/g, '').toUpperCase();
}
