/**
 * Asks an office, over its live link, to issue a remote ticket now: `link:remote-ticket` to
 * the office's room with a timeout, answered by the office's ack. Broadcast with an ack works
 * across head-office processes (the Redis adapter gathers the answers), and answers at once
 * with none when the office has no link socket anywhere. No valid answer in time: null, and
 * the portal says the office is unreachable.
 */
import type { Namespace } from 'socket.io';
import { LinkRemoteTicketAnswer, type LinkRemoteTicketRequest } from '@turnero/contract/portal';
import { z } from 'zod';

/** The office's refusal (e.g. office_closed), as its ack said it. */
export interface OfficeRefusal {
  error: { code: string; message: string };
}

export interface RemoteRelay {
  remoteTicket(
    officeCode: string,
    request: z.input<typeof LinkRemoteTicketRequest>,
    timeoutMs: number,
  ): Promise<LinkRemoteTicketAnswer | OfficeRefusal | null>;
}

const Refusal = z.object({ error: z.object({ code: z.string().max(64), message: z.string().max(300) }) });

const officeRoom = (code: string) => `office:${code}`;

export function createRemoteRelay(links: Namespace): RemoteRelay {
  return {
    async remoteTicket(officeCode, request, timeoutMs) {
      let answers: unknown[];
      try {
        answers = await links.to(officeRoom(officeCode)).timeout(timeoutMs).emitWithAck('link:remote-ticket', request);
      } catch {
        return null; // no answer in time
      }
      // One office has one link socket; should two answer (a reconnect overlapping), the
      // request key made them the same ticket.
      for (const a of answers) {
        const parsed = LinkRemoteTicketAnswer.safeParse(a);
        if (parsed.success) return parsed.data;
      }
      for (const a of answers) {
        const refused = Refusal.safeParse(a);
        if (refused.success) return refused.data;
      }
      return null;
    },
  };
}
