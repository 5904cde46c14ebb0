/** The one mapping from the wire's print job to what the paper shows. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { ticketPrintData } from './print-data';
import { samplePrintJob as printJob } from './print-job-fixture';

describe('ticketPrintData', () => {
  it('takes what the ticket shows from the job and its ticket', () => {
    assert.deepEqual(ticketPrintData(printJob()), {
      officeName: 'Oficina Centro Medellín',
      code: 'A-014',
      serviceName: 'Facturación y pagos',
      preferential: false,
      issuedAt: '2025-11-28T02:45:00.000Z',
      timeZone: 'America/Bogota',
      peopleAhead: 3,
      estimatedWaitSeconds: 720,
      liveUrl: 'http://192.168.1.10:3000/t/tkt_01HZX9',
      footer: 'Gracias por su visita.',
      header: '',
    });
  });

  it("prints the office's ticket logo (a text header) when the job has one, without control characters", () => {
    assert.equal(ticketPrintData({ ...printJob(), header: 'CHEC \u001b@Grupo EPM' }).header, 'CHEC @Grupo EPM');
  });

  it("says preferential, keeps unknowns as null and falls back to the ticket's service name", () => {
    const job = { ...printJob({ category: 'preferential', position: null, estimatedWaitSeconds: null }), serviceName: '' };
    const data = ticketPrintData(job);
    assert.equal(data.preferential, true);
    assert.equal(data.peopleAhead, null);
    assert.equal(data.estimatedWaitSeconds, null);
    assert.equal(data.serviceName, 'Facturación');
  });

  it('never carries the customer ID number, even if a caller passes it along', () => {
    const job = printJob();
    Object.assign(job, { customerId: '1036654321' });
    Object.assign(job.ticket, { customerId: '1036654321' });
    assert.equal(JSON.stringify(ticketPrintData(job)).includes('1036654321'), false);
  });
});
