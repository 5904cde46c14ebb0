/** Helpers shared by the contract's tests (not shipped: nothing outside tests imports this). */
import assert from 'node:assert/strict';
import type { z } from 'zod';

/** Asserts the schema accepts `value` and returns what it parsed to. */
export function accepts<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  assert.ok(r.success, `expected ${JSON.stringify(value)} to be accepted: ${r.error?.message}`);
  return r.data;
}

/** Asserts the schema refuses `value`; with `path`, that the first issue is at that field. */
export function rejects(schema: z.ZodType, value: unknown, path?: (string | number)[]): z.core.$ZodIssue {
  const r = schema.safeParse(value);
  assert.equal(r.success, false, `expected ${JSON.stringify(value)} to be refused`);
  const issue = r.error!.issues[0];
  if (path) assert.deepEqual(issue.path, path);
  return issue;
}

/** A string of `n` copies of `ch` (for length limits). */
export const chars = (n: number, ch = 'x'): string => ch.repeat(n);

// Example answers, every field set, for tests that check a schema keeps what it is given.
const at = '2026-11-28T13:05:00.000Z';
export const exampleTicket = {
  id: 't1', code: 'A-014', serviceId: 's-a', serviceName: 'Pagos', category: 'preferential', status: 'serving',
  day: '2026-11-28', number: 14, issuedAt: at, calledAt: at, startedAt: at, finishedAt: null, counterId: 'c1',
  counterName: 'Módulo 1', directedCounterId: null, recallCount: 1, outcome: null, printState: 'printed',
  position: null, estimatedWaitSeconds: null,
};
export const exampleSnapshot = {
  seq: 42,
  bootId: 'boot-1',
  serverTime: at,
  office: {
    code: 'MED-012', name: 'Oficina Centro', timeZone: 'America/Bogota', acceptingTickets: true, keepQueueOvernight: false,
    ticker: 'Bienvenidos', policy: { preferentialPerGeneral: 2, overdueFirst: true }, agentsChooseServices: false,
  },
  services: [{ id: 's-a', name: 'Pagos', nameEs: 'Pagos', nameEn: 'Payments', prefix: 'A', targetWaitMinutes: 15, active: true, color: '#0b5', icon: 'cash', sortOrder: 1, catalogCode: 'PAGOS' }],
  queues: [{ serviceId: 's-a', waiting: 3, longestWaitSeconds: 420 }],
  waiting: [{ ...exampleTicket, id: 't2', code: 'A-015', status: 'waiting', calledAt: null, startedAt: null, counterId: null, counterName: null, position: 0, estimatedWaitSeconds: 300 }],
  counters: [{
    id: 'c1', name: 'Módulo 1', active: true, services: [{ serviceId: 's-a', weight: 2 }], agentId: 'u1', agentName: 'Ana',
    agentState: 'serving', stateSince: at, pauseReason: null, currentTicket: exampleTicket,
  }],
  recentCalls: [{ ticketId: 't1', code: 'A-014', counterId: 'c1', counterName: 'Módulo 1', serviceId: 's-a', at, recall: true, reason: 'preferential_ratio' }],
  devices: [{
    id: 'k1', kind: 'kiosk', name: 'Kiosco entrada', active: true, printerUri: 'virtual:demo', printerStatus: 'paper_near_end',
    printerStatusAt: at, connected: true, serviceIds: ['s-a'], counterIds: [],
  }],
};
export const exampleSyncState = {
  enabled: true, hqUrl: 'https://hq', lastSuccessAt: at, lastAttemptAt: at, lastError: null, pendingEvents: 3, lastSentSeq: 40, headSeq: 43,
  link: { state: 'connected', since: at, lastAppliedSeq: 7, lastAppliedAt: at, configVersion: 3, lastError: null },
};
