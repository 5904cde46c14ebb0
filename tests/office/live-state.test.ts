/**
 * The command bus keeps the office's live state, the outbox head and ticket numbers in
 * memory between commands. These tests hold it to the database: after every step of a
 * long random mix of commands (legal and refused), the state in memory equals the state
 * read afresh from the SQLite file, and so do the last ticket number memory holds for each
 * service and day and its outbox head (a skipped or repeated number or sequence fails);
 * a write the file refuses leaves both untouched.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import type { ServiceDto, TicketDto } from '@turnero/contract/dto';
import { loadQueueView, type QueueView } from '../../server/src/office/queue-view';
import { outboxHead } from '../../server/src/office/store/outbox-store';
import { lastTicketNumber } from '../../server/src/office/store/office-store';
import { login, request } from '../support/http';
import { startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

let office: InProcessOffice;
let supervisor: string;
let services: ServiceDto[];
const agents: { token: string; counterId: string }[] = [];

beforeAll(async () => {
  const dataDir = tempDataDir();
  office = await startInProcessOffice({ dataDir, env: { DEMO_PRINTER_URI: `file:${join(dataDir, 'printer.out')}` } });
  const sup = office.creds.users.find((u) => u.role === 'supervisor')!;
  supervisor = await login(office.url, sup.username, sup.password);
  services = (await request<ServiceDto[]>(office.url, 'GET', '/api/v1/services', { token: supervisor })).body;
  for (const u of office.creds.users.filter((x) => x.role === 'agent')) {
    agents.push({ token: await login(office.url, u.username, u.password), counterId: u.counterId! });
  }
});

afterAll(async () => {
  await office.stop();
});

/** The parts of a view that must match, as plain data (Maps and Dates made comparable). */
function comparable(v: QueueView) {
  return {
    office: v.office,
    services: v.services,
    counters: v.counters,
    waiting: v.waiting,
    active: [...v.active].sort((a, b) => a.id.localeCompare(b.id)),
    agentNames: [...v.agentNames].sort(),
    serviceSeconds: [...v.serviceSeconds].filter(([, s]) => s.length > 0).sort(),
  };
}

/** Memory's last ticket number per `serviceId|day` and outbox head, beside the file's. */
async function numberingInMemoryAndFile() {
  const { bus } = office.server.deps;
  return bus.read(async (db) => {
    const memory = bus.memory();
    const fileNumbers = new Map<string, number>();
    for (const key of memory.ticketNumbers.keys()) {
      const [serviceId, day] = key.split('|');
      fileNumbers.set(key, await lastTicketNumber(db, serviceId, day));
    }
    // The file's counters themselves agree with its tickets (the highest number given).
    const highest = await db.ticket.groupBy({ by: ['issuedServiceId', 'day'], _max: { number: true } });
    for (const h of highest) {
      assert.equal(await lastTicketNumber(db, h.issuedServiceId, h.day), h._max.number, `the file's counter of ${h.issuedServiceId}|${h.day}`);
    }
    return {
      memory: { outboxHead: memory.outboxHead, ticketNumbers: new Map(memory.ticketNumbers) },
      file: { outboxHead: memory.outboxHead === null ? null : await outboxHead(db), ticketNumbers: fileNumbers },
    };
  });
}

async function assertMemoryMatchesFile(step: string) {
  const { bus, clock } = office.server.deps;
  const [inMemory, fromFile] = await bus.read(async (db, view) => [await view(), await loadQueueView(db, clock.now())]);
  assert.deepEqual(comparable(inMemory), comparable(fromFile), `live state differs from the file after ${step}`);
  const { memory, file } = await numberingInMemoryAndFile();
  assert.deepEqual(memory, file, `numbering or outbox head in memory differs from the file after ${step}`);
}

