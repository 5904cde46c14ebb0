/**
 * Set-up for the appointment tests: a real office in this process with a fake clock (check-in
 * windows, slots and no-shows are clock-driven), head office's messages applied through the
 * link's own applier, an Ed25519 key pair standing in for head office's, and signed tokens.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { CounterDto, TicketDto } from '@turnero/contract/dto';
import { LINK_NAMESPACE, type LinkMessage } from '@turnero/contract/hq-link';
import { AppointmentSettings, RemoteQueueSettings, type LinkBooking, type LinkRemoteUpdate, type SignedBookingPayload } from '@turnero/contract/portal';
import { AuthService } from '../../server/src/office/auth/auth-service';
import { createLinkApplier, type LinkApplier } from '../../server/src/office/link/apply-message';
import { expectStatus } from '../office/helpers';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, type InProcessOffice } from '../support/office';

export const OFFICE_CODE = 'CITAS-1';
/** Tuesday 1 December 2026, 09:00 in Bogotá (UTC-5). */
export const MORNING = '2026-12-01T14:00:00.000Z';
export const DAY = '2026-12-01';

const keys = generateKeyPairSync('ed25519');
export const PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const otherKeys = generateKeyPairSync('ed25519');

export interface AppointmentOffice {
  office: InProcessOffice;
  clock: FakeClock;
  applier: LinkApplier;
  kiosk: string;
  supervisor: string;
  /** The agent at Módulo 1 (serves A, weight 2, and D). */
  agent: { token: string; counterId: string };
  serviceA: string;
  nextSeq(): number;
  stop(): Promise<void>;
}

type Settings = { appointments?: Partial<AppointmentSettings>; remoteQueue?: Partial<RemoteQueueSettings> };

/** Head office's configuration message turning appointments and the remote queue on. */
export function configMessage(seq: number, settings: Settings = {}): LinkMessage {
  return {
    seq,
    createdAt: MORNING,
    kind: 'config',
    payload: {
      version: 1,
      services: [],
      settings: {
        appointments: AppointmentSettings.parse({ enabled: true, checkInEarlyMinutes: 30, checkInLateMinutes: 15, callWindowMinutes: 5, maxBookedInARow: 2, ...settings.appointments }),
        remoteQueue: RemoteQueueSettings.parse({ enabled: true, ...settings.remoteQueue }),
      },
    },
  };
}

/**
 * `viaLink`: head office's address; the office's own link then fetches the configuration
 * (the test's fake head office serves it) instead of the test applying it here.
 */
export async function openAppointmentOffice(settings: Settings = {}, viaLink?: { hqUrl: string }): Promise<AppointmentOffice> {
  const clock = new FakeClock(new Date(MORNING));
  const link: Record<string, string> = viaLink ? { HQ_URL: viaLink.hqUrl, HQ_TOKEN: 'office-link-token-0123456789' } : {};
  const office = await startInProcessOffice({ clock, env: { OFFICE_CODE, OFFICE_TIME_ZONE: 'America/Bogota', ...link } });
  const { deps } = office.server;
  const applier = createLinkApplier(deps, new AuthService(deps.bus, deps.clock, deps.config.TOKEN_TTL_HOURS));
  const user = (role: string) => office.creds.users.find((u) => u.role === role)!;
  const supervisor = await login(office.url, user('supervisor').username, user('supervisor').password);
  const counters = expectStatus(await request<CounterDto[]>(office.url, 'GET', '/api/v1/counters', { token: supervisor }), 200).body;
  const modulo1 = counters.find((c) => c.name === 'Módulo 1')!;
  const agentUser = office.creds.users.find((u) => u.counterId === modulo1.id)!;
  const agent = { token: await login(office.url, agentUser.username, agentUser.password), counterId: modulo1.id };
  const services = expectStatus(await request<{ id: string; prefix: string }[]>(office.url, 'GET', '/api/v1/services', { token: supervisor }), 200).body;
  let seq = 0;
  const s: AppointmentOffice = {
    office,
    clock,
    applier,
    kiosk: office.creds.kioskToken,
    supervisor,
    agent,
    serviceA: services.find((x) => x.prefix === 'A')!.id,
    nextSeq: () => ++seq,
    stop: () => office.stop(),
  };
  if (viaLink) return s;
  const applied = await applier.apply(configMessage(s.nextSeq(), settings));
  if (applied.kind !== 'done' || applied.result.status !== 'applied') throw new Error(`config not applied: ${JSON.stringify(applied)}`);
  return s;
}

