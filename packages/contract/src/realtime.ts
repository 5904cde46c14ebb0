/**
 * socket.io contract: the typed event maps that the server and every web app import.
 * Broadcasts are past-tense facts carrying the office's realtime sequence `seq`; a client
 * that sees a gap (seq !== last + 1) or reconnects asks for a fresh snapshot.
 * Commands are imperative and answer through their ack with `{ data } | { error }`.
 *
 * Rooms: `office` (staff), `staff`, `counter:<id>`, `display:<id>`, `kiosk:<id>`,
 * `ticket:<id>` (public live ticket page).
 * Authentication: `io(url, { auth: { token } })`, or `{ auth: { ticketId } }` for the
 * public live ticket page (read-only, that ticket only).
 */
import type {
  CallDto,
  CallResultDto,
  CounterDto,
  DeviceDto,
  OfficeDto,
  PrinterStatus,
  QueueSnapshot,
  SyncStateDto,
  TicketDto,
} from './dto';
import type { CallReason, PauseReason, TicketCategory } from '@turnero/domain/types';

export type AckError = { code: string; message: string; details?: unknown };
export type Result<T> = { data: T; error?: undefined } | { error: AckError; data?: undefined };
export type Ack<T> = (result: Result<T>) => void;

export interface Sequenced {
  seq: number;
}

export interface TicketCalledEvent extends Sequenced {
  ticket: TicketDto;
  call: CallDto;
  /** Convenience copies for displays. */
  code: string;
  counterName: string;
  recall: boolean;
  reason: CallReason | null;
}

/** A print job for a kiosk whose printer is plugged into the kiosk PC (kiosk agent). */
export interface PrintJob {
  jobId: string;
  ticket: TicketDto;
  office: { name: string; code: string; timeZone: string };
  serviceName: string;
  /** URL of the live ticket page, encoded as a QR code on the ticket. */
  liveUrl: string;
  footer: string;
}

export interface ServerToClientEvents {
  'ticket:issued': (e: Sequenced & { ticket: TicketDto }) => void;
  'ticket:called': (e: TicketCalledEvent) => void;
  /** Any other change of a ticket: started, finished, no-show, transferred, cancelled, expired, print state. */
  'ticket:updated': (e: Sequenced & { ticket: TicketDto; event: string }) => void;
  'counter:updated': (e: Sequenced & { counter: CounterDto }) => void;
  'office:updated': (e: Sequenced & { office: OfficeDto }) => void;
  'device:status': (e: Sequenced & { device: DeviceDto }) => void;
  'sync:updated': (e: Sequenced & { sync: SyncStateDto }) => void;
  /** Queue changed in a way that moves positions (public ticket page listens to this). */
  'queue:changed': (e: Sequenced) => void;
  /** An admin changed services, counters, users or devices: fetch a new snapshot. */
  'config:changed': (e: Sequenced & { what: 'services' | 'counters' | 'users' | 'devices' }) => void;
  /** To one kiosk agent: print this. */
  'print:job': (job: PrintJob) => void;
}

export interface IssueTicketPayload {
  serviceId: string;
  category?: TicketCategory;
  idempotencyKey?: string;
  customerId?: string;
  consentPolicyVersion?: string;
}

export interface ClientToServerEvents {
  'snapshot:get': (ack: Ack<QueueSnapshot>) => void;
  'ticket:issue': (p: IssueTicketPayload, ack: Ack<TicketDto>) => void;
  'counter:call-next': (p: { counterId: string }, ack: Ack<CallResultDto | null>) => void;
  'ticket:call': (p: { ticketId: string; counterId: string }, ack: Ack<CallResultDto>) => void;
  'ticket:recall': (p: { ticketId: string }, ack: Ack<TicketDto>) => void;
  'ticket:start': (p: { ticketId: string }, ack: Ack<TicketDto>) => void;
  'ticket:finish': (p: { ticketId: string; outcome?: string }, ack: Ack<TicketDto>) => void;
  'ticket:no-show': (p: { ticketId: string }, ack: Ack<TicketDto>) => void;
  'ticket:transfer': (
    p: { ticketId: string; toServiceId?: string; toCounterId?: string },
    ack: Ack<TicketDto>,
  ) => void;
  'ticket:cancel': (p: { ticketId: string }, ack: Ack<TicketDto>) => void;
  'agent:pause': (p: { counterId: string; reason: PauseReason }, ack: Ack<CounterDto>) => void;
  'agent:resume': (p: { counterId: string }, ack: Ack<CounterDto>) => void;
  /** Kiosk agent: the result of a print job. */
  'print:result': (
    p: { jobId: string; ticketId: string; ok: boolean; error?: string; printerStatus?: PrinterStatus },
    ack: Ack<{ ok: true }>,
  ) => void;
  /** Kiosk agent: the printer's status changed (or a periodic poll). */
  'printer:status': (p: { status: PrinterStatus }, ack: Ack<{ ok: true }>) => void;
}

export interface SocketData {
  principalId: string;
  role: string;
  counterId: string | null;
  deviceId: string | null;
  ticketId: string | null;
  /** Set on a kiosk agent's socket once it reports its printer. */
  printerAgent?: boolean;
}
