/**
 * The service catalogue and central configuration routes (who may call them, what they
 * refuse, what they publish and audit), and figures grouped by catalogue code: two offices
 * using different letters for Facturación sum into one row.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompareResponse, BreakdownResponse, OfficeListResponse } from '@turnero/contract/hq';
import { CatalogListResponse, OfficeConfigResponse } from '@turnero/contract/hq-link';
import type { TicketFact } from '@turnero/contract/outbox';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { api, createTestDatabase, OfficeStream, silentLogger, type TestDatabase } from './helpers';

let testDb: TestDatabase;
let hq: HqServer;
let dataDir: string;
let admin: string;
let manager: string;
const tokens: Record<string, string> = {};
const ADMIN = { username: 'admin', password: 'catalog-test-admin-pw' };
const MANAGER = { username: 'gerente.chec', password: 'catalog-test-manager-pw' };

const call = (method: string, path: string, token: string | undefined, body?: unknown) => api(hq.url, method, `/api/v1${path}`, { token, body });
const fact = { code: 'FACT', nameEs: 'Facturación', nameEn: 'Billing', prefix: 'F', targetWaitMinutes: 15 };

beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'hq-catalog-'));
  hq = await createHqServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: testDb.url, demo: false, admin: ADMIN, logger: await silentLogger() });
  admin = (await call('POST', '/auth/login', undefined, ADMIN)).body.token;
  assert.equal((await call('POST', '/hq/users', admin, { ...MANAGER, role: 'manager', company: 'CHEC' })).status, 201);
  manager = (await call('POST', '/auth/login', undefined, MANAGER)).body.token;
  for (const [code, company] of [['MED-001', 'EPM'], ['MAN-001', 'CHEC'], ['BUC-001', 'ESSA']]) {
    tokens[code] = (await call('POST', '/hq/offices', admin, { code, name: `Oficina ${code}`, company })).body.token;
  }
});
afterAll(async () => {
  await hq?.stop();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the service catalogue and central configuration', () => {
  test('admins add catalogue services; a repeated code is a conflict; bad input is a 400; managers only read', async () => {
    assert.equal((await call('POST', '/hq/catalog/services', admin, fact)).status, 201);
    const created = await call('POST', '/hq/catalog/services', admin, { code: 'RECL', nameEs: 'Reclamos', nameEn: 'Claims', prefix: 'R', targetWaitMinutes: 20 });
    assert.equal(created.body.color, '#0057b8', 'defaults filled in');
    assert.equal((await call('POST', '/hq/catalog/services', admin, fact)).body.error.code, 'conflict');
    for (const bad of [{ ...fact, code: 'fact' }, { ...fact, code: 'X2', prefix: 'F1' }, { ...fact, code: 'X3', nameEs: 'a\u001bb' }, { ...fact, code: 'X4', targetWaitMinutes: 0 }]) {
      const r = await call('POST', '/hq/catalog/services', admin, bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
    }
    assert.equal((await call('POST', '/hq/catalog/services', manager, { ...fact, code: 'MGR' })).status, 403);
    assert.equal((await call('POST', '/hq/catalog/services', tokens['MED-001'], { ...fact, code: 'OFC' })).status, 403);
    assert.equal((await call('GET', '/hq/catalog/services', undefined)).status, 401);
    const list = CatalogListResponse.parse((await call('GET', '/hq/catalog/services', manager)).body);
    assert.deepEqual(list.services.map((s) => s.code), ['FACT', 'RECL']);
  });

  test('offered services: unknown codes and shared prefixes are refused and publish nothing; a good list is version 1', async () => {
    const put = (token: string, services: unknown[], code = 'MED-001') => call('PUT', `/hq/offices/${code}/services`, token, { services });
    assert.equal((await put(admin, [{ code: 'NOPE' }])).status, 400);
    assert.equal((await put(admin, [{ code: 'FACT' }, { code: 'RECL', prefix: 'F' }])).status, 400);
    assert.equal((await put(admin, [{ code: 'FACT' }, { code: 'FACT' }])).status, 400);
    assert.equal((await put(manager, [{ code: 'FACT' }], 'MAN-001')).status, 403);
    assert.equal((await put(admin, [{ code: 'FACT' }], 'NO-SUCH')).status, 404);
    assert.equal((await call('GET', '/hq/offices/MED-001/config', admin)).body.version, 0, 'refusals published nothing');

    assert.deepEqual((await put(admin, [{ code: 'FACT' }, { code: 'RECL', targetWaitMinutes: 30 }])).body, { version: 1 });
    const c = OfficeConfigResponse.parse((await call('GET', '/hq/offices/MED-001/config', admin)).body);
    assert.equal(c.version, 1);
    assert.equal(c.appliedVersion, 0);
    assert.deepEqual(c.services.map((s) => [s.catalogCode, s.prefix, s.targetWaitMinutes]), [['FACT', 'F', 15], ['RECL', 'R', 30]]);

    // Managers read their company's offices only; others are as unknown as a missing one.
    assert.equal((await call('GET', '/hq/offices/MED-001/config', manager)).status, 404);
    assert.equal((await call('GET', '/hq/offices/MAN-001/config', manager)).status, 200);
  });

  test('settings and republish make new versions; catalogue edits reach offices with the next publish; all of it is audited', async () => {
    const s = await call('PUT', '/hq/offices/MED-001/settings', admin, { settings: { ticker: 'Bienvenidos', preferentialPerGeneral: 2 } });
    assert.deepEqual(s.body, { version: 2 });
    assert.equal((await call('PUT', '/hq/offices/MED-001/settings', admin, { settings: { ticker: 'x\u202ey' } })).status, 400);

    assert.equal((await call('PATCH', '/hq/catalog/services/FACT', admin, { nameEs: 'Facturación y pagos' })).status, 200);
    assert.equal((await call('PATCH', '/hq/catalog/services/NONE', admin, { nameEs: 'x' })).status, 404);
    assert.equal((await call('PATCH', '/hq/catalog/services/FACT', manager, { nameEs: 'x' })).status, 403);
    assert.equal((await call('POST', '/hq/publish', manager, {})).status, 403);
    assert.equal((await call('POST', '/hq/publish', admin, { offices: ['NO-SUCH'] })).status, 404);
    const pub = await call('POST', '/hq/publish', admin, {});
    assert.deepEqual(pub.body, { published: [{ code: 'MED-001', version: 3 }] }, 'only offices with a configuration');
    const c = OfficeConfigResponse.parse((await call('GET', '/hq/offices/MED-001/config', admin)).body);
    assert.equal(c.services[0].nameEs, 'Facturación y pagos');
    assert.deepEqual(c.settings, { ticker: 'Bienvenidos', preferentialPerGeneral: 2 });

    assert.equal((await call('GET', '/hq/config-audit', manager)).status, 403);
    const audit = (await call('GET', '/hq/config-audit', admin)).body.entries as { target: string; action: string; actor: string; before: any; after: any }[];
    assert.deepEqual(
      audit.map((e) => `${e.target} ${e.action}`).reverse(),
      ['catalog:FACT create', 'catalog:RECL create', 'office:MED-001 services', 'office:MED-001 settings', 'catalog:FACT edit', 'office:MED-001 publish'],
    );
    const edit = audit.find((e) => e.action === 'edit')!;
    assert.equal(edit.actor, 'admin');
    assert.equal(edit.before.nameEs, 'Facturación');
    assert.equal(edit.after.nameEs, 'Facturación y pagos');

    const offices = OfficeListResponse.parse((await call('GET', '/hq/offices', admin)).body).offices;
    const med = offices.find((o) => o.code === 'MED-001')!;
    assert.deepEqual([med.link.connected, med.link.currentVersion, med.link.appliedVersion], [false, 3, 0]);
  });

  test("a company's template reaches its offices at once; an office's own settings override it field by field", async () => {
    const put = (token: string, path: string, settings: unknown) => call('PUT', `/hq/templates/${path}`, token, { settings });
    assert.equal((await put(manager, 'company/EPM', { ticker: 'x' })).status, 403);
    assert.equal((await put(admin, 'country/EPM', { ticker: 'x' })).status, 400);
    assert.equal((await put(admin, 'company/EPM', { preferentialPerGeneral: 99 })).status, 400);

    const r = await put(admin, 'company/EPM', { ticker: 'Grupo EPM', overdueFirst: true, ticketFooter: 'Gracias' });
    assert.deepEqual(r.body, { published: [{ code: 'MED-001', version: 4 }] }, "only the company's offices");
    const c = OfficeConfigResponse.parse((await call('GET', '/hq/offices/MED-001/config', admin)).body);
    assert.deepEqual(c.settings, { ticker: 'Bienvenidos', preferentialPerGeneral: 2, overdueFirst: true, ticketFooter: 'Gracias' });
    assert.deepEqual((await call('GET', '/hq/templates', admin)).body.templates, [
      { kind: 'company', name: 'EPM', settings: { ticker: 'Grupo EPM', overdueFirst: true, ticketFooter: 'Gracias' } },
    ]);
    const [entry] = (await call('GET', '/hq/config-audit?target=template:company:EPM', admin)).body.entries;
    assert.deepEqual(entry.after.offices, ['MED-001']);
  });
});

describe('figures by catalogue code', () => {
  test('two offices with different prefixes for FACT give one FACT row; an unlinked office counts under its local code', async () => {
    // MAN-001 offers FACT as "P" (published: head office knows P means FACT there); MED-001's
    // facts carry the catalogue code themselves; BUC-001 is not linked at all.
    assert.equal((await call('PUT', '/hq/offices/MAN-001/services', admin, { services: [{ code: 'FACT', prefix: 'P' }] })).status, 200);
    const day = '2026-11-02';
    const send = async (code: string, prefix: string, catalogCode: string | null, tickets: number) => {
      const s = new OfficeStream(code, new Date(`${day}T14:00:00Z`));
      for (let i = 0; i < tickets; i++) {
        const issued = s.advance(30).ticket(`${code}-${i}`, 'issued', { service: prefix });
        const called = s.advance(120).ticket(`${code}-${i}`, 'called', { service: prefix });
        for (const e of [issued, called]) if (catalogCode) (e.fact as TicketFact).catalogCode = catalogCode;
      }
      const r = await call('POST', '/hq/ingest', tokens[code], s.batch(s.events));
      assert.equal(r.status, 200, r.text);
    };
    await send('MED-001', 'F', 'FACT', 3);
    await send('MAN-001', 'P', null, 2);
    await send('BUC-001', 'B', null, 4);

    const q = `from=${day}&to=${day}`;
    const res = CompareResponse.parse((await call('GET', `/hq/offices/compare?${q}&by=service`, admin)).body);
    const services = res.rows.flatMap((r) => (r.services ?? []).map((s) => ({ office: r.officeCode, ...s })));
    const factRows = services.filter((s) => s.service === 'FACT');
    assert.deepEqual(factRows.map((s) => [s.office, s.issued, s.called]).sort(), [['MAN-001', 2, 2], ['MED-001', 3, 3]]);
    assert.ok(factRows.every((s) => s.catalogCode === 'FACT' && s.name === 'Facturación y pagos'));
    assert.deepEqual(services.filter((s) => s.office === 'BUC-001').map((s) => [s.service, s.catalogCode, s.issued]), [['B', null, 4]]);
    for (const row of res.rows) {
      assert.equal(row.issued, (row.services ?? []).reduce((n, s) => n + s.issued, 0), `${row.officeCode}: services sum to the row`);
    }

    const onlyFact = CompareResponse.parse((await call('GET', `/hq/offices/compare?${q}&service=FACT`, admin)).body);
    assert.deepEqual(onlyFact.rows.map((r) => [r.officeCode, r.issued]), [['BUC-001', 0], ['MAN-001', 2], ['MED-001', 3]]);
    assert.equal(onlyFact.rows[0].services, undefined, 'no services without by=service');
    const local = CompareResponse.parse((await call('GET', `/hq/offices/compare?${q}&service=B`, admin)).body);
    assert.deepEqual(local.rows.map((r) => r.issued), [4, 0, 0], 'a local prefix still filters an unlinked office');

    const bd = BreakdownResponse.parse((await call('GET', `/hq/offices/MAN-001/breakdown?${q}&by=service`, admin)).body);
    assert.deepEqual(bd.rows.map((r) => [r.key, r.label, r.issued]), [['FACT', 'Facturación y pagos', 2]]);
    const bdFiltered = BreakdownResponse.parse((await call('GET', `/hq/offices/MAN-001/breakdown?${q}&by=hour&service=FACT`, admin)).body);
    assert.equal(bdFiltered.totals.issued, 2);

    const csv = (await call('GET', `/hq/compare.csv?${q}&by=service&lang=en`, admin)).text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.ok(csv[0].endsWith('Service,Service name'));
    const factLines = csv.filter((l) => l.includes(',FACT,'));
    assert.equal(factLines.length, 2);
    assert.ok(factLines.some((l) => l.startsWith('MAN-001,') && l.split(',')[4] === '2'));
  });
});
