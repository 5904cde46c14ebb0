/**
 * The staff pages when the server ends their session (issue 11.1), in headless Chromium
 * against a real office process: the desk of an agent an admin deactivates, and the board
 * of a supervisor whose password an admin resets, go back to the login form at once and
 * say that the session ended; a user's own sign-out shows the form without that notice.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';
import { launchChromium } from '../support/browser';

const ENDED_NOTICE = 'Su sesión terminó. Vuelva a iniciar sesión.';
/** The socket ends within a second; the page re-renders right after. */
const BACK_TO_LOGIN_MS = 2000;

let office: TestOffice;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  office = await startTestOffice({ production: true });
  browser = await launchChromium();
  admin = await login(office.url, 'admin', password('admin'));
});

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
});

function password(username: string): string {
  return office.creds.users.find((u) => u.username === username)!.password;
}

async function userId(username: string): Promise<string> {
  const users = (await request(office.url, 'GET', '/api/v1/admin/users', { token: admin })).body as { id: string; username: string }[];
  return users.find((u) => u.username === username)!.id;
}

async function signedInPage(path: string, username: string, ready: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-CO', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(office.url + path);
  await page.fill('#username', username);
  await page.fill('#password', password(username));
  await page.click('turnero-staff-login button[type=submit]');
  await page.locator(ready).first().waitFor();
  // Signed in and live: the socket is connected once the offline notice is gone.
  await page.getByText('Sin conexión').waitFor({ state: 'hidden' });
  return page;
}

async function expectBackAtLogin(page: Page, withNotice: boolean): Promise<void> {
  await page.locator('#username').waitFor({ timeout: BACK_TO_LOGIN_MS });
  const notices = await page.getByRole('alert').filter({ hasText: ENDED_NOTICE }).count();
  assert.equal(notices, withNotice ? 1 : 0, withNotice ? 'the page says the session ended' : 'no "session ended" after a sign-out of one\'s own');
}

test('the desk of a deactivated agent goes back to the login form and says why', async () => {
  const desk = await signedInPage('/desk/index.html', 'asesor1', '#counter');
  const r = await request(office.url, 'PATCH', `/api/v1/admin/users/${await userId('asesor1')}`, { token: admin, body: { active: false } });
  assert.equal(r.status, 200);
  await expectBackAtLogin(desk, true);
  assert.equal(await desk.evaluate(() => sessionStorage.getItem('turnero.staffToken')), null, 'the dead token is dropped');
});

test('the board of a supervisor whose password was reset goes back to the login form', async () => {
  const board = await signedInPage('/desk/board.html', 'supervisor', 'turnero-board-app table');
  const r = await request(office.url, 'PATCH', `/api/v1/admin/users/${await userId('supervisor')}`, {
    token: admin,
    body: { password: 'another-long-passphrase' },
  });
  assert.equal(r.status, 200);
  await expectBackAtLogin(board, true);
});

test('signing out of one\'s own desk shows the login form without the notice', async () => {
  const desk = await signedInPage('/desk/index.html', 'asesor2', '#counter');
  await desk.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expectBackAtLogin(desk, false);
  // Long enough for a session:ended of the page's own logout to have arrived and shown.
  await desk.waitForTimeout(500);
  assert.equal(await desk.getByRole('alert').filter({ hasText: ENDED_NOTICE }).count(), 0);
});
