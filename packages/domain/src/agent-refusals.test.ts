/**
 * What the agent commands refuse and what their errors carry: the desk shows the message
 * and uses `details.counterId` to point at the counter. The normal paths are in agent.test.ts.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { markServing, pause, resume, signIn, signOut } from './agent';
import { counter, minute, refused } from './test-fixtures';
import type { Counter } from './types';

const at = minute(0);
const empty = counter({ services: [{ serviceId: 'a', weight: 1 }], agentId: null, agentState: 'signed_out', stateSince: null });
const idle = (): Counter => signIn(empty, 'u1', at).counter;
const paused = (): Counter => pause(idle(), 'u1', 'lunch', at, false).counter;

describe('signing in', () => {
  it('needs an agent', () => {
    refused(() => signIn(empty, '', at), 'validation_failed', /^Sign-in needs an agent$/);
  });
  it('a counter held by another agent is a conflict naming the counter', () => {
    const e = refused(() => signIn(idle(), 'u2', at), 'conflict', /^Módulo 1 is taken by another agent$/);
    assert.deepEqual(e.details, { counterId: 'c1' });
  });
  it('an inactive counter is refused, naming it', () => {
    const e = refused(() => signIn({ ...empty, active: false }, 'u1', at), 'illegal_transition', /^Módulo 1 is not active$/);
    assert.deepEqual(e.details, { counterId: 'c1' });
  });
  it('a counter left with a stale agent id but signed out is free to take', () => {
    const stale: Counter = { ...empty, agentId: 'u9' };
    assert.equal(signIn(stale, 'u1', at).counter.agentId, 'u1');
  });
  it('a counter marked idle with nobody on it is free to take', () => {
    const orphan: Counter = { ...empty, agentState: 'idle', agentId: null };
    assert.equal(signIn(orphan, 'u1', at).counter.agentId, 'u1');
  });
});

describe('commands from an agent who is not signed in there', () => {
  it('are refused with not_signed_in, naming the counter', () => {
    for (const fn of [
      () => signOut(empty, 'u1', at),
      () => pause(idle(), 'u2', 'lunch', at, false),
      () => resume(paused(), 'u2', at),
    ]) {
      const e = refused(fn, 'not_signed_in', /^Agent is not signed in at Módulo 1$/);
      assert.deepEqual(e.details, { counterId: 'c1' });
    }
  });
});

describe('state refusals carry the counter', () => {
  it('signing out with a ticket open', () => {
    const e = refused(() => signOut(idle(), 'u1', at, true), 'illegal_transition', /before signing out of Módulo 1$/);
    assert.deepEqual(e.details, { counterId: 'c1' });
  });
  it('pausing twice, pausing with a ticket open, resuming when not paused', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => pause(paused(), 'u1', 'other', at, false), /^Módulo 1 is already paused$/],
      [() => pause(idle(), 'u1', 'lunch', at, true), /^Finish or transfer the current ticket before pausing Módulo 1$/],
      [() => resume(idle(), 'u1', at), /^Módulo 1 is not paused$/],
    ];
    for (const [fn, message] of cases) {
      assert.deepEqual(refused(fn, 'illegal_transition', message).details, { counterId: 'c1' });
    }
  });
  it('an unknown pause reason is a validation error naming it', () => {
    refused(() => pause(idle(), 'u1', 'siesta' as 'lunch', at, false), 'validation_failed', /^Unknown pause reason "siesta"$/);
  });
});

describe('a counter starts serving only when an agent is idle there', () => {
  it('a paused counter is told to resume first', () => {
    const e = refused(() => markServing(paused(), at), 'illegal_transition', /^Módulo 1 is paused: resume before calling$/);
    assert.deepEqual(e.details, { counterId: 'c1', agentState: 'paused' });
  });
  it('an empty counter says nobody is signed in', () => {
    const e = refused(() => markServing(empty, at), 'illegal_transition', /^Nobody is signed in at Módulo 1$/);
    assert.deepEqual(e.details, { counterId: 'c1', agentState: 'signed_out' });
  });
  it('an idle state with no agent id cannot serve', () => {
    refused(() => markServing({ ...empty, agentState: 'idle' }, at), 'illegal_transition', /^Nobody is signed in at Módulo 1$/);
  });
});
