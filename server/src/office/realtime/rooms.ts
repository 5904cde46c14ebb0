/**
 * Who hears what: the socket.io rooms of an office and the rule that sends each fact to
 * them, each audience its own projection of it (./projection). Pure, so the rule is read
 * (and tested) in one place:
 * - `staff`: agents, supervisors and admins hear every fact, whole;
 * - `hall`: kiosks and wall displays (and kiosk agents) hear the queue's facts as the hall
 *   sees them; a fact they do not hear (the sync state, another device's printer) reaches
 *   them as `seq:skipped` with its number, so their sequence has no gap to resync for;
 * - `device:<id>`: the sockets of one kiosk or display: its own printer status, and
 *   whether it is connected;
 * - `ticket:<id>`: the public live page of one ticket hears the facts about that ticket;
 * - `public`: every public live ticket page hears what moves positions or the office's
 *   state (queue:changed, office:updated), never another customer's ticket;
 * - `printer:<deviceId>`: the kiosk agents driving that kiosk's printer (print jobs).
 */
import type { Fact, FactName, SocketData } from '@turnero/contract/realtime';
import { audienceOf, projectForHall } from './projection';

export const ROOMS = {
  staff: 'staff',
  hall: 'hall',
  public: 'public',
  ticket: (id: string) => `ticket:${id}`,
  device: (id: string) => `device:${id}`,
  printer: (deviceId: string) => `printer:${deviceId}`,
} as const;

/** Facts that public live ticket pages hear (besides their own ticket's). */
const PUBLIC_FACTS: ReadonlySet<FactName> = new Set<FactName>(['queue:changed', 'office:updated']);

export interface Delivery {
  rooms: string[];
  /** Rooms left out (a socket in both hears the delivery meant for it, once). */
  except?: string[];
  event: FactName;
  fact: { seq: number };
}

/** Where a fact goes, as each audience may hear it. A socket hears each number once. */
export function deliveriesOf<E extends FactName>(event: E, fact: Fact<E>): Delivery[] {
  const out: Delivery[] = [{ rooms: [ROOMS.staff], event, fact }];
  const skipped = { event: 'seq:skipped' as const, fact: { seq: fact.seq } };
  const hall = projectForHall(event, fact);
  if (!hall) return [...out, { rooms: [ROOMS.hall], ...skipped }];
  if (event === 'device:status') {
    const own = ROOMS.device((fact as Fact<'device:status'>).device.id);
    out.push({ rooms: [own], event, fact: hall }, { rooms: [ROOMS.hall], except: [own], ...skipped });
    return out;
  }
  out.push({ rooms: [ROOMS.hall], event, fact: hall });
  const publicRooms: string[] = [];
  const ticket = (fact as { ticket?: { id: string } }).ticket;
  if (ticket) publicRooms.push(ROOMS.ticket(ticket.id));
  if (PUBLIC_FACTS.has(event)) publicRooms.push(ROOMS.public);
  if (publicRooms.length) out.push({ rooms: publicRooms, event, fact: hall });
  return out;
}

/** The rooms a socket joins when its handshake is accepted. */
export function roomsForSocket(data: Pick<SocketData, 'role' | 'deviceId' | 'ticketId'>): string[] {
  switch (audienceOf(data.role)) {
    case 'public':
      return [ROOMS.ticket(data.ticketId!), ROOMS.public];
    case 'hall':
      return data.deviceId ? [ROOMS.hall, ROOMS.device(data.deviceId)] : [ROOMS.hall];
    case 'staff':
      return [ROOMS.staff];
  }
}
