/**
 * The facts the server broadcasts and the print jobs it sends a kiosk agent keep every
 * field the apps read (the apps' types are these schemas' z.infer).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { FACTS, PrintJob, TicketCalledEvent } from './realtime';
import { accepts, exampleSnapshot, exampleSyncState, exampleTicket, rejects } from './test-fixtures';

const call = exampleSnapshot.recentCalls[0];

describe('broadcast facts', () => {
  it('each carries its sequence number and its payload, whole', () => {
    const examples: [keyof typeof FACTS, object][] = [
      ['ticket:issued', { seq: 1, ticket: exampleTicket }],
      ['ticket:called', { seq: 2, ticket: exampleTicket, call, code: 'A-014', counterName: 'Módulo 1', recall: true, reason: 'preferential_ratio' }],
      ['ticket:updated', { seq: 3, ticket: exampleTicket, event: 'started' }],
      ['counter:updated', { seq: 4, counter: exampleSnapshot.counters[0] }],
      ['office:updated', { seq: 5, office: exampleSnapshot.office }],
      ['device:status', { seq: 6, device: exampleSnapshot.devices[0] }],
      ['sync:updated', { seq: 7, sync: exampleSyncState }],
      ['queue:changed', { seq: 8 }],
      ['config:changed', { seq: 9, what: 'devices' }],
      ['seq:skipped', { seq: 10 }],
    ];
    assert.deepEqual(examples.map(([name]) => name).sort(), Object.keys(FACTS).sort(), 'every fact has an example');
    for (const [name, fact] of examples) assert.deepEqual(accepts(FACTS[name], fact), fact, name);
  });
  it('a fact without a whole sequence number is refused', () => {
    rejects(FACTS['queue:changed'], {}, ['seq']);
    rejects(FACTS['queue:changed'], { seq: 1.5 }, ['seq']);
    rejects(TicketCalledEvent, { seq: 2, ticket: exampleTicket, call, code: 'A-014', counterName: 'M', recall: false, reason: 'lucky' }, ['reason']);
    rejects(FACTS['config:changed'], { seq: 9, what: 'printers' }, ['what']);
  });
});

describe('a print job for a kiosk agent', () => {
  it('keeps the ticket, the office, the service name, the live URL and the footer', () => {
    const job = {
      jobId: 'j1',
      ticket: exampleTicket,
      office: { name: 'Oficina Centro', code: 'MED-012', timeZone: 'America/Bogota' },
      serviceName: 'Pagos',
      liveUrl: 'http://turnero.local/dispenser/ticket.html?id=t1',
      footer: 'Gracias',
    };
    assert.deepEqual(accepts(PrintJob, job), job);
  });
});
