/**
 * Bearer tokens for users (from login) and devices (issued by an admin). Tokens are
 * stored hashed; a revoked or expired token stops working at once. Lookups are cached
 * in memory for speed; every revocation goes through this service, which clears the cache.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@turnero/domain/errors';
import { hashToken, newToken, verifyPassword } from '../../platform/secrets';
import type { CommandBus } from '../command-bus';
import type { Principal } from '../context';
import type { Clock } from '@turnero/domain/types';

const CACHE_MS = 30_000;

export class AuthService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly bus: CommandBus,
    private readonly clock: Clock,
    private readonly tokenTtlHours: number,
  ) {}

  async login(username: string, password: string): Promise<{ token: string; principal: Principal }> {
    const user = await this.bus.read((db) => db.user.findUnique({ where: { username } }));
    // Verify against a dummy hash when the user is unknown so timing does not reveal it.
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyPassword(password, DUMMY_HASH).then(() => false);
    if (!user || !ok || !user.active) throw new AppError('unauthenticated', 'Wrong username or password');
    const token = newToken();
    const now = this.clock.now();
    await this.bus.command('login', async ({ tx }) => {
      await tx.authToken.create({
        data: {
          id: randomUUID(),
          tokenHash: hashToken(token),
          principalId: user.id,
          role: user.role,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.tokenTtlHours * 3_600_000),
        },
      });
    });
    return { token, principal: (await this.authenticate(token))! };
  }

  /** Issues a long-lived token for a device (kiosk or display). */
  async issueDeviceToken(deviceId: string, kind: 'kiosk' | 'display'): Promise<string> {
    const token = newToken();
    await this.bus.command('device-token', async ({ tx }) => {
      await tx.authToken.create({
        data: { id: randomUUID(), tokenHash: hashToken(token), principalId: deviceId, role: kind },
      });
    });
    return token;
  }

  async authenticate(token: string | undefined | null): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const hash = hashToken(token);
    const nowMs = this.clock.now().getTime();
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const principal = await this.bus.read(async (db) => {
      const row = await db.authToken.findUnique({ where: { tokenHash: hash } });
      if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= nowMs)) return null;
      if (row.role === 'kiosk' || row.role === 'display') {
        const device = await db.device.findUnique({ where: { id: row.principalId } });
        if (!device || !device.active) return null;
        return { id: device.id, role: row.role, name: device.name, tokenId: row.id, deviceId: device.id } as Principal;
      }
      const user = await db.user.findUnique({ where: { id: row.principalId } });
      if (!user || !user.active) return null;
      return { id: user.id, role: user.role, name: user.displayName, tokenId: row.id, deviceId: null } as Principal;
    });
    if (principal) this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  async revokeToken(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.bus.command('revoke-token', async ({ tx }) => {
      await tx.authToken.updateMany({ where: { tokenHash: hash, revokedAt: null }, data: { revokedAt: this.clock.now() } });
    });
    this.cache.delete(hash);
  }

  /** Revokes every token of a user or device (deactivation, device token rotation). */
  async revokeAllFor(principalId: string): Promise<number> {
    const n = await this.bus.command('revoke-tokens', async ({ tx }) => {
      const r = await tx.authToken.updateMany({
        where: { principalId, revokedAt: null },
        data: { revokedAt: this.clock.now() },
      });
      return r.count;
    });
    for (const [hash, entry] of this.cache) if (entry.principal.id === principalId) this.cache.delete(hash);
    return n;
  }
}

// scrypt hash of a random string, used only to spend the same time on unknown users.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
