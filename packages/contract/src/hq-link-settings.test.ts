/** What head office may publish as an office's calendar and texts: what the schema refuses. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { ConfigSettings } from './hq-link';

const ok = (settings: unknown) => assert.equal(ConfigSettings.safeParse(settings).success, true, JSON.stringify(settings));
const refused = (settings: unknown) => assert.equal(ConfigSettings.safeParse(settings).success, false, JSON.stringify(settings));
const week = (day: unknown[]) => [[], day, day, day, day, day, []];

describe('ConfigSettings calendar and texts', () => {
  it('takes two spans a day in order, an empty (closed) day, and null for always open', () => {
    ok({ openingHours: week([{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }]) });
    ok({ openingHours: null });
  });
  it('refuses spans that close before they open, overlap, use 24:00, or a week that is not seven days', () => {
    refused({ openingHours: week([{ open: '18:00', close: '08:00' }]) });
    refused({ openingHours: week([{ open: '08:00', close: '12:00' }, { open: '11:00', close: '13:00' }]) });
    refused({ openingHours: week([{ open: '08:00', close: '24:00' }]) });
    refused({ openingHours: [[], [], []] });
  });
  it('refuses holidays on days that do not exist and countries that are not two letters', () => {
    ok({ holidays: [{ date: '2028-02-29', name: 'Bisiesto' }], holidayCountry: 'PA', holidaysWorked: ['2027-01-11'] });
    refused({ holidays: [{ date: '2027-02-30', name: 'No existe' }] });
    refused({ holidaysWorked: ['2027-13-01'] });
    refused({ holidayCountry: 'COL' });
  });
  it('announces only in Spanish or English, and refuses control characters in printed and shown texts', () => {
    ok({ announcementLanguage: 'en', announcementVoice: null, ticketLogo: 'CHEC' });
    refused({ announcementLanguage: 'fr' });
    refused({ ticketLogo: 'CHEC\u001b@' });
    refused({ kioskWelcomeEs: 'Hola\u202e' });
  });
});
