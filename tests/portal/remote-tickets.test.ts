/**
 * Joining today's queue from a phone, at head office with a stand-in office on the real
 * link: the office's ticket comes back with its code and place; an office with no link or
 * no answer is a 503 office_unreachable with nothing stored; the cap per contact holds; the
 * live page's socket hears the office's updates, and "you are next" / "your turn" go once.
 */
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PORTAL_NAMESPACE, RemoteTicketView, type LinkRemoteUpdate } from '@turnero/contract/portal';
import { dialLink } from '../hq/link-stand-in';
import { withDeadline } from '../support/deadline';
import { publicApi, startPortalHq, type PortalHq } from './helpers';

let p: PortalHq;
let token: string;
let office: ReturnType<typeof dialLink>;
const OFFICE = 'REM-001';
const SILENT = 'REM-002';
const OFFLINE = 'REM-003';
/** What the stand-in office was asked, and the tickets it issued (by request key, like the real one). */
const asked: { serviceCode: string; requestKey: string; requirePresence: boolean }[] = [];
const issued = new Map<string, { ticketId: string; code: string }>();

const join = (over: Record<string, unknown> = {}) =>
  publicApi(p.hq, 'POST', '/remote-tickets', { officeCode: OFFICE, serviceCode: 'FACT', phone: '+573009990001', consentVersion: PORTAL_CONSENT_VERSION, ...over });
const remoteRows = async (officeCode: string) =>
  Number(
    (
      await p.hq.db.sql.$queryRawUnsafe<{ n: number }[]>(
        'SELECT COUNT(*)::int AS n FROM hq_remote_ticket r JOIN hq_office o ON o.id = r.office_id WHERE o.code = $1',
        officeCode,
      )
    )[0].n,
  );

function watcher(): Promise<Socket> {
  const s = connect(p.hq.url + PORTAL_NAMESPACE, { transports: ['websocket'], reconnection: false });
  return withDeadline(new Promise((ok, fail) => (s.once('connect', () => ok(s)), s.once('connect_error', fail))), 5000, 'portal socket');
}
const watch = (s: Socket, publicId: string) =>
  withDeadline(new Promise<{ data?: unknown; error?: { code: string } }>((ok) => s.emit('watch', { publicId }, ok)), 5000, 'watch ack');
const nextUpdate = (s: Socket) => withDeadline(new Promise<unknown>((ok) => s.once('ticket:update', ok)), 5000, 'ticket:update');
const report = (p2: LinkRemoteUpdate) => office.request<{ ok?: true }>('link:remote-update', p2);

beforeAll(async () => {
  p = await startPortalHq({ limits: { remoteTimeoutMs: 400 } });
  token = await p.addOffice(OFFICE);
  const silentToken = await p.addOffice(SILENT);
  await p.addOffice(OFFLINE);
  office = dialLink(p.hq.url, token);
  let number = 0;
  office.socket.on('link:remote-ticket', (req: (typeof asked)[number], ack: (a: unknown) => void) => {
    asked.push(req);
    let t = issued.get(req.requestKey);
    if (!t) {
      number += 1;
      t = { ticketId: `ticket-${number}`, code: `F-${String(number).padStart(3, '0')}` };
      issued.set(req.requestKey, t);
    }
    ack({ ...t, position: number - 1, estimatedWaitMinutes: 5 * number });
  });
  await office.connected();
  // An office linked that never answers (its ack lost).
  const silent = dialLink(p.hq.url, silentToken);
  silent.socket.on('link:remote-ticket', () => undefined);
  await silent.connected();
}, 60_000);
afterAll(async () => {
  office?.socket.close();
  await p?.stop();
});

