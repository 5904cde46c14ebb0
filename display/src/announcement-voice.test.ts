/** The office's announcement language and voice: which device voice speaks, and what it says in English. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { Announcer, spokenCall } from './announcer';
import { pickVoice, spokenTicketCodeEn } from './speech';

const voice = (name: string, lang: string) => ({ name, lang }) as SpeechSynthesisVoice;
const DEVICE = [voice('Google US English', 'en-US'), voice('Daniel', 'en-GB'), voice('Paulina', 'es-MX'), voice('Google español', 'es-ES'), voice('Salomé', 'es-CO')];

describe('pickVoice', () => {
  it('prefers the named voice of the language when the device has it', () => {
    assert.equal(pickVoice(DEVICE, { language: 'es-CO', voice: 'paulina' })?.name, 'Paulina');
    assert.equal(pickVoice(DEVICE, { language: 'en', voice: 'Daniel' })?.name, 'Daniel');
  });
  it('falls back to the best voice of the language when the name is missing or of another language', () => {
    assert.equal(pickVoice(DEVICE, { language: 'es-CO', voice: 'Nadie' })?.name, 'Salomé');
    assert.equal(pickVoice(DEVICE, { language: 'en', voice: 'Paulina' })?.name, 'Google US English');
    assert.equal(pickVoice(DEVICE, { language: 'en', voice: null })?.name, 'Google US English');
  });
  it('finds nothing when the device has no voice of the language', () => {
    assert.equal(pickVoice([voice('Salomé', 'es-CO')], { language: 'en', voice: null }), null);
  });
});

describe('English announcements', () => {
  it('says the code as printed, leading zeros as zero, and the counter as named', () => {
    assert.equal(spokenTicketCodeEn('A-014'), 'A zero 14');
    assert.equal(spokenTicketCodeEn('PR-100'), 'P R 100');
    assert.equal(spokenTicketCodeEn('B-000'), 'B zero zero zero');
    assert.equal(spokenCall('A-014', 'Counter 3', 'en'), 'Ticket A zero 14, Counter 3');
    assert.equal(spokenCall('A-014', 'Módulo 3'), 'Turno A cero catorce, módulo tres');
  });
  it('the announcer words each call in the language the office has when it is queued', async () => {
    let language: 'es-CO' | 'en' = 'en';
    const spoken: string[] = [];
    const announcer = new Announcer({ chime: async () => {}, speak: async (t) => void spoken.push(t), language: () => language });
    announcer.enqueue({ ticketId: 't1', at: '2027-01-13T15:00:00Z', code: 'F-001', counterName: 'Módulo 2', recall: false });
    language = 'es-CO';
    announcer.enqueue({ ticketId: 't2', at: '2027-01-13T15:01:00Z', code: 'F-002', counterName: 'Módulo 2', recall: false });
    await announcer.whenIdle();
    assert.deepEqual(spoken, ['Ticket F zero zero 1, Módulo 2', 'Turno F cero cero dos, módulo dos']);
  });
});
