/**
 * What a scanned bill barcode says about the account: a GS1 collection barcode (read with
 * or without its FNC1 separators) carries the payment reference in (8020); any other scan
 * or typed text is taken as the account number itself.
 */
const GS = '\x1d';

export function accountFromScan(raw: string): string {
  const text = raw.trim().replace(/^\]C1/, '');
  const bracketed = /\(8020\)([0-9A-Za-z-]{1,25})/.exec(text);
  if (bracketed) return bracketed[1];
  // 415 + 13-digit GLN, then 8020 and the reference up to FNC1 or the amount's AI.
  const plain = /^415\d{13}8020([0-9A-Za-z-]{1,25}?)(?:\x1d|390\d)/.exec(text.replace(/[\x1d~]/g, GS));
  if (plain) return plain[1];
  return text.replace(/[^0-9A-Za-z-]/g, '');
}