/** A booking as head office sends it: service A of this office, 20 minutes long. */
export function linkBooking(code: string, start: string, over: Partial<LinkBooking> = {}): LinkBooking {
  const payload: SignedBookingPayload = {
    id: `bk-${code}`,
    code,
    officeCode: OFFICE_CODE,
    serviceCode: 'A',
    start,
    end: new Date(Date.parse(start) + 20 * 60_000).toISOString(),
  };
  return {
    ...payload,
    status: 'booked',
    idNumberHash: null,
    signedCode: signedToken(payload),
    deleteAfter: new Date(Date.parse(start) + 30 * 24 * 3_600_000).toISOString(),
    ...over,
  };
}

export function bookingsMessage(s: AppointmentOffice, bookings: LinkBooking[]): LinkMessage {
  return { seq: s.nextSeq(), createdAt: MORNING, kind: 'bookings', payload: { bookings, publicKey: PUBLIC_KEY } };
}

/** `v1.<payload>.<signature>` signed by head office's key (or by a stranger's). */
export function signedToken(payload: SignedBookingPayload, by: 'hq' | 'stranger' = 'hq'): string {
  const part = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const key = by === 'hq' ? keys.privateKey : otherKeys.privateKey;
  return `v1.${part}.${sign(null, Buffer.from(part), key).toString('base64url')}`;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function checkIn(s: AppointmentOffice, code: string) {
  return request<TicketDto & { error?: { code: string; message: string; details?: Record<string, unknown> } }>(s.office.url, 'POST', '/api/v1/check-in', {
    token: s.kiosk,
    body: { code },
  });
}

/**
 * A stand-in head office: a socket.io server on LINK_NAMESPACE speaking the contract's link
 * events. It serves `messages` to the office's fetches and keeps what the office reports.
 * Other HTTP requests (the office's sync worker) get 503: not these tests' concern.
 */
export interface FakeHq {
  url: string;
  /** The office's link socket, once it connected. */
  office(): Socket | null;
  remoteUpdates: LinkRemoteUpdate[];
  bookingUpdates: { bookings: { id: string; status: string; at: string }[] }[];
  stop(): Promise<void>;
}

export async function startFakeHq(messages: LinkMessage[]): Promise<FakeHq> {
  const http = createServer((_req, res) => {
    res.statusCode = 503;
    res.end();
  });
  const io = new Server(http);
  let office: Socket | null = null;
  const hq = { remoteUpdates: [] as FakeHq['remoteUpdates'], bookingUpdates: [] as FakeHq['bookingUpdates'] };
  type Ack = (a: unknown) => void;
  io.of(LINK_NAMESPACE).on('connection', (socket) => {
    office = socket;
    socket.on('link:fetch', (p: { afterSeq: number; limit: number }, ack: Ack) =>
      ack({ messages: messages.filter((m) => m.seq > p.afterSeq).slice(0, p.limit), headSeq: messages.length }),
    );
    socket.on('link:applied', (_p: unknown, ack: Ack) => ack({ ok: true }));
    socket.on('link:remote-update', (p: LinkRemoteUpdate, ack: Ack) => {
      hq.remoteUpdates.push(p);
      ack({ ok: true });
    });
    socket.on('link:booking-update', (p: FakeHq['bookingUpdates'][number], ack: Ack) => {
      hq.bookingUpdates.push(p);
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    office: () => office,
    ...hq,
    async stop() {
      await io.close();
      http.close();
    },
  };
}

/** Waits (bounded) for something the office does on its own, after a request or a link event. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await probe();
    if (found !== undefined && found !== false) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
