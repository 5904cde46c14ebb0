/**
 * How customers felt, on the office API (issue 15): POST /api/v1/public/tickets/:id/rating
 * answers 201 once, 409 already_rated after, 409 not_finished before the service finished,
 * 404 for an unknown ticket; the comment is stored scrubbed; the rating goes to head
 * office's outbox without the comment. A survey tablet rates only its own counter's last
 * finished ticket and is offered it for a minute; agents read their own ratings and
 * supervisors the office's. A fake clock moves the survey's minute.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { ServiceDto, TicketDto } from '@turnero/contract/dto';
import type { OutboxEnvelope } from '@turnero/contract/outbox';
import { RatingDto, RatingSummary, SurveyPending } from '@turnero/contract/ratings';
import { SCRUBBED } from '@turnero/domain/scrub';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, type InProcessOffice } from '../support/office';

let office: InProcessOffice;
let clock: FakeClock;
let kiosk: string;
let supervisor: string;
let admin: string;
const agents: { token: string; counterId: string }[] = [];
let services: Record<string, ServiceDto>;
let surveyToken: string;

const rate = (ticketId: string, body: unknown, token?: string) =>
  request(office.url, 'POST', `/api/v1/public/tickets/${encodeURIComponent(ticketId)}/rating`, { body, token });

async function ok<T = unknown>(method: string, path: string, token: string, body?: unknown, status = 200): Promise<T> {
  const r = await request<T>(office.url, method, `/api/v1${path}`, { token, body });
  assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A ticket of `prefix` called, started and finished at agent i's counter. */
async function served(i: number, prefix = 'A', finish = true): Promise<TicketDto> {
  const t = await ok<TicketDto>('POST', '/tickets', kiosk, { serviceId: services[prefix].id, print: false }, 201);
  await ok('POST', `/tickets/${t.id}/call`, agents[i].token, { counterId: agents[i].counterId });
  await ok('POST', `/tickets/${t.id}/start`, agents[i].token);
  if (finish) await ok('POST', `/tickets/${t.id}/finish`, agents[i].token, {});
  return t;
}

const storedRating = (ticketId: string) => office.server.deps.bus.read((db) => db.rating.findUnique({ where: { ticketId } }));
const ratingFacts = async () =>
  (await office.server.deps.bus.read((db) => db.outboxEvent.findMany({ where: { type: 'rating' }, orderBy: { seq: 'asc' } }))).map(
    (r) => JSON.parse(r.payload) as OutboxEnvelope['fact'],
  );

beforeAll(async () => {
  // 10:00 in Bogotá on a Tuesday: the demo office is open.
  clock = new FakeClock(new Date('2026-11-24T15:00:00Z'));
  office = await startInProcessOffice({ clock });
  kiosk = office.creds.kioskToken;
  const user = (name: string) => office.creds.users.find((u) => u.username === name)!;
  supervisor = await login(office.url, user('supervisor').username, user('supervisor').password);
  admin = await login(office.url, office.creds.users.find((u) => u.role === 'admin')!.username, office.creds.users.find((u) => u.role === 'admin')!.password);
  for (const name of ['asesor1', 'asesor2']) {
    const u = user(name);
    agents.push({ token: await login(office.url, u.username, u.password), counterId: u.counterId! });
    await ok('POST', `/counters/${u.counterId}/sign-in`, agents[agents.length - 1].token);
  }
  const list = await ok<ServiceDto[]>('GET', '/services', kiosk);
  services = Object.fromEntries(list.map((s) => [s.prefix, s]));
  const created = await ok<{ token: string }>(
    'POST',
    '/admin/devices',
    admin,
    { kind: 'survey', name: 'Encuesta módulo 1', counterIds: [agents[0].counterId] },
    201,
  );
  surveyToken = created.token;
});

afterAll(async () => {
  await office?.stop();
});

describe('rating a ticket from its live page', () => {
  test('an unknown ticket is 404 and a ticket still being served is 409 not_finished; neither stores anything', async () => {
    const unknown = await rate('no-such-ticket', { score: 5 });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'not_found');
    const t = await served(0, 'A', false);
    const early = await rate(t.id, { score: 4 });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'not_finished');
    assert.equal(await storedRating(t.id), null);
    await ok('POST', `/tickets/${t.id}/finish`, agents[0].token, {});
  });

  test('a finished ticket is rated once: 201 with the comment scrubbed, then 409 already_rated', async () => {
    const t = await served(1);
    const comment = 'Muy amable. Mi cédula 1.234.567.890, cel 300 123 4567, correo ana.perez@gmail.com. Pagué $45.000 en el módulo 2';
    const r = await rate(t.id, { score: 5, comment });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const dto = RatingDto.parse(r.body);
    const expected = `Muy amable. Mi cédula ${SCRUBBED}, cel ${SCRUBBED}, correo ${SCRUBBED}. Pagué $45.000 en el módulo 2`;
    assert.equal(dto.comment, expected);
    assert.equal(dto.source, 'ticket_page');
    const row = await storedRating(t.id);
    assert.equal(row?.comment, expected);
    assert.equal(row?.score, 5);
    assert.equal(row?.counterId, agents[1].counterId);
    assert.equal(typeof row?.agentId, 'string');

    const again = await rate(t.id, { score: 1 });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'already_rated');
    assert.equal((await storedRating(t.id))?.score, 5);
  });

  test('the rating reaches the outbox once, with score, service, counter, agent and wait, never the comment', async () => {
    const facts = await ratingFacts();
    assert.equal(facts.length, 1);
    const fact = facts[0];
    assert.equal(fact.kind, 'rating');
    if (fact.kind !== 'rating') return;
    assert.equal(fact.score, 5);
    assert.equal(fact.serviceCode, 'A');
    assert.equal(fact.counterId, agents[1].counterId);
    assert.equal(fact.source, 'ticket_page');
    assert.equal(fact.waitSeconds, 0);
    assert.equal(JSON.stringify(fact).includes('amable'), false);
  });

  test('bad input is 400 and changes nothing: a score out of 1..5, a comment too long, a control character', async () => {
    const t = await served(1);
    for (const body of [{ score: 6 }, { score: 0 }, { score: 2.5 }, {}, { score: 3, comment: 'x'.repeat(501) }, { score: 3, comment: 'hola\u001b[0m' }]) {
      const r = await rate(t.id, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.error.code, 'validation_failed');
    }
    assert.equal(await storedRating(t.id), null);
  });

  test('the route is public: a token that is not a survey tablet\'s (junk, kiosk, staff) is ignored and the live page rates', async () => {
    for (const token of ['not-a-token', kiosk, supervisor]) {
      const t = await served(1);
      const r = await rate(t.id, { score: 3 }, token);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(RatingDto.parse(r.body).source, 'ticket_page');
    }
  });
});

