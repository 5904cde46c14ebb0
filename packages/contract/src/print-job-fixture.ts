/** A print job as the office sends it, for the tests of its two readers (the mapping and the kiosk agent). Not shipped. */
import type { PrintJob } from './realtime';

export function samplePrintJob(ticket: Partial<PrintJob['ticket']> = {}): PrintJob {
  return {
    jobId: 'job-1',
    office: { name: 'Oficina Centro Medellín', code: 'MED01', timeZone: 'America/Bogota' },
    serviceName: 'Facturación y pagos',
    liveUrl: 'http://192.168.1.10:3000/t/tkt_01HZX9',
    footer: 'Gracias por su visita.',
    ticket: {
      id: 'tkt_01HZX9', code: 'A-014', serviceId: 'svc-billing', serviceName: 'Facturación', category: 'general',
      status: 'waiting', day: '2025-11-27', number: 14, issuedAt: '2025-11-28T02:45:00.000Z', calledAt: null,
      startedAt: null, finishedAt: null, counterId: null, counterName: null, directedCounterId: null, recallCount: 0,
      outcome: null, printState: 'pending', position: 3, estimatedWaitSeconds: 720, ...ticket,
    },
  };
}
