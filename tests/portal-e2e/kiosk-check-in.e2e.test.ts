/**
 * "Tengo cita" at the kiosk, in headless Chromium at the kiosk's real size (1080x1920),
 * against a real office linked to a real head office on PostgreSQL: a booking made on
 * head office's public API reaches the office over the link, and the customer checks in
 * by typing its code on the keypad, by a handheld scanner typing the QR's token and Enter,
 * by showing the QR to the kiosk's camera (Chromium's fake camera playing a Y4M drawn
 * from the booking's QR), or by typing the ID number the booking was made with. Each check-in comes out as a ticket of origin 'booking' in the
 * office's queue, with the code on screen. A booking for tomorrow is refused as too early,
 * in Spanish, naming its time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { QueueSnapshot } from '@turnero/contract/dto';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { request } from '../support/http';
import { book, bogotaDay, nextSlot, officeHasBooking, qrVideo, startWorld, type World } from './support';

let world: World;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), 'kiosk-check-in-'));

beforeAll(async () => {
  world = await startWorld('kiosk_check_in');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await world?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function openKiosk(on: Browser = browser, tapCheckIn = true): Promise<Page> {
  const page = await on.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(`${world.office.url}/dispenser/#token=${world.office.office.creds.kioskToken}`);
  await page
    .locator('[data-testid=check-in]')
    .waitFor({ timeout: 15_000 })
    .catch(async (e: Error) => {
      await screenshot(page, 'portal-e2e/kiosk-open-failed');
      const shown = await page.evaluate(() => document.querySelector('turnero-kiosk')?.shadowRoot?.textContent?.trim() ?? '(no kiosk element)');
      throw new Error(`${e.message}\nthe kiosk showed: ${shown}`);
    });
  if (!tapCheckIn) return page;
  // The kiosk ignores taps right after a screen appears (a double tap must not answer the next question).
  await page.waitForTimeout(450);
  await page.locator('[data-testid=check-in]').click();
  await page.locator('[data-testid=check-in-code]').waitFor();
  await page.waitForTimeout(450);
  return page;
}

/** The office's queue entry of the ticket shown on the kiosk. */
async function queued(code: string) {
  const q = (await request<QueueSnapshot>(world.office.url, 'GET', '/api/v1/queue', { token: world.office.supervisor })).body;
  return q.waiting.find((t) => t.code === code);
}

async function expectBookingTicket(page: Page, what: string, prefix = 'A'): Promise<void> {
  const code = (await page.locator('[data-testid=ticket-code]').textContent({ timeout: 20_000 }))!.trim();
  assert.match(code, new RegExp(`^${prefix}-\\d{3,}$`), `${what}: a ticket of the booked service`);
  const ticket = await queued(code);
  assert.ok(ticket, `${what}: ${code} waits in the office's queue`);
  assert.equal(ticket.origin, 'booking', `${what}: the ticket comes from the booking`);
}

async function freshBooking(service = 'FACT', idNumber?: string) {
  const created = await book(world.hq.url, await nextSlot(world.hq.url, service), service, idNumber);
  await officeHasBooking(world, created.code);
  return created;
}

test('typing the booking code on the keypad checks in and shows the ticket; the screens pass axe', async () => {
  const created = await freshBooking();
  const page = await openKiosk();
  await screenshot(page, 'portal-e2e/kiosk-check-in');
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the check-in screen');
  for (const key of created.code) await page.locator('button.key', { hasText: new RegExp(`^${key}$`) }).click();
  assert.equal(await page.locator('[data-testid=check-in-code]').inputValue(), created.code);
  await page.locator('[data-testid=check-in-submit]').click();
  await expectBookingTicket(page, 'typed code');
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the ticket screen');
  await page.close();
});

test('a handheld scanner typing the QR token and Enter, with no field touched, checks in', async () => {
  const created = await freshBooking();
  const page = await openKiosk();
  await page.keyboard.type(created.qr);
  await page.keyboard.press('Enter');
  await expectBookingTicket(page, 'scanner');
  await page.close();
});

test("a scan on the kiosk's first screen checks in at once, without tapping 'Tengo cita'", async () => {
  const created = await freshBooking();
  const page = await openKiosk(browser, false);
  await page.keyboard.type(created.qr);
  await page.keyboard.press('Enter');
  await expectBookingTicket(page, 'scan on the first screen');
  await page.close();
});

