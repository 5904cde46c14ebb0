/**
 * Small factories for tests of every app (a snapshot, tickets, services, counters, the
 * office, calls): valid DTOs with sensible defaults, each field overridable. Not shipped
 * to browsers.
 */
import type { CallDto, CounterDto, OfficeDto, QueueSnapshot, ServiceDto, TicketDto } from '@turnero/contract/dto';

export function makeTicket(over: Partial<TicketDto> = {}): TicketDto {
  return {
    id: 't1',
    code: 'A-001',
    serviceId: 's-a',
    serviceName: 'Pagos',
    category: 'general',
    status: 'waiting',
    day: '2025-11-27',
    number: 1,
    issuedAt: '2025-11-27T14:00:00.000Z',
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    counterName: null,
    directedCounterId: null,
    recallCount: 0,
    outcome: null,
    printState: 'printed',
    position: 0,
    estimatedWaitSeconds: 300,
    ...over,
  };
}

export function makeCall(over: Partial<CallDto> = {}): CallDto {
  return {
    ticketId: 't1',
    code: 'A-001',
    counterId: 'c1',
    counterName: 'Módulo 1',
    serviceId: 's-a',
    at: '2025-11-27T14:05:00.000Z',
    recall: false,
    reason: 'fifo',
    ...over,
  };
}

export function makeService(over: Partial<ServiceDto> = {}): ServiceDto {
  return { id: 's-a', name: 'Pagos', nameEs: 'Pagos', nameEn: 'Payments', prefix: 'A', targetWaitMinutes: 15, active: true, color: '#0b5', icon: 'cash', sortOrder: 1, catalogCode: null, ...over };
}

export function makeCounter(over: Partial<CounterDto> = {}): CounterDto {
  return {
    id: 'c1',
    name: 'Módulo 1',
    active: true,
    services: [{ serviceId: 's-a', weight: 1 }],
    agentId: 'u1',
    agentName: 'Ana',
    agentState: 'idle',
    stateSince: null,
    pauseReason: null,
    currentTicket: null,
    ...over,
  };
}

export function makeOffice(over: Partial<OfficeDto> = {}): OfficeDto {
  return {
    code: 'BOG01',
    name: 'Oficina Centro',
    timeZone: 'America/Bogota',
    acceptingTickets: true,
    keepQueueOvernight: false,
    ticker: 'Bienvenidos',
    policy: { preferentialPerGeneral: 2, overdueFirst: true },
    ...over,
  };
}

export function makeSnapshot(over: Partial<QueueSnapshot> = {}): QueueSnapshot {
  return {
    seq: 10,
    bootId: 'boot-1',
    serverTime: '2025-11-27T14:00:00.000Z',
    office: makeOffice(),
    services: [
      makeService(),
      makeService({ id: 's-b', name: 'Reclamos', nameEs: 'Reclamos', nameEn: 'Claims', prefix: 'B', targetWaitMinutes: 20, color: '#05b', icon: 'chat', sortOrder: 2 }),
    ],
    queues: [
      { serviceId: 's-a', waiting: 0, longestWaitSeconds: 0 },
      { serviceId: 's-b', waiting: 0, longestWaitSeconds: 0 },
    ],
    waiting: [],
    counters: [makeCounter()],
    recentCalls: [],
    devices: [],
    ...over,
  };
}
