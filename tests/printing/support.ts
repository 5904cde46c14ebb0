/**
 * Shared set-up for the printing end-to-end tests: an office child process whose demo kiosk
 * prints to a printer URI, everyone's tokens, sockets that keep every event they receive,
 * and waits that poll generously (a loaded 2-core machine is slow, never wrong).
 */
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import type { DeviceDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import type { ClientToServerEvents, ServerToClientEvents } from '@turnero/contract/realtime';
import { startVirtualPrinter, type DecodedTicket, type VirtualPrinter, type VirtualPrinterOptions } from '@turnero/hardware';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';

/** How long any wait may take before the test fails: long, so only a real fault fails it. */
const WAIT_MS = 30_000;

export interface PrintingOffice {
  office: TestOffice;
  url: string;
  kioskToken: string;
  kioskId: string;
  supervisor: string;
  admin: string;
  /** An agent and the counter the demo gave it, to prove a ticket is callable. */
  agent: { token: string; counterId: string };
  services: ServiceDto[];
}

export async function openPrintingOffice(env: Record<string, string>): Promise<PrintingOffice> {
  const office = await startTestOffice({ env });
  const { url, creds } = office;
  const user = (role: string) => creds.users.find((u) => u.role === role)!;
  const supervisor = await login(url, user('supervisor').username, user('supervisor').password);
  const admin = await login(url, user('admin').username, user('admin').password);
  const agentUser = creds.users.filter((u) => u.role === 'agent' && u.counterId).sort((a, b) => a.username.localeCompare(b.username))[0];
  const agentToken = await login(url, agentUser.username, agentUser.password);
  const signIn = await request(url, 'POST', `/api/v1/counters/${agentUser.counterId}/sign-in`, { token: agentToken });
  assert.equal(signIn.status, 200, `sign-in: ${JSON.stringify(signIn.body)}`);
  const services = await request<ServiceDto[]>(url, 'GET', '/api/v1/services', { token: supervisor });
  assert.equal(services.status, 200);
  return {
    office,
    url,
    kioskToken: creds.kioskToken,
    kioskId: creds.kioskId,
    supervisor,
    admin,
    agent: { token: agentToken, counterId: agentUser.counterId! },
    services: services.body,
  };
}

async function closePrintingOffice(o: PrintingOffice | undefined): Promise<void> {
  if (!o) return;
  await o.office.stop();
  o.office.cleanup();
}

/** The usual start of a printer test: the office, and a supervisor socket recording from then on. */
export async function openWatchedPrintingOffice(env: Record<string, string>): Promise<{ o: PrintingOffice; supervisorSocket: RecordingSocket }> {
  const o = await openPrintingOffice(env);
  return { o, supervisorSocket: await RecordingSocket.connect(o.url, o.supervisor) };
}

/**
 * The start of a test whose demo kiosk prints straight to a virtual printer of its own: the
 * printer, then the watched office printing to `uriOf(printer)` (its TCP address unless
 * told). The printer is stopped again when the office does not start.
 */
export async function openOfficeWithVirtualPrinter(
  options: VirtualPrinterOptions,
  uriOf: (printer: VirtualPrinter) => string = (printer) => printer.uri,
): Promise<{ printer: VirtualPrinter; uri: string; o: PrintingOffice; supervisorSocket: RecordingSocket }> {
  const printer = await startVirtualPrinter(options);
  try {
    const uri = uriOf(printer);
    return { printer, uri, ...(await openWatchedPrintingOffice({ DEMO_PRINTER_URI: uri })) };
  } catch (err) {
    await printer.stop();
    throw err;
  }
}

/**
 * The usual end of a printer test, in dependency order: the sockets, the office that
 * prints, then what it printed through (a link, the virtual printer). Missing parts
 * (a before() that failed half-way) are skipped.
 */
export async function closePrintingTest(
  sockets: Array<RecordingSocket | undefined>,
  o: PrintingOffice | undefined,
  ...transports: Array<{ stop(): Promise<void> } | undefined>
): Promise<void> {
  for (const socket of sockets) socket?.close();
  await closePrintingOffice(o);
  for (const transport of transports) await transport?.stop();
}

/** The service the given counter serves, so a ticket issued for it can be called there. */
export async function serviceOfCounter(o: PrintingOffice, counterId: string): Promise<string> {
  const r = await request<{ counters: Array<{ id: string; services: Array<{ serviceId: string }> }> }>(
    o.url, 'GET', '/api/v1/queue', { token: o.supervisor },
  );
  assert.equal(r.status, 200);
  const counter = r.body.counters.find((c) => c.id === counterId);
  assert.ok(counter?.services.length, `counter ${counterId} serves something`);
  return counter.services[0].serviceId;
}

/** POST /api/v1/tickets as a kiosk; the answer must be 201 whatever the printer does. */
export async function issueAtKiosk(url: string, kioskToken: string, serviceId: string): Promise<TicketDto> {
  const r = await request<TicketDto>(url, 'POST', '/api/v1/tickets', {
    token: kioskToken,
    body: { serviceId, category: 'general' },
  });
  assert.equal(r.status, 201, `issue: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function getTicket(url: string, token: string, id: string): Promise<TicketDto> {
  const r = await request<TicketDto>(url, 'GET', `/api/v1/tickets/${id}`, { token });
  assert.equal(r.status, 200, `ticket ${id}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function getDevice(url: string, token: string, id: string): Promise<DeviceDto> {
  const r = await request<DeviceDto[]>(url, 'GET', '/api/v1/devices', { token });
  assert.equal(r.status, 200, `devices: ${JSON.stringify(r.body)}`);
  const device = r.body.find((d) => d.id === id);
  assert.ok(device, `device ${id} listed`);
  return device;
}

/** Polls `probe` until it returns a value other than undefined; fails with `what` after WAIT_MS. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls the device list until this device's printer shows `status`; `what` names the wait in a failure. */
export function waitForPrinterStatus(o: PrintingOffice, deviceId: string, status: string, what: string): Promise<DeviceDto> {
  return waitUntil(what, async () => {
    const d = await getDevice(o.url, o.supervisor, deviceId);
    return d.printerStatus === status ? d : undefined;
  });
}

export function waitForPrintState(url: string, token: string, id: string, state: TicketDto['printState']): Promise<TicketDto> {
  return waitUntil(`ticket ${id} printState ${state}`, async () => {
    const t = await getTicket(url, token, id);
    return t.printState === state ? t : undefined;
  });
}

/** Papers the virtual printer cut that carry this ticket code in large type. */
export function papersWithCode(printer: VirtualPrinter, code: string): DecodedTicket[] {
  return printer.tickets.filter((t) => t.lines.some((l) => l.text.trim() === code && l.width >= 2));
}

export function waitForPapers(printer: VirtualPrinter, code: string, count: number): Promise<DecodedTicket[]> {
  return waitUntil(`${count} paper(s) with ${code}`, () => {
    const found = papersWithCode(printer, code);
    return found.length >= count ? found : undefined;
  });
}

/** What a paper must show for this ticket: its code big, its service, and a QR of its live page. */
export function assertPaperMatches(paper: DecodedTicket, ticket: TicketDto): void {
  assert.ok(paper.cut, 'the paper was cut');
  const big = paper.lines.filter((l) => l.width >= 2 && l.height >= 2).map((l) => l.text.trim());
  assert.ok(big.includes(ticket.code), `code ${ticket.code} in large type, got ${JSON.stringify(big)}`);
  // Large type wraps long service names over two lines.
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  assert.ok(flat(paper.lines.map((l) => l.text).join(' ')).includes(flat(ticket.serviceName)), `service ${ticket.serviceName} printed`);
  assert.ok(paper.qr, 'a QR code was printed');
  const qr = new URL(paper.qr);
  assert.equal(qr.searchParams.get('id'), ticket.id, 'the QR opens this ticket');
  assert.match(qr.pathname, /ticket\.html$/, 'the QR opens the live ticket page');
}

// ---------------------------------------------------------------- sockets

export type OfficeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Logged {
  event: string;
  payload: any;
}

/** A socket that keeps every event it receives, so a wait never misses one that came early. */
export class RecordingSocket {
  readonly log: Logged[] = [];
  private constructor(readonly socket: OfficeSocket) {
    socket.onAny((event: string, payload: unknown) => this.log.push({ event, payload }));
  }

  static async connect(url: string, token: string): Promise<RecordingSocket> {
    const socket: OfficeSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const rec = new RecordingSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
    return rec;
  }

  /** Where the log ends now: pass it as `since` to wait only for later events. */
  mark(): number {
    return this.log.length;
  }

  async waitFor(event: string, match: (p: any) => boolean, since = 0, what = event): Promise<any> {
    try {
      return await waitUntil(`${what} on a socket`, () => this.log.slice(since).find((l) => l.event === event && match(l.payload))?.payload);
    } catch (err) {
      // Say what did arrive, so a failure on a loaded machine can be told from a real bug.
      const seen = this.log.slice(since).map((l) => `${l.event}${l.payload?.event ? `(${l.payload.event})` : ''}${l.payload?.device ? `(${l.payload.device.printerStatus})` : ''}`);
      throw new Error(`${(err as Error).message}; connected=${this.socket.connected}; received: ${seen.join(', ') || 'nothing'}`);
    }
  }

  close(): void {
    this.socket.close();
  }
}

export const isDeviceStatus = (deviceId: string, status: string) => (p: any) =>
  p?.device?.id === deviceId && p.device.printerStatus === status;

export const isPrintEvent = (ticketId: string, event: 'print_printed' | 'print_sent' | 'print_failed') => (p: any) =>
  p?.ticket?.id === ticketId && p.event === event;
