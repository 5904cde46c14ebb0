import { test } from 'vitest';
import assert from 'node:assert/strict';
import { makeCall, makeSnapshot } from '@turnero/web-client/test-fixtures';
import { recentCallsInScope, scopeFrom, servicesInScope } from './display-filter';

const device = {
  id: 'd1', kind: 'display' as const, name: 'TV 1', active: true, printerUri: null, printerStatus: null,
  printerStatusAt: null, connected: true, serviceIds: ['s-b'], counterIds: [],
};

test('URL parameters win over the device settings; empty means everything', () => {
  assert.deepEqual(scopeFrom(new URLSearchParams('services=s-a'), device), { serviceIds: ['s-a'], counterIds: [] });
  assert.deepEqual(scopeFrom(new URLSearchParams(''), device), { serviceIds: ['s-b'], counterIds: [] });
  assert.deepEqual(scopeFrom(new URLSearchParams(''), undefined), { serviceIds: [], counterIds: [] });
});

test('a display limited to a counter shows only its calls and the services it serves', () => {
  const snap = makeSnapshot({
    recentCalls: [
      makeCall({ ticketId: 't2', code: 'B-001', counterId: 'c2', serviceId: 's-b', at: '2025-11-27T14:06:00Z' }),
      makeCall({ ticketId: 't1', code: 'A-001', counterId: 'c1', at: '2025-11-27T14:05:00Z' }),
    ],
  });
  const scope = { serviceIds: [], counterIds: ['c1'] };
  assert.deepEqual(recentCallsInScope(snap, scope).map((c) => c.code), ['A-001']);
  assert.deepEqual(servicesInScope(snap, scope).map((s) => s.service.id), ['s-a']);
});

test('a recall shows once, as the latest call', () => {
  const snap = makeSnapshot({
    recentCalls: [
      makeCall({ ticketId: 't1', code: 'A-001', at: '2025-11-27T14:09:00Z', recall: true }),
      makeCall({ ticketId: 't2', code: 'A-002', at: '2025-11-27T14:07:00Z' }),
      makeCall({ ticketId: 't1', code: 'A-001', at: '2025-11-27T14:05:00Z' }),
    ],
  });
  assert.deepEqual(recentCallsInScope(snap, { serviceIds: [], counterIds: [] }).map((c) => c.code), ['A-001', 'A-002']);
});
