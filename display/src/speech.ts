/**
 * Browser sound for the wall display: a generated two-tone chime (Web Audio, no file to
 * ship) and Spanish speech (speechSynthesis). Both resolve when they have finished so the
 * Announcer can chain them without overlap. Missing APIs or voices resolve at once: the
 * screen still flashes.
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
export function pickSpanishVoice(list: SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const es = list.filter((v) => v.lang.toLowerCase().startsWith('es'));
  return (
    es.find((v) => v.lang.toLowerCase() === 'es-co') ??
    es.find((v) => /es-(419|mx|us|ar|cl|pe|pa|sv)/i.test(v.lang)) ??
    es[0] ??
    null
  );
}

/** Speaks Spanish text; resolves when finished, or at once when no Spanish voice exists. */
export async function speakSpanish(text: string): Promise<void> {
  const synth = globalThis.speechSynthesis;
  if (!synth) return;
  const voice = pickSpanishVoice(await loadVoices());
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
