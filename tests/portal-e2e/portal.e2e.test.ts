/**
 * The public portal on a phone (Chromium at 390x844) against head office on PostgreSQL and
 * a real office linked to it: find an office by company, city and "cerca de mí"; see its
 * services' waits; book a slot with the consent and get the code and a QR that decodes to
 * head office's signed token; the office holds the booking; cancel it from the manage page
 * and the office hears; join the queue remotely and watch the live page follow the office's
 * calls; with the office down, joining says so plainly, offers booking and shows no ticket.
 * axe-core finds nothing serious on any page, in Spanish or English.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { QueueSnapshot, TicketDto } from '@turnero/contract/dto';
import type { PublicBooking, PublicOfficesResponse, SlotsResponse } from '@turnero/contract/portal';
import { expectStatus, issue, signIn } from '../office/helpers';
import { waitUntil } from '../printing/support';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { assertLayout } from '../support/layout';
import { request } from '../support/http';
import { CONTENT_SECURITY_POLICY } from '../../server/src/platform/web-security';
import { REPO_ROOT } from '../support/office';
import { book, bogotaDay, newPhone, OFFICE, OTHER_OFFICE, officeHasBooking, startWorld, type World } from './support';

const PHONE = { width: 390, height: 844 };
let world: World;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), 'portal-e2e-'));

beforeAll(async () => {
  world = await startWorld('portal_e2e');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await world?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** A phone near Manizales that shares its location when asked. */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, geolocation: { latitude: 5.07, longitude: -75.51 }, permissions: ['geolocation'], locale: 'es-CO' });
  return { context, page: await context.newPage() };
}

