/** The calling policy's explanations in words: the Spanish the API sends, the English the desk may show. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CALL_REASONS, type CallWhy } from '@turnero/domain/types';
import { CallWhySchema, EXPLANATION_LANGS, explainCall } from './call-explanations';

const ratio = (preferentialInARow: number, weightBrokeTie = false): CallWhy => ({
  rule: 'preferential_ratio',
  preferentialInARow,
  preferentialPerGeneral: 2,
  weightBrokeTie,
});

/** One example of every rule, with the numbers the policy would give it. */
const examples: Record<CallWhy['rule'], CallWhy> = {
  directed: { rule: 'directed' },
  overdue: { rule: 'overdue', waitedMinutes: 25, targetMinutes: 15 },
  preferential_ratio: ratio(1),
  general_ratio: { rule: 'general_ratio', preferentialPerGeneral: 2, weightBrokeTie: false },
  weight: { rule: 'weight' },
  fifo: { rule: 'fifo' },
  chosen: { rule: 'chosen' },
  booking: { rule: 'booking', slotTime: '10:30', bookedInARow: 1 },
};

describe('explainCall in Spanish (what the API sends)', () => {
  it('words each rule as the agent has always read it', () => {
    assert.equal(explainCall({ rule: 'fifo' }), 'Orden de llegada');
    assert.equal(explainCall({ rule: 'directed' }), 'Transferido a este módulo');
    assert.equal(explainCall({ rule: 'weight' }), 'Trámite con mayor prioridad en este módulo');
    assert.equal(explainCall({ rule: 'chosen' }), 'Llamado por el asesor fuera de orden');
    assert.equal(explainCall(examples.general_ratio), 'General: ya se llamaron 2 preferenciales seguidos');
  });
  it('says the slot time of a booking called at its slot, in both languages', () => {
    assert.equal(explainCall(examples.booking), 'Cita de las 10:30');
    assert.equal(explainCall(examples.booking, 'en'), 'Appointment at 10:30');
  });
  it('says the minutes waited and the target of an overdue ticket', () => {
    assert.equal(explainCall(examples.overdue), 'Superó el tiempo máximo de espera: 25 min (meta 15 min)');
    assert.equal(
      explainCall({ rule: 'overdue', waitedMinutes: 16, targetMinutes: 15 }),
      'Superó el tiempo máximo de espera: 16 min (meta 15 min)',
    );
  });
  it('says where in the ratio the call is, and when the weight chose among them', () => {
    assert.equal(explainCall(ratio(1)), 'Preferencial: 1 de 2 antes de un turno general');
    assert.equal(explainCall(ratio(2)), 'Preferencial: 2 de 2 antes de un turno general');
    assert.match(explainCall(ratio(1, true)), /^Preferencial: 1 de 2.*mayor prioridad/);
    assert.equal(
      explainCall(ratio(1, true)),
      'Preferencial: 1 de 2 antes de un turno general; entre ellos, trámite con mayor prioridad en este módulo',
    );
  });
});

describe('explainCall in English (the desk in English)', () => {
  it('words the same rules with the same numbers', () => {
    assert.equal(explainCall({ rule: 'fifo' }, 'en'), 'First come, first served');
    assert.equal(explainCall(examples.overdue, 'en'), 'Waited past the maximum wait: 25 min (target 15 min)');
    assert.equal(
      explainCall(ratio(2, true), 'en'),
      'Priority: 2 of 2 before a general ticket; among them, service with the highest priority at this counter',
    );
  });
});

describe('the catalogue', () => {
  it('every reason has a sentence in every language, with its numbers filled in', () => {
    for (const reason of CALL_REASONS) {
      const texts = EXPLANATION_LANGS.map((lang) => explainCall(examples[reason], lang));
      for (const text of texts) {
        assert.ok(text.length > 5, `${reason}: ${text}`);
        assert.doesNotMatch(text, /undefined|NaN|\{/, reason);
      }
      assert.notEqual(texts[0], texts[1], `${reason} is translated`);
    }
  });
  it('the wire form accepts what the policy returns and refuses a rule without its numbers', () => {
    for (const why of Object.values(examples)) assert.deepEqual(CallWhySchema.parse(why), why);
    const refusedAt = (value: unknown) => CallWhySchema.safeParse(value).error?.issues[0].path;
    assert.deepEqual(refusedAt({ rule: 'overdue', targetMinutes: 15 }), ['waitedMinutes']);
    assert.deepEqual(refusedAt({ rule: 'lucky' }), ['rule']);
  });
});
