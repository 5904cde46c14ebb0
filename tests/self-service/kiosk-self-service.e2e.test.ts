/**
 * The kiosk's self-service in Chromium at 1080x1920 against the built office (as `npm
 * start` runs it) in demo mode, whose demo billing service answers: type an account on
 * the keypad, see the amount with the holder masked, print the full coupon (the paper's
 * barcode and the screen's carry the same GS1 data), scan an old bill's barcode instead of
 * typing, and with billing unreachable the kiosk says so and offers a turn. axe-core on
 * every screen.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startVirtualPrinter, type DecodedTicket, type VirtualPrinter } from '@turnero/hardware';
import { GS, parseElementString } from '@turnero/domain/gs1';
import { login, request } from '../support/http';
import { startTestOffice, tempDataDir, type TestOffice } from '../support/office';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { DEMO_GLN } from '../../server/src/office/demo/billing-demo';

let office: TestOffice;
let printer: VirtualPrinter;
let browser: Browser;
let admin: string;
const papers: DecodedTicket[] = [];

beforeAll(async () => {
  printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 5000 });
  printer.onTicket((t) => papers.push(t));
  const dataDir = tempDataDir();
  // A second company whose billing system is nowhere: port 9 (discard) on this machine refuses.
  const companies = join(dataDir, 'billing-companies.json');
  writeFileSync(
    companies,
    JSON.stringify({
      companies: [
        {
          code: 'unreachable',
          name: 'Sin Conexión S.A.',
          country: 'CO',
          currency: 'COP',
          gln: DEMO_GLN,
          billing: { baseUrl: 'http://127.0.0.1:9', timeoutMs: 500, retries: 0 },
        },
      ],
    }),
  );
  office = await startTestOffice({ production: true, dataDir, env: { DEMO_PRINTER_URI: printer.uri, BILLING_COMPANIES_FILE: companies } });
  browser = await launchChromium();
  const a = office.creds.users.find((u) => u.role === 'admin')!;
  admin = await login(office.url, a.username, a.password);
});

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
  await printer?.stop();
});

async function openKiosk(lang = 'es'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(`${office.url}/dispenser/index.html?lang=${lang}#token=${office.creds.kioskToken}`);
  await page.locator('[data-testid=self-service]').waitFor({ timeout: 15_000 });
  return page;
}

async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
}

const settle = (page: Page) => page.waitForTimeout(450);

test('a customer types an account, sees the masked holder and prints a full coupon whose barcode the screen shows too', async () => {
  const account = office.creds.demoAccounts![0];
  const page = await openKiosk();
  await checkScreen(page, 'self-service-welcome');
  await settle(page);
  await page.locator('[data-testid=self-service]').click();
  await page.locator('[data-testid=self-service-account]').waitFor();
  await checkScreen(page, 'self-service-keypad');
  for (const digit of account) await page.locator('kiosk-self-service .key', { hasText: new RegExp(`^${digit}$`) }).click();
  expect(await page.locator('[data-testid=self-service-account]').inputValue()).toBe(account);
  await page.locator('[data-testid=self-service-lookup]').click();
  await page.locator('[data-testid=self-service-summary]').waitFor();
  expect(await page.locator('[data-testid=holder]').textContent()).toBe('M*** G***');
  expect(await page.locator('[data-testid=amount-due]').textContent()).toBe('$ 45.000');
  expect(await page.locator('body').innerText()).not.toMatch(/María|Gómez/);
  await checkScreen(page, 'self-service-account');

  const before = papers.length;
  await page.locator('[data-testid=pay-full]').click();
  await page.locator('[data-testid=coupon-barcode] svg').waitFor();
  await checkScreen(page, 'self-service-coupon');
  const gs1 = (await page.locator('[data-testid=coupon-gs1]').textContent())!;
  expect(parseElementString(gs1).map((f) => f.ai)).toEqual(['415', '8020', '3900', '96']);
  await expect.poll(() => papers.length > before, { timeout: 15_000 }).toBe(true);
  const paper = papers[before];
  const fields = parseElementString(gs1);
  expect(paper.barcodes?.[0].data).toBe(`415${fields[0].value}8020${fields[1].value}${GS}3900${fields[2].value}${GS}96${fields[3].value}`);
  expect(paper.text).toContain('M*** G***');
});

test('a scanned old bill (keyboard-wedge scanner) finds the account without typing, in English too', async () => {
  const page = await openKiosk('en');
  await settle(page);
  await page.locator('[data-testid=self-service]').click();
  await page.locator('[data-testid=self-service-account]').waitFor();
  await page.locator('h1').click();
  const reference = `${office.creds.demoAccounts![1]}01`;
  await page.keyboard.type(`415${DEMO_GLN}8020${reference}`);
  await page.keyboard.type('3900128750');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=self-service-summary]').waitFor();
  expect(await page.locator('[data-testid=holder]').textContent()).toBe('J*** E*** C***');
  expect(await page.locator('[data-testid=pay-partial]').textContent()).toContain('Partial payment coupon $ 90.125');
  await checkScreen(page, 'self-service-account-en');
});

test('with billing unreachable the kiosk says so plainly and offers a turn', async () => {
  const set = await request(office.url, 'PUT', '/api/v1/self-service/settings', { token: admin, body: { enabled: true, company: 'unreachable' } });
  expect(set.status).toBe(200);
  try {
    const page = await openKiosk();
    await settle(page);
    await page.locator('[data-testid=self-service]').click();
    await page.locator('[data-testid=self-service-account]').fill(office.creds.demoAccounts![0]);
    await page.locator('[data-testid=self-service-lookup]').click();
    await page.locator('[data-testid=self-service-problem]').waitFor();
    expect(await page.locator('[data-testid=self-service-problem]').textContent()).toContain('no está disponible');
    await checkScreen(page, 'self-service-unreachable');
    await page.locator('[data-testid=self-service-take-turn]').click();
    await page.locator('button.tile').first().waitFor();
  } finally {
    await request(office.url, 'PUT', '/api/v1/self-service/settings', { token: admin, body: { enabled: true, company: 'demo' } });
  }
});
