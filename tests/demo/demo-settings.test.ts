/**
 * When the live demo runs: only when asked (DEMO_SIMULATE=true, which `npm run demo:live`
 * sets), never by default, and never in a real office (DEMO=false), where simulated customers
 * would take real numbers. The process-level checks (an office comes alive with the variable,
 * a real office refuses to start with it) are in live-demo.test.ts.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLiveDemoSettings } from '../../server/src/office/demo/settings';
import { REPO_ROOT } from '../support/office';

describe('the live demo is off unless asked for', () => {
  test('a demo office started without DEMO_SIMULATE has no simulation, nor with DEMO_SIMULATE=false', () => {
    assert.equal(readLiveDemoSettings({ DEMO: true }, {}), null);
    assert.equal(readLiveDemoSettings({ DEMO: true }, { DEMO_SIMULATE: 'false' }), null);
    assert.equal(readLiveDemoSettings({ DEMO: true }, { DEMO_SIMULATE: '' }), null, 'an empty variable is no request');
    assert.equal(readLiveDemoSettings({ DEMO: true }, { DEMO_SIMULATE_SPEED: '60' }), null, 'a speed alone does not start it');
  });

  test('a real office without DEMO_SIMULATE starts as always', () => {
    assert.equal(readLiveDemoSettings({ DEMO: false }, {}), null);
    assert.equal(readLiveDemoSettings({ DEMO: false }, { DEMO_SIMULATE: 'no' }), null);
  });

  test('DEMO_SIMULATE=true in the demo office turns it on at the speed and seed given', () => {
    assert.deepEqual(readLiveDemoSettings({ DEMO: true }, { DEMO_SIMULATE: 'true', DEMO_SIMULATE_SPEED: '60', DEMO_SIMULATE_SEED: 's' }), { speed: 60, seed: 's' });
    assert.equal(readLiveDemoSettings({ DEMO: true }, { DEMO_SIMULATE: '1' })?.speed, 1, 'real time unless told');
  });

  test('DEMO_SIMULATE=true in a real office (DEMO=false) stops start-up with a message that says why', () => {
    assert.throws(() => readLiveDemoSettings({ DEMO: false }, { DEMO_SIMULATE: 'true' }), /DEMO_SIMULATE=true is for the demo office only/);
  });

  test('`npm run demo:live` starts the office with DEMO_SIMULATE=true', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    assert.match(scripts['demo:live'] ?? '', /\bDEMO_SIMULATE=true\b.*\bnpm start\b/);
    assert.doesNotMatch(scripts.start, /DEMO_SIMULATE/, 'plain `npm start` leaves it off');
  });
});
