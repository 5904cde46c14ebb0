/**
 * Bearer tokens for users (from login) and devices (issued by an admin). Tokens are
 * stored hashed; a revoked or expired token stops working at once. Lookups are cached
 * in memory for speed; every revocation goes through this service, which clears the cache.
 * Tokens are not part of the live state, so these commands keep the bus's cached view.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@turnero/domain/errors';
import type { Clock } from '@turnero/domain/types';
import { hashToken, newToken, verifyPassword } from '../../platform/secrets';
import type { CommandBus } from '../command-bus';
import type { Principal } from '../context';
import {
  findLoginAccount,
  insertAuthToken,
  revokeTokenByHash,
  revokeTokensOf,
  tokenOwner,
} from '../store/auth-store';

const CACHE_MS = 30_000;

export class AuthService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly bus: CommandBus,
    private readonly clock: Clock,
    private readonly tokenTtlHours: number,
  ) {}

  async login(username: string, password: string): Promise<{ token: string; principal: Principal }> {
    const user = await this.bus.read((db) => findLoginAccount(db, username));
    // Verify against a dummy hash when the user is unknown so timing does not reveal it.
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyPassword(password, DUMMY_HASH).then(() => false);
    if (!user || !ok || !user.active) throw new AppError('unauthenticated', 'Wrong username or password');
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
    return { token, principal: (await this.authenticate(token))! };
  }

  /** Issues a long-lived token for a device (kiosk or display). */
  async issueDeviceToken(deviceId: string, kind: 'kiosk' | 'display'): Promise<string> {
    const token = newToken();
    await this.bus.command('device-token', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      await insertAuthToken(tx, { id: randomUUID(), tokenHash: hashToken(token), principalId: deviceId, role: kind });
    });
    return token;
  }

  async authenticate(token: string | undefined | null): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const hash = hashToken(token);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const now = this.clock.now();
    const principal = await this.bus.read((db) => tokenOwner(db, hash, now));
    if (principal) this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  async revokeToken(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.bus.command('revoke-token', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      await revokeTokenByHash(tx, hash, this.clock.now());
    });
    this.cache.delete(hash);
  }

  /** Revokes every token of a user or device (deactivation, device token rotation). */
  async revokeAllFor(principalId: string): Promise<number> {
    const n = await this.bus.command('revoke-tokens', async ({ tx, viewUnchanged }) => {
      viewUnchanged();
      return revokeTokensOf(tx, principalId, this.clock.now());
    });
    for (const [hash, entry] of this.cache) if (entry.principal.id === principalId) this.cache.delete(hash);
    return n;
  }
}

// scrypt hash of a random string, used only to spend the same time on unknown users.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
