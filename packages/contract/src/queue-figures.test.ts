import assert from 'node:assert/strict';
import { test } from 'vitest';
import { serviceQueues } from './queue-figures';

const now = new Date('2026-03-02T15:00:00.000Z');
const waitingSince = (serviceId: string, minutesAgo: number) => ({
  serviceId,
  issuedAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
});

test('each service gets its waiting count and the wait of its oldest ticket, in the order given', () => {
  const waiting = [waitingSince('b', 3), waitingSince('a', 2), waitingSince('b', 12.5), waitingSince('a', 7)];
  assert.deepEqual(serviceQueues(['a', 'b', 'c'], waiting, now), [
    { serviceId: 'a', waiting: 2, longestWaitSeconds: 420 },
    { serviceId: 'b', waiting: 2, longestWaitSeconds: 750 },
    { serviceId: 'c', waiting: 0, longestWaitSeconds: 0 },
  ]);
});

test('a ticket of a service not listed is left out, and a clock behind the ticket never gives a negative wait', () => {
  const waiting = [waitingSince('gone', 30), waitingSince('a', -1)];
  assert.deepEqual(serviceQueues(['a'], waiting, now), [{ serviceId: 'a', waiting: 1, longestWaitSeconds: 0 }]);
});
