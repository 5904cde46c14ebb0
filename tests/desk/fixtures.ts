/**
 * Desk/board flavour of the shared factories (@turnero/web-client/test-fixtures):
 * one billing service 'svc-a', counter 'c-1', tickets numbered in order, times near T0.
 */
import type { CounterDto, DeviceDto, OfficeDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import { makeCounter, makeOffice, makeService, makeTicket } from '@turnero/web-client/test-fixtures';

export const T0 = new Date('2025-11-27T14:00:00.000Z');
export const minutesBefore = (m: number, from: Date = T0) => new Date(from.getTime() - m * 60_000).toISOString();

export function service(over: Partial<ServiceDto> = {}): ServiceDto {
  return makeService({ id: 'svc-a', name: 'Facturación', nameEs: 'Facturación', nameEn: 'Billing', color: '#0b5cad', icon: 'receipt', ...over });
}

let n = 0;
export function ticket(over: Partial<TicketDto> = {}): TicketDto {
  n += 1;
  return makeTicket({
    id: `t-${n}`,
    code: `A-${String(n).padStart(3, '0')}`,
    serviceId: 'svc-a',
    serviceName: 'Facturación',
    number: n,
    issuedAt: minutesBefore(1),
    estimatedWaitSeconds: null,
    ...over,
  });
}

export function counter(over: Partial<CounterDto> = {}): CounterDto {
  return makeCounter({ id: 'c-1', services: [{ serviceId: 'svc-a', weight: 1 }], agentId: 'u-1', stateSince: minutesBefore(5), ...over });
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
  return makeOffice({ code: 'MED01', ticker: '', ...over });
}
