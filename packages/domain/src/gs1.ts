/**
 * GS1-128 payment barcodes in the Colombian collection format ("código de barras de
 * recaudo", GS1 Colombia / Asobancaria): (415) the company's GLN, (8020) the payment
 * reference, (390n) the amount, (96) the due date YYYYMMDD. Pure: element strings only;
 * drawing the bars is the printer's or the browser's job.
 *
 * Variable-length fields are ended by FNC1 unless they are last (GS1 General
 * Specifications 5.10); in data form FNC1 travels as the ASCII group separator (GS, 0x1d),
 * which is what scanners and zbar return for it.
 */

/** FNC1 as a separator inside GS1 data (ASCII GS). */
export const GS = '\x1d';

export interface Gs1Field {
  ai: string;
  value: string;
  /** Predefined fixed length (no FNC1 after it). */
  fixed: boolean;
}

export interface CollectionBarcodeInput {
  /** The company's Global Location Number: 13 digits, the last its check digit. */
  gln: string;
  /** Payment reference the billing system gave (GS1 AI 8020: up to 25 characters). */
  reference: string;
  /** Amount in the currency's major units (45000 pesos, 12.5 dollars). */
  amount: number;
  /** Decimals shown in the AI (390n): 0 for COP and CLP, 2 for USD. */
  decimals: number;
  /** ISO day YYYY-MM-DD. */
  dueDate: string;
}

/** GS1 mod-10 check digit of a number's data digits (weights 3,1,3... from the right). */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('GS1 check digit: digits only');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGln(gln: string): boolean {
  return /^\d{13}$/.test(gln) && gs1CheckDigit(gln.slice(0, 12)) === Number(gln[12]);
}

const REFERENCE = /^[0-9A-Za-z-]{1,25}$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The four fields of a collection barcode, checked; throws RangeError on a value the format cannot carry. */
export function collectionFields(input: CollectionBarcodeInput): Gs1Field[] {
  if (!isValidGln(input.gln)) throw new RangeError('GLN must be 13 digits with a valid check digit');
  if (!REFERENCE.test(input.reference)) throw new RangeError('payment reference: 1-25 letters, digits or dashes');
  if (!Number.isInteger(input.decimals) || input.decimals < 0 || input.decimals > 9) throw new RangeError('decimals 0-9');
  const minor = Math.round(input.amount * 10 ** input.decimals);
  if (!Number.isSafeInteger(minor) || minor < 0 || String(minor).length > 15) throw new RangeError('amount: 0 to 15 digits');
  const day = ISO_DAY.exec(input.dueDate);
  if (!day) throw new RangeError('due date must be YYYY-MM-DD');
  return [
    { ai: '415', value: input.gln, fixed: true },
    { ai: '8020', value: input.reference, fixed: false },
    { ai: `390${input.decimals}`, value: String(minor), fixed: false },
    { ai: '96', value: `${day[1]}${day[2]}${day[3]}`, fixed: false },
  ];
}

/** "(415)7709998000017(8020)…(3900)…(96)…": the human-readable line and the API's form. */
export function elementString(fields: readonly Gs1Field[]): string {
  return fields.map((f) => `(${f.ai})${f.value}`).join('');
}

/** The encoded data: AIs and values run together, FNC1 (as GS) after each variable field but the last. */
export function fnc1Data(fields: readonly Gs1Field[]): string {
  return fields.map((f, i) => `${f.ai}${f.value}${!f.fixed && i < fields.length - 1 ? GS : ''}`).join('');
}

/** Reads an element string "(ai)value(ai)value…" back into fields (for checks and previews). */
export function parseElementString(s: string): { ai: string; value: string }[] {
  const out: { ai: string; value: string }[] = [];
  const re = /\((\d{2,4})\)([^(]*)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(s))) {
    if (m.index !== consumed) throw new RangeError('not an element string');
    out.push({ ai: m[1], value: m[2] });
    consumed = re.lastIndex;
  }
  if (consumed !== s.length || out.length === 0) throw new RangeError('not an element string');
  return out;
}

/**
 * A company's alternative format: a plain Code 128 text from a template with {reference},
 * {amount} (minor units, zero-padded to {amount:N}), {due} (YYYYMMDD) placeholders.
 */
export function templateBarcode(template: string, input: Omit<CollectionBarcodeInput, 'gln'>): string {
  const minor = String(Math.round(input.amount * 10 ** input.decimals));
  const due = input.dueDate.replace(/-/g, '');
  const text = template
    .replace(/\{amount:(\d{1,2})\}/g, (_m, n: string) => minor.padStart(Number(n), '0'))
    .replace(/\{amount\}/g, minor)
    .replace(/\{reference\}/g, input.reference)
    .replace(/\{due\}/g, due);
  if (!/^[\x20-\x7e]{1,80}$/.test(text)) throw new RangeError('template gives no printable Code 128 text');
  return text;
}
