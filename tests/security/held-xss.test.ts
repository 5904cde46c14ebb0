/**
 * The checks that held in issue 11's review keep holding (with held-limits.test.ts), against
 * a real office (SQLite file, in this process) and a real head office (PostgreSQL), with the
 * built web apps in Debian's Chromium:
 * - XSS: a service, counter, office and user name and the ticker set to an HTML payload are
 *   shown as text on the kiosk, the live ticket page, the wall display, the desk, the board,
 *   admin and the head-office dashboard: no dialog, no injected element.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { HqServer } from '../../server/src/hq';
import { OfficeStream } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { launchChromium } from '../support/browser';
import { login } from '../support/http';
import type { InProcessOffice } from '../support/office';
import { startHeldServers, XSS, type HeldServers } from './held-support';

let servers: HeldServers | undefined;
let office: InProcessOffice;
let hq: HqServer;
let admin: string;
let supervisor: string;
let hqAdmin: string;
let user: HeldServers['user'];
let api: HeldServers['api'];
let hqApi: HeldServers['hqApi'];
let browser: Browser;
let ticketId: string;

beforeAll(async () => {
  servers = await startHeldServers('hq_held_xss');
  ({ office, hq, admin, supervisor, hqAdmin, user, api, hqApi } = servers);
});

afterAll(async () => {
  await browser?.close();
  await servers?.stop();
});

// ---------- XSS ----------

/** Every text of the page, open shadow roots and form values included. */
function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (texts.nextNode()) parts.push(texts.currentNode.textContent ?? '');
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(el.value);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return parts.join('\n');
  });
}

/** Elements the payload would have made, in the page or any open shadow root. */
function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('img, [onerror]')) {
        if (el.getAttribute('src') === 'x' || el.hasAttribute('onerror')) found.push(el.outerHTML);
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return found;
  });
}

/**
 * Opens a screen, runs its way to where the payload shows, and checks it shows as text
 * (so the check cannot pass on a screen that shows nothing) and nothing was injected.
 */
async function assertShownAsText(name: string, url: string, reach: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-CO', timezoneId: 'America/Bogota' });
  const dialogs: string[] = [];
  context.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await reach(page);
    const deadline = Date.now() + 20_000;
    while (!(await deepText(page)).includes(XSS)) {
      if (Date.now() > deadline) assert.fail(`${name}: the payload is not shown as text; the page reads:\n${(await deepText(page)).slice(0, 1500)}`);
      await page.waitForTimeout(200);
    }
    // Give an injected element's error handler the time to fire.
    await page.waitForTimeout(300);
    assert.deepEqual(await injectedElements(page), [], `${name}: an element was injected`);
    assert.deepEqual(dialogs, [], `${name}: a dialog opened`);
  } finally {
    await context.close();
  }
}

async function signInUi(page: Page, username: string): Promise<void> {
  await page.fill('#username', username);
  await page.fill('#password', user(username).password);
  await page.click('turnero-staff-login button[type=submit]');
}

describe('XSS: an HTML payload in every name and the ticker is shown as text on every screen', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    const services = expectStatus(await api('GET', '/services', supervisor), 200).body as { id: string; prefix: string }[];
    const serviceA = services.find((s) => s.prefix === 'A')!;
    expectStatus(await api('PATCH', `/admin/services/${serviceA.id}`, admin, { nameEs: `Pagos ${XSS}`, nameEn: `Payments ${XSS}` }), 200, 'service');
    const counter2 = user('asesor2').counterId!;
    expectStatus(await api('PATCH', `/admin/counters/${counter2}`, admin, { name: `Módulo ${XSS}` }), 200, 'counter');
    const agent2 = await login(office.url, 'asesor2', user('asesor2').password);
    const agentId = (expectStatus(await api('GET', '/me', agent2), 200).body as { principalId: string }).principalId;
    expectStatus(await api('PATCH', `/admin/users/${agentId}`, admin, { displayName: `Asesora ${XSS}` }), 200, 'user');
    expectStatus(await api('PATCH', '/office', supervisor, { ticker: `Aviso ${XSS}` }), 200, 'ticker');
    // A ticket of that service called at that counter: the display shows both.
    for (let i = 0; i < 2; i++) ticketId = expectStatus(await api('POST', '/tickets', supervisor, { serviceId: serviceA.id, print: false }), 201).body.id;
    expectStatus(await api('POST', `/counters/${counter2}/sign-in`, agent2), 200, 'sign-in');
    expectStatus(await api('PUT', `/counters/${counter2}/services`, supervisor, { services: [{ serviceId: serviceA.id, weight: 1 }] }), 200);
    expectStatus(await api('POST', `/counters/${counter2}/call-next`, agent2), 200, 'call');
  });

  test('kiosk', async () => {
    await assertShownAsText('kiosk', `${office.url}/dispenser/index.html#token=${office.creds.kioskToken}`, async (page) => {
      await page.locator('[data-testid=start]').waitFor();
      await page.waitForTimeout(450); // the kiosk ignores taps right after a screen change
      await page.locator('[data-testid=start]').click();
      await page.locator('button.tile').first().waitFor();
    });
  });

  test('live ticket page', async () => {
    await assertShownAsText('ticket page', `${office.url}/dispenser/ticket.html?id=${ticketId}`);
  });

  test('wall display', async () => {
    await assertShownAsText('display', `${office.url}/display/index.html#token=${office.creds.displayToken}`);
  });

  test('agent desk', async () => {
    await assertShownAsText('desk', `${office.url}/desk/index.html`, (page) => signInUi(page, 'asesor1'));
  });

  test('supervisor board', async () => {
    await assertShownAsText('board', `${office.url}/desk/board.html`, (page) => signInUi(page, 'supervisor'));
  });

  test('admin', async () => {
    await assertShownAsText('admin', `${office.url}/desk/admin.html`, (page) => signInUi(page, 'admin'));
  });

  test('head-office dashboard', async () => {
    const code = 'XSS-1';
    const token = expectStatus(await hqApi('POST', '/hq/offices', hqAdmin, { code, name: `Sede ${XSS}`, company: 'EPM', region: `Región ${XSS}` }), 201).body.token;
    const s = new OfficeStream(code, new Date(Date.now() - 3_600_000));
    s.ticket('x1', 'issued');
    s.advance(60).ticket('x1', 'called');
    expectStatus(await hqApi('POST', '/hq/ingest', token, s.batch(s.events, new Date())), 200, 'ingest');
    const hqUser = hq.credentials!.users.find((u) => u.role === 'admin')!;
    await assertShownAsText('hq dashboard', `${hq.url}/hq/`, async (page) => {
      await page.getByLabel('Usuario').fill(hqUser.username);
      await page.getByLabel('Contraseña').fill(hqUser.password);
      await page.getByRole('button', { name: 'Ingresar' }).click();
    });
  });
});
