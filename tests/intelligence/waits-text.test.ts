/** How the kiosk and the live ticket page word a promised wait (dispenser/src/wait-text.ts), in Spanish and English. */
import assert from 'node:assert/strict';
import { afterAll, test } from 'vitest';
import { setLang } from '@turnero/web-client/i18n';
import { waitText } from '../../dispenser/src/wait-text';

afterAll(() => setLang('es', false));

const words = (ticket: Parameters<typeof waitText>[0]) => {
  setLang('es', false);
  const es = waitText(ticket);
  setLang('en', false);
  return [es, waitText(ticket)];
};

test('a range reads "entre 10 y 15 min" / "between 10 and 15 min"', () => {
  assert.deepEqual(words({ estimatedWait: { lowMinutes: 10, highMinutes: 15 }, estimatedWaitSeconds: 700 }), ['entre 10 y 15 min', 'between 10 and 15 min']);
});

test('a range of one minute reads as that minute, and a wait under a minute says so', () => {
  assert.deepEqual(words({ estimatedWait: { lowMinutes: 4, highMinutes: 4 }, estimatedWaitSeconds: 300 }), ['unos 4 min', 'about 4 min']);
  assert.deepEqual(words({ estimatedWait: { lowMinutes: 0, highMinutes: 0 }, estimatedWaitSeconds: 300 }), ['menos de 1 min', 'under 1 min']);
});

test('no promise (null) says nobody is serving, even when the old single estimate has a number', () => {
  assert.deepEqual(words({ estimatedWait: null, estimatedWaitSeconds: 600 }), ['Sin estimación: no hay asesores atendiendo', 'No estimate: no agent is serving']);
});

test('an older server without ranges still shows its single estimate', () => {
  assert.deepEqual(words({ estimatedWaitSeconds: 600 }), ['10 min', '10 min']);
  assert.deepEqual(words({ estimatedWaitSeconds: null }), ['Sin estimación: no hay asesores atendiendo', 'No estimate: no agent is serving']);
});
