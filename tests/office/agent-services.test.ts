/**
 * "Pick a counter (and the services it serves if the office allows)": agents may change
 * the services of the counter they sit at only when the office allows it; supervisors
 * always may; nobody changes another agent's counter.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';

let office: TestOffice;
let agent1: string;
let agent2: string;
let supervisor: string;
let counter1: string;
let counter2: string;
let serviceIds: string[];

beforeAll(async () => {
  office = await startTestOffice();
  const users = office.creds.users;
  const a1 = users.find((u) => u.username === 'asesor1')!;
  const a2 = users.find((u) => u.username === 'asesor2')!;
  const sup = users.find((u) => u.role === 'supervisor')!;
  [agent1, agent2, supervisor] = await Promise.all([
    login(office.url, a1.username, a1.password),
    login(office.url, a2.username, a2.password),
    login(office.url, sup.username, sup.password),
  ]);
  counter1 = a1.counterId!;
  counter2 = a2.counterId!;
  for (const [token, counter] of [[agent1, counter1], [agent2, counter2]]) {
    const r = await request(office.url, 'POST', `/api/v1/counters/${counter}/sign-in`, { token });
    assert.equal(r.status, 200);
  }
  serviceIds = (await request(office.url, 'GET', '/api/v1/services', { token: agent1 })).body.map((s: { id: string }) => s.id);
});

afterAll(async () => {
  await office.stop();
  office.cleanup();
});

const put = (token: string, counterId: string, ids: string[]) =>
  request(office.url, 'PUT', `/api/v1/counters/${counterId}/services`, {
    token,
    body: { services: ids.map((serviceId) => ({ serviceId, weight: 1 })) },
  });

test('the demo office lets agents choose and says so in the snapshot', async () => {
  const snap = await request(office.url, 'GET', '/api/v1/queue', { token: agent1 });
  assert.equal(snap.body.office.agentsChooseServices, true);
});

test('an agent changes the services of their own counter when the office allows it', async () => {
  const r = await put(agent1, counter1, [serviceIds[2]]);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.services.map((s: { serviceId: string }) => s.serviceId), [serviceIds[2]]);
});

test("an agent never changes another agent's counter", async () => {
  const before = await request(office.url, 'GET', '/api/v1/counters', { token: supervisor });
  const r = await put(agent1, counter2, [serviceIds[0]]);
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'forbidden');
  const afterward = await request(office.url, 'GET', '/api/v1/counters', { token: supervisor });
  assert.deepEqual(afterward.body, before.body);
});

test('when the office does not allow it, only supervisors change services', async () => {
  const off = await request(office.url, 'PATCH', '/api/v1/office', { token: supervisor, body: { agentsChooseServices: false } });
  assert.equal(off.status, 200);
  assert.equal(off.body.agentsChooseServices, false);
  const refused = await put(agent1, counter1, [serviceIds[0]]);
  assert.equal(refused.status, 403);
  const bySupervisor = await put(supervisor, counter1, [serviceIds[0], serviceIds[1]]);
  assert.equal(bySupervisor.status, 200);
  assert.equal(bySupervisor.body.services.length, 2);
});
