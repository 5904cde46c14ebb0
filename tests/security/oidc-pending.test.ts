/**
 * Sign-ins waiting at the identity provider (platform/oidc/pending-logins.ts) on an
 * injected clock: each is handed out once, not after ten minutes, and a flood of started
 * sign-ins (the start route is public) cannot grow the store past its capacity.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { PendingLogins, PENDING_LOGIN_TTL_MS } from '../../server/src/platform/oidc/pending-logins';

function movableClock(at = Date.parse('2026-11-30T12:00:00Z')) {
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}

const login = (state: string) => ({ state, nonce: `n-${state}`, codeVerifier: `v-${state}`, returnTo: '/desk/', browserKey: `k-${state}` });

test('a sign-in is handed out once, with everything it was started with', () => {
  const store = new PendingLogins(movableClock());
  store.put(login('a'));
  assert.deepEqual(store.take('a'), login('a'));
  assert.equal(store.take('a'), null, 'the second callback with the same state finds nothing');
  assert.equal(store.take('never-started'), null);
});

test('a sign-in is kept ten minutes and not a moment longer', () => {
  const clock = movableClock();
  const store = new PendingLogins(clock);
  store.put(login('early'));
  store.put(login('late'));
  clock.advance(PENDING_LOGIN_TTL_MS - 1);
  assert.ok(store.take('early'), 'still there just before ten minutes');
  clock.advance(1);
  assert.equal(store.take('late'), null, 'gone at ten minutes');
  assert.equal(PENDING_LOGIN_TTL_MS, 10 * 60_000);
});

test('expired sign-ins are dropped as new ones arrive, and past capacity the oldest is forgotten', () => {
  const clock = movableClock();
  const store = new PendingLogins(clock, 60_000, 3);
  for (const s of ['a', 'b', 'c']) store.put(login(s));
  store.put(login('d'));
  assert.equal(store.size, 3);
  assert.equal(store.take('a'), null, 'the oldest made room');
  assert.ok(store.take('d'));
  clock.advance(60_000);
  store.put(login('e'));
  assert.equal(store.size, 1, 'the expired ones left when a new one came');
  assert.ok(store.take('e'));
});
