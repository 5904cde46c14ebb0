/** Small factories for desk/board unit tests: valid DTOs with sensible defaults. */
import type { CounterDto, DeviceDto, OfficeDto, ServiceDto, TicketDto } from '../../server/src/contract/dto';

export const T0 = new Date('2025-11-27T14:00:00.000Z');
export const minutesBefore = (m: number, from: Date = T0) => new Date(from.getTime() - m * 60_000).toISOString();

export function service(over: Partial<ServiceDto> = {}): ServiceDto {
  return {
    id: 'svc-a',
    name: 'Facturación',
    nameEs: 'Facturación',
    nameEn: 'Billing',
    prefix: 'A',
    targetWaitMinutes: 15,
    active: true,
    color: '#0b5cad',
    icon: 'receipt',
    sortOrder: 1,
    ...over,
  };
}

let n = 0;
export function ticket(over: Partial<TicketDto> = {}): TicketDto {
  n += 1;
  return {
    id: `t-${n}`,
    code: `A-${String(n).padStart(3, '0')}`,
    serviceId: 'svc-a',
    serviceName: 'Facturación',
    category: 'general',
    status: 'waiting',
    day: '2025-11-27',
    number: n,
    issuedAt: minutesBefore(1),
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
    estimatedWaitSeconds: null,
    ...over,
  };
}

export function counter(over: Partial<CounterDto> = {}): CounterDto {
  return {
    id: 'c-1',
    name: 'Módulo 1',
    active: true,
    services: [{ serviceId: 'svc-a', weight: 1 }],
    agentId: 'u-1',
    agentName: 'Ana',
    agentState: 'idle',
    stateSince: minutesBefore(5),
    pauseReason: null,
    currentTicket: null,
    ...over,
  };
}

export function device(over: Partial<DeviceDto> = {}): DeviceDto {
  return {
    id: 'd-1',
    kind: 'kiosk',
    name: 'Kiosco entrada',
    active: true,
    printerUri: 'virtual:',
    printerStatus: 'online',
    printerStatusAt: T0.toISOString(),
    connected: true,
    serviceIds: [],
    counterIds: [],
    ...over,
  };
}

export function office(over: Partial<OfficeDto> = {}): OfficeDto {
  return {
    code: 'MED01',
    name: 'Oficina Centro',
    timeZone: 'America/Bogota',
    acceptingTickets: true,
    keepQueueOvernight: false,
    ticker: '',
    policy: { preferentialPerGeneral: 2, overdueFirst: true },
    ...over,
  };
}
