/**
 * The holder's name as the kiosk and the paper may show it: each word's first letter and
 * three stars ("María Gómez" -> "M*** G***"), at most three words. The clear name from the
 * billing system stops here: nothing else receives it.
 */
export function maskHolder(name: string): string {
  const words = name.normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 3);
  if (!words.length) return '***';
  return words.map((w) => `${[...w][0].toLocaleUpperCase('es-CO')}***`).join(' ');
}
