/**
 * Why a ticket was called, in words: the one catalogue (Spanish first, English second) of
 * the calling policy's explanations. The policy (@turnero/domain/policy) returns only the
 * rule and its numbers; the API words them in Spanish (`explanation` of a call result)
 * and the desk in the agent's current language, both through `explainCall`.
 */
import { z } from 'zod';
import type { CallWhy } from '@turnero/domain/types';

/** The wire form of the policy's `CallWhy` (a call result carries it as `why`). */
export const CallWhySchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('directed') }),
  z.object({ rule: z.literal('weight') }),
  z.object({ rule: z.literal('fifo') }),
  z.object({ rule: z.literal('chosen') }),
  z.object({ rule: z.literal('booking'), slotTime: z.string(), bookedInARow: z.number().int() }),
  z.object({ rule: z.literal('overdue'), waitedMinutes: z.number().int(), targetMinutes: z.number() }),
  z.object({
    rule: z.literal('preferential_ratio'),
    preferentialInARow: z.number().int(),
    preferentialPerGeneral: z.number().int(),
    weightBrokeTie: z.boolean(),
  }),
  z.object({ rule: z.literal('general_ratio'), preferentialPerGeneral: z.number().int(), weightBrokeTie: z.boolean() }),
]) satisfies z.ZodType<CallWhy>;

export const EXPLANATION_LANGS = ['es', 'en'] as const;
export type ExplanationLang = (typeof EXPLANATION_LANGS)[number];

type Wording = { [R in CallWhy['rule']]: (why: Extract<CallWhy, { rule: R }>) => string } & {
  /** Joins a ratio rule and the weight that chose within it. */
  amongThem: (ratio: string, weight: string) => string;
};

const WORDING: Record<ExplanationLang, Wording> = {
  es: {
    directed: () => 'Transferido a este módulo',
    overdue: (w) => `Superó el tiempo máximo de espera: ${w.waitedMinutes} min (meta ${w.targetMinutes} min)`,
    preferential_ratio: (w) => `Preferencial: ${w.preferentialInARow} de ${w.preferentialPerGeneral} antes de un turno general`,
    general_ratio: (w) => `General: ya se llamaron ${w.preferentialPerGeneral} preferenciales seguidos`,
    weight: () => 'Trámite con mayor prioridad en este módulo',
    fifo: () => 'Orden de llegada',
    chosen: () => 'Llamado por el asesor fuera de orden',
    booking: (w) => `Cita de las ${w.slotTime}`,
    amongThem: (ratio, weight) => `${ratio}; entre ellos, ${weight.toLocaleLowerCase('es')}`,
  },
  en: {
    directed: () => 'Transferred to this counter',
    overdue: (w) => `Waited past the maximum wait: ${w.waitedMinutes} min (target ${w.targetMinutes} min)`,
    preferential_ratio: (w) => `Priority: ${w.preferentialInARow} of ${w.preferentialPerGeneral} before a general ticket`,
    general_ratio: (w) => `General: ${w.preferentialPerGeneral} priority tickets were already called in a row`,
    weight: () => 'Service with the highest priority at this counter',
    fifo: () => 'First come, first served',
    chosen: () => 'Called by the agent out of order',
    booking: (w) => `Appointment at ${w.slotTime}`,
    amongThem: (ratio, weight) => `${ratio}; among them, ${weight.toLocaleLowerCase('en')}`,
  },
};

/** The sentence an agent reads after a call, e.g. "Preferencial: 1 de 2 antes de un turno general". */
export function explainCall(why: CallWhy, lang: ExplanationLang = 'es'): string {
  const words = WORDING[lang] ?? WORDING.es;
  const text = (words[why.rule] as (w: CallWhy) => string)(why);
  const tie = (why.rule === 'preferential_ratio' || why.rule === 'general_ratio') && why.weightBrokeTie;
  return tie ? words.amongThem(text, words.weight({ rule: 'weight' })) : text;
}
