/**
 * socket.io contract: the typed event maps that the server and every web app import, each
 * payload the z.infer of a schema here or in ./dto (one definition per message).
 * Broadcasts are past-tense facts carrying the office's realtime sequence `seq`; a client
 * that sees a gap (seq !== last + 1) or reconnects asks for a fresh snapshot.
 *
 * One command transport per kind of client: staff and kiosks send their commands over
 * REST; a socket only asks for the snapshot ('snapshot:get'), and the kiosk agent reports
 * print results and printer status over its own socket. A command answers through its ack
 * with `{ data } | { error }`.
 *
 * Authentication: `io(url, { auth: { token } })`, or `{ auth: { ticketId } }` for the
 * public live ticket page (read-only, that ticket only). Who hears which fact is decided
 * by the server's broadcaster (server/src/office/realtime/rooms.ts).
 */
import { z } from 'zod';
import { CALL_REASONS } from '@turnero/domain/types';
import {
  CallDto,
  CounterDto,
  DeviceDto,
  ErrorBody,
  OfficeDto,
  SyncStateDto,
  TicketDto,
  type PrinterStatusRequest,
  type PrintResult,
  type QueueSnapshot,
} from './dto';

export type AckError = z.infer<typeof ErrorBody>['error'];
export type Result<T> = { data: T; error?: undefined } | { error: AckError; data?: undefined };
export type Ack<T> = (result: Result<T>) => void;

const Sequenced = z.object({ seq: z.number().int() });
export type Sequenced = z.infer<typeof Sequenced>;

export const TicketCalledEvent = Sequenced.extend({
  ticket: TicketDto,
  call: CallDto,
  /** Convenience copies for displays. */
  code: z.string(),
  counterName: z.string(),
  recall: z.boolean(),
  reason: z.enum(CALL_REASONS).nullable(),
});
export type TicketCalledEvent = z.infer<typeof TicketCalledEvent>;

export const CONFIG_PARTS = ['services', 'counters', 'users', 'devices'] as const;

/** Every sequenced fact the server broadcasts, by event name. */
export const FACTS = {
  'ticket:issued': Sequenced.extend({ ticket: TicketDto }),
  'ticket:called': TicketCalledEvent,
  /** Any other change of a ticket: started, finished, no-show, transferred, cancelled, expired, print state. */
  'ticket:updated': Sequenced.extend({ ticket: TicketDto, event: z.string() }),
  'counter:updated': Sequenced.extend({ counter: CounterDto }),
  'office:updated': Sequenced.extend({ office: OfficeDto }),
  'device:status': Sequenced.extend({ device: DeviceDto }),
  'sync:updated': Sequenced.extend({ sync: SyncStateDto }),
  /** Queue changed in a way that moves positions (public ticket page listens to this). */
  'queue:changed': Sequenced,
  /** An admin changed services, counters, users or devices: fetch a new snapshot. */
  'config:changed': Sequenced.extend({ what: z.enum(CONFIG_PARTS) }),
  /**
   * This number went to a fact this socket's role does not receive (the sync state, another
   * device's printer): the sequence stays gapless, so no snapshot is fetched for it.
   */
  'seq:skipped': Sequenced,
};
export type FactName = keyof typeof FACTS;
export type Fact<E extends FactName> = z.infer<(typeof FACTS)[E]>;

/** A print job for a kiosk whose printer is plugged into the kiosk PC (kiosk agent). */
export const PrintJob = z.object({
  jobId: z.string(),
  ticket: TicketDto,
  office: z.object({ name: z.string(), code: z.string(), timeZone: z.string() }),
  serviceName: z.string(),
  /** URL of the live ticket page, encoded as a QR code on the ticket. */
  liveUrl: z.string(),
  footer: z.string(),
  /** A text header printed above the office's name (the office's ticket logo; absent from an older server). */
  header: z.string().optional(),
});
export type PrintJob = z.infer<typeof PrintJob>;

/**
 * Why the server ended a socket's session (then it disconnects the socket): its token was
 * logged out, revoked (user deactivated or changed, device token rotated or revoked,
 * device deactivated) or expired. The app goes back to its sign-in screen.
 */
export const SessionEnded = z.object({ reason: z.enum(['logout', 'revoked', 'expired']) });
export type SessionEnded = z.infer<typeof SessionEnded>;
export type SessionEndReason = SessionEnded['reason'];

export type ServerToClientEvents = { [E in FactName]: (e: Fact<E>) => void } & {
  /** To one kiosk agent: print this. */
  'print:job': (job: PrintJob) => void;
  /** To the sockets of a token whose session just ended; the socket is disconnected next. */
  'session:ended': (e: SessionEnded) => void;
};

export interface ClientToServerEvents {
  /** Any authenticated socket: the live state and the sequence it is current at. */
  'snapshot:get': (ack: Ack<QueueSnapshot>) => void;
  /** Kiosk agent: the result of a print job. */
  'print:result': (p: PrintResult, ack: Ack<{ ok: true }>) => void;
  /** Kiosk agent: the printer's status changed (or a periodic poll). */
  'printer:status': (p: PrinterStatusRequest, ack: Ack<{ ok: true }>) => void;
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
