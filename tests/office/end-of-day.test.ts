/**
 * The office's day, driven by a fake clock against the in-process server: numbering
 * resets at local midnight (America/Bogota, and America/Santiago across both daylight
 * saving changes), waiting tickets expire at the end of the day unless the office keeps
 * its queue overnight.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'vitest';
import type { ServiceDto, TicketDto } from '@turnero/contract/dto';
import { runEndOfDay } from '../../server/src/office/commands/expiry';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

interface Day {
  office: InProcessOffice;
  clock: FakeClock;
  token: string;
  services: Record<string, ServiceDto>;
}

async function openAt(at: string, timeZone: string): Promise<Day> {
  const clock = new FakeClock(new Date(at));
  const dataDir = tempDataDir();
  // A file printer: the demo's on-demand virtual printer would keep its TCP server open in
  // this process after stop() and the test process would never exit.
  const office = await startInProcessOffice({
    clock,
    dataDir,
    env: { OFFICE_TIME_ZONE: timeZone, DEMO_PRINTER_URI: `file:${join(dataDir, 'printer.out')}` },
  });
  const sup = office.creds.users.find((u) => u.role === 'supervisor')!;
  const token = await login(office.url, sup.username, sup.password);
  const list = await request<ServiceDto[]>(office.url, 'GET', '/api/v1/services', { token });
  return { office, clock, token, services: Object.fromEntries(list.body.map((x) => [x.prefix, x])) };
}

async function issueAt(d: Day, at: string, prefix = 'A'): Promise<TicketDto> {
  d.clock.set(at);
  const r = await request<TicketDto>(d.office.url, 'POST', '/api/v1/tickets', {
    token: d.token,
    body: { serviceId: d.services[prefix].id, print: false },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function ticket(d: Day, id: string): Promise<TicketDto> {
  const r = await request<TicketDto>(d.office.url, 'GET', `/api/v1/tickets/${id}`, { token: d.token });
  assert.equal(r.status, 200);
  return r.body;
}

/** Local wall time and UTC offset of an instant, to prove the test instants are what they claim. */
function local(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).format(new Date(at));
}

test('America/Bogota: numbering restarts at local midnight and yesterday\'s waiting tickets expire', async () => {
  const d = await openAt('2026-03-10T23:00:00-05:00', 'America/Bogota');
  try {
    const a1 = await issueAt(d, '2026-03-10T23:50:00-05:00');
    const a2 = await issueAt(d, '2026-03-10T23:59:59.999-05:00');
    const b1 = await issueAt(d, '2026-03-10T23:59:59.999-05:00', 'B');
    assert.deepEqual([a1.code, a2.code, b1.code], ['A-001', 'A-002', 'B-001']);
    assert.equal(a2.day, '2026-03-10');

    const next = await issueAt(d, '2026-03-11T00:00:00.000-05:00');
    assert.equal(next.code, 'A-001');
    assert.equal(next.day, '2026-03-11');
    assert.equal((await issueAt(d, '2026-03-11T00:00:01-05:00', 'B')).code, 'B-001');

    d.clock.set('2026-03-11T00:01:00-05:00');
    await runEndOfDay(d.office.server.deps);
    for (const old of [a1, a2, b1]) assert.equal((await ticket(d, old.id)).status, 'expired', old.code);
    assert.equal((await ticket(d, next.id)).status, 'waiting');
    // Running it again finds nothing more to do.
    assert.deepEqual(await runEndOfDay(d.office.server.deps), { expired: 0, purged: 0 });

    const q = await request(d.office.url, 'GET', '/api/v1/queue', { token: d.token });
    assert.deepEqual(q.body.waiting.map((t: TicketDto) => t.code).sort(), ['A-001', 'B-001']);
    assert.ok(q.body.waiting.every((t: TicketDto) => t.day === '2026-03-11'));
    const stats = await request(d.office.url, 'GET', '/api/v1/stats/today', { token: d.token });
    assert.equal(stats.body.day, '2026-03-11');
    assert.equal(stats.body.totals.issued, 2);
    assert.equal(stats.body.totals.waiting, 2);
  } finally {
    await d.office.stop();
  }
});

