/** The hardware tests' own ticket: what a caller hands the printer, built here (hardware stands alone). */
import type { TicketPrintData } from '../src';

export function sampleTicketData(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    officeName: 'Oficina Centro Medellín',
    code: 'A-014',
    serviceName: 'Facturación y pagos',
    preferential: false,
    // 02:45 UTC on the 28th is still the 27th, 21:45, in Bogotá.
    issuedAt: '2025-11-28T02:45:00.000Z',
    timeZone: 'America/Bogota',
    peopleAhead: 3,
    estimatedWaitSeconds: 720,
    liveUrl: 'http://192.168.1.10:3000/t/tkt_01HZX9',
    footer: 'Gracias por su visita. ¡Cuidemos el agua!',
    ...overrides,
  };
}
