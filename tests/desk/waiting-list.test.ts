import { test } from 'vitest';
import assert from 'node:assert/strict';
import { allWaiting, counterMayCall, waitingForCounter } from '../../desk/src/lib/waiting-list';
import { counter, minutesBefore, service, T0, ticket } from './fixtures';

const services = [service(), service({ id: 'svc-b', prefix: 'B', targetWaitMinutes: 10 })];

test('a counter sees only the waiting tickets of the services it serves', () => {
  const mine = ticket({ serviceId: 'svc-a' });
  const other = ticket({ serviceId: 'svc-b' });
  const called = ticket({ serviceId: 'svc-a', status: 'called' });
  const rows = waitingForCounter(counter(), [mine, other, called], services, T0);
  assert.deepEqual(rows.map((r) => r.ticket.id), [mine.id]);
});

test('a ticket transferred to a counter shows there even for another service, and nowhere else', () => {
  const directed = ticket({ serviceId: 'svc-b', directedCounterId: 'c-1' });
  const directedElsewhere = ticket({ serviceId: 'svc-a', directedCounterId: 'c-2' });
  assert.equal(counterMayCall(counter(), directed), true);
  assert.equal(counterMayCall(counter(), directedElsewhere), false);
  const rows = waitingForCounter(counter(), [directed, directedElsewhere], services, T0);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].directedHere, true);
});

test('the list is oldest first, so a transferred ticket keeps its place', () => {
  const young = ticket({ issuedAt: minutesBefore(2) });
  const transferredOld = ticket({ issuedAt: minutesBefore(20), directedCounterId: null });
  const middle = ticket({ issuedAt: minutesBefore(8) });
  const rows = waitingForCounter(counter(), [young, transferredOld, middle], services, T0);
  assert.deepEqual(rows.map((r) => r.ticket.id), [transferredOld.id, middle.id, young.id]);
});

test('a wait past the service target is flagged overdue, one at the target is not', () => {
  const atTarget = ticket({ issuedAt: minutesBefore(15) });
  const past = ticket({ issuedAt: minutesBefore(16) });
  const rows = waitingForCounter(counter(), [atTarget, past], services, T0);
  const byId = new Map(rows.map((r) => [r.ticket.id, r]));
  assert.equal(byId.get(atTarget.id)!.overdue, false);
  assert.equal(byId.get(past.id)!.overdue, true);
  assert.equal(byId.get(past.id)!.waitSeconds, 16 * 60);
});

test('a ticket issued "in the future" (clock skew) waits zero, not a negative time', () => {
  const skewed = ticket({ issuedAt: new Date(T0.getTime() + 30_000).toISOString() });
  assert.equal(allWaiting([skewed], services, T0)[0].waitSeconds, 0);
});

test('the board list holds every waiting ticket of every service', () => {
  const rows = allWaiting([ticket({ serviceId: 'svc-b' }), ticket(), ticket({ status: 'serving' })], services, T0);
  assert.equal(rows.length, 2);
});
