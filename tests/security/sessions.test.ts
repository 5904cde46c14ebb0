/**
 * Sessions end when they should (issue 11.1), on a real office (in this process, so the
 * clock can move) with real socket.io-client sockets. For every path that ends a session
 * — logout, user deactivated, password changed, role changed, device token rotated or
 * revoked, device deactivated, token expiry — the open socket hears `session:ended` with
 * its reason and is disconnected within a second, a reconnect with the old token is
 * refused, REST answers 401, and the sessions the action does not concern stay open.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { QueueSnapshot } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, type InProcessOffice } from '../support/office';
import { command, connect, type OfficeSocket } from '../office/sockets';

const ENDED_WITHIN_MS = 1000;
const TTL_HOURS = 12;

let office: InProcessOffice;
let admin: string;
const clock = new FakeClock(new Date());
const sockets: OfficeSocket[] = [];

beforeAll(async () => {
  office = await startInProcessOffice({ clock, env: { TOKEN_TTL_HOURS: String(TTL_HOURS) } });
  admin = await signIn('admin');
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await office?.stop();
});

function password(username: string): string {
  const user = office.creds.users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.password;
}

const signIn = (username: string) => login(office.url, username, password(username));
const me = (token: string) => request(office.url, 'GET', '/api/v1/me', { token });
const asAdmin = (method: string, path: string, body?: unknown) => request(office.url, method, `/api/v1${path}`, { token: admin, body });

async function open(token: string): Promise<OfficeSocket> {
  const socket = await connect(office.url, { token });
  sockets.push(socket);
  const snapshot = await command<QueueSnapshot>(socket, 'snapshot:get');
  assert.ok(snapshot.data, `a fresh session answers snapshot:get: ${JSON.stringify(snapshot.error)}`);
  return socket;
}

async function userId(username: string): Promise<string> {
  const users = (await asAdmin('GET', '/admin/users')).body as { id: string; username: string }[];
  return users.find((u) => u.username === username)!.id;
}

/** Starts watching a socket before the action: what it heard and when it was disconnected. */
function watchEnd(socket: OfficeSocket): () => Promise<{ reason: string | null; afterMs: number }> {
  let heard: string | null = null;
  socket.on('session:ended' as never, ((e: { reason: string }) => (heard = e.reason)) as never);
  const disconnected = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(Date.now())));
  return async () => {
    const actionDone = Date.now();
    const at = await Promise.race([disconnected, new Promise<null>((r) => setTimeout(() => r(null), ENDED_WITHIN_MS))]);
    assert.ok(at !== null, `the socket is still connected ${ENDED_WITHIN_MS} ms after the session ended`);
    return { reason: heard, afterMs: Math.max(0, at - actionDone) };
  };
}

/** The old token is dead everywhere: REST answers 401 and a new socket is refused. */
async function assertTokenDead(token: string): Promise<void> {
  assert.equal((await me(token)).status, 401, 'REST with the old token');
  await assert.rejects(connect(office.url, { token }), /unauthenticated/, 'a reconnect with the old token');
}

async function assertStillOpen(socket: OfficeSocket, token: string, who: string): Promise<void> {
  assert.ok(socket.connected, `${who}'s socket stays connected`);
  const r = await command<QueueSnapshot>(socket, 'snapshot:get');
  assert.ok(r.data, `${who}'s socket still answers: ${JSON.stringify(r.error)}`);
  assert.equal((await me(token)).status, 200, `${who}'s token still works over REST`);
}

test('logout ends that token\'s socket, not the same user\'s other session', async () => {
  const token = await signIn('asesor1');
  const otherTab = await signIn('asesor1');
  const socket = await open(token);
  const otherSocket = await open(otherTab);
  const ended = watchEnd(socket);
  assert.equal((await request(office.url, 'POST', '/api/v1/auth/logout', { token })).status, 204);
  const { reason } = await ended();
  assert.equal(reason, 'logout');
  await assertTokenDead(token);
  await assertStillOpen(otherSocket, otherTab, 'the other tab');
});

