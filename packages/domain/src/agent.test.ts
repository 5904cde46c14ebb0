import { beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { markIdle, markServing, pause, resume, signIn, signOut } from './agent';
import { AppError, type ErrorCode } from './errors';
import { counter, minute as min, T0 } from './test-fixtures';
import type { Counter, PauseReason } from './types';

const empty = counter({
  services: [{ serviceId: 'a', weight: 1 }],
  agentId: null,
  agentState: 'signed_out',
  stateSince: null,
  preferentialStreak: 1,
});
const withCode = (code: ErrorCode) => (e: unknown) => e instanceof AppError && e.code === code;

describe('sign in and out', () => {
  it('signing in makes the agent idle at the counter and yields an event', () => {
    const r = signIn(empty, 'u1', min(0));
    assert.equal(r.counter.agentId, 'u1');
    assert.equal(r.counter.agentState, 'idle');
    assert.equal(r.counter.stateSince?.getTime(), T0);
    assert.equal(r.counter.preferentialStreak, 1, 'the ratio streak belongs to the counter');
    assert.deepEqual(r.event, { agentId: 'u1', counterId: 'c1', type: 'signed_in', at: min(0), reason: null });
  });
  it('signing in again at the same counter changes nothing but still yields an event', () => {
    const paused = pause(signIn(empty, 'u1', min(0)).counter, 'u1', 'lunch', min(5), false).counter;
    const again = signIn(paused, 'u1', min(6));
    assert.deepEqual(again.counter, paused);
    assert.equal(again.event.type, 'signed_in');
    assert.equal(again.event.at.getTime(), min(6).getTime());
  });
  it('another agent gets a conflict', () => {
    const taken = signIn(empty, 'u1', min(0)).counter;
    assert.throws(() => signIn(taken, 'u2', min(1)), withCode('conflict'));
  });
  it('an inactive counter cannot be signed into', () => {
    assert.throws(() => signIn({ ...empty, active: false }, 'u1', min(0)), withCode('illegal_transition'));
  });
  it('signing out frees the counter; only the signed-in agent may', () => {
    const c = signIn(empty, 'u1', min(0)).counter;
    assert.throws(() => signOut(c, 'u2', min(1)), withCode('not_signed_in'));
    assert.throws(() => signOut(empty, 'u1', min(1)), withCode('not_signed_in'));
    const r = signOut(c, 'u1', min(30));
    assert.equal(r.counter.agentId, null);
    assert.equal(r.counter.agentState, 'signed_out');
    assert.equal(r.event.type, 'signed_out');
    assert.equal(signIn(r.counter, 'u2', min(31)).counter.agentId, 'u2');
  });
  it('signing out with an open ticket is refused when the caller says so', () => {
    const c = markServing(signIn(empty, 'u1', min(0)).counter, min(1));
    assert.throws(() => signOut(c, 'u1', min(2), true), withCode('illegal_transition'));
    assert.equal(signOut(c, 'u1', min(2)).counter.agentState, 'signed_out');
  });
});

describe('pause and resume', () => {
  // Built in a hook, not while vitest collects the tests: a failure there must fail a test.
  let idle: Counter;
  beforeEach(() => {
    idle = signIn(empty, 'u1', min(0)).counter;
  });
  it('pauses with a reason and resumes to idle', () => {
    const p = pause(idle, 'u1', 'training', min(10), false);
    assert.equal(p.counter.agentState, 'paused');
    assert.equal(p.counter.pauseReason, 'training');
    assert.deepEqual(p.event, { agentId: 'u1', counterId: 'c1', type: 'paused', at: min(10), reason: 'training' });
    const r = resume(p.counter, 'u1', min(40));
    assert.equal(r.counter.agentState, 'idle');
    assert.equal(r.counter.pauseReason, null);
    assert.equal(r.counter.stateSince?.getTime(), min(40).getTime());
    assert.equal(r.event.type, 'resumed');
    assert.equal(r.event.reason, null);
  });
  it('refuses to pause while a ticket is open, twice, or with an unknown reason', () => {
    assert.throws(() => pause(idle, 'u1', 'lunch', min(1), true), withCode('illegal_transition'));
    assert.throws(() => pause(markServing(idle, min(1)), 'u1', 'lunch', min(2), false), withCode('illegal_transition'));
    const paused = pause(idle, 'u1', 'lunch', min(1), false).counter;
    assert.throws(() => pause(paused, 'u1', 'other', min(2), false), withCode('illegal_transition'));
    assert.throws(() => pause(idle, 'u1', 'siesta' as PauseReason, min(1), false), withCode('validation_failed'));
  });
  it('refuses to resume when not paused, and for another agent', () => {
    assert.throws(() => resume(idle, 'u1', min(1)), withCode('illegal_transition'));
    const paused = pause(idle, 'u1', 'lunch', min(1), false).counter;
    assert.throws(() => resume(paused, 'u2', min(2)), withCode('not_signed_in'));
    assert.throws(() => pause(idle, 'u2', 'lunch', min(1), false), withCode('not_signed_in'));
  });
});

describe('serving follows the counter ticket', () => {
  // Built in a hook, not while vitest collects the tests: a failure there must fail a test.
  let idle: Counter;
  beforeEach(() => {
    idle = signIn(empty, 'u1', min(0)).counter;
  });
  it('idle -> serving -> idle', () => {
    const s = markServing(idle, min(3));
    assert.equal(s.agentState, 'serving');
    assert.equal(s.stateSince?.getTime(), min(3).getTime());
    assert.equal(markServing(s, min(4)), s, 'a recall keeps it serving');
    const i = markIdle(s, min(9));
    assert.equal(i.agentState, 'idle');
    assert.equal(i.stateSince?.getTime(), min(9).getTime());
  });
  it('a paused or empty counter cannot start serving', () => {
    assert.throws(() => markServing(pause(idle, 'u1', 'lunch', min(1), false).counter, min(2)), withCode('illegal_transition'));
    assert.throws(() => markServing(empty, min(2)), withCode('illegal_transition'));
  });
  it('markIdle never fails and leaves other states alone', () => {
    assert.equal(markIdle(empty, min(1)), empty);
    assert.equal(markIdle(idle, min(1)), idle);
  });
});

describe('any sequence of agent commands (property)', () => {
  it('only AppErrors are thrown and the counter stays consistent', () => {
    const cmd = fc.record({
      op: fc.constantFrom('signIn', 'signOut', 'pause', 'resume', 'serve', 'idle'),
      agent: fc.constantFrom('u1', 'u2'),
      open: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 30 }), (cmds) => {
        let c = empty;
        let minute = 0;
        for (const { op, agent, open } of cmds) {
          minute += 1;
          const at = min(minute);
          try {
            c =
              op === 'signIn' ? signIn(c, agent, at).counter
              : op === 'signOut' ? signOut(c, agent, at, open).counter
              : op === 'pause' ? pause(c, agent, 'lunch', at, open).counter
              : op === 'resume' ? resume(c, agent, at).counter
              : op === 'serve' ? markServing(c, at)
              : markIdle(c, at);
          } catch (e) {
            assert.ok(e instanceof AppError);
          }
          assert.equal(c.agentState === 'signed_out', c.agentId === null);
          assert.equal(c.agentState === 'paused', c.pauseReason !== null);
        }
      }),
    );
  });
});
