/**
 * Owns the office's rooms: puts each accepted socket in its rooms, publishes facts to the
 * rooms that may hear them, each audience its own projection (rules in ./rooms and
 * ./projection), and hands print jobs to a kiosk's agent.
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
import { deliveriesOf, ROOMS, roomsForSocket } from './rooms';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export class Broadcaster {
  readonly bootId = randomUUID();
  private seq = 0;
  private io: Io | null = null;
  private readonly displaySound = new Map<string, boolean>();

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

  /** Sends a sequenced fact to the rooms that may hear it, each audience its projection. */
  publish<E extends FactName>(event: E, payload: Omit<Fact<E>, 'seq'>): number {
    this.seq += 1;
    const message = { ...payload, seq: this.seq } as Fact<E>;
    for (const d of deliveriesOf(event, message)) {
      // The event map types each name's payload; `E` is one of them, checked at the call.
      const target = this.io?.to(d.rooms).except(d.except ?? []) as { emit: (e: string, m: unknown) => void } | undefined;
      target?.emit(d.event, d.fact);
    }
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

  /**
   * A display's last sound report. Kept in memory, not in the database: it describes the
   * browser connected now, and a display reports again whenever it reconnects.
   */
  setDisplaySound(deviceId: string, soundOn: boolean): boolean {
    const changed = this.displaySound.get(deviceId) !== soundOn;
    this.displaySound.set(deviceId, soundOn);
    return changed;
  }

  /** A connected display's sound state; undefined when it never said or is not connected. */
  displaySoundOn(deviceId: string): boolean | undefined {
    return this.isDeviceConnected(deviceId) ? this.displaySound.get(deviceId) : undefined;
  }

  isDeviceConnected(deviceId: string): boolean {
    return this.hasMembers(ROOMS.device(deviceId));
  }

  private hasMembers(room: string): boolean {
    const members = this.io?.sockets.adapter.rooms.get(room);
    return Boolean(members && members.size > 0);
  }
}
