/**
 * Ticket codes ("A-014") and how the display's voice says them in Spanish.
 * Numbers restart every local day per service; the data layer hands out the number,
 * this module only formats and speaks it.
 */
import { AppError } from './errors';

const PREFIX_PATTERN = /^[A-Z]{1,3}$/;
const CODE_PATTERN = /^([A-Z]{1,3})-(\d+)$/;

/** A service prefix: 1-3 upper-case letters A-Z (no Ñ, no digits: printers and voices agree on these). */
export function isValidPrefix(p: string): boolean {
  return typeof p === 'string' && PREFIX_PATTERN.test(p);
}

/** 'A', 14 -> 'A-014'. At least three digits; 1000 and above print as they are ('A-1000'). */
export function formatTicketCode(prefix: string, n: number): string {
  if (!isValidPrefix(prefix)) {
    throw new AppError('validation_failed', `Invalid prefix "${prefix}": use 1-3 upper-case letters A-Z`);
  }
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new AppError('validation_failed', `Invalid ticket number ${n}: must be a positive integer`);
  }
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

/** Splits 'A-014' into its prefix and number; null when it is not a ticket code. */
export function parseTicketCode(code: string): { prefix: string; number: number } | null {
  const m = CODE_PATTERN.exec(code);
  return m ? { prefix: m[1], number: Number(m[2]) } : null;
}

const UNITS = [
  'cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve',
  'diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve',
  'veinte', 'veintiuno', 'veintidós', 'veintitrés', 'veinticuatro', 'veinticinco', 'veintiséis', 'veintisiete',
  'veintiocho', 'veintinueve',
];
const TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const HUNDREDS = [
  '', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos',
  'ochocientos', 'novecientos',
];

function below100(n: number): string {
  if (n < 30) return UNITS[n];
  const unit = n % 10;
  return unit === 0 ? TENS[Math.floor(n / 10)] : `${TENS[Math.floor(n / 10)]} y ${UNITS[unit]}`;
}

function below1000(n: number): string {
  if (n < 100) return below100(n);
  if (n === 100) return 'cien';
  const rest = n % 100;
  const hundreds = HUNDREDS[Math.floor(n / 100)];
  return rest === 0 ? hundreds : `${hundreds} ${below100(rest)}`;
}

function apocope(words: string): string {
  if (words.endsWith('veintiuno')) return `${words.slice(0, -'veintiuno'.length)}veintiún`;
  return words.endsWith('uno') ? words.slice(0, -1) : words;
}

/**
 * A whole number 0-999 999 in Spanish words: 14 -> 'catorce', 100 -> 'cien',
 * 121 -> 'ciento veintiuno', 21000 -> 'veintiún mil'.
 */
export function spanishNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > 999_999) {
    throw new AppError('validation_failed', `Cannot say ${n} in words: expected an integer 0-999999`);
  }
  if (n < 1000) return below1000(n);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  // "uno" shortens before "mil": veintiún mil, treinta y un mil; 1000 is just "mil".
  const head = thousands === 1 ? 'mil' : `${apocope(below1000(thousands))} mil`;
  return rest === 0 ? head : `${head} ${below1000(rest)}`;
}

/**
 * How the display's voice says a ticket code: letters one by one, then each leading
 * zero as "cero" (so customers hear the same digits they read), then the number.
 * 'A-014' -> 'A cero catorce', 'A-007' -> 'A cero cero siete', 'B-100' -> 'B cien',
 * 'PR-021' -> 'P R cero veintiuno'. Anything that is not a code is returned unchanged.
 */
export function spokenTicketCode(code: string): string {
  const m = CODE_PATTERN.exec(code);
  if (!m) return code;
  const [, prefix, digits] = m;
  const letters = prefix.split('').join(' ');
  const significant = digits.replace(/^0+/, '');
  const zeros = Array(digits.length - significant.length).fill('cero');
  if (significant === '') return [letters, ...zeros].join(' ');
  const n = Number(significant);
  const number = n <= 999_999 ? spanishNumber(n) : significant.split('').map((d) => UNITS[Number(d)]).join(' ');
  return [letters, ...zeros, number].join(' ');
}

/**
 * A counter's name as the voice says it: lower-case, numbers in words.
 * 'Módulo 3' -> 'módulo tres', 'Ventanilla 12' -> 'ventanilla doce'.
 */
export function spokenCounterName(name: string): string {
  return name
    .toLocaleLowerCase('es')
    .replace(/\d+/g, (digits) => {
      const n = Number(digits);
      return n <= 999_999 ? spanishNumber(n) : digits;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
