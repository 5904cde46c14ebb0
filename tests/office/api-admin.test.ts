/**
 * The admin pages' REST API against a real server process: services, counters, users and
 * devices are created and edited through it; a taken name is 409 and an unknown id 404,
 * with nothing changed; deactivating, demoting or resetting a user and revoking or
 * rotating a device's token end their sessions at once; the live state shows an edit at
 * once (the command bus drops its cached view after an admin change).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { login, request } from '../support/http';
import { apiSession } from './api-helpers';
import { closeOffice, expectStatus, openOffice, type OfficeSession } from './helpers';

let s: OfficeSession;
const { a, refused } = apiSession(() => s);

beforeAll(async () => {
  s = await openOffice();
});

afterAll(async () => {
  await closeOffice(s);
});

const admin = (method: string, path: string, body?: unknown) =>
  request(s.url, method, `/api/v1/admin${path}`, { token: s.admin, body });

/** A refusal that also leaves the admin list it touches as it was. */
async function refusedAdmin(list: string, status: number, code: string, send: () => Promise<{ status: number; body: any }>) {
  const before = JSON.stringify(expectStatus(await admin('GET', list), 200).body);
  await refused(status, code, send);
  assert.equal(JSON.stringify(expectStatus(await admin('GET', list), 200).body), before, `${list} changed`);
}

describe('services', () => {
  test('an admin creates and edits a service; a taken prefix is 409, an unknown id 404', async () => {
    const created = expectStatus(await admin('POST', '/services', { nameEs: 'Pagos en línea', nameEn: 'Online payments', prefix: 'P' }), 201).body;
    assert.equal(created.prefix, 'P');
    assert.equal(created.name, 'Pagos en línea');
    assert.equal(created.targetWaitMinutes, 15);
    assert.equal(created.active, true);

    const listed = expectStatus(await request(s.url, 'GET', '/api/v1/services', { token: s.kiosk }), 200).body;
    assert.ok(listed.some((x: { id: string }) => x.id === created.id), 'new service not offered');

    const edited = expectStatus(await admin('PATCH', `/services/${created.id}`, { targetWaitMinutes: 30, color: '#123456' }), 200).body;
    assert.equal(edited.targetWaitMinutes, 30);
    assert.equal(edited.color, '#123456');
    // A patch changes only what it names: the wait target and colour stay.
    const off = expectStatus(await admin('PATCH', `/services/${created.id}`, { active: false }), 200).body;
    assert.deepEqual({ ...off, active: true }, edited);

    await refusedAdmin('/services', 409, 'conflict', () => admin('POST', '/services', { nameEs: 'Otro', nameEn: 'Other', prefix: 'A' }));
    await refusedAdmin('/services', 404, 'not_found', () => admin('PATCH', '/services/no-such-service', { targetWaitMinutes: 5 }));
    await refusedAdmin('/services', 400, 'validation_failed', () => admin('POST', '/services', { nameEs: 'x', nameEn: 'x', prefix: 'p1' }));
  });
});

describe('counters', () => {
  test('an admin creates a counter with its services and renames it; a taken name is 409', async () => {
    const created = expectStatus(
      await admin('POST', '/counters', { name: 'Módulo 7', services: [{ serviceId: s.services.A.id, weight: 2 }] }),
      201,
    ).body;
    assert.deepEqual(Object.keys(created).sort(), ['active', 'id', 'name']);
    assert.equal(created.name, 'Módulo 7');
    const live = expectStatus(await request(s.url, 'GET', '/api/v1/counters', { token: s.supervisor }), 200).body;
    const seven = live.find((c: { id: string }) => c.id === created.id);
    assert.ok(seven, 'new counter missing from the live state');
    assert.deepEqual(seven.services, [{ serviceId: s.services.A.id, weight: 2 }]);

    const renamed = expectStatus(await admin('PATCH', `/counters/${created.id}`, { name: 'Módulo 7B' }), 200).body;
    assert.equal(renamed.name, 'Módulo 7B');
    const listed = expectStatus(await admin('GET', '/counters'), 200).body;
    assert.ok(listed.some((c: { id: string; name: string }) => c.id === created.id && c.name === 'Módulo 7B'));

    await refusedAdmin('/counters', 409, 'conflict', () => admin('POST', '/counters', { name: 'Módulo 1' }));
    await refusedAdmin('/counters', 409, 'conflict', () => admin('PATCH', `/counters/${created.id}`, { name: 'Módulo 2' }));
    await refusedAdmin('/counters', 404, 'not_found', () => admin('PATCH', '/counters/no-such-counter', { active: false }));
  });
});