test('keepQueueOvernight: waiting tickets survive midnight, numbering still restarts', async () => {
  const d = await openAt('2026-03-10T22:00:00-05:00', 'America/Bogota');
  try {
    const patch = await request(d.office.url, 'PATCH', '/api/v1/office', { token: d.token, body: { keepQueueOvernight: true } });
    assert.equal(patch.status, 200, JSON.stringify(patch.body));
    assert.equal(patch.body.keepQueueOvernight, true);

    const evening = await issueAt(d, '2026-03-10T23:30:00-05:00');
    const morning = await issueAt(d, '2026-03-11T07:00:00-05:00');
    assert.equal(morning.code, 'A-001');
    assert.equal(morning.day, '2026-03-11');
    await runEndOfDay(d.office.server.deps);
    assert.equal((await ticket(d, evening.id)).status, 'waiting');

    // Yesterday's ticket is still first in line (it was issued first).
    const q = await request(d.office.url, 'GET', '/api/v1/queue', { token: d.token });
    assert.deepEqual(q.body.waiting.map((t: TicketDto) => t.id), [evening.id, morning.id]);

    // Turning the option off lets the next end-of-day run expire it.
    await request(d.office.url, 'PATCH', '/api/v1/office', { token: d.token, body: { keepQueueOvernight: false } });
    await runEndOfDay(d.office.server.deps);
    assert.equal((await ticket(d, evening.id)).status, 'expired');
    assert.equal((await ticket(d, morning.id)).status, 'waiting');
  } finally {
    await d.office.stop();
  }
});

test('America/Santiago, DST starts (no 00:00): the new day begins at 01:00 -03', async () => {
  const tz = 'America/Santiago';
  // Saturday 2026-09-05 23:59:59 -04 is followed by Sunday 01:00:00 -03.
  assert.equal(local('2026-09-06T03:59:59Z', tz), '2026-09-05, 23:59 GMT-4');
  assert.equal(local('2026-09-06T04:00:00Z', tz), '2026-09-06, 01:00 GMT-3');
  const d = await openAt('2026-09-05T20:00:00-04:00', tz);
  try {
    const late = await issueAt(d, '2026-09-05T23:00:00-04:00');
    const last = await issueAt(d, '2026-09-06T03:59:59.999Z');
    assert.deepEqual([late.code, last.code], ['A-001', 'A-002']);
    assert.equal(last.day, '2026-09-05');
    const first = await issueAt(d, '2026-09-06T04:00:00.000Z');
    assert.equal(first.code, 'A-001');
    assert.equal(first.day, '2026-09-06');

    await runEndOfDay(d.office.server.deps);
    assert.equal((await ticket(d, late.id)).status, 'expired');
    assert.equal((await ticket(d, last.id)).status, 'expired');
    assert.equal((await ticket(d, first.id)).status, 'waiting');
  } finally {
    await d.office.stop();
  }
});

test('America/Santiago, DST ends (23:00-24:00 twice): the day changes only at the second midnight', async () => {
  const tz = 'America/Santiago';
  // Saturday 2026-04-04: 23:59:59 -03, then 23:00 -04 again; Sunday starts at 00:00 -04.
  assert.equal(local('2026-04-05T02:59:59Z', tz), '2026-04-04, 23:59 GMT-3');
  assert.equal(local('2026-04-05T03:30:00Z', tz), '2026-04-04, 23:30 GMT-4');
  assert.equal(local('2026-04-05T04:00:00Z', tz), '2026-04-05, 00:00 GMT-4');
  const d = await openAt('2026-04-04T20:00:00-03:00', tz);
  try {
    const beforeChange = await issueAt(d, '2026-04-05T02:59:59Z');
    const repeatedHour = await issueAt(d, '2026-04-05T03:30:00Z');
    assert.deepEqual([beforeChange.code, repeatedHour.code], ['A-001', 'A-002']);
    assert.equal(repeatedHour.day, '2026-04-04');

    // Inside the repeated hour it is still Saturday: nothing expires.
    await runEndOfDay(d.office.server.deps);
    assert.equal((await ticket(d, beforeChange.id)).status, 'waiting');

    const sunday = await issueAt(d, '2026-04-05T04:00:00Z');
    assert.equal(sunday.code, 'A-001');
    assert.equal(sunday.day, '2026-04-05');
    await runEndOfDay(d.office.server.deps);
    assert.equal((await ticket(d, beforeChange.id)).status, 'expired');
    assert.equal((await ticket(d, repeatedHour.id)).status, 'expired');
    assert.equal((await ticket(d, sunday.id)).status, 'waiting');
  } finally {
    await d.office.stop();
  }
});
