/**
 * Browser sound for the wall display: a generated two-tone chime (Web Audio, no file to
 * ship) and Spanish speech (speechSynthesis). Both resolve when they have finished so the
 * Announcer can chain them without overlap. Missing APIs or voices resolve at once: the
 * screen still flashes. Also what the voice says: ticket codes and counter names in
 * Spanish words (pure functions, at the end).
 */

let audioContext: AudioContext | null = null;

function context(): AudioContext | null {
  const Ctor = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  audioContext ??= new Ctor();
  return audioContext;
}

/** True when the browser blocks sound until someone touches the screen (autoplay policy). */
export function audioBlocked(): boolean {
  const ctx = context();
  return ctx !== null && ctx.state === 'suspended';
}

/** Call from a user gesture to lift the autoplay block. */
export async function unlockAudio(): Promise<void> {
  const ctx = context();
  if (ctx && ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
  // Chrome also wants one utterance started from a gesture before it speaks on its own.
  if (globalThis.speechSynthesis) globalThis.speechSynthesis.speak(new SpeechSynthesisUtterance(''));
}

/** "Ding-dong": 880 Hz then 660 Hz, soft attack and release, about 1.3 s. */
export function playChime(): Promise<void> {
  const ctx = context();
  if (!ctx) return Promise.resolve();
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const notes: Array<[number, number]> = [
    [880, 0],
    [660, 0.45],
  ];
  const start = ctx.currentTime + 0.05;
  let last: OscillatorNode | null = null;
  for (const [freq, offset] of notes) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + offset;
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.35, t0 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.001, t0 + 0.8);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.85);
    last = osc;
  }
  const durationMs = 1400;
  return new Promise((resolve) => {
    // A suspended context never fires 'ended': the timer is the backstop.
    const timer = setTimeout(resolve, durationMs + 200);
    if (last) {
      last.onended = () => {
        clearTimeout(timer);
        resolve();
      };
    }
  });
}

function voices(): SpeechSynthesisVoice[] {
  return globalThis.speechSynthesis?.getVoices() ?? [];
}

/** Voices load asynchronously in Chrome: wait briefly for the list. */
async function loadVoices(): Promise<SpeechSynthesisVoice[]> {
  const now = voices();
  if (now.length > 0 || !globalThis.speechSynthesis) return now;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1500);
    globalThis.speechSynthesis.addEventListener(
      'voiceschanged',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
  return voices();
}

/** es-CO first, then any Latin-American Spanish, then any Spanish. */
function pickSpanishVoice(list: SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const es = list.filter((v) => v.lang.toLowerCase().startsWith('es'));
  return (
    es.find((v) => v.lang.toLowerCase() === 'es-co') ??
    es.find((v) => /es-(419|mx|us|ar|cl|pe|pa|sv)/i.test(v.lang)) ??
    es[0] ??
    null
  );
}

/** en-US first, then any English. */
function pickEnglishVoice(list: SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const en = list.filter((v) => v.lang.toLowerCase().startsWith('en'));
  return en.find((v) => v.lang.toLowerCase() === 'en-us') ?? en[0] ?? null;
}

/** How the office wants calls announced (OfficeDto.announcement, set by head office or the office). */
export interface Voice {
  language: 'es-CO' | 'en';
  /** A voice name to prefer when the device has it (e.g. "Paulina"); null: the best for the language. */
  voice: string | null;
}
export const DEFAULT_VOICE: Voice = { language: 'es-CO', voice: null };

/** The named voice when the device has one of the language by that name, else the best of the language. */
export function pickVoice(list: SpeechSynthesisVoice[], wanted: Voice): SpeechSynthesisVoice | null {
  const prefix = wanted.language === 'en' ? 'en' : 'es';
  const name = wanted.voice?.toLowerCase();
  const named = name ? list.find((v) => v.lang.toLowerCase().startsWith(prefix) && v.name.toLowerCase().includes(name)) : undefined;
  return named ?? (wanted.language === 'en' ? pickEnglishVoice(list) : pickSpanishVoice(list));
}

/** Speaks text in the office's language and voice; resolves when finished, or at once when the device has no voice for it. */
export async function speak(text: string, wanted: Voice = DEFAULT_VOICE): Promise<void> {
  const synth = globalThis.speechSynthesis;
  if (!synth) return;
  const voice = pickVoice(await loadVoices(), wanted);
  if (!voice) return;
  await new Promise<void>((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    // Chrome sometimes never fires 'end'; the backstop is generous so speech is never cut
    // short (speechSynthesis queues utterances itself, so they cannot overlap anyway).
    const timer = setTimeout(resolve, Math.max(6000, text.length * 180));
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    utterance.onend = done;
    utterance.onerror = done;
    synth.speak(utterance);
  });
}

// ---------- What the voice says: Spanish words for codes and counter names (English: see spokenTicketCodeEn) ----------

/** Letters, dash, digits: the printed code's shape; anything else is spoken as it is. */
const SPOKEN_CODE_PATTERN = /^([A-Z]{1,3})-(\d+)$/;

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
    throw new RangeError(`Cannot say ${n} in words: expected an integer 0-999999`);
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
  const m = SPOKEN_CODE_PATTERN.exec(code);
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

/**
 * The English voice says the code as printed: letters one by one, each leading zero as
 * "zero", then the number as digits (English voices read numerals well).
 * 'A-014' -> 'A zero 14', 'PR-100' -> 'P R 100'.
 */
export function spokenTicketCodeEn(code: string): string {
  const m = SPOKEN_CODE_PATTERN.exec(code);
  if (!m) return code;
  const [, prefix, digits] = m;
  const significant = digits.replace(/^0+/, '');
  const zeros = Array(digits.length - significant.length).fill('zero');
  return [prefix.split('').join(' '), ...zeros, ...(significant ? [significant] : [])].join(' ');
}
