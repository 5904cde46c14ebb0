/**
 * Publishes facts to socket rooms, each stamped with the office's realtime sequence.
 * Called only after a command commits (and from inside the command queue, so the
 * sequence follows commit order). A client that sees a gap asks for a new snapshot.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, PrintJob, ServerToClientEvents, SocketData } from '@turnero/contract/realtime';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Payload<E extends keyof ServerToClientEvents> = Omit<Parameters<ServerToClientEvents[E]>[0], 'seq'>;

export const ROOMS = {
  office: 'office',
  staff: 'staff',
  /** Public live ticket pages (no login): queue-wide position changes. */
  public: 'public',
  ticket: (id: string) => `ticket:${id}`,
  device: (id: string) => `device:${id}`,
  counter: (id: string) => `counter:${id}`,
  /** Kiosk agents that drive a printer join this room when they report printer status. */
  printer: (deviceId: string) => `printer:${deviceId}`,
} as const;

export class Broadcaster {
  readonly bootId = randomUUID();
  private seq = 0;
  private io: Io | null = null;

  attach(io: Io): void {
    this.io = io;
  }

  currentSeq(): number {
    return this.seq;
  }

  /** Sends a sequenced fact to the office room, and to extra rooms (e.g. a ticket's public page). */
  publish<E extends Exclude<keyof ServerToClientEvents, 'print:job'>>(
    event: E,
    payload: Payload<E>,
    extraRooms: string[] = [],
  ): number {
    this.seq += 1;
    const message = { ...payload, seq: this.seq } as Parameters<ServerToClientEvents[E]>[0];
    if (this.io) {
      const emit = this.io.to(ROOMS.office) as unknown as { emit: (e: string, m: unknown) => void };
      emit.emit(event, message);
      for (const room of extraRooms) {
        (this.io.to(room) as unknown as { emit: (e: string, m: unknown) => void }).emit(event, message);
      }
    }
    return this.seq;
  }

  /** Hands a print job to the kiosk agent of a device; false when none is connected. */
  sendPrintJob(deviceId: string, job: PrintJob): boolean {
    if (!this.io) return false;
    if (!this.isPrinterAgentConnected(deviceId)) return false;
    // One agent prints it, even if two are connected for the same kiosk.
    const room = this.io.sockets.adapter.rooms.get(ROOMS.printer(deviceId))!;
    const [socketId] = room;
    this.io.to(socketId).emit('print:job', job);
    return true;
  }

  isPrinterAgentConnected(deviceId: string): boolean {
    const room = this.io?.sockets.adapter.rooms.get(ROOMS.printer(deviceId));
    return Boolean(room && room.size > 0);
  }

  isDeviceConnected(deviceId: string): boolean {
    const room = this.io?.sockets.adapter.rooms.get(ROOMS.device(deviceId));
    return Boolean(room && room.size > 0);
  }
}
