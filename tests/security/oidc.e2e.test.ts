/**
 * Single sign-on in a real browser (Chromium): the office's staff page shows "Entrar con
 * la cuenta de la empresa", the person signs in at a real OpenID Connect provider and
 * lands on the desk signed in, with the token gone from the address bar and from every
 * request's address; a refused sign-on is said in Spanish on the login form; an office
 * whose provider is down says the company account is unavailable and keeps the password form.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../hq/helpers';
import { launchChromium, seriousA11yViolations } from '../support/browser';
import { startTestOffice, type TestOffice } from '../support/office';
import { startIdentityProvider, type TestIdentityProvider } from '../support/oidc-provider';

let idp: TestIdentityProvider;
let office: TestOffice;
let browser: Browser;
const secretDir = mkdtempSync(join(tmpdir(), 'oidc-e2e-'));

/** The built office (as `npm start` runs it) signing on at `issuer`, on `port`. */
async function officeWithProvider(issuer: string, port: number): Promise<TestOffice> {
  const secretFile = join(secretDir, `secret-${port}`);
  writeFileSync(secretFile, 'a-test-client-secret-of-enough-length', { mode: 0o600 });
  return startTestOffice({
    production: true,
    port,
    env: {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'turnero-test',
      OIDC_CLIENT_SECRET_FILE: secretFile,
    },
  });
}

beforeAll(async () => {
  const port = await freePort();
  idp = await startIdentityProvider({
    redirectUris: [`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`],
    people: [
      { login: 'maria', preferredUsername: 'asesor1' },
      { login: 'forastero', preferredUsername: 'desconocido' },
    ],
  });
  office = await officeWithProvider(idp.issuer, port);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
  await idp?.stop();
  rmSync(secretDir, { recursive: true, force: true });
});

/** Signs in at the provider's own pages: its login form, then its consent form. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('single sign-on on the staff pages', () => {
  test('the company account signs an agent in at the desk; the token never shows in an address', async () => {
    const page = await browser.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${office.url}/desk/`);
    const button = page.getByRole('link', { name: 'Entrar con la cuenta de la empresa' });
    await button.waitFor({ timeout: 15_000 });
    assert.deepEqual(await seriousA11yViolations(page), []);
    await button.click();
    await signInAtProvider(page, 'maria');
    const agent = office.creds.users.find((u) => u.username === 'asesor1')!;
    await page.getByText(agent.displayName).first().waitFor({ timeout: 15_000 });
    assert.equal(new URL(page.url()).pathname, '/desk/');
    assert.equal(page.url().includes('sso_token'), false, `the address bar still shows it: ${page.url()}`);
    const token = await page.evaluate(() => sessionStorage.getItem('turnero.staffToken'));
    assert.ok(token, 'the session is kept where a password login keeps it');
    assert.deepEqual(urls.filter((u) => u.includes(token)), [], 'a request carried the token in its address');
    await page.close();
  });

  test('a refused sign-on returns to the login form, which says why in Spanish', async () => {
    const page = await browser.newPage();
    await page.goto(`${office.url}/desk/board.html`);
    await page.getByRole('link', { name: 'Entrar con la cuenta de la empresa' }).click();
    await signInAtProvider(page, 'forastero');
    await page.getByRole('alert').filter({ hasText: 'Su cuenta de la empresa no tiene usuario en esta oficina' }).waitFor({ timeout: 15_000 });
    assert.equal(new URL(page.url()).pathname, '/desk/board.html', 'back on the page it started from');
    assert.equal(page.url().includes('sso_error'), false, `the address bar still shows it: ${page.url()}`);
    assert.ok(await page.locator('input[name="password"]').isVisible(), 'the password form is still there');
    await page.close();
  });
});

test('an agent signed in by the company account on the admin page is signed out again with the page\'s reason', async () => {
  const page = await browser.newPage();
  await page.goto(`${office.url}/desk/admin.html`);
  await page.getByRole('link', { name: 'Entrar con la cuenta de la empresa' }).click();
  await signInAtProvider(page, 'maria');
  await page.getByRole('alert').filter({ hasText: 'Su usuario no tiene acceso a esta pantalla' }).waitFor({ timeout: 15_000 });
  assert.equal(new URL(page.url()).pathname, '/desk/admin.html');
  await page.waitForFunction(() => sessionStorage.getItem('turnero.staffToken') === null, undefined, { timeout: 15_000 });
  await page.close();
});

describe('an office whose provider is down', () => {
  test('says the company account is unavailable and keeps the password form', async () => {
    const port = await freePort();
    const down = await startIdentityProvider({ redirectUris: ['http://127.0.0.1:1/cb'], people: [] });
    await down.stop();
    const offline = await officeWithProvider(down.issuer, port);
    const page = await browser.newPage();
    try {
      await page.goto(`${offline.url}/desk/`);
      await page.getByText('La cuenta de la empresa no está disponible ahora').waitFor({ timeout: 15_000 });
      assert.equal(await page.getByRole('button', { name: 'Entrar con la cuenta de la empresa' }).isDisabled(), true);
      assert.equal(await page.getByRole('link', { name: 'Entrar con la cuenta de la empresa' }).count(), 0);
      assert.ok(await page.locator('input[name="password"]').isVisible());
    } finally {
      await page.close();
      await offline.stop();
      offline.cleanup();
    }
  });
});
