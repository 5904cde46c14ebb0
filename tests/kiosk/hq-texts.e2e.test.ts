/**
 * The kiosk in headless Chromium says what head office wrote for the office: its welcome
 * line, and its data-protection text with that text's version; a customer who gives an ID
 * number is recorded with that version (not the kiosk's built-in one); on a holiday it says the
 * office is closed, which holiday and when it opens. Real head office (the
 * bundle, throwaway PostgreSQL database) and a real office linked to it; axe-core on both screens.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PersonalDataFound } from '@turnero/contract/personal-data';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';
import { startHeadOffice, type RunningHq } from '../hq-dashboard/support';
import { waitUntil } from '../printing/support';

const OFFICE = 'KIO-TXT';
const SETTINGS = {
  kioskWelcomeEs: 'Bienvenido a CHEC, Grupo EPM',
  kioskWelcomeEn: 'Welcome to CHEC, EPM Group',
  consentTextEs: 'Autorizo a CHEC a tratar mi número de documento para atenderme, según su política de datos personales 2027-01.',
  consentTextEn: 'I authorise CHEC to process my ID number to serve me, under its 2027-01 personal data policy.',
  consentPolicyVersion: '2027-01',
};

let hq: RunningHq;
let office: TestOffice;
let browser: Browser;
let hqToken: string;

beforeAll(async () => {
  hq = await startHeadOffice();
  hqToken = await login(hq.url, hq.admin.username, hq.admin.password);
  const created = await hqCall<{ token: string }>('POST', '/hq/offices', { code: OFFICE, name: 'Sede Manizales', company: 'CHEC' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  office = await startTestOffice({ production: true, env: { HQ_URL: hq.url, HQ_TOKEN: created.body.token, OFFICE_CODE: OFFICE } });
  await publishSettings(SETTINGS);
  browser = await launchChromium();
}, 180_000);

const hqCall = <T = any>(method: string, path: string, body?: unknown) => request<T>(hq.url, method, `/api/v1${path}`, { token: hqToken, body });

/** Head office publishes the office's settings; resolves once the office applied them. */
async function publishSettings(settings: object): Promise<void> {
  const put = await hqCall<{ version: number }>('PUT', `/hq/offices/${OFFICE}/settings`, { settings });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  await waitUntil(`${OFFICE} to apply v${put.body.version}`, async () => {
    const config = (await hqCall<{ appliedVersion: number }>('GET', `/hq/offices/${OFFICE}/config`)).body;
    return config.appliedVersion >= put.body.version ? true : undefined;
  });
}

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
  await hq?.stop();
});

/** Waits out the kiosk's guard against taps that land right after a screen change. */
const settle = (page: Page) => page.waitForTimeout(450);

async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name}`);
}

/** A kiosk page in Spanish, Bogotá's time, portrait; `askId`: with the ID number screen. */
async function openKiosk(askId: boolean): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'es-CO', timezoneId: 'America/Bogota' });
  await page.goto(`${office.url}/dispenser/index.html?token=${office.creds.kioskToken}${askId ? '&askId=1' : ''}`);
  await page.locator('[data-testid=start]').waitFor({ timeout: 15_000 });
  return page;
}

/** Start, the first service, general attention. */
async function chooseFirstServiceAsGeneral(page: Page): Promise<void> {
  for (const target of [page.locator('[data-testid=start]'), page.locator('button.tile').first(), page.locator('[data-testid=general]')]) {
    await settle(page);
    await target.click();
  }
}

test("the kiosk shows head office's welcome and consent text, and the ticket records that consent version", { timeout: 120_000 }, async () => {
  const page = await openKiosk(true);
  assert.equal((await page.locator('[data-testid=welcome]').innerText()).trim(), SETTINGS.kioskWelcomeEs);
  await checkScreen(page, 'kiosk-hq-welcome');

  await chooseFirstServiceAsGeneral(page);
  const consent = page.locator('[data-testid=consent]');
  await consent.waitFor();
  assert.equal((await consent.innerText()).trim(), `${SETTINGS.consentTextEs} (versión 2027-01)`);
  assert.equal(await consent.getAttribute('data-version'), '2027-01');
  await checkScreen(page, 'kiosk-hq-consent');

  await page.getByLabel('Número de documento').fill('71234567');
  await page.getByLabel('Acepto el tratamiento de mis datos').check();
  await settle(page);
  await page.getByRole('button', { name: 'Continuar con mi documento' }).click();
  const code = (await page.locator('[data-testid=ticket-code]').textContent({ timeout: 10_000 }))!.trim();
  assert.match(code, /^[A-Z]{1,3}-\d{3,}$/);

  const adminUser = office.creds.users.find((u) => u.role === 'admin')!;
  const admin = await login(office.url, adminUser.username, adminUser.password);
  const found = await request<PersonalDataFound>(office.url, 'POST', '/api/v1/personal-data/search', { token: admin, body: { idNumber: '71234567' } });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  assert.equal(found.body.records.length, 1);
  assert.equal(found.body.records[0].data.consentPolicyVersion, '2027-01');
});

test('on a holiday the kiosk says the office is closed, names the holiday and says when it opens', { timeout: 120_000 }, async () => {
  // Today (in Bogotá) made a holiday of this office; open all day every day otherwise, so it opens at 00:00 tomorrow.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());
  const allDay = [{ open: '00:00', close: '23:59' }];
  await publishSettings({ ...SETTINGS, openingHours: Array(7).fill(allDay), holidays: [{ date: today, name: 'Cierre por inventario' }] });
  const page = await openKiosk(false);
  await chooseFirstServiceAsGeneral(page);
  await page.locator('[data-testid=closed]').waitFor({ timeout: 10_000 });
  const detail = (await page.locator('[data-testid=closed-detail]').innerText()).trim();
  assert.match(detail, /^Hoy es festivo: Cierre por inventario\. Abre el .+ 00:00\.$/);
  await checkScreen(page, 'kiosk-hq-closed');
});
