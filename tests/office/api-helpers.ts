/**
 * What the office REST API tests share (api-*.test.ts): the agents and counter paths of
 * a session, a refusal that must leave the office unchanged, and a ticket's shape.
 */
import assert from 'node:assert/strict';
import type { TicketDto } from '@turnero/contract/dto';
import { stateFingerprint, type OfficeSession } from './helpers';

/** Helpers bound to one session: agent i (asesor i, sitting at Módulo i) and its counter's routes. */
export function apiSession(session: () => OfficeSession) {
  const a = (i: number) => session().agents[i - 1];
  return {
    a,
    counterPath: (i: number, action: string) => `/api/v1/counters/${a(i).counterId}/${action}`,
    /** Runs a request that must be refused with `status` and `code`, and proves nothing changed. */
    async refused(
      status: number,
      code: string | RegExp,
      send: () => Promise<{ status: number; body: any }>,
    ): Promise<void> {
      const s = session();
      const before = await stateFingerprint(s.url, s.supervisor);
      const r = await send();
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(typeof r.body?.error?.message, 'string', `error body: ${JSON.stringify(r.body)}`);
      if (typeof code === 'string') assert.equal(r.body.error.code, code);
      else assert.match(r.body.error.code, code);
      assert.equal(await stateFingerprint(s.url, s.supervisor), before, 'state changed after a refused request');
    },
  };
}

export function assertTicketShape(t: TicketDto): void {
  for (const key of ['id', 'code', 'serviceId', 'category', 'status', 'issuedAt'] as const) {
    assert.equal(typeof t[key], 'string', `ticket.${key}`);
  }
  assert.match(t.code, /^[A-Z]{1,3}-\d{3,}$/);
  assert.ok(!Number.isNaN(Date.parse(t.issuedAt)));
  assert.equal(typeof t.number, 'number');
  assert.equal(typeof t.recallCount, 'number');
}
