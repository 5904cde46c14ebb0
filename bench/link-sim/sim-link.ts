/**
 * One simulated office link: a socket.io client on head office's /link namespace that does
 * what the office's real link client must do, in memory instead of a database. On connect
 * and on `link:pending` it pulls (`link:fetch` after its applied seq), applies each message
 * faithfully (a seq at or below the applied one is skipped, a gap stops the batch), and
 * reports `link:applied`. The handshake's auth is read on every (re)connection, so head
 * office always hears the seq the office really holds. What happens is told to a recorder,
 * which the simulator process batches to its parent.
 */
import { io, type Socket } from 'socket.io-client';
import {
  LINK_NAMESPACE,
  LinkMessage,
  type LinkApplyResult,
  type LinkAuth,
  type LinkOfficeToServer,
  type LinkServerToOffice,
} from '@turnero/contract/hq-link';
import type { LinkEvent } from './protocol';

/** How long one fetch or report may wait for its ack before the link pulls again. */
const ACK_TIMEOUT_MS = 15_000;
/** Messages per fetch: the contract's maximum, so a catch-up takes few round trips. */
const FETCH_LIMIT = 100;

export const epochMs = () => performance.timeOrigin + performance.now();

export interface SimLinkOptions {
  url: string;
  id: string;
  token: string;
  /** false: only listen (the bare socket.io baseline, which has no messages to fetch). */
  fetch: boolean;
  /** Reconnection back-off, with socket.io-client's jitter (randomizationFactor). */
  reconnectionDelayMs: number;
  reconnectionDelayMaxMs: number;
  record: (e: LinkEvent) => void;
}

export class SimLink {
  appliedSeq = 0;
  configVersion = 0;
  private socket: Socket<LinkServerToOffice, LinkOfficeToServer> | null = null;
  private pulling = false;
  private pullAgain = false;

  constructor(private readonly o: SimLinkOptions) {}

  /** Resolves at the first connection or refusal, whichever comes first. */
  open(): Promise<void> {
    const { o } = this;
    const auth = (cb: (a: LinkAuth) => void) => cb({ token: o.token, appliedSeq: this.appliedSeq, configVersion: this.configVersion });
    const socket: Socket<LinkServerToOffice, LinkOfficeToServer> = io(o.url + LINK_NAMESPACE, {
      transports: ['websocket'],
      forceNew: true,
      auth,
      reconnectionDelay: o.reconnectionDelayMs,
      reconnectionDelayMax: o.reconnectionDelayMaxMs,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    socket.on('connect', () => {
      o.record({ kind: 'connected', id: o.id, at: epochMs() });
      if (o.fetch) void this.pull();
    });
    socket.on('disconnect', (reason) => o.record({ kind: 'disconnected', id: o.id, at: epochMs(), reason }));
    socket.on('connect_error', (err) => o.record({ kind: 'refused', id: o.id, at: epochMs(), reason: err.message }));
    socket.on('link:pending', ({ headSeq, messages }) => {
      o.record({ kind: 'pending', id: o.id, at: epochMs(), headSeq });
      if (o.fetch && headSeq > this.appliedSeq) void this.pull(messages);
    });
    return new Promise((resolve) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', () => resolve());
    });
  }

  close(): void {
    this.socket?.disconnect();
  }

  /** One pull at a time; a notice during a pull makes it go round once more. */
  private async pull(carried?: unknown[]): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    try {
      let more = true;
      // As the office's client: messages a notice carried are applied without a fetch when
      // they continue the applied seq.
      let offered = (carried?.[0] as { seq?: unknown } | undefined)?.seq === this.appliedSeq + 1 ? carried : undefined;
      while (more && this.socket?.connected) {
        this.pullAgain = false;
        const answer = offered
          ? { messages: offered, headSeq: this.appliedSeq + offered.length }
          : await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('link:fetch', { afterSeq: this.appliedSeq, limit: FETCH_LIMIT });
        offered = undefined;
        if ('error' in answer) {
          this.anomaly(`fetch refused: ${answer.error.code} ${answer.error.message}`);
          return;
        }
        const before = this.appliedSeq;
        const results = this.apply(answer.messages);
        if (results.length > 0) {
          const ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('link:applied', { results });
          if ('error' in ack) this.anomaly(`report refused: ${ack.error.code} ${ack.error.message}`);
        }
        // Go round while head office holds more and the last round moved forward (a gap
        // would otherwise spin), or when a notice came meanwhile.
        more = (answer.headSeq > this.appliedSeq && this.appliedSeq > before) || this.pullAgain;
      }
    } catch (err) {
      // An ack that never came (the link dropped): the next connection pulls again.
      this.o.record({ kind: 'interrupted', id: this.o.id, at: epochMs(), reason: (err as Error).message });
    } finally {
      this.pulling = false;
    }
  }

  /** Applies in order, as the office's transaction would: skip the old, stop at a gap. */
  private apply(raw: unknown[]): LinkApplyResult[] {
    const results: LinkApplyResult[] = [];
    for (const item of raw) {
      const parsed = LinkMessage.safeParse(item);
      if (!parsed.success) {
        this.anomaly(`message outside the contract: ${parsed.error.issues[0]?.message}`);
        break;
      }
      const m = parsed.data;
      if (m.seq <= this.appliedSeq) {
        this.o.record({ kind: 'redelivered', id: this.o.id, at: epochMs(), seq: m.seq });
        continue;
      }
      if (m.seq !== this.appliedSeq + 1) {
        this.anomaly(`gap: got seq ${m.seq} after ${this.appliedSeq}`);
        break;
      }
      this.appliedSeq = m.seq;
      const configVersion = m.kind === 'config' ? m.payload.version : undefined;
      if (configVersion !== undefined) this.configVersion = configVersion;
      this.o.record({ kind: 'applied', id: this.o.id, at: epochMs(), seq: m.seq, configVersion: configVersion ?? null });
      results.push({ seq: m.seq, status: 'applied', ...(configVersion !== undefined ? { configVersion } : {}) });
    }
    return results;
  }

  private anomaly(text: string): void {
    this.o.record({ kind: 'anomaly', id: this.o.id, at: epochMs(), text });
  }
}
