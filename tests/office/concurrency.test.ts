/**
 * Concurrency against a real office process: three kiosks issue 300 tickets with every
 * request in flight at once (codes unique and gapless per service), then six agents call
 * at once, repeatedly, each at their own pace (no ticket is ever called twice).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { CallResultDto, TicketDto } from '@turnero/contract/dto';
import { request } from '../support/http';
import { closeOffice, expectStatus, openOffice, signIn, type OfficeSession } from './helpers';

let s: OfficeSession;
const issued: TicketDto[] = [];

beforeAll(async () => {
  s = await openOffice();
});

afterAll(async () => {
  await closeOffice(s);
});

async function newKiosk(name: string): Promise<string> {
  const r = expectStatus(
    await request(s.url, 'POST', '/api/v1/admin/devices', { token: s.admin, body: { kind: 'kiosk', name } }),
    201,
    'create kiosk',
  );
  assert.equal(r.body.device.kind, 'kiosk');
  return r.body.token;
}

test('3 kiosks issue 300 tickets at once: all 201, codes unique and gapless per service', async () => {
  const kiosks = [s.kiosk, await newKiosk('Kiosco norte'), await newKiosk('Kiosco sur')];
  const prefixes = ['A', 'B', 'C', 'D'];
  // Build every request first, then let all 300 go together.
  const sends = Array.from({ length: 300 }, (_, i) => {
    const kiosk = kiosks[i % 3];
    const prefix = prefixes[(i * 7) % 4];
    return () =>
      request<TicketDto>(s.url, 'POST', '/api/v1/tickets', {
        token: kiosk,
        body: { serviceId: s.services[prefix].id, category: i % 5 === 0 ? 'preferential' : 'general' },
        headers: { 'Idempotency-Key': `burst-${i}` },
      });
  });
  const results = await Promise.all(sends.map((send) => send()));
  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  assert.deepEqual([...statuses], [[201, 300]], `statuses: ${JSON.stringify([...statuses])}`);
  issued.push(...results.map((r) => r.body));

  const codes = issued.map((t) => t.code);
  assert.equal(new Set(codes).size, 300, 'duplicate codes');
  assert.equal(new Set(issued.map((t) => t.id)).size, 300, 'duplicate ids');
  for (const prefix of prefixes) {
    const mine = issued.filter((t) => t.serviceId === s.services[prefix].id);
    const numbers = mine.map((t) => t.number).sort((x, y) => x - y);
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1), `${prefix} numbering has gaps or duplicates`);
    for (const t of mine) assert.equal(t.code, `${prefix}-${String(t.number).padStart(3, '0')}`);
  }
  // The server agrees: all 300 are waiting.
  const q = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
  assert.equal(q.waiting.length, 300);
  assert.deepEqual(new Set(q.waiting.map((t: TicketDto) => t.id)), new Set(issued.map((t) => t.id)));
});

test('6 agents calling at once, repeatedly, never get the same ticket', async () => {
  assert.equal(issued.length, 300, 'needs the tickets of the previous test');
  await Promise.all(s.agents.map((a) => signIn(s, a)));
  const calledBy = new Map<string, string>();
  const duplicates: string[] = [];

  /** One agent: call, start, finish, again, until nothing waits for their counter. */
  async function work(agent: OfficeSession['agents'][number]): Promise<number> {
    let served = 0;
    // Bounded: more calls than tickets issued means the office called something twice.
    for (let calls = 0; calls <= issued.length; calls++) {
      const call = await request<CallResultDto>(s.url, 'POST', `/api/v1/counters/${agent.counterId}/call-next`, {
        token: agent.token,
      });
      if (call.status === 204) return served;
      expectStatus(call, 200, `call-next by ${agent.username}`);
      const id = call.body.ticket.id;
      if (calledBy.has(id)) duplicates.push(`${call.body.ticket.code}: ${calledBy.get(id)} and ${agent.username}`);
      calledBy.set(id, agent.username);
      assert.equal(call.body.ticket.counterId, agent.counterId);
      expectStatus(await request(s.url, 'POST', `/api/v1/tickets/${id}/start`, { token: agent.token }), 200, 'start');
      expectStatus(await request(s.url, 'POST', `/api/v1/tickets/${id}/finish`, { token: agent.token }), 200, 'finish');
      served += 1;
    }
    throw new Error(`${agent.username} made more calls than there are tickets`);
  }

  const perAgent = await Promise.all(s.agents.map(work));
  assert.deepEqual(duplicates, []);
  assert.equal(calledBy.size, 300, `called ${calledBy.size} of 300`);
  assert.equal(perAgent.reduce((a, b) => a + b, 0), 300);
  assert.ok(perAgent.filter((n) => n > 0).length >= 3, `work was not shared: ${perAgent}`);

  // The event log agrees: 300 served, nobody waiting, no ticket left open.
  const stats = expectStatus(await request(s.url, 'GET', '/api/v1/stats/today', { token: s.supervisor }), 200).body;
  assert.equal(stats.totals.issued, 300);
  assert.equal(stats.totals.served, 300);
  assert.equal(stats.totals.waiting, 0);
  const q = expectStatus(await request(s.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
  assert.equal(q.waiting.length, 0);
  assert.ok(q.counters.every((c: { currentTicket: unknown }) => c.currentTicket === null));
});

test('the server logged no errors under load', () => {
  assert.deepEqual(s.serverErrors, []);
});
