import { test } from 'vitest';
import assert from 'node:assert/strict';
import { Announcer, spokenCall } from './announcer';

/** A voice whose utterances end only when the test says so. */
function controllableVoice() {
  const log: string[] = [];
  let active = 0;
  let maxActive = 0;
  const finishers: Array<() => void> = [];
  const track = (label: string) =>
    new Promise<void>((resolve) => {
      active++;
      maxActive = Math.max(maxActive, active);
      log.push(`start ${label}`);
      finishers.push(() => {
        active--;
        log.push(`end ${label}`);
        resolve();
      });
    });
  return {
    log,
    get maxActive() {
      return maxActive;
    },
    get waiting() {
      return finishers.length;
    },
    /** Ends the sound in progress and lets the announcer move on. */
    async finishOne() {
      const f = finishers.shift();
      assert.ok(f, 'something was playing');
      f();
      await new Promise((r) => setImmediate(r));
    },
    deps: { chime: () => track('chime'), speak: (text: string) => track(text) },
  };
}

const call = (ticketId: string, code: string, counterName: string, at: string, recall = false) => ({
  ticketId,
  code,
  counterName,
  at,
  recall,
});

test('the spoken form says the code digit by digit and the counter in words', () => {
  assert.equal(spokenCall('A-014', 'Módulo 3'), 'Turno A cero catorce, módulo tres');
});

test('announcements play chime then voice, one at a time, in order, never overlapping', async () => {
  const voice = controllableVoice();
  const a = new Announcer(voice.deps);
  a.enqueue(call('t1', 'A-014', 'Módulo 3', '10:00'));
  a.enqueue(call('t2', 'B-002', 'Módulo 1', '10:01'));
  assert.equal(a.pending.length, 1, 'the second waits while the first plays');
  while (voice.waiting > 0) await voice.finishOne();
  await a.whenIdle();
  assert.deepEqual(voice.log, [
    'start chime',
    'end chime',
    'start Turno A cero catorce, módulo tres',
    'end Turno A cero catorce, módulo tres',
    'start chime',
    'end chime',
    'start Turno B cero cero dos, módulo uno',
    'end Turno B cero cero dos, módulo uno',
  ]);
  assert.equal(voice.maxActive, 1);
  assert.deepEqual(a.log.map((x) => x.status), ['done', 'done']);
});

test('a call arriving mid-speech is queued, not cut in', async () => {
  const voice = controllableVoice();
  const a = new Announcer(voice.deps);
  a.enqueue(call('t1', 'A-001', 'Módulo 1', '10:00'));
  await voice.finishOne(); // chime done, voice speaking
  a.enqueue(call('t2', 'A-002', 'Módulo 2', '10:01'));
  assert.equal(voice.log.at(-1), 'start Turno A cero cero uno, módulo uno');
  assert.equal(a.log[1].status, 'queued');
  while (voice.waiting > 0) await voice.finishOne();
  await a.whenIdle();
  assert.equal(voice.maxActive, 1);
});

test('the same call seen twice is announced once; a recall is announced again', async () => {
  const voice = controllableVoice();
  const a = new Announcer(voice.deps);
  assert.equal(a.enqueue(call('t1', 'A-001', 'Módulo 1', '10:00')), true);
  assert.equal(a.enqueue(call('t1', 'A-001', 'Módulo 1', '10:00')), false);
  assert.equal(a.enqueue(call('t1', 'A-001', 'Módulo 1', '10:03', true)), true);
  while (voice.waiting > 0) await voice.finishOne();
  await a.whenIdle();
  assert.equal(a.log.length, 2);
  assert.equal(a.log[1].recall, true);
});

test('calls known from a snapshot are never announced as new', () => {
  const voice = controllableVoice();
  const a = new Announcer(voice.deps);
  a.markKnown([{ ticketId: 't1', at: '10:00' }]);
  assert.equal(a.enqueue(call('t1', 'A-001', 'Módulo 1', '10:00')), false);
  assert.equal(a.log.length, 0);
  assert.equal(voice.waiting, 0);
});

test('with no voice (speak fails or resolves at once) the chime still plays and the queue moves on', async () => {
  let chimes = 0;
  const a = new Announcer({
    chime: async () => {
      chimes++;
    },
    speak: async () => {
      throw new Error('no voice');
    },
  });
  a.enqueue(call('t1', 'A-001', 'Módulo 1', '10:00'));
  a.enqueue(call('t2', 'A-002', 'Módulo 1', '10:01'));
  await a.whenIdle();
  assert.equal(chimes, 2);
  assert.deepEqual(a.log.map((x) => x.status), ['failed', 'failed']);
});
