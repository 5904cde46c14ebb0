/**
 * Owns the office's rooms: puts each accepted socket in its rooms, publishes facts to the
 * rooms that may hear them (rules in ./rooms), and hands print jobs to a kiosk's agent.
 * Each fact is stamped with the office's realtime sequence. Called only after a command
 * commits (and from inside the command queue, so the sequence follows commit order). A
 * client that sees a gap asks for a new snapshot.
 */
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  Fact,
  FactName,
  PrintJob,
  ServerToClientEvents,
  SocketData,
} from '@turnero/contract/realtime';
import { ROOMS, roomsForFact, roomsForSocket } from './rooms';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

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

  /** Puts a socket whose handshake was accepted in the rooms its principal may hear. */
  admit(socket: IoSocket): void {
    void socket.join(roomsForSocket(socket.data));
  }

  /** A kiosk agent reported its printer: print jobs for its kiosk may go to it from now on. */
  async enlistPrinterAgent(socket: IoSocket): Promise<void> {
    socket.data.printerAgent = true;
    await socket.join(ROOMS.printer(socket.data.deviceId!));
  }

  /** Sends a sequenced fact to the rooms that may hear it. */
  publish<E extends FactName>(event: E, payload: Omit<Fact<E>, 'seq'>): number {
    this.seq += 1;
    const message = { ...payload, seq: this.seq };
    // The event map types each name's payload; `E` is one of them, checked at the call.
    (this.io?.to(roomsForFact(event, payload)) as { emit: (e: string, m: unknown) => void } | undefined)?.emit(
      event,
      message,
    );
    return this.seq;
  }

  /** Hands a print job to the kiosk agent of a device; false when none is connected. */
  sendPrintJob(deviceId: string, job: PrintJob): boolean {
    const room = this.io?.sockets.adapter.rooms.get(ROOMS.printer(deviceId));
    if (!this.io || !room || room.size === 0) return false;
    // One agent prints it, even if two are connected for the same kiosk.
    const [socketId] = room;
    this.io.to(socketId).emit('print:job', job);
    return true;
  }

  isPrinterAgentConnected(deviceId: string): boolean {
    return this.hasMembers(ROOMS.printer(deviceId));
  }

  isDeviceConnected(deviceId: string): boolean {
    return this.hasMembers(ROOMS.device(deviceId));
  }

  private hasMembers(room: string): boolean {
    const members = this.io?.sockets.adapter.rooms.get(room);
    return Boolean(members && members.size > 0);
  }
}
