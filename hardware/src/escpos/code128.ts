/**
 * Code 128 for ESC/POS (GS k m=73): the data bytes with their code-set selectors, and the
 * reverse, for the virtual printer. In the printer's syntax "{A" "{B" "{C" pick a code set,
 * "{1" is FNC1 and "{{" a literal "{"; in code set C each byte is a digit pair 0-99.
 * A GS1-128 symbol starts with FNC1; a later FNC1 ends a variable-length field and travels
 * in the data as ASCII GS (0x1d), as scanners report it.
 */

const FNC1_IN_DATA = 0x1d;
const BRACE = 0x7b;

/** Digits from i on (stopping at anything else, FNC1 included). */
function digitRun(data: string, i: number): number {
  let n = 0;
  while (i + n < data.length && data.charCodeAt(i + n) >= 0x30 && data.charCodeAt(i + n) <= 0x39) n++;
  return n;
}

/**
 * The GS k 73 data for `data` (printable ASCII, GS for FNC1): code set C for digit pairs,
 * B for the rest. `gs1`: start with FNC1 (a GS1-128 symbol).
 */
export function code128Data(data: string, gs1: boolean): Buffer {
  if (!/^[\x1d\x20-\x7e]*$/.test(data)) throw new RangeError('Code 128: printable ASCII only');
  const out: number[] = [];
  let set: 'B' | 'C' | null = null;
  const select = (s: 'B' | 'C') => {
    if (set !== s) out.push(BRACE, s.charCodeAt(0));
    set = s;
  };
  select(digitRun(data, 0) >= 2 ? 'C' : 'B');
  if (gs1) out.push(BRACE, 0x31);
  let i = 0;
  while (i < data.length) {
    const c = data.charCodeAt(i);
    if (c === FNC1_IN_DATA) {
      out.push(BRACE, 0x31);
      i++;
      continue;
    }
    const run = digitRun(data, i);
    // Digit pairs go in set C; a switch costs a symbol, so short runs stay in B.
    if (run >= 2 && (set === 'C' || run >= 4)) {
      select('C');
      const pairs = Math.floor(run / 2);
      for (let p = 0; p < pairs; p++, i += 2) out.push(Number(data.slice(i, i + 2)));
      continue;
    }
    select('B');
    if (c === BRACE) out.push(BRACE);
    out.push(c);
    i++;
  }
  return Buffer.from(out);
}

/** GS k 73 data back to its text (GS for FNC1 after the first) and whether it is GS1-128. */
export function readCode128Data(bytes: Buffer): { data: string; gs1: boolean } {
  let set: 'A' | 'B' | 'C' = 'B';
  let data = '';
  let gs1 = false;
  let started = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    // In set C data bytes are 0-99, so a brace always starts a selector there.
    if (b === BRACE) {
      const next = String.fromCharCode(bytes[++i] ?? 0);
      if (next === 'A' || next === 'B' || next === 'C') set = next;
      else if (next === '1') {
        if (!started) gs1 = true;
        else data += String.fromCharCode(FNC1_IN_DATA);
        started = true;
      } else if (next === '{') (data += '{'), (started = true);
      continue;
    }
    data += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
    started = true;
  }
  return { data, gs1 };
}

/** Modules of the symbol (start, data symbols, check, stop, two 10-module quiet zones): its printed width. */
export function code128Modules(payload: Buffer): number {
  let symbols = 0;
  for (let i = 0; i < payload.length; i++) {
    if (payload[i] === BRACE && i === 0) {
      i++; // the start code's own set: counted as the start symbol
      continue;
    }
    if (payload[i] === BRACE) i++;
    symbols++;
  }
  return 11 * (symbols + 2) + 13 + 20;
}
