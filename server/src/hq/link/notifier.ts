/**
 * What the rest of head office asks of the live links, without knowing socket.io: tell
 * offices new messages wait (after the transaction that wrote them committed), cut an
 * office's links when its token dies, and say which offices are linked right now (in
 * any head-office process). The link server (link-server.ts) implements it.
 */
import type { LinkMessage } from '@turnero/contract/hq-link';

export interface LinkNotifier {
  /** Emits `link:pending { headSeq, messages? }` to each office's links. */
  pending(offices: readonly { code: string; headSeq: number; message?: LinkMessage }[]): void;
  /** Disconnects every link socket of the office, in every process. */
  disconnectOffice(code: string): void;
  /** Codes of the offices with at least one link socket now. */
  connectedOffices(): Promise<Set<string>>;
}
