/**
 * The office's session registry on its own, with a fake clock: what every socket command
 * asks (isLive) follows the token's state at that instant, not at the handshake, and a
 * database read that raced with a revocation cannot bring the session back. And the
 * registry hears of every revocation: only the auth service writes them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'vitest';
import type { SessionEndReason } from '@turnero/contract/realtime';
import { SessionRegistry } from '../../server/src/office/auth/session-registry';
import type { Principal } from '../../server/src/office/context';
import { FakeClock, REPO_ROOT } from '../support/office';

const clock = new FakeClock(new Date('2026-03-02T15:00:00Z'));
const registry = new SessionRegistry(clock);
afterEach(() => registry.close());

const agent = (id: string, tokenId: string): Principal => ({ id, role: 'agent', name: id, tokenId, deviceId: null });
const inOneHour = () => new Date(clock.now().getTime() + 3_600_000);

function socketLog(hash: string): SessionEndReason[] {
  const ended: SessionEndReason[] = [];
  registry.attach(hash, (reason) => ended.push(reason));
  return ended;
}

test('an expired token is not live the instant the clock passes its expiry, before any timer runs', () => {
  assert.ok(registry.remember('h-exp', agent('u1', 't1'), inOneHour(), registry.revision));
  const ended = socketLog('h-exp');
  clock.advance(3_600_000 - 1);
  assert.equal(registry.isLive('h-exp'), true);
  clock.advance(1);
  assert.equal(registry.isLive('h-exp'), false);
  assert.deepEqual(ended, ['expired']);
  assert.equal(registry.principalOf('h-exp'), null);
});

test('the expiry timer ends a socket whose token expires while it sends nothing', async () => {
  assert.ok(registry.remember('h-idle', agent('u2', 't2'), inOneHour(), registry.revision));
  const ended = socketLog('h-idle');
  clock.advance(3_600_000);
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(ended, ['expired']);
});

test('ending a principal ends each of its tokens and no one else\'s', () => {
  const revision = registry.revision;
  registry.remember('h-a1', agent('a', 'ta1'), null, revision);
  registry.remember('h-a2', agent('a', 'ta2'), null, revision);
  registry.remember('h-b', agent('b', 'tb'), null, revision);
  const [a1, a2, b] = ['h-a1', 'h-a2', 'h-b'].map(socketLog);
  registry.endPrincipal('a', 'revoked');
  assert.deepEqual([a1, a2, b], [['revoked'], ['revoked'], []]);
  assert.deepEqual(['h-a1', 'h-a2', 'h-b'].map((h) => registry.isLive(h)), [false, false, true]);
});

test('a lookup that read the database before a logout cannot revive the session', () => {
  registry.remember('h-race', agent('c', 'tc'), null, registry.revision);
  const before = registry.revision; // a request starts reading the token's row...
  registry.endToken('h-race', 'logout'); // ...the logout commits meanwhile
  assert.equal(registry.remember('h-race', agent('c', 'tc'), null, before), false);
  assert.equal(registry.isLive('h-race'), false);
  const ended: SessionEndReason[] = [];
  registry.attach('h-race', (reason) => ended.push(reason));
  assert.deepEqual(ended, ['revoked'], 'a socket attached to a dead token is ended at once');
});

/** Every server source file (generated Prisma clients aside), with its text. */
function serverSources(): { file: string; text: string }[] {
  const root = join(REPO_ROOT, 'server/src');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.includes('generated'))
    .map((f) => ({ file: f, text: readFileSync(join(root, f), 'utf8') }));
}

test('only the auth service revokes office tokens, so every revocation reaches the registry', () => {
  const sources = serverSources();
  const tokenWriters = sources.filter((s) => /authToken\.(update|updateMany|delete|deleteMany|upsert)\b/.test(s.text)).map((s) => s.file);
  // Housekeeping deletes only rows that are already dead (expired or revoked a day ago):
  // no live session can end there, so the registry has nothing to hear.
  assert.deepEqual(tokenWriters.sort(), ['office/store/auth-store.ts', 'office/store/housekeeping-store.ts'], 'files that change office token rows');
  const housekeeping = sources.find((s) => s.file === 'office/store/housekeeping-store.ts')!.text;
  const purges = housekeeping.match(/authToken\.\w+\([^;]*\)/g) ?? [];
  assert.ok(purges.length > 0 && purges.every((p) => p.startsWith('authToken.deleteMany') && /expiresAt: \{ lt/.test(p) && /revokedAt: \{ lt/.test(p)),
    `housekeeping touches only dead tokens: ${purges.join(' | ')}`);
  const revokers = sources.filter((s) => /\b(revokeTokenByHash|revokeTokensOf)\b/.test(s.text)).map((s) => s.file).sort();
  assert.deepEqual(revokers, ['office/auth/auth-service.ts', 'office/link/apply-message.ts', 'office/store/auth-store.ts'], 'files that use the revocation writes');
  // Head office's roster revokes a disabled person's tokens in the transaction that applies it
  // (atomic with the deactivation), then tells the registry through the auth service.
  const roster = sources.find((s) => s.file === 'office/link/apply-message.ts')!.text;
  assert.match(roster, /auth\.revokeAllFor\(/, 'the roster applier ends the live sessions of those it revoked');
});
