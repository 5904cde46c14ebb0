/**
 * Takes personal data out of a free text a customer typed (a rating's comment) before it
 * is stored: Colombian ID numbers (cédula, 6 to 10 digits, bare or with dots; NIT with its
 * check digit), phone numbers (mobiles 3xx, +57, landlines 60x) and e-mail addresses each
 * become "[dato eliminado]". Numbers that are not about a person stay: amounts ("$45.000",
 * "45.000 pesos"), dates ("15/03/2025"), times, counters ("módulo 3"), ticket codes.
 *
 * It errs on the side of removing: a bare run of six or more digits that is not an amount
 * goes, since an invoice number lost from a comment costs less than an ID number kept.
 */
export const SCRUBBED = '[dato eliminado]';

interface Rule {
  pattern: RegExp;
  /** Keep this match (an amount, not a person's number)? */
  keep?: (text: string, start: number, end: number) => boolean;
}

// A number is whole: never a digit, dot or comma right before or after it.
const NUM_START = String.raw`(?<![\d.,])`;
const NUM_END = String.raw`(?![\d]|[.,]\d)`;
const SEP = String.raw`[ .\-]?`;

/** "$ 45.000", "COP 1.234.567", "45.000 pesos": money, not a person. */
function isAmount(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 5), start);
  const after = text.slice(end, end + 8);
  return /(\$|cop|col\$)\s?$/i.test(before) || /^\s?(pesos|cop|mil\b|millones)/i.test(after);
}

const RULES: Rule[] = [
  // E-mail addresses first: their digits must not be half-taken by the number rules.
  { pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu },
  // Phones with the country code: +57 300 123 4567, (+57) 604 444 5566, 0057...
  { pattern: new RegExp(String.raw`(?:\(\s?\+?57\s?\)|\+\s?57|\b0057)[ .\-]?\(?\d{3}\)?${SEP}\d{3}${SEP}\d{2}${SEP}?\d{2}${NUM_END}`, 'g') },
  // Mobiles (3xx) and landlines (60x) written in groups: 300 123 4567, (604) 444-55-66.
  { pattern: new RegExp(String.raw`${NUM_START}\(?(?:3\d{2}|60\d)\)?${SEP}\d{3}${SEP}\d{2}${SEP}?\d{2}${NUM_END}`, 'g') },
  // NIT with its check digit: 900.123.456-7, 900123456-7, 800 123 456 - 1.
  { pattern: new RegExp(String.raw`${NUM_START}\d{3}${SEP}\d{3}${SEP}\d{3}\s?-\s?\d${NUM_END}`, 'g') },
  // A cédula with dots: 1.234.567.890, 12.345.678, 123.456.
  {
    pattern: new RegExp(String.raw`${NUM_START}\d{1,3}(?:\.\d{3}){1,3}${NUM_END}`, 'g'),
    keep: (text, start, end) => digitCount(text.slice(start, end)) < 6 || isAmount(text, start, end),
  },
  // A bare cédula (or any long run of digits): 6 to 10 digits; longer runs too.
  { pattern: new RegExp(String.raw`${NUM_START}\d{6,}${NUM_END}`, 'g'), keep: isAmount },
];

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

/** The text with every ID number, phone number and e-mail address replaced by SCRUBBED. */
export function scrubPersonalData(text: string): string {
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (match: string, ...args: unknown[]) => {
      const offset = args.find((a) => typeof a === 'number') as number;
      return rule.keep?.(out, offset, offset + match.length) ? match : SCRUBBED;
    });
  }
  return out;
}
