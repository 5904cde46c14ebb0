/**
 * The office applying head office's numbered messages (server/src/office/link/apply-message.ts)
 * on a real office in this process: in order and once (a repeat is skipped, a gap applies
 * nothing), a message it cannot apply consumed as refused with config unchanged, a local
 * service adopted by its letter, a new service on every counter, settings head office owns
 * read-only, and ticket facts carrying the catalogue code.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConfigAuditDto, CounterDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import type { ConfigService, LinkMessage, OfficeConfig } from '@turnero/contract/hq-link';
import { AuthService } from '../../server/src/office/auth/auth-service';
import { createLinkApplier, type LinkApplier } from '../../server/src/office/link/apply-message';
import { readLinkRow } from '../../server/src/office/store/link-store';
import { expectStatus } from '../office/helpers';
import { login, request } from '../support/http';
import { startInProcessOffice, type InProcessOffice } from '../support/office';

let office: InProcessOffice;
let applier: LinkApplier;
let admin: string;
let supervisor: string;

const offered = (code: string, prefix: string, over: Partial<ConfigService> = {}): ConfigService => ({
  catalogCode: code, nameEs: `Servicio ${code}`, nameEn: `Service ${code}`, prefix, targetWaitMinutes: 15, color: '#0057b8', icon: 'ticket', sortOrder: 0, ...over,
});
const configMessage = (seq: number, payload: Partial<OfficeConfig> & { version: number }): LinkMessage => ({
  seq, createdAt: new Date().toISOString(), kind: 'config', payload: { services: [], settings: {}, ...payload },
});
const get = async <T>(path: string, token = admin) => expectStatus(await request<T>(office.url, 'GET', path, { token }), 200, path).body;
const services = () => get<ServiceDto[]>('/api/v1/admin/services');
const audit = () => get<ConfigAuditDto[]>('/api/v1/admin/config-audit?limit=500');
const linkRow = () => office.server.deps.bus.read(readLinkRow);

beforeAll(async () => {
  office = await startInProcessOffice({ env: { OFFICE_CODE: 'LNK-APPLY' } });
  const { deps } = office.server;
  applier = createLinkApplier(deps, new AuthService(deps.bus, deps.clock, deps.config.TOKEN_TTL_HOURS));
  const user = (role: string) => office.creds.users.find((u) => u.role === role)!;
  admin = await login(office.url, user('admin').username, user('admin').password);
  supervisor = await login(office.url, user('supervisor').username, user('supervisor').password);
}, 60_000);
afterAll(async () => {
  await office?.stop();
});

describe('applying head office messages at the office', () => {
  test('a gap applies nothing; the next seq applies; the same seq again is skipped', async () => {
    const before = await services();
    const first = configMessage(1, { version: 1, services: [offered('FACT', 'F')] });
    expect(await applier.apply({ ...first, seq: 2 })).toEqual({ kind: 'gap', afterSeq: 0 });
    expect(await services()).toEqual(before);

    expect(await applier.apply(first)).toEqual({ kind: 'done', result: { seq: 1, status: 'applied', configVersion: 1 } });
    expect(await applier.apply(first)).toEqual({ kind: 'skipped' });
    expect((await audit()).filter((a) => a.action === 'service.create')).toHaveLength(1);
    expect(await linkRow()).toMatchObject({ lastAppliedSeq: 1, configVersion: 1 });
  });

  test('a new service is served at once by every active counter, weight 1, and its facts carry the code', async () => {
    const fact = (await services()).find((s) => s.catalogCode === 'FACT')!;
    const counters = await get<CounterDto[]>('/api/v1/counters', supervisor);
    for (const c of counters.filter((c) => c.active)) expect(c.services).toContainEqual({ serviceId: fact.id, weight: 1 });
    const ticket = expectStatus(
      await request<TicketDto>(office.url, 'POST', '/api/v1/tickets', { token: office.creds.kioskToken, body: { serviceId: fact.id, category: 'general', print: false } }),
      201,
    ).body;
    const facts = await office.server.deps.bus.read((db) => db.outboxEvent.findMany({ orderBy: { seq: 'desc' }, take: 5 }));
    const issued = facts.map((f) => JSON.parse(f.payload)).find((p) => p.ticketId === ticket.id);
    expect(issued).toMatchObject({ serviceCode: 'F', catalogCode: 'FACT' });
  });

  test('a version the office cannot apply is consumed as refused with its reason and changes nothing', async () => {
    const before = await services();
    const outcome = await applier.apply(configMessage(2, { version: 2, services: [offered('FACT', 'A')] }));
    expect(outcome).toEqual({ kind: 'done', result: { seq: 2, status: 'refused', configVersion: 2, reason: expect.stringMatching(/local service/) } });
    expect(await services()).toEqual(before);
    expect(await linkRow()).toMatchObject({ lastAppliedSeq: 2, configVersion: 1 });
    expect((await audit())[0]).toMatchObject({ actor: 'hq', action: 'message.refused', linkSeq: 2 });
  });

  test('an unreadable message is consumed as refused too, so the stream goes on', async () => {
    expect(await applier.refuse(3, 'unreadable message')).toMatchObject({ kind: 'done', result: { seq: 3, status: 'refused' } });
    expect((await linkRow()).lastAppliedSeq).toBe(3);
  });

  test('a local service with the listed letter is adopted: same id, linked, head office names', async () => {
    const local = (await services()).find((s) => s.prefix === 'A')!;
    await applier.apply(configMessage(4, { version: 3, services: [offered('FACT', 'F'), offered('PAGOS', 'A', { nameEs: 'Pagos y recaudo' })] }));
    const adopted = (await services()).find((s) => s.prefix === 'A')!;
    expect(adopted).toMatchObject({ id: local.id, catalogCode: 'PAGOS', nameEs: 'Pagos y recaudo' });
    expect((await audit()).filter((a) => a.action === 'service.adopt').map((a) => a.subject)).toEqual(['PAGOS']);
  });

  test('an older version than the one running is refused', async () => {
    const outcome = await applier.apply(configMessage(5, { version: 2, services: [] }));
    expect(outcome).toMatchObject({ kind: 'done', result: { status: 'refused', reason: expect.stringMatching(/older/) } });
    expect((await services()).filter((s) => s.catalogCode && s.active)).toHaveLength(2);
  });

  test('settings head office gives are applied and read-only at the office; the rest stay the office own', async () => {
    await applier.apply(configMessage(6, { version: 4, services: [offered('FACT', 'F'), offered('PAGOS', 'A')], settings: { ticker: 'Bienvenidos a EPM' } }));
    const refused = await request<{ error: { code: string } }>(office.url, 'PATCH', '/api/v1/office', { token: supervisor, body: { ticker: 'Otro' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('managed_by_hq');
    const office1 = expectStatus(await request<{ ticker: string; acceptingTickets: boolean }>(office.url, 'PATCH', '/api/v1/office', { token: supervisor, body: { acceptingTickets: false } }), 200).body;
    expect(office1).toMatchObject({ ticker: 'Bienvenidos a EPM', acceptingTickets: false });
    const changes = await audit();
    expect(changes.find((a) => a.action === 'settings.update' && a.actor === 'hq')).toMatchObject({ after: { ticker: 'Bienvenidos a EPM' }, linkSeq: 6 });
    expect(changes.find((a) => a.action === 'settings.update' && a.actor !== 'hq')).toMatchObject({ before: { acceptingTickets: true }, after: { acceptingTickets: false } });
  });

  test('a service head office no longer lists is deactivated, never deleted, and read-only', async () => {
    await applier.apply(configMessage(7, { version: 5, services: [offered('PAGOS', 'A')] }));
    const fact = (await services()).find((s) => s.catalogCode === 'FACT')!;
    expect(fact.active).toBe(false);
    const reactivate = await request<{ error: { code: string } }>(office.url, 'PATCH', `/api/v1/admin/services/${fact.id}`, { token: admin, body: { active: true } });
    expect(reactivate.body.error.code).toBe('managed_by_hq');
  });
});