describe('the survey tablet at a counter', () => {
  test('is offered the ticket just finished at its counter for a minute, not another counter\'s', async () => {
    const other = await served(1);
    let pending = SurveyPending.parse(await ok('GET', '/survey/pending', surveyToken));
    assert.notEqual(pending.ticket?.id, other.id);
    const mine = await served(0);
    pending = SurveyPending.parse(await ok('GET', '/survey/pending', surveyToken));
    assert.equal(pending.ticket?.id, mine.id);
    assert.equal(pending.counterName, 'Módulo 1');
    assert.equal(pending.ticket?.code, mine.code);
    clock.advance(61_000);
    pending = SurveyPending.parse(await ok('GET', '/survey/pending', surveyToken));
    assert.equal(pending.ticket, null);
  });

  test('rates its counter\'s last finished ticket (source survey_device), and then offers nothing', async () => {
    const other = await served(1);
    const forbidden = await rate(other.id, { score: 2 }, surveyToken);
    assert.equal(forbidden.status, 403);
    const older = await served(0);
    const mine = await served(0);
    assert.equal((await rate(older.id, { score: 2 }, surveyToken)).status, 403);
    const r = await rate(mine.id, { score: 4, comment: 'Rápido' }, surveyToken);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(RatingDto.parse(r.body).source, 'survey_device');
    const pending = SurveyPending.parse(await ok('GET', '/survey/pending', surveyToken));
    assert.equal(pending.ticket, null);
    // The customer's own page still may not rate it twice.
    assert.equal((await rate(mine.id, { score: 5 })).body.error.code, 'already_rated');
  });

  test('only a survey tablet asks for a survey', async () => {
    const r = await request(office.url, 'GET', '/api/v1/survey/pending', { token: kiosk });
    assert.equal(r.status, 403);
  });
});

describe('who sees the ratings', () => {
  test('an agent sees their own ratings: count, average, share of 4-5 and scrubbed comments', async () => {
    const two = RatingSummary.parse(await ok('GET', '/ratings/summary?scope=mine', agents[1].token));
    // One 5 with a comment, three 3s rated with other tokens (ignored).
    assert.equal(two.count, 4);
    assert.equal(two.average, 3.5);
    assert.equal(two.highShare, 0.25);
    assert.deepEqual(two.scores, [0, 0, 3, 0, 1]);
    assert.equal(two.recent.length, 1);
    assert.match(two.recent[0].comment, /\[dato eliminado\]/);
    assert.equal(two.recent[0].comment.includes('gmail'), false);
    const one = RatingSummary.parse(await ok('GET', '/ratings/summary', agents[0].token));
    assert.equal(one.count, 1);
    assert.equal(one.average, 4);
    assert.equal(one.recent[0].comment, 'Rápido');
  });

  test("an agent may not see the office's ratings; a supervisor sees them all", async () => {
    const refused = await request(office.url, 'GET', '/api/v1/ratings/summary?scope=office', { token: agents[0].token });
    assert.equal(refused.status, 403);
    const all = RatingSummary.parse(await ok('GET', '/ratings/summary?scope=office', supervisor));
    assert.equal(all.count, 5);
    assert.equal(all.average, 3.6);
    assert.equal(all.highShare, 0.4);
    const none = RatingSummary.parse(await ok('GET', '/ratings/summary?scope=office&from=2026-11-25&to=2026-11-26', supervisor));
    assert.equal(none.count, 0);
    assert.equal(none.average, null);
    assert.equal((await request(office.url, 'GET', '/api/v1/ratings/summary?scope=office&from=2026-11-26&to=2026-11-25', { token: supervisor })).status, 400);
  });

  test('a display cannot read ratings', async () => {
    const r = await request(office.url, 'GET', '/api/v1/ratings/summary', { token: office.creds.displayToken });
    assert.equal(r.status, 403);
  });
});
