/**
 * "Lo llaman en el módulo 3": Spanish needs the article and gender of the counter's word.
 * Known words get theirs; any other name is used as it is ("Lo llaman en: Sala VIP").
 */
const FEMININE = ['ventanilla', 'caja', 'mesa', 'taquilla', 'oficina', 'sala'];
const MASCULINE = ['módulo', 'modulo', 'puesto', 'escritorio', 'punto', 'box', 'counter'];

export function counterPhrase(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  const word = first.toLocaleLowerCase('es');
  // Only "Word N" (a number follows) gets an article: "Sala VIP" stays a proper name.
  if (!/^\d+$/.test(rest.join(' '))) return name;
  if (MASCULINE.includes(word)) return `el ${word} ${rest.join(' ')}`;
  if (FEMININE.includes(word)) return `la ${word} ${rest.join(' ')}`;
  return name;
}
