/**
 * What the simulator process (sim-process.ts) and its parent (simulator.ts) say to each
 * other over Node's IPC channel. Times are epoch milliseconds with sub-millisecond
 * precision (performance.timeOrigin + performance.now()), comparable across processes of
 * one machine.
 */

/** Something one simulated link saw or did. */
export type LinkEvent =
  | { kind: 'connected'; id: string; at: number }
  | { kind: 'disconnected'; id: string; at: number; reason: string }
  /** A connection attempt head office refused (connect_error), e.g. a revoked token. */
  | { kind: 'refused'; id: string; at: number; reason: string }
  | { kind: 'pending'; id: string; at: number; headSeq: number }
  | { kind: 'applied'; id: string; at: number; seq: number; configVersion: number | null }
  /** A message at or below the applied seq: skipped, as the office skips it. */
  | { kind: 'redelivered'; id: string; at: number; seq: number }
  /** A fetch or report whose ack never came (the link dropped meanwhile): pulled again on reconnect. */
  | { kind: 'interrupted'; id: string; at: number; reason: string }
  /** Something the office would not accept: a message outside the contract, a gap, a refused fetch. */
  | { kind: 'anomaly'; id: string; at: number; text: string };

export interface SimLinkSpec {
  id: string;
  token: string;
}

/** Parent -> simulator. */
export type SimCommand =
  | {
      cmd: 'open';
      url: string;
      links: SimLinkSpec[];
      fetch: boolean;
      /** Connections being opened at once (the first connect only; reconnections are the links' own). */
      window: number;
      reconnectionDelayMs: number;
      reconnectionDelayMaxMs: number;
    }
  | { cmd: 'close'; ids?: string[] }
  | { cmd: 'exit' };

/** Simulator -> parent. */
export type SimReport =
  | { type: 'events'; events: LinkEvent[] }
  | { type: 'opened'; count: number }
  | { type: 'closed' };
