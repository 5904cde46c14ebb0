/**
 * The office's live sessions, in memory, keyed by token hash: who each token belongs to,
 * when it expires, and the sockets opened with it. The auth service tells it about every
 * revocation (logout, user deactivated or changed, device token rotated or revoked, device
 * deactivated); expiry comes from a timer set from the nearest `expiresAt` on the injected
 * clock. Ending a session ends its sockets at once (each hears `session:ended`), and a
 * socket command asks `isLive()`: a map lookup, not a database query.
 *
 * The principal read from the database is reused for at most PRINCIPAL_REFRESH_MS (a
 * renamed user shows up soon); whether the token is alive does not depend on that
 * refresh, because every revocation ends the session here.
 */
import type { SessionEndReason } from '@turnero/contract/realtime';
import type { Clock } from '@turnero/domain/types';
import type { Principal } from '../context';

/** How long a principal read from the database is reused (names, not liveness). */
const PRINCIPAL_REFRESH_MS = 30_000;
/**
 * Longest wait between two looks at the clock for expired sessions: the injected clock
 * may jump (a test, or the system clock corrected), so the timer never sleeps longer.
 */
const EXPIRY_RECHECK_MS = 250;

/** What a socket gives its session: how to end it. */
export type EndSocket = (reason: SessionEndReason) => void;

interface Session {
  principal: Principal;
  expiresAt: Date | null;
  /** performance.now() when `principal` was read from the database. */
  readAt: number;
  sockets: Set<EndSocket>;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private expiryTimer: NodeJS.Timeout | null = null;
  /** Bumped on every ending: a database read that raced with one must not revive it. */
  private endings = 0;

  constructor(private readonly clock: Clock) {}

  /** Counter for readers: take it before a database read, pass it to remember(). */
  get revision(): number {
    return this.endings;
  }

  /** The cached principal of a live, unexpired token read recently; null sends the caller to the database. */
  principalOf(tokenHash: string): Principal | null {
    const s = this.sessions.get(tokenHash);
    if (!s || !this.live(tokenHash, s)) return null;
    return performance.now() - s.readAt < PRINCIPAL_REFRESH_MS ? s.principal : null;
  }

  /**
   * Records a token the database just said is live. Returns false (and records nothing)
   * when a session ended since `revision` was taken: the read may predate the revocation.
   */
  remember(tokenHash: string, principal: Principal, expiresAt: Date | null, revision: number): boolean {
    if (revision !== this.endings) return false;
    const s = this.sessions.get(tokenHash);
    if (s) Object.assign(s, { principal, expiresAt, readAt: performance.now() });
    else this.sessions.set(tokenHash, { principal, expiresAt, readAt: performance.now(), sockets: new Set() });
    this.armExpiry();
    return true;
  }

  /** Ties a socket to its token's session; returns what to call when the socket goes. */
  attach(tokenHash: string, end: EndSocket): () => void {
    const s = this.sessions.get(tokenHash);
    if (!s || !this.live(tokenHash, s)) {
      end('revoked');
      return () => undefined;
    }
    s.sockets.add(end);
    return () => s.sockets.delete(end);
  }

  /** Whether a token's session is still on: the check every socket command makes. */
  isLive(tokenHash: string): boolean {
    const s = this.sessions.get(tokenHash);
    return Boolean(s && this.live(tokenHash, s));
  }

  /** One token ended (logout). */
  endToken(tokenHash: string, reason: SessionEndReason): void {
    this.endings += 1;
    this.end(tokenHash, reason);
  }

  /** Every token of a user or device ended (deactivation, password, role, device token), but `keepTokenId`'s. */
  endPrincipal(principalId: string, reason: SessionEndReason, keepTokenId?: string): void {
    this.endings += 1;
    for (const [hash, s] of this.sessions) {
      if (s.principal.id === principalId && s.principal.tokenId !== keepTokenId) this.end(hash, reason);
    }
  }

  /** The database says this token is dead: end its session if one is known. */
  drop(tokenHash: string): void {
    if (this.sessions.has(tokenHash)) this.endToken(tokenHash, 'revoked');
  }

  /** Stops the expiry timer (server shutdown); sockets are closed by the socket server. */
  close(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  /** False, and the session ended, when its token has expired by the injected clock. */
  private live(tokenHash: string, s: Session): boolean {
    if (!s.expiresAt || s.expiresAt.getTime() > this.clock.now().getTime()) return true;
    this.end(tokenHash, 'expired');
    return false;
  }

  private end(tokenHash: string, reason: SessionEndReason): void {
    const s = this.sessions.get(tokenHash);
    if (!s) return;
    this.sessions.delete(tokenHash);
    for (const endSocket of s.sockets) endSocket(reason);
  }

  /** Runs while any session can expire; sleeps until the nearest expiry, at most EXPIRY_RECHECK_MS. */
  private armExpiry(): void {
    if (this.expiryTimer) return;
    let nearest = Infinity;
    for (const s of this.sessions.values()) if (s.expiresAt) nearest = Math.min(nearest, s.expiresAt.getTime());
    if (nearest === Infinity) return;
    const wait = Math.min(Math.max(nearest - this.clock.now().getTime(), 0), EXPIRY_RECHECK_MS);
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = null;
      for (const [hash, s] of this.sessions) this.live(hash, s);
      this.armExpiry();
    }, wait);
    this.expiryTimer.unref();
  }
}
