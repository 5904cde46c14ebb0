/**
 * The snapshot's positions (positionsOf, all at once) are exactly positionOf's (one ticket
 * at a time) for random queues: directed tickets, two services, both categories, tickets
 * issued in the same millisecond, numbers that repeat across services.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import type { Ticket } from '@turnero/domain/types';
import { positionOf, positionsOf, type QueueView } from '../../server/src/office/queue-view';

const ticketArb = fc.record({
  serviceId: fc.constantFrom('s1', 's2'),
  category: fc.constantFrom('general', 'preferential'),
  number: fc.integer({ min: 1, max: 6 }),
  issuedAtMs: fc.integer({ min: 0, max: 5 }),
  directedCounterId: fc.option(fc.constantFrom('c1', 'c2'), { nil: null, freq: 3 }),
  status: fc.constantFrom('waiting', 'waiting', 'waiting', 'called'),
});

type Row = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

function viewOf(rows: Row[]): QueueView {
  const waiting = rows.map(
    (r, i) =>
      ({
        ...r,
        id: `t${i}`,
        issuedServiceId: r.serviceId,
        issuedAt: new Date(1_700_000_000_000 + r.issuedAtMs),
      }) as unknown as Ticket,
  );
  return { waiting } as unknown as QueueView;
}

test('positionsOf gives every ticket the position positionOf gives it', () => {
  fc.assert(
    fc.property(fc.array(ticketArb, { maxLength: 40 }), (rows) => {
      const view = viewOf(rows);
      const all = positionsOf(view);
      for (const t of view.waiting) assert.equal(all.get(t.id) ?? null, positionOf(view, t), `ticket ${t.id} of ${JSON.stringify(rows)}`);
    }),
    { numRuns: 300 },
  );
});
