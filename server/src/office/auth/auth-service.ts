/**
 * Bearer tokens for users (from login) and devices (issued by an admin). Tokens are
 * stored hashed; a revoked or expired token stops working at once, over REST and on open
 * sockets. Every revocation goes through this service, which ends the token's session in
 * the session registry (in memory: it also answers lookups and socket commands, and
 * ends sessions when their token expires). Nothing else writes revocations (see
 * tests/security/sessions.test.ts). Tokens are not part of the live state, so these
 * commands keep the bus's cached view.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@turnero/domain/errors';
import type { Clock } from '@turnero/domain/types';
import { hashPassword, hashToken, newToken, verifyPassword } from '../../platform/secrets';
import type { CommandBus } from '../command-bus';
import type { Principal } from '../context';
import { userManager } from '../store/link-store';
import { SessionRegistry, type EndSocket } from './session-registry';
import {
  findLoginAccount,
  insertAuthToken,
  passwordHashOf,
  revokeTokenByHash,
  revokeTokensOf,
  setPasswordHash,
  tokenOwner,
} from '../store/auth-store';

/** A database read that raced with a revocation is read again, at most this many times. */
const READS_PER_LOOKUP = 3;

/** What a socket holds of its session: whether it is still on, and how to be told it ended. */
export interface SocketSession {
  principal: Principal;
  isLive(): boolean;
  /** Registers how to end the socket; returns the call that forgets it (on disconnect). */
  attach(end: EndSocket): () => void;
}

export class AuthService {
  private readonly sessions: SessionRegistry;

  constructor(
    private readonly bus: CommandBus,
    private readonly clock: Clock,
    private readonly tokenTtlHours: number,
  ) {
    this.sessions = new SessionRegistry(clock);
  }

  async login(username: string, password: string): Promise<{ token: string; principal: Principal }> {
    const user = await this.bus.read((db) => findLoginAccount(db, username));
    // Verify against a dummy hash when the user is unknown so timing does not reveal it.
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyPassword(password, DUMMY_HASH).then(() => false);
    if (!user || !ok || !user.active) throw new AppError('unauthenticated', 'Wrong username or password');
    return this.openSession(user);
  }

  /**
   * Signs in a user the company's identity provider vouched for (single sign-on): the
   * same token, lifetime and session registry as a password login. 'unknown' when no
   * user has that name here, 'inactive' when theirs is deactivated.
   */
  async loginVouched(username: string): Promise<{ token: string; principal: Principal } | 'unknown' | 'inactive'> {
    const user = await this.bus.read((db) => findLoginAccount(db, username));
    if (!user) return 'unknown';
    if (!user.active) return 'inactive';
    return this.openSession(user);
  }

  private async openSession(user: { id: string; role: string }): Promise<{ token: string; principal: Principal }> {
    const token = newToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.tokenTtlHours * 3_600_000);
    await this.bus.command('login', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      await insertAuthToken(tx, {
        id: randomUUID(),
        tokenHash: hashToken(token),
        principalId: user.id,
        role: user.role,
        createdAt: now,
        expiresAt,
      });
    });
    const principal = await this.authenticate(token);
    // Deactivated between the password check and now (head office's roster applied meanwhile).
    if (!principal) throw new AppError('unauthenticated', 'Wrong username or password');
    return { token, principal };
  }

  /** Issues a long-lived token for a device (kiosk, display or survey tablet). */
  async issueDeviceToken(deviceId: string, kind: 'kiosk' | 'display' | 'survey'): Promise<string> {
    const token = newToken();
    await this.bus.command('device-token', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      await insertAuthToken(tx, { id: randomUUID(), tokenHash: hashToken(token), principalId: deviceId, role: kind });
    });
    return token;
  }

  async authenticate(token: string | undefined | null): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    return this.lookup(hashToken(token));
  }

  /** A socket's session, from its handshake token; null when the token is not live. */
  async socketSession(token: string): Promise<SocketSession | null> {
    if (token.length > 200) return null;
    const hash = hashToken(token);
    const principal = await this.lookup(hash);
    if (!principal) return null;
    return {
      principal,
      isLive: () => this.sessions.isLive(hash),
      attach: (end) => this.sessions.attach(hash, end),
    };
  }

  async revokeToken(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.bus.command('revoke-token', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      await revokeTokenByHash(tx, hash, this.clock.now());
    });
    this.sessions.endToken(hash, 'logout');
  }

  /** Revokes every token of a user or device (deactivation, password or role change, device token rotation). */
  async revokeAllFor(principalId: string): Promise<number> {
    const n = await this.bus.command('revoke-tokens', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      return revokeTokensOf(tx, principalId, this.clock.now());
    });
    this.sessions.endPrincipal(principalId, 'revoked');
    return n;
  }

  /**
   * A user changes their own password: the current one must be right. Every other session
   * of theirs ends (a stolen token stops working); the one that asked stays on.
   */
  async changeOwnPassword(principal: Principal, currentPassword: string, nextPassword: string): Promise<void> {
    if (principal.deviceId) throw new AppError('forbidden', 'Devices have no password');
    // Head office pushes this person's verifier: a local one would be replaced by the next roster.
    if ((await this.bus.read((db) => userManager(db, principal.id))) === 'hq') {
      throw new AppError('managed_by_hq', 'Your password is managed by head office: change it there');
    }
    const stored = await this.bus.read((db) => passwordHashOf(db, principal.id));
    if (!stored || !(await verifyPassword(currentPassword, stored))) {
      throw new AppError('forbidden', 'The current password is wrong');
    }
    const passwordHash = await hashPassword(nextPassword);
    await this.bus.command('change-own-password', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      await setPasswordHash(tx, principal.id, passwordHash);
      await revokeTokensOf(tx, principal.id, this.clock.now(), principal.tokenId);
    });
    this.sessions.endPrincipal(principal.id, 'revoked', principal.tokenId);
  }

  /** Stops the expiry timer (server shutdown). */
  close(): void {
    this.sessions.close();
  }

  /** The registry first; on a miss the database, whose answer the registry then keeps. */
  private async lookup(hash: string): Promise<Principal | null> {
    const cached = this.sessions.principalOf(hash);
    if (cached) return cached;
    for (let attempt = 1; ; attempt++) {
      const revision = this.sessions.revision;
      const owner = await this.bus.read((db) => tokenOwner(db, hash, this.clock.now()));
      if (!owner) {
        // Dead in the database (e.g. revoked before this process started): end it here too.
        this.sessions.drop(hash);
        return null;
      }
      if (this.sessions.remember(hash, owner.principal, owner.expiresAt, revision)) return owner.principal;
      // A revocation committed while we read: read again, it may have been this token's.
      if (attempt === READS_PER_LOOKUP) return null;
    }
  }
}

// scrypt hash of a random string, used only to spend the same time on unknown users.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