/** mulberry32: a small seeded generator, so a failing sequence can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('after every one of 400 random commands, legal or refused, memory holds what the file holds', async () => {
  const next = random(20261128);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  const post = (path: string, token: string, body?: unknown) => request(office.url, 'POST', `/api/v1${path}`, { token, body });
  const queue = async () =>
    (await request<{ waiting: TicketDto[]; counters: { id: string; currentTicket: TicketDto | null }[] }>(office.url, 'GET', '/api/v1/queue', { token: supervisor })).body;

  for (const a of agents) assert.equal((await post(`/counters/${a.counterId}/sign-in`, a.token)).status, 200);
  const statuses = new Map<string, number>();
  for (let step = 0; step < 400; step++) {
    const agent = pick(agents);
    const q = await queue();
    const mine = q.counters.find((c) => c.id === agent.counterId)?.currentTicket ?? null;
    const roll = next();
    let action: string;
    let status: number;
    if (roll < 0.3) {
      action = 'issue';
      status = (await post('/tickets', office.creds.kioskToken, { serviceId: pick(services).id, category: next() < 0.2 ? 'preferential' : 'general', print: false })).status;
    } else if (roll < 0.5) {
      action = 'call-next';
      status = (await post(`/counters/${agent.counterId}/call-next`, agent.token)).status;
    } else if (roll < 0.75 && mine) {
      action = pick(['start', 'finish', 'no-show', 'recall', 'transfer']);
      const body = action === 'transfer' ? { toServiceId: pick(services).id } : undefined;
      status = (await post(`/tickets/${mine.id}/${action}`, agent.token, body)).status;
    } else if (roll < 0.82 && q.waiting.length > 0) {
      action = 'cancel';
      status = (await post(`/tickets/${pick(q.waiting).id}/cancel`, supervisor)).status;
    } else if (roll < 0.88) {
      action = pick(['pause', 'resume']);
      status = (await post(`/counters/${agent.counterId}/${action}`, agent.token, action === 'pause' ? { reason: 'lunch' } : undefined)).status;
    } else if (roll < 0.93) {
      action = pick(['sign-out', 'sign-in']);
      status = (await post(`/counters/${agent.counterId}/${action}`, agent.token)).status;
    } else {
      // Refused on purpose: a ticket that does not exist, an illegal transition.
      action = 'refused';
      status = (await post(`/tickets/${crypto.randomUUID()}/finish`, agent.token)).status;
    }
    assert.ok(status < 500, `step ${step} ${action} answered ${status}`);
    statuses.set(`${action} ${status}`, (statuses.get(`${action} ${status}`) ?? 0) + 1);
    await assertMemoryMatchesFile(`step ${step} (${action} -> ${status})`);
  }
  // The mix really exercised both sides: successes and refusals of the busy commands.
  for (const expected of ['issue 201', 'call-next 200', 'start 200', 'finish 200', 'refused 404']) {
    assert.ok((statuses.get(expected) ?? 0) > 0, `no "${expected}" in ${[...statuses.keys()].join(', ')}`);
  }
  assert.ok([...statuses.keys()].some((k) => k.endsWith(' 409')), 'no illegal transition was tried');
  // The numbering comparison was not empty: memory held numbers and an outbox head.
  const { memory } = await numberingInMemoryAndFile();
  assert.ok(memory.ticketNumbers.size > 0 && memory.outboxHead !== null, 'memory held no numbering to compare');
});

test('a write the file refuses changes nothing, and the next commands carry on from the file', async () => {
  const { bus, clock } = office.server.deps;
  const service = services[0];
  const issue = () => request<TicketDto>(office.url, 'POST', '/api/v1/tickets', { token: office.creds.kioskToken, body: { serviceId: service.id, print: false } });
  const first = await issue();
  assert.equal(first.status, 201);
  // Another writer (say, a restore run by hand) takes the next number behind the server's back.
  await bus.command('test-foreign-ticket', async ({ tx }) => {
    await tx.ticket.create({
      data: {
        id: crypto.randomUUID(),
        serviceId: service.id,
        issuedServiceId: service.id,
        category: 'general',
        day: first.body.day,
        number: first.body.number + 1,
        code: `${service.prefix}-X`,
        status: 'cancelled',
        issuedAt: clock.now(),
      },
    });
    await tx.ticketCounter.update({
      where: { serviceId_day: { serviceId: service.id, day: first.body.day } },
      data: { value: first.body.number + 1 },
    });
  });
  const counts = () =>
    bus.read(async (db) => ({ events: await db.ticketEvent.count(), outbox: await db.outboxEvent.count(), tickets: await db.ticket.count() }));
  const before = await counts();
  const refused = await issue();
  assert.equal(refused.status, 500, 'the number memory gave was taken: the unique index refuses the ticket');
  assert.deepEqual(await counts(), before, 'nothing of the refused command was written');

  const again = await issue();
  assert.equal(again.status, 201);
  assert.equal(again.body.number, first.body.number + 2, 'numbering carries on from the file');
  await assertMemoryMatchesFile('the refused write');
  const seqs = await bus.read((db) => db.outboxEvent.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } }));
  assert.deepEqual(
    seqs.map((r) => r.seq),
    seqs.map((_, i) => i + 1),
    'the outbox sequence has no gap and no repeat',
  );
});
