/**
 * Tiny i18n for the web apps: Spanish (es-CO) first, English second.
 * Each app registers its own messages; `t(key, params)` looks the key up in the current
 * language, falls back to Spanish, then to the key itself (so a missing text is visible
 * but never crashes). The choice is persisted in localStorage.
 *
 *   registerMessages({ es: { hello: 'Hola, {name}' }, en: { hello: 'Hello, {name}' } });
 *   t('hello', { name: 'Ana' });
 */

export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Messages = Record<string, string>;

const STORAGE_KEY = 'turnero.lang';
const catalogs: Record<Lang, Messages> = { es: {}, en: {} };
const listeners = new Set<(lang: Lang) => void>();

function readStoredLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
}

let current: Lang = readStoredLang();
// The page's <html lang> follows the stored choice from the first paint (screen readers, Intl).
if (globalThis.document?.documentElement) globalThis.document.documentElement.lang = getLocale(current);

export function registerMessages(messages: Partial<Record<Lang, Messages>>): void {
  for (const lang of LANGS) Object.assign(catalogs[lang], messages[lang] ?? {});
}

export function getLang(): Lang {
  return current;
}

/** BCP 47 tag for Intl and speech synthesis. */
export function getLocale(lang: Lang = current): string {
  return lang === 'es' ? 'es-CO' : 'en-US';
}

export function setLang(lang: Lang, persist = true): void {
  if (!LANGS.includes(lang)) return;
  current = lang;
  if (persist) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }
  if (globalThis.document?.documentElement) globalThis.document.documentElement.lang = getLocale(lang);
  for (const l of [...listeners]) l(lang);
}

/** The language not shown now: what a language switch offers. */
export function otherLang(lang: Lang = current): Lang {
  return lang === 'es' ? 'en' : 'es';
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function t(key: string, params?: Record<string, string | number>, lang: Lang = current): string {
  const text = catalogs[lang][key] ?? catalogs.es[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Picks the Spanish or English name of something that carries both. */
export function localName(item: { nameEs: string; nameEn: string }, lang: Lang = current): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.nameEs;
}