/** The whole page kept as a picture; the phone's view of it layout-checked (and kept) and axe-checked. */
async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, `portal-e2e/${name}`, true);
  await assertLayout(page, `portal-390x844-${name}`);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name}`);
}

const listed = (page: Page) => page.locator('[data-testid=offices] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-office')));

test('head office sends the portal gzip-compressed under its Content-Security-Policy, and nothing outside its folder', async () => {
  const page = await fetch(`${world.hq.url}/portal/`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-encoding'), 'gzip');
  assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.match(await page.text(), /<portal-app><\/portal-app>/);
  const js = await fetch(`${world.hq.url}/portal/main.js`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(js.headers.get('content-encoding'), 'gzip');
  assert.ok(Number(js.headers.get('content-length')) < 100 * 1024, 'the script travels under 100 KB');
  assert.equal(await js.text(), readFileSync(join(REPO_ROOT, 'dist/web/portal/main.js'), 'utf8'), 'the same script, compressed');
  const outside = await fetch(`${world.hq.url}/portal/..%2f..%2fpackage.json`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(outside.status, 404);
  const bare = await fetch(`${world.hq.url}/portal`, { redirect: 'manual' });
  assert.equal(bare.headers.get('location'), '/portal/', 'the page needs its slash for its relative links');
});

test('find an office by company, city and nearness; its page shows each service with its waiting count and estimated wait', async () => {
  const { context, page } = await phone();
  await page.goto(`${world.hq.url}/portal/`);
  await page.locator(`[data-office=${OTHER_OFFICE}]`).waitFor({ timeout: 15_000 });
  assert.deepEqual((await listed(page)).sort(), [OFFICE, OTHER_OFFICE]);
  await checkPage(page, 'find');

  await page.locator('[data-testid=company]').selectOption('CHEC');
  assert.deepEqual(await listed(page), [OTHER_OFFICE], 'the company filter');
  await page.locator('[data-testid=company]').selectOption('');
  await page.locator('[data-testid=city]').selectOption('Medellín');
  assert.deepEqual(await listed(page), [OFFICE], 'the city filter');
  await page.locator('[data-testid=city]').selectOption('');
  const asked = page.waitForRequest((r) => r.url().includes('/api/v1/public/offices?'));
  await page.locator('[data-testid=near-me]').click();
  const near = new URL((await asked).url()).searchParams;
  assert.deepEqual([near.get('lat'), near.get('lon')], ['5.07', '-75.51'], 'the location goes rounded to about a kilometre');
  await page.getByText('Oficinas ordenadas de la más cercana a la más lejana.').waitFor();
  await waitUntil('the nearest office first', async () => ((await listed(page))[0] === OTHER_OFFICE ? true : undefined));

  // English on one tap, and back.
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { name: 'Find your office' }).waitFor();
  await checkPage(page, 'find-en');
  await page.getByRole('button', { name: /Español/ }).click();
  await page.getByRole('heading', { name: 'Encuentre su oficina' }).waitFor();

  await page.locator(`[data-office=${OFFICE}] a`).click();
  await page.locator('[data-testid=office-name]').waitFor();
  const pub = (await request<PublicOfficesResponse>(world.hq.url, 'GET', '/api/v1/public/offices')).body.offices.find((o) => o.code === OFFICE)!;
  for (const s of pub.services) {
    const card = page.locator(`[data-service=${s.code}]`);
    assert.equal((await card.locator('[data-testid=waiting]').textContent())!.trim(), `${s.waiting} personas esperando`, `${s.code} waiting`);
    assert.match((await card.locator('[data-testid=estimated-wait]').textContent())!, /^Espera estimada: /);
  }
  assert.equal(await page.locator('[data-testid=book]').count(), 2, 'both services can be booked');
  await checkPage(page, 'office');
  await context.close();
});

test('book a slot: the confirmation shows the code and a QR of the signed token; the office holds it; the manage page cancels it and the office hears', async () => {
  const { context, page } = await phone();
  await page.goto(`${world.hq.url}/portal/#/office/${OFFICE}`);
  await page.locator('[data-testid=office-name]').waitFor({ timeout: 15_000 }).catch(async (e) => {
    await screenshot(page, 'portal-e2e/book-failed', true);
    throw e;
  });
  await page.locator('[data-service=FACT] [data-testid=book]').click();
  await page.locator('[data-testid=day]').fill(bogotaDay(new Date(Date.now() + 86_400_000)));
  const slot = page.locator('[data-testid=slots] input[type=radio]:not([disabled])').first();
  await slot.waitFor({ timeout: 15_000 });
  await slot.check();
  assert.equal(await page.locator('[data-testid=id-number]').count(), 0, 'no ID number asked where the service does not need it');
  await page.locator('[data-testid=name]').fill('Ana Gómez');
  await page.locator('[data-testid=phone]').fill(newPhone());
  assert.equal(await page.locator('[data-testid=submit]').isDisabled(), true, 'no booking before the consent');
  assert.match((await page.locator('[data-testid=consent-text]').textContent())!, /Ley 1581 de 2012.*versión portal-2026-12/);
  await page.locator('[data-testid=consent]').check();
  await checkPage(page, 'book');
  await page.locator('[data-testid=submit]').click();

  const code = (await page.locator('[data-testid=booking-code]').textContent({ timeout: 15_000 }))!.trim();
  assert.match(code, /^[A-Z0-9]{6,16}$/);
  const qr = page.locator('[data-testid=booking-qr]');
  await qr.waitFor();
  const booking = expectStatus(await request<PublicBooking>(world.hq.url, 'GET', `/api/v1/public/bookings/${code}`), 200, 'booking').body;
  const png = join(scratch, 'booking-qr.png');
  await qr.screenshot({ path: png });
  assert.equal(execFileSync('zbarimg', ['--raw', '-q', png]).toString().trim(), booking.qr, 'the QR on screen is the signed token');
  await checkPage(page, 'confirmed');
  await officeHasBooking(world, code);

  await page.locator('[data-testid=manage]').click();
  await page.locator('[data-testid=status][data-status=booked]').waitFor();
  await checkPage(page, 'manage');
  await page.locator('[data-testid=cancel]').click();
  await page.locator('[data-testid=confirm-cancel]').click();
  await page.locator('[data-testid=status][data-status=cancelled]').waitFor();
  assert.equal((await page.locator('[data-testid=notice]').textContent())!.trim(), 'Su cita fue cancelada.');
  assert.equal((await request<PublicBooking>(world.hq.url, 'GET', `/api/v1/public/bookings/${code}`)).body.status, 'cancelled');
  await officeHasBooking(world, code, 'cancelled');
  await checkPage(page, 'cancelled');
  await context.close();
});

