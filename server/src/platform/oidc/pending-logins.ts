/**
 * Sign-ins on their way through the identity provider, in memory, keyed by their `state`:
 * the PKCE verifier, the nonce, where the browser returns, and the browser's own key (a
 * cookie), kept for ten minutes on the injected clock and handed out once. A callback
 * whose state is unknown, expired, already used, or brought by another browser finds
 * nothing. The start route is public, so the store is bounded: past `capacity` the
 * oldest sign-in is forgotten (it would have to start again), memory never grows.
 *
 * One process holds them: several head-office processes behind a load balancer need
 * sticky sessions for /api/v1/auth/oidc (or a shared store behind this same interface).
 */
import type { Clock } from '@turnero/domain/types';

export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** An app path on this server (checked against the role's list before it got here). */
  returnTo: string;
  /** The random value of the browser's sign-on cookie: the callback must come from the same browser. */
  browserKey: string;
}

export class PendingLogins {
  private readonly byState = new Map<string, PendingLogin & { expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = PENDING_LOGIN_TTL_MS,
    private readonly capacity = 10_000,
  ) {}

  get size(): number {
    return this.byState.size;
  }

  put(login: PendingLogin): void {
    const now = this.clock.now().getTime();
    // Insertion order is expiry order (one TTL), so the expired ones are at the front.
    for (const [state, p] of this.byState) {
      if (p.expiresAt > now && this.byState.size < this.capacity) break;
      this.byState.delete(state);
    }
    this.byState.set(login.state, { ...login, expiresAt: now + this.ttlMs });
  }

  /** The sign-in started with this state, once; null when unknown, used or expired. */
  take(state: string): PendingLogin | null {
    const found = this.byState.get(state);
    if (!found) return null;
    this.byState.delete(state);
    if (found.expiresAt <= this.clock.now().getTime()) return null;
    const { expiresAt: _, ...login } = found;
    return login;
  }
}
