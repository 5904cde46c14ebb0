import { makeTicket } from '@turnero/web-client/test-fixtures';
import type { PrintJob } from '@turnero/contract/realtime';

export function samplePrintJob(overrides: Partial<PrintJob['ticket']> = {}): PrintJob {
  return {
    jobId: 'job-1',
    office: { name: 'Oficina Centro Medellín', code: 'MED01', timeZone: 'America/Bogota' },
    serviceName: 'Facturación y pagos',
    liveUrl: 'http://192.168.1.10:3000/t/tkt_01HZX9',
    footer: 'Gracias por su visita. ¡Cuidemos el agua!',
    ticket: makeTicket({
      id: 'tkt_01HZX9',
      code: 'A-014',
      serviceId: 'svc-billing',
      serviceName: 'Facturación y pagos',
      number: 14,
      // 02:45 UTC on the 28th is still the 27th, 21:45, in Bogotá.
      issuedAt: '2025-11-28T02:45:00.000Z',
      printState: 'pending',
      position: 3,
      estimatedWaitSeconds: 720,
      ...overrides,
    }),
  };
}