test('typing the ID number of a booking made with one checks it in', async () => {
  await freshBooking('RECL', '1020304050');
  const page = await openKiosk();
  for (const digit of '1020304050') await page.locator('button.key', { hasText: new RegExp(`^${digit}$`) }).click();
  await page.locator('[data-testid=check-in-submit]').click();
  await expectBookingTicket(page, 'ID number', 'B');
  await page.close();
});

test('an unknown code is refused in Spanish, issues nothing, and "Intentar de nuevo" returns to the keypad; the screen speaks English on request', async () => {
  const waitingBefore = (await request<QueueSnapshot>(world.office.url, 'GET', '/api/v1/queue', { token: world.office.supervisor })).body.waiting.length;
  const page = await openKiosk();
  await page.locator('[data-testid=check-in-code]').fill('ZZZZ9999');
  await page.locator('[data-testid=check-in-submit]').click();
  const refusal = (await page.locator('[data-testid=check-in-refusal]').textContent({ timeout: 15_000 }))!.trim();
  assert.equal(refusal, 'No encontramos una cita con ese código. Revíselo e intente de nuevo.');
  const waitingAfter = (await request<QueueSnapshot>(world.office.url, 'GET', '/api/v1/queue', { token: world.office.supervisor })).body.waiting.length;
  assert.equal(waitingAfter, waitingBefore, 'no ticket issued');
  await page.locator('[data-testid=check-in-retry]').click();
  assert.equal(await page.locator('[data-testid=check-in-code]').inputValue(), '', 'a fresh keypad');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Check in for your appointment' }).waitFor();
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe in English');
  await page.getByRole('button', { name: 'Español' }).click();
  await page.close();
});

test('a kiosk without a usable camera says so and keeps the keypad', async () => {
  // This browser has no fake camera: the kiosk's request for one is refused or finds none.
  const page = await openKiosk();
  await page.locator('[data-testid=check-in-camera]').click();
  const warning = page.locator('kiosk-check-in .warning[role=alert]');
  await warning.waitFor({ timeout: 15_000 });
  assert.match((await warning.textContent())!, /^La cámara no (está autorizada en este dispensador|está disponible)\. Escriba el código de su cita\.$/);
  await page.locator('[data-testid=check-in-code]').waitFor();
  assert.equal(await page.locator('[data-testid=camera]').count(), 0, 'no camera picture left on screen');
  await page.close();
});

test("the kiosk camera reads the booking's QR and checks in", async () => {
  const created = await freshBooking();
  const video = await qrVideo(created.qr, scratch);
  // Through launchChromium like every browser here, so the camera page's errors fail the test too.
  const cameraBrowser = await launchChromium({
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const page = await openKiosk(cameraBrowser);
    await page.locator('[data-testid=check-in-camera]').click();
    await expectBookingTicket(page, 'camera');
  } finally {
    await cameraBrowser.close();
  }
});

test("a booking for tomorrow is refused as too early, saying the booking's time and when to come back", async () => {
  const tomorrow = bogotaDay(new Date(Date.now() + 86_400_000));
  const slots = (await request(world.hq.url, 'GET', `/api/v1/public/offices/POR-001/slots?service=FACT&date=${tomorrow}`)).body.slots as { start: string }[];
  const tenThirty = slots.find((s) => s.start === `${tomorrow}T15:30:00.000Z`) ?? slots[Math.floor(slots.length / 2)];
  const created = await book(world.hq.url, tenThirty.start);
  await officeHasBooking(world, created.code);
  const before = (await request<QueueSnapshot>(world.office.url, 'GET', '/api/v1/queue', { token: world.office.supervisor })).body.waiting.length;
  const page = await openKiosk();
  await page.keyboard.type(created.qr);
  await page.keyboard.press('Enter');
  const refusal = (await page.locator('[data-testid=check-in-refusal]').textContent({ timeout: 15_000 }))!.trim();
  const at = new Intl.DateTimeFormat('es-CO', { timeZone: 'America/Bogota', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const opens = new Date(Date.parse(tenThirty.start) - 30 * 60_000);
  assert.equal(refusal, `Su cita es a las ${at.format(new Date(tenThirty.start))}; vuelva desde las ${at.format(opens)}.`);
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the refusal');
  const after = (await request<QueueSnapshot>(world.office.url, 'GET', '/api/v1/queue', { token: world.office.supervisor })).body.waiting.length;
  assert.equal(after, before, 'a refused check-in issues no ticket');
  await page.close();
});
