import { test } from 'vitest';
import assert from 'node:assert/strict';
import { actionForKey, availableActions, canCallChosen, SHORTCUTS, DESK_ACTIONS } from '../../desk/src/lib/desk-actions';
import { counter, ticket } from './fixtures';

const sorted = (s: Set<string>) => [...s].sort();

test('an idle agent may call next or pause, nothing about a ticket', () => {
  assert.deepEqual(sorted(availableActions(counter({ agentState: 'idle' }))), ['callNext', 'pause']);
});

test('with a called ticket: recall, start, no-show or transfer; not call next', () => {
  const c = counter({ agentState: 'serving', currentTicket: ticket({ status: 'called' }) });
  assert.deepEqual(sorted(availableActions(c)), ['noShow', 'recall', 'start', 'transfer']);
  assert.equal(canCallChosen(c), false);
});

test('with a ticket in service: finish or transfer only', () => {
  const c = counter({ agentState: 'serving', currentTicket: ticket({ status: 'serving' }) });
  assert.deepEqual(sorted(availableActions(c)), ['finish', 'transfer']);
});

test('a paused agent may only resume; a signed-out one nothing', () => {
  assert.deepEqual(sorted(availableActions(counter({ agentState: 'paused', pauseReason: 'lunch' }))), ['resume']);
  assert.equal(availableActions(counter({ agentState: 'signed_out' })).size, 0);
  assert.equal(availableActions(null).size, 0);
});

test('a finished ticket still attached to the counter does not block the next call', () => {
  const c = counter({ agentState: 'idle', currentTicket: ticket({ status: 'done' }) });
  assert.equal(canCallChosen(c), true);
});

test('every action has its own shortcut key', () => {
  const keys = DESK_ACTIONS.map((a) => SHORTCUTS[a]);
  assert.equal(new Set(keys).size, keys.length);
});

test('a shortcut fires its action only when that action is possible', () => {
  const idle = availableActions(counter());
  assert.equal(actionForKey({ key: 'l' }, idle), 'callNext');
  assert.equal(actionForKey({ key: 'L' }, idle), 'callNext');
  assert.equal(actionForKey({ key: 'f' }, idle), null);
});

test('shortcuts never fire while typing or with a modifier (browser shortcuts stay intact)', () => {
  const idle = availableActions(counter());
  assert.equal(actionForKey({ key: 'l', targetTag: 'input' }, idle), null);
  assert.equal(actionForKey({ key: 'l', targetTag: 'SELECT' }, idle), null);
  assert.equal(actionForKey({ key: 'l', ctrlKey: true }, idle), null);
  assert.equal(actionForKey({ key: 'l', targetTag: 'BUTTON' }, idle), 'callNext');
});
