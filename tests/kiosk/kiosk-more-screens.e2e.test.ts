/**
 * The kiosk's newer screens and a printer that never confirms, in headless Chromium at
 * both real kiosk sizes (1080x1920 portrait, 1920x1080 landscape) against the built office
 * in demo mode, whose kiosk prints to a virtual printer that never answers "finished
 * printing" (as many cheaper ESC/POS printers):
 * - "Tengo cita" (its keypad, a refused code) and "Autogestión" (its keypad, the account,
 *   the coupon) fit the screen: nothing sticks out, covers or is cut off, no word breaks,
 *   text readable from a metre; axe-core finds nothing serious;
 * - the ticket screen says what that printer did ("se está imprimiendo; si no sale…"),
 *   never "Retire su tiquete impreso" for paper nobody confirmed, and the longer message
 *   still fits both sizes.
 * Screenshots: test-artifacts/screenshots/kiosk-<size>-<screen>.png.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startVirtualPrinter, type VirtualPrinter } from '@turnero/hardware';
import { startTestOffice, type TestOffice } from '../support/office';
import { launchChromium, seriousA11yViolations } from '../support/browser';
import { assertLayout } from '../support/layout';

let office: TestOffice;
let printer: VirtualPrinter;
let browser: Browser;

beforeAll(async () => {
  printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 2000, answersProcessId: false });
  office = await startTestOffice({ production: true, env: { DEMO_PRINTER_URI: printer.uri } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
  await printer?.stop();
});

const KIOSK_SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
];
/** Readable from a metre: at least 32 px. */
const READABLE = { minFontPx: 32 };

async function openKiosk(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${office.url}/dispenser/index.html#token=${office.creds.kioskToken}`);
  await page.locator('[data-testid=self-service]').waitFor({ timeout: 15_000 });
  return page;
}

/** Walks a fresh kiosk page at each real size (named like 1080x1920), then closes it. */
async function atEachSize(walk: (page: Page, size: string) => Promise<void>): Promise<void> {
  for (const viewport of KIOSK_SIZES) {
    const page = await openKiosk(viewport);
    await walk(page, `${viewport.width}x${viewport.height}`);
    await page.close();
  }
}

/** Waits out the kiosk's guard against taps that land right after a screen change. */
const settle = (page: Page) => page.waitForTimeout(450);

async function tap(page: Page, selector: string): Promise<void> {
  await settle(page);
  await page.locator(selector).first().click();
}

/** Types `text` on the kiosk keypad inside `screen` (the check-in or self-service element), key by key. */
async function typeOnKeypad(page: Page, screen: string, text: string): Promise<void> {
  for (const key of text) await page.locator(`${screen} .key`, { hasText: new RegExp(`^${key}$`) }).click();
}

async function check(page: Page, name: string, options: Parameters<typeof assertLayout>[2] = READABLE): Promise<void> {
  await assertLayout(page, name, options);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name}`);
}

test('"Tengo cita" fits both kiosk sizes: the keypad and a refused code', async () => {
  await atEachSize(async (page, size) => {
    await tap(page, '[data-testid=check-in]');
    await page.locator('[data-testid=check-in-code]').waitFor();
    await check(page, `kiosk-${size}-check-in`);
    await typeOnKeypad(page, 'kiosk-check-in', 'ZZ99');
    await page.locator('[data-testid=check-in-submit]').click();
    await page.locator('[data-testid=check-in-refusal]').waitFor({ timeout: 10_000 });
    await check(page, `kiosk-${size}-check-in-refused`);
  });
});

test('"Autogestión" fits both kiosk sizes: the keypad, the account and the coupon', async () => {
  await atEachSize(async (page, size) => {
    await tap(page, '[data-testid=self-service]');
    await page.locator('[data-testid=self-service-account]').waitFor();
    await check(page, `kiosk-${size}-self-service`);
    await typeOnKeypad(page, 'kiosk-self-service', office.creds.demoAccounts![0]);
    await page.locator('[data-testid=self-service-lookup]').click();
    await page.locator('[data-testid=self-service-summary]').waitFor({ timeout: 10_000 });
    await check(page, `kiosk-${size}-self-service-account`);
    await page.locator('[data-testid=pay-full]').click();
    await page.locator('[data-testid=coupon-barcode] svg').waitFor({ timeout: 10_000 });
    // The digits under the barcode are for a cashier's eyes, not read from a metre.
    await check(page, `kiosk-${size}-self-service-coupon`, { minFontPx: 20 });
  });
});

test('a printer that never confirms: the ticket screen says the ticket is printing and what to do if it does not come out, at both sizes', async () => {
  await atEachSize(async (page, size) => {
    await tap(page, '[data-testid=start]');
    await page.locator('button.tile').first().waitFor();
    await tap(page, 'button.tile');
    await page.locator('[data-testid=general]').waitFor();
    await tap(page, '[data-testid=general]');
    const code = (await page.locator('[data-testid=ticket-code]').textContent({ timeout: 10_000 }))!.trim();
    const hint = page.locator('[data-testid=print-hint]', { hasText: 'Su tiquete se está imprimiendo' });
    await hint.waitFor({ timeout: 15_000 });
    assert.equal(
      (await hint.textContent())!.trim(),
      'Su tiquete se está imprimiendo. Si no sale, escanee el código QR o tome una foto de la pantalla.',
    );
    assert.equal(await page.locator('[data-testid=print-problem]').count(), 0, 'a printer that prints is no problem');
    const deadline = Date.now() + 15_000;
    while (!printer.tickets.some((t) => t.text.includes(code)) && Date.now() < deadline) await page.waitForTimeout(100);
    assert.ok(printer.tickets.some((t) => t.text.includes(code)), `the printer printed ${code}`);
    await check(page, `kiosk-${size}-ticket-printing-sent`);
  });
});
