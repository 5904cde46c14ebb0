/** Code page 858 (850 + euro), bytes 0x80-0xFF: what both dialects print after ESC t / ESC GS t. */
const HIGH_HALF =
  '\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00f8\u00a3\u00d8\u00d7\u0192\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u00ae\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb\u2591\u2592\u2593\u2502\u2524\u00c1\u00c2\u00c0\u00a9\u2563\u2551\u2557\u255d\u00a2\u00a5\u2510\u2514\u2534\u252c\u251c\u2500\u253c\u00e3\u00c3\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u00a4\u00f0\u00d0\u00ca\u00cb\u00c8\u20ac\u00cd\u00ce\u00cf\u2518\u250c\u2588\u2584\u00a6\u00cc\u2580\u00d3\u00df\u00d4\u00d2\u00f5\u00d5\u00b5\u00fe\u00de\u00da\u00db\u00d9\u00fd\u00dd\u00af\u00b4\u00ad\u00b1\u2017\u00be\u00b6\u00a7\u00f7\u00b8\u00b0\u00a8\u00b7\u00b9\u00b3\u00b2\u25a0\u00a0';

export function decodeCp858Byte(byte: number): string {
  return byte < 0x80 ? String.fromCharCode(byte) : HIGH_HALF[byte - 0x80];
}

const printable = new Set(HIGH_HALF);

/** Look-alikes for punctuation that code page 858 lacks (typographic dashes, quotes, dots). */
const LOOK_ALIKES: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2033': '"',
  '\u2026': '...', '\u2022': '\u00b7', '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u200b': '',
};

/**
 * Text the printer can print in code page 858 as it is, character by character: Spanish
 * letters stay; other accented letters lose the accent ("ő" -> "o"); dashes and quotes
 * become their ASCII look-alikes; anything else (emoji, other scripts) is left out. A
 * printer library would instead switch the rest of the ticket to another code page,
 * which many printers lack (the rest prints as garbage).
 */
export function toCp858Text(text: string): string {
  let out = '';
  for (const ch of text) {
    if ((ch >= ' ' && ch <= '~') || printable.has(ch)) out += ch;
    else if (ch in LOOK_ALIKES) out += LOOK_ALIKES[ch];
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      if (base && base !== ch && [...base].every((c) => (c >= ' ' && c <= '~') || printable.has(c))) out += base;
    }
  }
  return out;
}