describe('joining the queue remotely', () => {
  test('the office issues a real ticket and the portal answers its code, place, wait and live page', async () => {
    const r = await join({ requestKey: 'remote-join-key-1' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ ticketId: 'ticket-1', code: 'F-001', position: 0, estimatedWaitMinutes: 5 });
    expect(r.body.url).toMatch(/\/portal\/#\/ticket\/[A-Za-z0-9_-]{20,}$/);
    expect(asked.at(-1)).toMatchObject({ serviceCode: 'FACT', requirePresence: false });
    expect(asked.at(-1)?.requestKey).toMatch(/^[0-9a-f]{64}$/);
    const publicId = (r.body.url as string).split('/').at(-1)!;
    const view = RemoteTicketView.parse((await publicApi(p.hq, 'GET', `/remote-tickets/${publicId}`)).body);
    expect(view).toMatchObject({ code: 'F-001', officeCode: OFFICE, serviceName: 'Servicio FACT', status: 'waiting', position: 0, needsCheckIn: false });
    expect(JSON.stringify(view)).not.toContain('573009990001');
    // The same request again (a double tap): the office's same ticket, one row.
    const again = await join({ requestKey: 'remote-join-key-1' });
    expect(again.body.ticketId).toBe('ticket-1');
    expect(await remoteRows(OFFICE)).toBe(1);
    // Another phone sending the same key gets its own ticket, not this one's page.
    const stranger = await join({ requestKey: 'remote-join-key-1', phone: '+573009990009' });
    expect(stranger.body.ticketId).not.toBe('ticket-1');
    expect(stranger.body.url).not.toBe(r.body.url);
  });

  test('an office with no link, or one that does not answer in time, is a 503 office_unreachable and nothing is stored', async () => {
    for (const code of [OFFLINE, SILENT]) {
      const r = await join({ officeCode: code, phone: '+573009990002' });
      expect(r.status, code).toBe(503);
      expect(r.body.error.code).toBe('office_unreachable');
      expect(await remoteRows(code)).toBe(0);
    }
  });

  test('one phone holds at most the configured active tickets', async () => {
    const phone = '+573009990003';
    expect((await join({ phone })).status).toBe(201);
    expect((await join({ phone })).status).toBe(201);
    const third = await join({ phone });
    expect(third.status).toBe(409);
    expect(third.body.error.details).toEqual({ reason: 'too_many_active' });
  });

  test('a closed office refuses remote tickets, saying when it opens', async () => {
    const saved = p.clock.at;
    p.clock.set('2026-12-06T15:00:00Z'); // a Sunday
    const r = await join({ phone: '+573009990004' });
    p.clock.at = saved;
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('office_closed');
    expect(r.body.error.details.nextOpenAt).toBe('2026-12-07T13:00:00.000Z');
  });

  test('the live page hears the office move the ticket; "you are next" and "your turn" are sent once each', async () => {
    const r = await join({ phone: '+573009990005', email: 'cliente@example.com' });
    const publicId = (r.body.url as string).split('/').at(-1)!;
    const phone = await watcher();
    const other = await watcher();
    const first = await watch(phone, publicId);
    expect(RemoteTicketView.parse(first.data).code).toBe(r.body.code);
    expect((await watch(other, 'not-a-real-ticket-id-000')).error?.code).toBe('not_found');
    let otherHeard = 0;
    other.on('ticket:update', () => (otherHeard += 1));

    const far = nextUpdate(phone);
    await report({ tickets: [{ ticketId: r.body.ticketId, status: 'waiting', position: 4, estimatedWaitMinutes: 20, counterName: null, present: true }] });
    expect(RemoteTicketView.parse(await far)).toMatchObject({ position: 4, estimatedWaitMinutes: 20, status: 'waiting' });
    expect(p.notifier.of('remote_next').filter((n) => n.params.code === r.body.code)).toHaveLength(0);

    for (const position of [1, 0]) {
      const near = nextUpdate(phone);
      await report({ tickets: [{ ticketId: r.body.ticketId, status: 'waiting', position, estimatedWaitMinutes: 3, counterName: null, present: true }] });
      expect(RemoteTicketView.parse(await near).position).toBe(position);
    }
    const next = p.notifier.of('remote_next').filter((n) => n.params.code === r.body.code);
    expect(next).toHaveLength(1);
    expect(next[0].to).toEqual({ phone: '+573009990005', email: 'cliente@example.com' });

    const called = nextUpdate(phone);
    await report({ tickets: [{ ticketId: r.body.ticketId, status: 'called', position: null, estimatedWaitMinutes: null, counterName: 'Módulo 3', present: true }] });
    expect(RemoteTicketView.parse(await called)).toMatchObject({ status: 'called', counterName: 'Módulo 3', position: null });
    expect(p.notifier.of('remote_called').filter((n) => n.params.counterName === 'Módulo 3')).toHaveLength(1);
    expect(otherHeard).toBe(0);
    phone.close();
    other.close();
  });

  test("an office's report of a ticket head office does not hold, or a malformed one, changes nothing", async () => {
    const unknown = await report({ tickets: [{ ticketId: 'not-ours', status: 'called', position: null, estimatedWaitMinutes: null, counterName: 'X', present: true }] });
    expect(unknown).toEqual({ ok: true });
    const bad = await office.request<{ error?: { code: string } }>('link:remote-update', { tickets: [{ ticketId: 1 }] });
    expect(bad.error?.code).toBe('validation_failed');
  });
});
