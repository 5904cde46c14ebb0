/**
 * Predicted waits on the office API (issue 15): POST /api/v1/tickets, GET /api/v1/tickets/:id
 * and the public ticket page carry `estimatedWait: {lowMinutes, highMinutes}`, learned from
 * the office's own calls and moving as the queue moves. A fake clock makes every call last
 * exactly 4 minutes, so the simulation has nothing random left and the ranges are exact.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { ServiceDto, TicketDto } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

const MINUTE = 60_000;
let office: InProcessOffice;
let clock: FakeClock;
let kiosk: string;
let agent: string;
let supervisor: string;
let counterId: string;
let services: Record<string, ServiceDto>;

beforeAll(async () => {
  // 10:00 in Bogotá on a Tuesday: the demo office is open.
  clock = new FakeClock(new Date('2026-11-24T15:00:00Z'));
  const dataDir = tempDataDir();
  office = await startInProcessOffice({ clock, dataDir, env: { DEMO_PRINTER_URI: `file:${join(dataDir, 'printer.out')}` } });
  kiosk = office.creds.kioskToken;
  const asesor1 = office.creds.users.find((u) => u.username === 'asesor1')!;
  agent = await login(office.url, asesor1.username, asesor1.password);
  counterId = asesor1.counterId!;
  const sup = office.creds.users.find((u) => u.role === 'supervisor')!;
  supervisor = await login(office.url, sup.username, sup.password);
  const list = await request<ServiceDto[]>(office.url, 'GET', '/api/v1/services', { token: kiosk });
  services = Object.fromEntries(list.body.map((s) => [s.prefix, s]));
});

afterAll(async () => {
  await office?.stop();
});

async function issue(prefix: string): Promise<TicketDto> {
  const r = await request<TicketDto>(office.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: services[prefix].id, print: false } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function post<T = unknown>(path: string): Promise<T> {
  const r = await request<T>(office.url, 'POST', `/api/v1${path}`, { token: agent, body: {} });
  assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Calls the next ticket at the counter and starts serving it; returns its id. */
async function callAndStart(): Promise<string> {
  const { ticket } = await post<{ ticket: TicketDto }>(`/counters/${counterId}/call-next`);
  await post(`/tickets/${ticket.id}/start`);
  return ticket.id;
}

const rangeOf = (t: TicketDto) => t.estimatedWait && [t.estimatedWait.lowMinutes, t.estimatedWait.highMinutes];

describe('predicted waits on the API', () => {
  test('with no counter open for its service a ticket carries no promise (estimatedWait null), not a made-up range', async () => {
    const t = await issue('C');
    assert.equal(t.estimatedWait, null);
    const cancelled = await request(office.url, 'POST', `/api/v1/tickets/${t.id}/cancel`, { token: supervisor });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  });

  test('after five 4-minute calls, new tickets are promised 0, 4, 8 and 12 minutes, on POST, GET and the public page alike', async () => {
    await post(`/counters/${counterId}/sign-in`);
    for (let k = 0; k < 5; k++) {
      await issue('A');
      const id = await callAndStart();
      clock.advance(4 * MINUTE);
      await post(`/tickets/${id}/finish`);
    }
    const issued = [await issue('A'), await issue('A'), await issue('A'), await issue('A')];
    // Each POST answer is made when that ticket is the last one: the first sees an idle counter.
    assert.deepEqual(issued.map(rangeOf), [[0, 0], [4, 4], [8, 8], [12, 12]]);
    for (const t of issued) {
      assert.ok(Number.isInteger(t.estimatedWait!.lowMinutes) && t.estimatedWait!.lowMinutes <= t.estimatedWait!.highMinutes);
      const read = await request<TicketDto>(office.url, 'GET', `/api/v1/tickets/${t.id}`, { token: kiosk });
      assert.deepEqual(rangeOf(read.body), rangeOf(t));
      const pub = await request<{ ticket: TicketDto }>(office.url, 'GET', `/api/v1/public/tickets/${t.id}`);
      assert.deepEqual(rangeOf(pub.body.ticket), rangeOf(t));
    }
  });

  test('the promise moves with the queue: a call and one minute of service later the last ticket waits 11 minutes, and a called ticket has none', async () => {
    await callAndStart();
    clock.advance(MINUTE);
    const snapshot = await request<{ waiting: TicketDto[] }>(office.url, 'GET', '/api/v1/queue', { token: agent });
    assert.equal(snapshot.status, 200, JSON.stringify(snapshot.body));
    const last = snapshot.body.waiting.at(-1)!;
    assert.deepEqual(rangeOf(last), [11, 11], 'three minutes left of the call, then two more 4-minute calls');
    const first = snapshot.body.waiting[0];
    assert.deepEqual(rangeOf(first), [3, 3]);
    const called = await request<{ currentTicket: TicketDto; id: string }[]>(office.url, 'GET', '/api/v1/counters', { token: agent });
    assert.equal(called.body.find((c) => c.id === counterId)!.currentTicket.estimatedWait, null);
  });
});