test('a service that needs the ID number asks for it, labelled; a booking moves to another free slot from its page', async () => {
  const { context, page } = await phone();
  await page.goto(`${world.hq.url}/portal/#/book/${OFFICE}/RECL`);
  const id = page.getByLabel('Número de documento (este trámite lo pide)');
  await id.waitFor({ timeout: 15_000 });
  assert.equal(await id.getAttribute('required'), '', 'the ID number is required there');
  await checkPage(page, 'book-with-id');

  const tomorrow = bogotaDay(new Date(Date.now() + 86_400_000));
  const slots = (await request<SlotsResponse>(world.hq.url, 'GET', `/api/v1/public/offices/${OFFICE}/slots?service=FACT&date=${tomorrow}`)).body.slots;
  const created = await book(world.hq.url, slots[0].start);
  await page.goto(`${world.hq.url}/portal/#/booking/${created.code}`);
  await page.locator('[data-testid=move]').click();
  await page.locator('[data-testid=day]').fill(tomorrow);
  const target = page.locator(`[data-testid=slots] input[value="${slots[1].start}"]`);
  await target.waitFor({ timeout: 15_000 });
  await target.check();
  await checkPage(page, 'move');
  await page.locator('[data-testid=confirm-move]').click();
  await page.getByText('Su cita cambió de hora.').waitFor({ timeout: 15_000 });
  const moved = (await request<PublicBooking>(world.hq.url, 'GET', `/api/v1/public/bookings/${created.code}`)).body;
  assert.equal(moved.start, slots[1].start, 'head office holds the new time');
  assert.equal(moved.status, 'booked');
  await context.close();
});

test('join the queue from the phone: the live page shows the code, the place and the wait, and follows the office calling', async () => {
  const walkIn = await issue(world.office, 'B');
  const { context, page } = await phone();
  await page.goto(`${world.hq.url}/portal/#/office/${OFFICE}`);
  await page.locator('[data-service=RECL] [data-testid=join]').click();
  await page.locator('[data-testid=phone]').fill(newPhone());
  await page.locator('[data-testid=consent]').check();
  await checkPage(page, 'join');
  await page.locator('[data-testid=submit]').click();

  const code = (await page.locator('[data-testid=ticket-code]').textContent({ timeout: 15_000 }))!.trim();
  assert.match(page.url(), /\/portal\/#\/ticket\/[A-Za-z0-9_-]{16,}$/);
  const queue = (await request<QueueSnapshot>(world.office.url, 'GET', '/api/v1/queue', { token: world.office.supervisor })).body;
  const remote = queue.waiting.find((t) => t.code === code);
  assert.equal(remote?.origin, 'remote', `${code} waits at the office as a remote ticket`);
  assert.equal((await page.locator('[data-testid=position]').textContent())!.trim(), '1', `one person (${walkIn.code}) ahead`);
  assert.equal(await page.title(), `${code} · 1 antes de usted`, "the tab's title tells the place too");
  await checkPage(page, 'live');

  // Módulo 4 calls the walk-in: the remote ticket is next.
  const [m4, m6] = [world.office.agents[3], world.office.agents[5]];
  await signIn(world.office, m4);
  const first = expectStatus(await request<{ ticket: TicketDto }>(world.office.url, 'POST', `/api/v1/counters/${m4.counterId}/call-next`, { token: m4.token }), 200, 'call');
  assert.equal(first.body.ticket.code, walkIn.code);
  await page.locator('[data-testid=position]', { hasText: /^0$/ }).waitFor({ timeout: 15_000 });
  // Módulo 6 calls it: the page says where to go.
  await signIn(world.office, m6);
  expectStatus(await request(world.office.url, 'POST', `/api/v1/counters/${m6.counterId}/call-next`, { token: m6.token }), 200, 'second call');
  const called = (await page.locator('[data-testid=called]').textContent({ timeout: 15_000 }))!.trim();
  assert.equal(called, 'Es su turno: diríjase a Módulo 6.');
  assert.equal(await page.title(), `${code} · es su turno`);
  await checkPage(page, 'live-called');
  await context.close();
});

test('with the office down, joining says so plainly, offers booking instead and shows no ticket', async () => {
  await world.office.office.kill();
  const { context, page } = await phone();
  await page.goto(`${world.hq.url}/portal/#/join/${OFFICE}/RECL`);
  await page.locator('[data-testid=phone]').fill(newPhone());
  await page.locator('[data-testid=consent]').check();
  await page.locator('[data-testid=submit]').click();
  await page.locator('[data-testid=unreachable]').waitFor({ timeout: 20_000 });
  assert.match((await page.locator('[data-testid=unreachable]').textContent())!, /No podemos comunicarnos con la oficina/);
  assert.equal(await page.locator('[data-testid=book-instead]').getAttribute('href'), `#/book/${OFFICE}/RECL`);
  assert.equal(await page.locator('[data-testid=ticket-code]').count(), 0, 'no ticket shown');
  assert.doesNotMatch(page.url(), /#\/ticket\//);
  await checkPage(page, 'unreachable');
  await context.close();
});
