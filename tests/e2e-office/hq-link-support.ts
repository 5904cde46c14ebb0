/**
 * What the head-office link screens' Chromium test (hq-link-screens.test.ts) drives: a real
 * head office and one office linked to it as MED-LINK, seen through getters because the test
 * restarts the office and stops head office on the way. The helpers poll the API until the
 * office applies a version, open pages at the screens' sizes, and sign in on either side.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { request } from '../support/http';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { assertLayout } from '../support/layout';
import { startTestOffice, type TestOffice } from '../support/office';
import type { RunningHq } from '../hq-dashboard/support';

export const OFFICE = 'MED-LINK';
export const OFFICE_NAME = 'Sede Enlace';
export const WAIT_MS = 30_000;
const POLL_MS = 100;
/** Head office's real sizes: a desktop, then a phone. */
const HQ_SIZES: ReadonlyArray<readonly [number, number]> = [
  [1440, 900],
  [390, 844],
];

/** The test's current servers, browser and tokens (read at each call). */
export interface LinkScreensState {
  hq: () => RunningHq;
  office: () => TestOffice;
  browser: () => Browser;
  hqToken: () => string;
  officeToken: () => string;
}

export function linkScreenHelpers(state: LinkScreensState) {
  const hqCall = <T = any>(method: string, path: string, body?: unknown) =>
    request<T>(state.hq().url, method, `/api/v1${path}`, { token: state.hqToken(), body });

  /** Polls `read` until `done` holds, within a bounded time; fails naming what it waited for. */
  async function waitUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    let last: T = await read();
    while (!done(last)) {
      if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(last)} after ${WAIT_MS} ms`);
      await new Promise((r) => setTimeout(r, POLL_MS));
      last = await read();
    }
    return last;
  }

  const officeConfig = async () => (await hqCall<{ version: number; appliedVersion: number }>('GET', `/hq/offices/${OFFICE}/config`)).body;
  const applied = (version: number) => waitUntil(`${OFFICE} to apply v${version}`, officeConfig, (c) => c.appliedVersion >= version);

  async function startLinkedOffice(dataDir?: string): Promise<TestOffice> {
    return startTestOffice({ production: true, dataDir, env: { HQ_URL: state.hq().url, HQ_TOKEN: state.officeToken(), OFFICE_CODE: OFFICE, OFFICE_NAME } });
  }

  async function newPage(url: string, width = 1440, height = 900): Promise<Page> {
    const context = await state.browser().newContext({ viewport: { width, height }, locale: 'es-CO', timezoneId: 'America/Bogota' });
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  async function signInHq(page: Page, who: { username: string; password: string }) {
    await page.getByLabel('Usuario').fill(who.username);
    await page.getByLabel('Contraseña').fill(who.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.locator('button[data-view="network"]').waitFor();
  }

  async function signInOffice(page: Page, username: string) {
    const user = state.office().creds.users.find((u) => u.username === username)!;
    await page.fill('#username', username);
    await page.fill('#password', user.password);
    await page.click('turnero-staff-login button[type=submit]');
  }

  /** The office's admin pages at 1280x800, signed in as its admin, on one tab. */
  async function openAdminTab(tab: string): Promise<Page> {
    const page = await newPage(`${state.office().url}/desk/admin.html`, 1280, 800);
    await signInOffice(page, 'admin');
    await page.getByRole('tab', { name: tab }).click();
    return page;
  }

  const networkRow = (page: Page) => page.locator(`hq-figures-table#network tbody tr[data-row-key="${OFFICE}"]`);

  /** FACT on "A" and RECL on "R" (no prefix the office refuses) published, and applied by the office. */
  async function publishServicesApplied(): Promise<void> {
    const fixed = await hqCall<{ version: number }>('PUT', `/hq/offices/${OFFICE}/services`, { services: [{ code: 'FACT', prefix: 'A' }, { code: 'RECL', prefix: 'R' }] });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
    await applied(fixed.body.version);
  }

  /** The office's configuration page on the dashboard, signed in as head office's admin (or `who`). */
  async function openOfficeConfigPage(who = state.hq().admin): Promise<Page> {
    const page = await newPage(`${state.hq().url}/hq/`);
    await signInHq(page, who);
    await page.locator('button[data-view="network"]').click();
    await networkRow(page).locator('td[data-col="officeName"] button').click();
    return page;
  }

  /**
   * At head office (already started, its admin signed in): MED-LINK created, the catalogue's
   * FACT and RECL, and the demo office's "A" service published as FACT (adopted by its
   * prefix). Returns the office's link token and the version it must apply.
   */
  async function prepareHeadOffice(): Promise<{ officeToken: string; servicesVersion: number }> {
    const created = await hqCall<{ token: string }>('POST', '/hq/offices', { code: OFFICE, name: OFFICE_NAME, company: 'EPM', region: 'Antioquia' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    for (const [code, nameEs, nameEn, prefix] of [
      ['FACT', 'Facturación y pagos', 'Billing and payments', 'F'],
      ['RECL', 'Reclamos', 'Claims', 'R'],
    ]) {
      const r = await hqCall('POST', '/hq/catalog/services', { code, nameEs, nameEn, prefix, targetWaitMinutes: 15 });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const put = await hqCall<{ version: number }>('PUT', `/hq/offices/${OFFICE}/services`, { services: [{ code: 'FACT', prefix: 'A' }] });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    return { officeToken: created.body.token, servicesVersion: put.body.version };
  }

  /**
   * Axe and the whole page's screenshot (hq/<name>), then the layout checked (screenshots
   * screenshots/hq/<name>-<size>) at head office's real sizes, a desktop and a phone, with
   * axe at each; the page is left at the desktop size.
   */
  async function checkHqScreen(page: Page, name: string): Promise<void> {
    assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name}`);
    await screenshot(page, `hq/${name}`, true);
    for (const [width, height] of HQ_SIZES) {
      await page.setViewportSize({ width, height });
      // On a phone a wide table scrolls sideways inside its .scroller, as on the dashboard's other pages.
      await assertLayout(page, `hq/${name}-${width}x${height}`, { allowScroll: width < 600 ? ['.scroller'] : [] });
      assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name} at ${width}x${height}`);
    }
    await page.setViewportSize({ width: HQ_SIZES[0][0], height: HQ_SIZES[0][1] });
  }

  /** The catalogue form's colour swatch is as big as the office admin's: at least 88x44. */
  async function assertCatalogSwatchSize(page: Page): Promise<void> {
    const swatch = (await page.locator('hq-catalog-form input[name="color"]').boundingBox())!;
    assert.ok(swatch.width >= 88 && swatch.height >= 44, `the colour swatch is ${Math.round(swatch.width)}x${Math.round(swatch.height)}, at least 88x44`);
  }

  return { checkHqScreen, assertCatalogSwatchSize, prepareHeadOffice, hqCall, waitUntil, applied, startLinkedOffice, newPage, signInHq, signInOffice, openAdminTab, networkRow, publishServicesApplied, openOfficeConfigPage };
}
