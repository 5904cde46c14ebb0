/**
 * Single sign-on on head office's dashboard in Chromium: "Entrar con la cuenta de la
 * empresa" takes an admin through a real OpenID Connect provider's pages and back to the
 * dashboard signed in (the token out of the address bar), and a deactivated user comes
 * back to the sign-in form with the reason in Spanish.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHqProcess, type HqProcess } from '../../bench/link-sim/hq-process';
import { launchChromium, seriousA11yViolations } from '../support/browser';
import { startIdentityProvider, type TestIdentityProvider } from '../support/oidc-provider';
import { api, createTestDatabase, freePort, type TestDatabase } from './helpers';

const ADMIN_PASSWORD = 'una-clave-de-prueba-larga';
let testDb: TestDatabase;
let idp: TestIdentityProvider;
let hq: HqProcess;
let browser: Browser;
const dataDir = mkdtempSync(join(tmpdir(), 'hq-oidc-e2e-'));

beforeAll(async () => {
  testDb = await createTestDatabase('hq_oidc_e2e');
  const port = await freePort();
  idp = await startIdentityProvider({
    redirectUris: [`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`],
    people: [
      { login: 'ana', preferredUsername: 'ana.admin' },
      { login: 'luis', preferredUsername: 'luis.gerente' },
    ],
  });
  // The bundle `npm run hq` runs, in its own process.
  hq = await startHqProcess({
    production: true,
    port,
    dataDir,
    databaseUrl: testDb.url,
    admin: { username: 'admin', password: ADMIN_PASSWORD },
    env: {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_USERNAME_CLAIM: 'preferred_username',
    },
  });
  const admin = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
  await api(hq.url, 'POST', '/api/v1/hq/users', { token: admin, body: { username: 'ana.admin', password: 'otra-clave-larga-de-ana', role: 'admin' } });
  const luis = await api(hq.url, 'POST', '/api/v1/hq/users', {
    token: admin,
    body: { username: 'luis.gerente', password: 'otra-clave-larga-de-luis', role: 'manager', company: 'EPM' },
  });
  assert.equal((await api(hq.url, 'PATCH', `/api/v1/hq/users/${luis.body.id}`, { token: admin, body: { active: false } })).status, 200);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hq?.stop();
  await idp?.stop();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function throughProvider(page: Page, login: string): Promise<void> {
  await page.getByRole('link', { name: 'Entrar con la cuenta de la empresa' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('an admin signs in to the dashboard with the company account', async () => {
  const page = await browser.newPage();
  await page.goto(`${hq.url}/hq/`);
  await page.getByRole('link', { name: 'Entrar con la cuenta de la empresa' }).waitFor({ timeout: 15_000 });
  assert.deepEqual(await seriousA11yViolations(page), []);
  await throughProvider(page, 'ana');
  await page.locator('button[data-action="logout"]').waitFor({ timeout: 15_000 });
  assert.equal(page.url().includes('sso_token'), false, `the address bar still shows it: ${page.url()}`);
  assert.ok(await page.evaluate(() => sessionStorage.getItem('turnero.staffToken')));
  await page.close();
});

test('a deactivated user is sent back to the sign-in form, which says so in Spanish', async () => {
  const page = await browser.newPage();
  await page.goto(`${hq.url}/hq/`);
  await throughProvider(page, 'luis');
  await page.getByRole('alert').filter({ hasText: 'Su usuario de casa matriz está desactivado' }).waitFor({ timeout: 15_000 });
  assert.equal(page.url().includes('sso_error'), false, `the address bar still shows it: ${page.url()}`);
  assert.equal(await page.locator('button[data-action="logout"]').count(), 0);
  await page.close();
});
