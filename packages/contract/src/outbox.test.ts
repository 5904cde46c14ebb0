/**
 * What an office sends head office: the outbox envelope and the ingest batch. Head office
 * refuses a batch that does not match (400) and applies nothing from it; what it accepts
 * must carry every field the figures need and no personal data.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { IngestBatch, IngestResult, OutboxEnvelope } from './outbox';
import { accepts, chars, rejects } from './test-fixtures';

const ticketFact = {
  kind: 'ticket',
  ticketId: 't1',
  event: 'transferred',
  day: '2026-11-28',
  serviceCode: 'A',
  serviceName: 'Facturación y pagos',
  targetWaitMinutes: 15,
  category: 'preferential',
  counterId: 'c1',
  agentId: 'u1',
  toServiceCode: 'B',
};
const agentFact = { kind: 'agent', agentId: 'u1', counterId: 'c1', event: 'paused', reason: 'lunch' };
const envelope = (fact: object, seq = 1) => ({ seq, occurredAt: '2026-11-28T13:00:00.000Z', fact });
const withTicket = (over: object) => envelope({ ...ticketFact, ...over });

describe('an outbox envelope', () => {
  it('keeps every field of a ticket fact and of an agent fact', () => {
    assert.deepEqual(accepts(OutboxEnvelope, envelope(ticketFact)), envelope(ticketFact));
    assert.deepEqual(accepts(OutboxEnvelope, envelope(agentFact, 2)), envelope(agentFact, 2));
  });
  it('carries no personal data: a customer ID or a name added to a fact is dropped', () => {
    const parsed = accepts(OutboxEnvelope, withTicket({ customerId: '1020304050', agentName: 'Ana Pérez' }));
    assert.deepEqual(parsed.fact, ticketFact);
  });
  it('the sequence starts at 1 and is whole; the time is ISO-8601', () => {
    rejects(OutboxEnvelope, envelope(ticketFact, 0), ['seq']);
    rejects(OutboxEnvelope, envelope(ticketFact, 1.5), ['seq']);
    rejects(OutboxEnvelope, { ...envelope(ticketFact), occurredAt: '28/11/2026 13:00' }, ['occurredAt']);
  });
  it('the kind decides which fact it is', () => {
    rejects(OutboxEnvelope, envelope({ ...agentFact, kind: 'ticket' }), ['fact', 'ticketId']);
    rejects(OutboxEnvelope, envelope({ ...ticketFact, kind: 'note' }), ['fact', 'kind']);
    rejects(OutboxEnvelope, envelope({ ...agentFact, event: 'issued' }), ['fact', 'event']);
  });
});

describe('a ticket fact', () => {
  it('its day is exactly YYYY-MM-DD', () => {
    for (const day of ['2026-11-8', 'x2026-11-28', '2026-11-28x', '20261128']) rejects(OutboxEnvelope, withTicket({ day }), ['fact', 'day']);
  });
  it('service codes are 1-3 characters, names at most 120, targets 0-1440 whole minutes', () => {
    accepts(OutboxEnvelope, withTicket({ serviceCode: 'PRE', serviceName: chars(120), targetWaitMinutes: 0, toServiceCode: null }));
    accepts(OutboxEnvelope, withTicket({ targetWaitMinutes: 1440, toServiceCode: undefined }));
    const refused: [object, string][] = [
      [{ serviceCode: '' }, 'serviceCode'],
      [{ serviceCode: 'PREF' }, 'serviceCode'],
      [{ toServiceCode: 'PREF' }, 'toServiceCode'],
      [{ serviceName: chars(121) }, 'serviceName'],
      [{ targetWaitMinutes: -1 }, 'targetWaitMinutes'],
      [{ targetWaitMinutes: 1441 }, 'targetWaitMinutes'],
      [{ targetWaitMinutes: 7.5 }, 'targetWaitMinutes'],
    ];
    for (const [over, field] of refused) rejects(OutboxEnvelope, withTicket(over), ['fact', field]);
  });
  it('ids are at most 64 characters; the ticket id is not empty; counter and agent may be null', () => {
    accepts(OutboxEnvelope, withTicket({ ticketId: chars(64), counterId: chars(64), agentId: chars(64) }));
    accepts(OutboxEnvelope, withTicket({ counterId: null, agentId: null }));
    for (const field of ['ticketId', 'counterId', 'agentId']) rejects(OutboxEnvelope, withTicket({ [field]: chars(65) }), ['fact', field]);
    rejects(OutboxEnvelope, withTicket({ ticketId: '' }), ['fact', 'ticketId']);
  });
});

describe('an agent fact', () => {
  it('names a non-empty agent and a counter of at most 64 characters', () => {
    accepts(OutboxEnvelope, envelope({ ...agentFact, agentId: chars(64), counterId: chars(64), reason: null }));
    rejects(OutboxEnvelope, envelope({ ...agentFact, agentId: '' }), ['fact', 'agentId']);
    rejects(OutboxEnvelope, envelope({ ...agentFact, agentId: chars(65) }), ['fact', 'agentId']);
    rejects(OutboxEnvelope, envelope({ ...agentFact, counterId: chars(65) }), ['fact', 'counterId']);
  });
});

describe('an ingest batch', () => {
  const batch = (events: object[], over: object = {}) => ({ officeCode: 'MED-012', sentAt: '2026-11-28T13:00:01.000Z', timeZone: 'America/Bogota', events, ...over });
  it('keeps the office, its clock and zone, and its events', () => {
    const b = batch([envelope(ticketFact, 1), envelope(agentFact, 2)]);
    assert.deepEqual(accepts(IngestBatch, b), b);
  });
  it('holds at most 5000 events', () => {
    const events = (n: number) => Array.from({ length: n }, (_, i) => envelope(agentFact, i + 1));
    accepts(IngestBatch, batch(events(5000)));
    rejects(IngestBatch, batch(events(5001)), ['events']);
  });
  it('the office code is 1-32 characters, the zone at most 64, the send time ISO-8601', () => {
    accepts(IngestBatch, batch([], { officeCode: chars(32), timeZone: chars(64) }));
    rejects(IngestBatch, batch([], { officeCode: '' }), ['officeCode']);
    rejects(IngestBatch, batch([], { officeCode: chars(33) }), ['officeCode']);
    rejects(IngestBatch, batch([], { timeZone: chars(65) }), ['timeZone']);
    rejects(IngestBatch, batch([], { sentAt: 'yesterday' }), ['sentAt']);
  });
});

describe("head office's answer to a batch", () => {
  it("says how far it holds the office's events, what it applied, what it had already and the clock skew", () => {
    const result = { ackedSeq: 120, applied: 100, duplicates: 20, clockSkewMs: -1500 };
    assert.deepEqual(accepts(IngestResult, result), result);
    rejects(IngestResult, { ...result, ackedSeq: 1.5 }, ['ackedSeq']);
  });
});
