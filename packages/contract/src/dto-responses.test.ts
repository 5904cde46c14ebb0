/**
 * The office's response shapes keep every field the apps read. The server builds its
 * OpenAPI document from these schemas and parsing strips what a schema does not list, so
 * a field missing here is a field missing from the docs and from any parsed answer.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CallResultDto, ErrorBody, MeDto, QueueSnapshot, StatsTodayDto, SyncStateDto, UserDto } from './dto';
import { accepts, rejects } from './test-fixtures';

const at = '2026-11-28T13:05:00.000Z';
const ticket = {
  id: 't1', code: 'A-014', serviceId: 's-a', serviceName: 'Pagos', category: 'preferential', status: 'serving',
  day: '2026-11-28', number: 14, issuedAt: at, calledAt: at, startedAt: at, finishedAt: null, counterId: 'c1',
  counterName: 'Módulo 1', directedCounterId: null, recallCount: 1, outcome: null, printState: 'printed',
  position: null, estimatedWaitSeconds: null,
};
const snapshot = {
  seq: 42,
  bootId: 'boot-1',
  serverTime: at,
  office: {
    code: 'MED-012', name: 'Oficina Centro', timeZone: 'America/Bogota', acceptingTickets: true, keepQueueOvernight: false,
    ticker: 'Bienvenidos', policy: { preferentialPerGeneral: 2, overdueFirst: true }, agentsChooseServices: false,
  },
  services: [{ id: 's-a', name: 'Pagos', nameEs: 'Pagos', nameEn: 'Payments', prefix: 'A', targetWaitMinutes: 15, active: true, color: '#0b5', icon: 'cash', sortOrder: 1 }],
  queues: [{ serviceId: 's-a', waiting: 3, longestWaitSeconds: 420 }],
  waiting: [{ ...ticket, id: 't2', code: 'A-015', status: 'waiting', calledAt: null, startedAt: null, counterId: null, counterName: null, position: 0, estimatedWaitSeconds: 300 }],
  counters: [{
    id: 'c1', name: 'Módulo 1', active: true, services: [{ serviceId: 's-a', weight: 2 }], agentId: 'u1', agentName: 'Ana',
    agentState: 'serving', stateSince: at, pauseReason: null, currentTicket: ticket,
  }],
  recentCalls: [{ ticketId: 't1', code: 'A-014', counterId: 'c1', counterName: 'Módulo 1', serviceId: 's-a', at, recall: true, reason: 'preferential_ratio' }],
  devices: [{
    id: 'k1', kind: 'kiosk', name: 'Kiosco entrada', active: true, printerUri: 'virtual:demo', printerStatus: 'paper_near_end',
    printerStatusAt: at, connected: true, serviceIds: ['s-a'], counterIds: [],
  }],
};

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
      [CallResultDto, { ticket, reason: 'overdue', explanation: 'x' }],
      [StatsTodayDto, {
        day: '2026-11-28',
        services: [{ serviceId: 's-a', serviceName: 'Pagos', ...figures }],
        totals: figures,
        agents: [{ agentId: 'u1', served: 7, noShows: 1, serviceMedianSeconds: 300, servingSeconds: 2100, pausedSeconds: 600, signedInSeconds: 3600, utilisation: 0.7 }],
      }],
      [SyncStateDto, { enabled: true, hqUrl: 'https://hq', lastSuccessAt: at, lastAttemptAt: at, lastError: null, pendingEvents: 3, lastSentSeq: 40, headSeq: 43 }],
      [UserDto, { id: 'u1', username: 'asesor1', displayName: 'Ana', role: 'agent', active: true, counterId: 'c1' }],
      [MeDto, { principalId: 'u1', role: 'agent', name: 'Ana', counterId: null }],
      [ErrorBody, { error: { code: 'illegal_transition', message: 'Cannot call', details: { ticketId: 't1' } } }],
    ];
    for (const [schema, example] of examples) assert.deepEqual(accepts(schema, example), example);
  });
});
