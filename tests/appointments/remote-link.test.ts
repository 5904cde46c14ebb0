/**
 * The remote queue and bookings over the real link (issue 14): a real office dials a stand-in
 * head office (a socket.io server on LINK_NAMESPACE speaking the contract's events), fetches
 * its configuration and a 'bookings' message, issues a remote ticket when asked by
 * `link:remote-ticket` (once per requestKey), keeps it uncalled until its holder checks in
 * at the kiosk, and reports the ticket's moves (`link:remote-update`) and check-ins
 * (`link:booking-update`).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallResultDto, TicketDto } from '@turnero/contract/dto';
import type { LinkMessage } from '@turnero/contract/hq-link';
import type { LinkRemoteTicketAnswer } from '@turnero/contract/portal';
import { sweepBookings } from '../../server/src/office/bookings/booking-housekeeping';
import { readLinkRow } from '../../server/src/office/store/link-store';
import { expectStatus } from '../office/helpers';
import { request } from '../support/http';
import { checkIn, configMessage, linkBooking, MORNING, openAppointmentOffice, PUBLIC_KEY, startFakeHq, until, type AppointmentOffice, type FakeHq } from './helpers';

let hq: FakeHq;
let s: AppointmentOffice;
const messages: LinkMessage[] = [
  configMessage(1, { remoteQueue: { enabled: true, requirePresence: true } }),
  { seq: 2, createdAt: MORNING, kind: 'bookings', payload: { bookings: [linkBooking('ENLACE', '2026-12-01T14:20:00.000Z'), linkBooking('AUSENTE', '2026-12-01T13:00:00.000Z')], publicKey: PUBLIC_KEY } },
];

type Answer = LinkRemoteTicketAnswer | { error: { code: string; message: string } };
const askRemote = (body: object): Promise<Answer> => hq.office()!.timeout(10_000).emitWithAck('link:remote-ticket', body);
const lastUpdateOf = (ticketId: string) => hq.remoteUpdates.flatMap((u) => u.tickets).filter((t) => t.ticketId === ticketId).at(-1);
const post = <T>(path: string, token: string) => request<T>(s.office.url, 'POST', path, { token });

beforeAll(async () => {
  hq = await startFakeHq(messages);
  s = await openAppointmentOffice({}, { hqUrl: hq.url });
  await until('the office applying both messages', async () => (await s.office.server.deps.bus.read(readLinkRow)).lastAppliedSeq === 2 || undefined);
}, 60_000);
afterAll(async () => {
  await s?.stop();
  await hq?.stop();
});

describe('remote tickets asked by head office', () => {
  let remote: LinkRemoteTicketAnswer;

  test('the office issues a real ticket in the walk-ins numbering, once per requestKey', async () => {
    const walkIn = expectStatus(
      await request<TicketDto>(s.office.url, 'POST', '/api/v1/tickets', { token: s.kiosk, body: { serviceId: s.serviceA, category: 'general', print: false } }),
      201,
    ).body;
    const answer = await askRemote({ serviceCode: 'A', requestKey: 'portal-key-0001', requirePresence: true });
    expect(answer).toMatchObject({ code: expect.stringMatching(/^A-\d{3}$/), position: 1 });
    remote = answer as LinkRemoteTicketAnswer;
    expect(Number(remote.code.slice(2))).toBe(walkIn.number + 1);
    expect(await askRemote({ serviceCode: 'A', requestKey: 'portal-key-0001', requirePresence: true })).toMatchObject({ ticketId: remote.ticketId, code: remote.code });
    const queue = expectStatus(await request<{ waiting: TicketDto[] }>(s.office.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
    expect(queue.waiting.filter((t) => t.origin === 'remote')).toEqual([expect.objectContaining({ id: remote.ticketId, present: false })]);
    expect(queue.waiting.find((t) => t.id === walkIn.id)?.origin).toBe('walk_in');
  });

  test('a service the office does not offer is an error code in the ack, and no ticket', async () => {
    expect(await askRemote({ serviceCode: 'NOPE', requestKey: 'portal-key-0002', requirePresence: false })).toEqual({
      error: { code: 'service_not_offered', message: expect.any(String) },
    });
    expect(await askRemote({ serviceCode: 'A' })).toMatchObject({ error: { code: 'validation_failed' } });
  });

  test('head office hears where the remote ticket stands', async () => {
    const entry = await until('a remote update of the ticket', () => lastUpdateOf(remote.ticketId));
    expect(entry).toMatchObject({ status: 'waiting', position: 1, present: false, counterName: null });
  });

  test('skipped (not lost) until its holder checks in at the kiosk, then called; head office hears each step', async () => {
    expectStatus(await post(`/api/v1/counters/${s.agent.counterId}/sign-in`, s.agent.token), 200, 'sign-in');
    const first = expectStatus(await post<CallResultDto>(`/api/v1/counters/${s.agent.counterId}/call-next`, s.agent.token), 200).body;
    expect(first.ticket.origin).toBe('walk_in');
    expectStatus(await post(`/api/v1/tickets/${first.ticket.id}/no-show`, s.agent.token), 200);
    expect((await post(`/api/v1/counters/${s.agent.counterId}/call-next`, s.agent.token)).status).toBe(204);

    const checked = expectStatus(await checkIn(s, remote.code.toLowerCase().replace('-', '')), 201, 'remote check-in').body;
    expect(checked).toMatchObject({ id: remote.ticketId, origin: 'remote', present: true });
    await until('present reported', () => lastUpdateOf(remote.ticketId)?.present || undefined);

    const second = expectStatus(await post<CallResultDto>(`/api/v1/counters/${s.agent.counterId}/call-next`, s.agent.token), 200).body;
    expect(second.ticket.id).toBe(remote.ticketId);
    const called = await until('the call reported', () => (lastUpdateOf(remote.ticketId)?.status === 'called' ? lastUpdateOf(remote.ticketId) : undefined));
    expect(called).toMatchObject({ counterName: 'Módulo 1', position: null });
  });
});

describe('the office closed', () => {
  test('a remote join while the office takes no tickets is refused with office_closed, and no ticket', async () => {
    const patch = (acceptingTickets: boolean) => request(s.office.url, 'PATCH', '/api/v1/office', { token: s.supervisor, body: { acceptingTickets } });
    expectStatus(await patch(false), 200, 'close');
    const before = await s.office.server.deps.bus.read((db) => db.ticket.count());
    expect(await askRemote({ serviceCode: 'A', requestKey: 'portal-key-closed', requirePresence: false })).toMatchObject({ error: { code: 'office_closed' } });
    expect(await s.office.server.deps.bus.read((db) => db.ticket.count())).toBe(before);
    expectStatus(await patch(true), 200, 'open again');
  });
});

describe('the remote queue turned off', () => {
  test('once head office turns it off, a remote join is refused with remote_queue_disabled and no ticket', async () => {
    const before = (await s.office.server.deps.bus.read((db) => db.ticket.count({ where: { origin: 'remote' } })));
    const off = configMessage(3, { remoteQueue: { enabled: false } });
    messages.push({ ...off, payload: { ...off.payload, version: 2 } } as LinkMessage);
    hq.office()!.emit('link:pending', { headSeq: 3 });
    await until('the office applying the new configuration', async () => (await s.office.server.deps.bus.read(readLinkRow)).lastAppliedSeq === 3 || undefined);
    expect(await askRemote({ serviceCode: 'A', requestKey: 'portal-key-0003', requirePresence: false })).toMatchObject({
      error: { code: 'remote_queue_disabled' },
    });
    expect(await s.office.server.deps.bus.read((db) => db.ticket.count({ where: { origin: 'remote' } }))).toBe(before);
  });
});

describe('bookings over the link', () => {
  test('a booking delivered by the link checks in, and head office hears the check-in', async () => {
    const r = expectStatus(await checkIn(s, 'ENLACE'), 201, 'check-in').body;
    expect(r.origin).toBe('booking');
    const update = await until('the booking update', () => hq.bookingUpdates.flatMap((u) => u.bookings).find((b) => b.id === 'bk-ENLACE'));
    expect(update).toEqual({ id: 'bk-ENLACE', status: 'checked_in', at: MORNING });
  });

  test('after the link drops and comes back, the day\'s check-ins and no-shows are reported again', async () => {
    expect((await sweepBookings(s.office.server.deps)).noShows.map((b) => b.id)).toEqual(['bk-AUSENTE']);
    hq.bookingUpdates.length = 0;
    hq.office()!.conn.close(); // a dropped connection: the office dials again on its own
    const again = await until('the reports after reconnecting', () => {
      const all = hq.bookingUpdates.flatMap((u) => u.bookings);
      return all.length >= 2 ? all : undefined;
    });
    expect(again).toEqual(
      expect.arrayContaining([
        { id: 'bk-ENLACE', status: 'checked_in', at: MORNING },
        { id: 'bk-AUSENTE', status: 'no_show', at: '2026-12-01T13:15:00.000Z' },
      ]),
    );
  });
});
