/**
 * The office's response shapes keep every field the apps read. The server builds its
 * OpenAPI document from these schemas and parsing strips what a schema does not list, so
 * a field missing here is a field missing from the docs and from any parsed answer.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CallResultDto, ErrorBody, MeDto, QueueSnapshot, StatsTodayDto, SyncStateDto, UserDto } from './dto';
import { accepts, exampleSnapshot as snapshot, exampleSyncState, exampleTicket as ticket, rejects } from './test-fixtures';

describe('the queue snapshot', () => {
  it('keeps every field of the office, services, queues, tickets, counters, calls and devices', () => {
    assert.deepEqual(accepts(QueueSnapshot, snapshot), snapshot);
  });
  it('refuses a ticket in a state the apps do not know', () => {
    rejects(QueueSnapshot, { ...snapshot, waiting: [{ ...snapshot.waiting[0], status: 'lost' }] }, ['waiting', 0, 'status']);
  });
});

describe('other answers', () => {
  it('a call result, the figures of the day, the sync state, users and the signed-in principal', () => {
    const figures = { issued: 10, served: 7, waiting: 2, noShows: 1, cancelled: 0, waitMedianSeconds: 240, waitP90Seconds: 600, serviceMedianSeconds: 300, withinTargetShare: 0.9 };
    const examples: [Parameters<typeof accepts>[0], unknown][] = [
      [CallResultDto, { ticket, reason: 'overdue', explanation: 'x', why: { rule: 'overdue', waitedMinutes: 25, targetMinutes: 15 } }],
      [StatsTodayDto, {
        day: '2026-11-28',
        services: [{ serviceId: 's-a', serviceName: 'Pagos', ...figures }],
        totals: figures,
        agents: [{ agentId: 'u1', served: 7, noShows: 1, serviceMedianSeconds: 300, servingSeconds: 2100, pausedSeconds: 600, signedInSeconds: 3600, utilisation: 0.7 }],
      }],
      [SyncStateDto, exampleSyncState],
      [UserDto, { id: 'u1', username: 'asesor1', displayName: 'Ana', role: 'agent', active: true, counterId: 'c1', managedBy: 'office' }],
      [MeDto, { principalId: 'u1', role: 'agent', name: 'Ana', counterId: null }],
      [ErrorBody, { error: { code: 'illegal_transition', message: 'Cannot call', details: { ticketId: 't1' } } }],
    ];
    for (const [schema, example] of examples) assert.deepEqual(accepts(schema, example), example);
  });
});
