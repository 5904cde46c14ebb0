/**
 * Every contract module loads. The schemas are built when a module is imported, so a
 * broken schema (say a discriminated union whose members lost their discriminator) throws
 * at import; imported dynamically here, that is a failing test rather than a test file
 * that never ran (which mutation testing would not count as a failure).
 */
import { it } from 'vitest';
import assert from 'node:assert/strict';

it('dto, hq, outbox, realtime, portal, self-service, ratings and intelligence import and export their schemas', async () => {
  const modules = {
    dto: await import('./dto'),
    hq: await import('./hq'),
    outbox: await import('./outbox'),
    realtime: await import('./realtime'),
    portal: await import('./portal'),
    selfService: await import('./self-service'),
    ratings: await import('./ratings'),
    intelligence: await import('./intelligence'),
  };
  assert.equal(typeof modules.dto.QueueSnapshot.parse, 'function');
  assert.equal(typeof modules.hq.CompareQuery.parse, 'function');
  assert.equal(typeof modules.outbox.OutboxEnvelope.parse, 'function');
  assert.ok(Object.keys(modules.realtime).length > 0);
  assert.equal(typeof modules.portal.BookingRequest.parse, 'function');
  assert.equal(typeof modules.selfService.CouponRequest.parse, 'function');
  assert.equal(typeof modules.ratings.RatingFact.parse, 'function');
  assert.equal(typeof modules.intelligence.StaffingBody.parse, 'function');
});