describe('users', () => {
  test('a created user logs in; a taken username is 409; no password hash is ever returned', async () => {
    const created = expectStatus(
      await admin('POST', '/users', { username: 'asesor9', displayName: 'Nueva Asesora', role: 'agent', password: 'una-clave-larga-1' }),
      201,
    ).body;
    assert.equal(created.username, 'asesor9');
    assert.equal(created.role, 'agent');
    assert.equal(created.active, true);
    const all = expectStatus(await admin('GET', '/users'), 200).body;
    assert.ok(!JSON.stringify(all).includes('scrypt'), 'a password hash left the server');
    const token = await login(s.url, 'asesor9', 'una-clave-larga-1');
    assert.equal(expectStatus(await request(s.url, 'GET', '/api/v1/me', { token }), 200).body.name, 'Nueva Asesora');

    await refusedAdmin('/users', 409, 'conflict', () =>
      admin('POST', '/users', { username: 'asesor9', displayName: 'Otra', role: 'agent', password: 'otra-clave-larga-2' }),
    );
    await refusedAdmin('/users', 404, 'not_found', () => admin('PATCH', '/users/no-such-user', { displayName: 'x' }));
  });

  test("a renamed agent's new name shows in the live state at once", async () => {
    const agent = (await (await admin('GET', '/users')).body).find((u: { username: string }) => u.username === a(3).username);
    await request(s.url, 'POST', `/api/v1/counters/${a(3).counterId}/sign-in`, { token: a(3).token });
    const before = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
    assert.equal(before.counters.find((c: { id: string }) => c.id === a(3).counterId).agentName, agent.displayName);
    expectStatus(await admin('PATCH', `/users/${agent.id}`, { displayName: 'Luisa M. Renombrada' }), 200);
    const after = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
    assert.equal(after.counters.find((c: { id: string }) => c.id === a(3).counterId).agentName, 'Luisa M. Renombrada');
  });

  test('deactivating or resetting a user ends their sessions; an admin cannot demote themself', async () => {
    const users = expectStatus(await admin('GET', '/users'), 200).body;
    const id = (username: string) => users.find((u: { username: string }) => u.username === username).id;
    const token = await login(s.url, 'asesor9', 'una-clave-larga-1');
    expectStatus(await admin('PATCH', `/users/${id('asesor9')}`, { password: 'clave-nueva-larga-3' }), 200);
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token })).status, 401, 'old session survived a password reset');
    const fresh = await login(s.url, 'asesor9', 'clave-nueva-larga-3');
    expectStatus(await admin('PATCH', `/users/${id('asesor9')}`, { active: false }), 200);
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: fresh })).status, 401, 'session survived deactivation');
    const again = await request(s.url, 'POST', '/api/v1/auth/login', { body: { username: 'asesor9', password: 'clave-nueva-larga-3' } });
    assert.equal(again.status, 401);

    await refusedAdmin('/users', 409, 'conflict', () => admin('PATCH', `/users/${id('admin')}`, { role: 'agent' }));
    await refusedAdmin('/users', 409, 'conflict', () => admin('PATCH', `/users/${id('admin')}`, { active: false }));
    expectStatus(await request(s.url, 'GET', '/api/v1/me', { token: s.admin }), 200);
  });
});

describe('devices', () => {
  test("a registered display's token works; rotating it stops the old one; revoking stops all", async () => {
    const created = expectStatus(await admin('POST', '/devices', { kind: 'display', name: 'Pantalla segundo piso', serviceIds: [s.services.B.id] }), 201).body;
    assert.equal(created.device.kind, 'display');
    assert.deepEqual(created.device.serviceIds, [s.services.B.id]);
    assert.deepEqual(created.device.counterIds, []);
    const first = created.token;
    assert.equal(expectStatus(await request(s.url, 'GET', '/api/v1/me', { token: first }), 200).body.role, 'display');

    const rotated = expectStatus(await admin('POST', `/devices/${created.device.id}/token`), 200).body.token;
    assert.notEqual(rotated, first);
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: first })).status, 401, 'old token still works');
    expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: rotated }), 200);

    const revoked = expectStatus(await admin('DELETE', `/devices/${created.device.id}/token`), 200).body;
    assert.equal(revoked.revoked, 1);
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: rotated })).status, 401, 'revoked token still works');

    const edited = expectStatus(await admin('PATCH', `/devices/${created.device.id}`, { name: 'Pantalla 2º piso', counterIds: [a(1).counterId] }), 200).body;
    assert.equal(edited.name, 'Pantalla 2º piso');
    assert.deepEqual(edited.serviceIds, [s.services.B.id]);
    assert.deepEqual(edited.counterIds, [a(1).counterId]);
  });

  test('deactivating a device ends its sessions; a taken name is 409; an unknown device 404', async () => {
    const created = expectStatus(await admin('POST', '/devices', { kind: 'kiosk', name: 'Dispensador lateral' }), 201).body;
    expectStatus(await admin('PATCH', `/devices/${created.device.id}`, { active: false }), 200);
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: created.token })).status, 401);

    await refusedAdmin('/devices', 409, 'conflict', () => admin('POST', '/devices', { kind: 'kiosk', name: 'Dispensador lateral' }));
    await refusedAdmin('/devices', 404, 'not_found', () => admin('POST', '/devices/no-such-device/token'));
    await refusedAdmin('/devices', 404, 'not_found', () => admin('DELETE', '/devices/no-such-device/token'));
    await refusedAdmin('/devices', 404, 'not_found', () => admin('PATCH', '/devices/no-such-device', { name: 'x' }));
  });
});

test('GET /me gives an agent the counter assigned to them, a device none', async () => {
  assert.equal(expectStatus(await request(s.url, 'GET', '/api/v1/me', { token: a(4).token }), 200).body.counterId, a(4).counterId);
  assert.equal(expectStatus(await request(s.url, 'GET', '/api/v1/me', { token: s.kiosk }), 200).body.counterId, null);
});

test('GET /sync shows the outbox waiting for head office (no link configured)', async () => {
  const sync = expectStatus(await request(s.url, 'GET', '/api/v1/sync', { token: s.supervisor }), 200).body;
  assert.equal(sync.enabled, false);
  assert.equal(sync.lastSentSeq, 0);
  // The sign-in above is an outbox fact: it waits, unsent.
  assert.ok(sync.headSeq >= 1, `headSeq ${sync.headSeq}`);
  assert.equal(sync.pendingEvents, sync.headSeq);
});

test('no request above made the server log an error', () => {
  assert.deepEqual(s.serverErrors, []);
});