test('deactivating a user ends every session of theirs at once', async () => {
  const [first, second] = [await signIn('asesor2'), await signIn('asesor2')];
  const sockets = [await open(first), await open(second)];
  const bystander = await signIn('asesor6');
  const bystanderSocket = await open(bystander);
  const ended = sockets.map(watchEnd);
  assert.equal((await asAdmin('PATCH', `/admin/users/${await userId('asesor2')}`, { active: false })).status, 200);
  for (const wait of ended) assert.equal((await wait()).reason, 'revoked');
  await assertTokenDead(first);
  await assertTokenDead(second);
  await assertStillOpen(bystanderSocket, bystander, 'another agent');
});

test('a password reset ends the user\'s sessions; the new password signs in again', async () => {
  const token = await signIn('asesor3');
  const ended = watchEnd(await open(token));
  const fresh = 'a-brand-new-passphrase';
  assert.equal((await asAdmin('PATCH', `/admin/users/${await userId('asesor3')}`, { password: fresh })).status, 200);
  assert.equal((await ended()).reason, 'revoked');
  await assertTokenDead(token);
  await open(await login(office.url, 'asesor3', fresh));
});

test('a role change ends the user\'s sessions (their token carried the old role)', async () => {
  const token = await signIn('asesor4');
  const ended = watchEnd(await open(token));
  assert.equal((await asAdmin('PATCH', `/admin/users/${await userId('asesor4')}`, { role: 'supervisor' })).status, 200);
  assert.equal((await ended()).reason, 'revoked');
  await assertTokenDead(token);
});

test('rotating a kiosk token ends the kiosk\'s open socket; the new token connects', async () => {
  const old = office.creds.kioskToken;
  const ended = watchEnd(await open(old));
  const display = await open(office.creds.displayToken);
  const r = await asAdmin('POST', `/admin/devices/${office.creds.kioskId}/token`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await ended()).reason, 'revoked');
  await assertTokenDead(old);
  // A kiosk's REST command with the old token is refused too.
  const issue = await request(office.url, 'POST', '/api/v1/tickets', { token: old, body: { serviceId: 'x', category: 'general', print: false } });
  assert.equal(issue.status, 401);
  await open((r.body as { token: string }).token);
  await assertStillOpen(display, office.creds.displayToken, 'the display');
});

test('revoking a display\'s tokens ends its socket', async () => {
  const token = office.creds.displayToken;
  const ended = watchEnd(await open(token));
  assert.equal((await asAdmin('DELETE', `/admin/devices/${office.creds.displayId}/token`)).status, 200);
  assert.equal((await ended()).reason, 'revoked');
  await assertTokenDead(token);
});

test('deactivating a device ends its socket', async () => {
  const created = await asAdmin('POST', '/admin/devices', { kind: 'display', name: 'Pantalla de prueba' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { device, token } = created.body as { device: { id: string }; token: string };
  const ended = watchEnd(await open(token));
  assert.equal((await asAdmin('PATCH', `/admin/devices/${device.id}`, { active: false })).status, 200);
  assert.equal((await ended()).reason, 'revoked');
  await assertTokenDead(token);
});

test('a staff token ends when it expires, on the open socket and over REST', async () => {
  const token = await signIn('asesor5');
  const socket = await open(token);
  const ended = watchEnd(socket);
  // A minute before expiry everything still works.
  clock.advance(TTL_HOURS * 3_600_000 - 60_000);
  await assertStillOpen(socket, token, 'a session a minute before expiry');
  const lateLogin = await signIn('asesor6');
  clock.advance(60_000);
  assert.equal((await ended()).reason, 'expired');
  await assertTokenDead(token);
  // A token signed in later keeps its own, later expiry.
  assert.equal((await me(lateLogin)).status, 200);
});
