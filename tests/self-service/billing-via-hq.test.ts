/**
 * Billing configured centrally: the office dials head office (its HQ_URL, with its office
 * token), and head office relays to the company's billing system with its own connector.
 * Real PostgreSQL for head office, a real billing server over HTTP, the office in process.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { openHqDatabase } from '../../server/src/hq/db';
import { createOffice } from '../../server/src/hq/org/offices';
import { DEMO_ACCOUNTS, DEMO_GLN, demoCompany, startDemoBilling, type DemoBilling } from '../../server/src/office/demo/billing-demo';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';
import { createTestDatabase, freePort, silentLogger, type TestDatabase } from '../hq/helpers';

let testDb: TestDatabase;
let billing: DemoBilling;
let hq: HqServer;
let office: InProcessOffice;
let officeToken: string;
const clock = new FakeClock(new Date('2026-12-01T15:00:00Z'));

beforeAll(async () => {
  testDb = await createTestDatabase('hq_billing_relay');
  billing = await startDemoBilling({ clock });
  const reg = await openHqDatabase({ databaseUrl: testDb.url, dataDir: tempDataDir() });
  officeToken = (await createOffice(reg.prisma, { code: 'RELAY-1', name: 'Oficina relay', company: 'EPM' })).token;
  await reg.close();
  const port = await freePort();
  hq = await createHqServer({
    port,
    host: '127.0.0.1',
    dataDir: tempDataDir(),
    databaseUrl: testDb.url,
    demo: false,
    logger: await silentLogger(),
    clock,
    billingCompanies: [{ ...demoCompany(billing.url), code: 'central', billing: { ...demoCompany(billing.url).billing, timeoutMs: 500, retries: 0 } }],
  });
  const dataDir = tempDataDir('turnero-relay-');
  const companies = join(dataDir, 'billing-companies.json');
  // The office knows the company's format, not its billing address: via head office.
  writeFileSync(companies, JSON.stringify({ companies: [{ code: 'central', name: 'Central S.A.', country: 'CO', currency: 'COP', gln: DEMO_GLN, billing: { via: 'hq', retries: 0 } }] }));
  office = await startInProcessOffice({
    clock,
    dataDir,
    env: { OFFICE_CODE: 'RELAY-1', HQ_URL: hq.url, HQ_TOKEN: officeToken, BILLING_COMPANIES_FILE: companies },
  });
  const admin = office.creds.users.find((u) => u.role === 'admin')!;
  const set = await request(office.url, 'PUT', '/api/v1/self-service/settings', {
    token: await login(office.url, admin.username, admin.password),
    body: { enabled: true, company: 'central' },
  });
  expect(set.status).toBe(200);
});
afterAll(async () => {
  await office?.stop();
  await hq?.stop();
  await billing?.stop();
  await testDb?.drop();
});

const post = (path: string, body: unknown) => request(office.url, 'POST', `/api/v1/self-service/${path}`, { token: office.creds.kioskToken, body });

describe('billing through head office', () => {
  it('looks up and prints a coupon through the relay, the holder masked at the office', async () => {
    const requestsBefore = billing.requests;
    const r = await post('lookup', { account: DEMO_ACCOUNTS[0] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ holderMasked: 'M*** G***', amountDue: 45000 });
    const c = await post('coupons', { account: DEMO_ACCOUNTS[0], kind: 'full' });
    expect(c.status).toBe(201);
    expect(c.body.gs1).toBe(`(415)${DEMO_GLN}(8020)${DEMO_ACCOUNTS[0]}01(3900)45000(96)20261211`);
    expect(billing.requests).toBeGreaterThan(requestsBefore);
  });

  it('passes an unknown account on as 404 and a billing system down as 503 billing_unreachable', async () => {
    expect((await post('lookup', { account: '99999999' })).body.error.code).toBe('account_not_found');
    billing.setMode('down');
    try {
      const r = await post('lookup', { account: DEMO_ACCOUNTS[0] });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('billing_unreachable');
    } finally {
      billing.setMode('ok');
    }
  });

  it("head office's relay answers only an office's token, and only for a company it relays", async () => {
    const path = `/api/v1/hq/billing/central/accounts/${DEMO_ACCOUNTS[0]}`;
    expect((await request(hq.url, 'GET', path)).status).toBe(401);
    expect((await request(hq.url, 'GET', path, { token: officeToken })).body.holderName).toBe('María Gómez');
    expect((await request(hq.url, 'GET', `/api/v1/hq/billing/other/accounts/${DEMO_ACCOUNTS[0]}`, { token: officeToken })).status).toBe(404);
  });
});
