/**
 * Who hears what: the socket.io rooms of an office and the rule that sends each fact to
 * them. Pure, so the rule is read (and tested) in one place:
 * - `office`: every signed-in socket (staff, displays, kiosks, kiosk agents) hears every fact;
 * - `ticket:<id>`: the public live page of one ticket hears the facts about that ticket;
 * - `public`: every public live ticket page hears what moves positions or the office's
 *   state (queue:changed, office:updated), never another customer's ticket;
 * - `device:<id>`: the sockets of one kiosk or display (whether it is connected);
 * - `printer:<deviceId>`: the kiosk agents driving that kiosk's printer (print jobs).
 */
import type { Fact, FactName, SocketData } from '@turnero/contract/realtime';

export const ROOMS = {
  office: 'office',
  public: 'public',
  ticket: (id: string) => `ticket:${id}`,
  device: (id: string) => `device:${id}`,
  printer: (deviceId: string) => `printer:${deviceId}`,
} as const;

/** Facts that public live ticket pages hear (besides their own ticket's). */
const PUBLIC_FACTS: ReadonlySet<FactName> = new Set<FactName>(['queue:changed', 'office:updated']);

/** The rooms a fact goes to. */
export function roomsForFact<E extends FactName>(event: E, payload: Omit<Fact<E>, 'seq'>): string[] {
  const rooms: string[] = [ROOMS.office];
  const ticket = (payload as { ticket?: { id: string } }).ticket;
  if (ticket) rooms.push(ROOMS.ticket(ticket.id));
  if (PUBLIC_FACTS.has(event)) rooms.push(ROOMS.public);
  return rooms;
}

/** The rooms a socket joins when its handshake is accepted. */
export function roomsForSocket(data: Pick<SocketData, 'role' | 'deviceId' | 'ticketId'>): string[] {
  if (data.role === 'public') return [ROOMS.ticket(data.ticketId!), ROOMS.public];
  return data.deviceId ? [ROOMS.office, ROOMS.device(data.deviceId)] : [ROOMS.office];
}
