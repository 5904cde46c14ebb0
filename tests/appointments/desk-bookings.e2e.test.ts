/**
 * The desk's and the board's "Citas de hoy" panel in headless Chromium (issue 14), against a real office
 * process whose link fetched today's bookings from a stand-in head office: slot time,
 * service, code and the status staff read (pendiente, llegó, tarde, cancelada), axe-core
 * clean. The office's time zone is chosen so that it is midday
 * there now: the slots an hour either side stay on its "today" whenever the test runs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LinkMessage } from '@turnero/contract/hq-link';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';
import { configMessage, linkBooking, PUBLIC_KEY, startFakeHq, until, type FakeHq } from './helpers';

let hq: FakeHq;
let office: TestOffice;
let browser: Browser;
let page: Page;

/** An Etc/GMT zone where the local hour is 12 now (Etc/GMT+N is N hours behind UTC). */
function middayZone(now: Date): string {
  const offset = 12 - now.getUTCHours(); // -11 .. 12
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
const inMinutes = (m: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + m * 60_000).toISOString();

beforeAll(async () => {
  const messages: LinkMessage[] = [
    configMessage(1, { appointments: { checkInEarlyMinutes: 30, checkInLateMinutes: 15 } }),
    {
      seq: 2,
      createdAt: new Date().toISOString(),
      kind: 'bookings',
      payload: {
        publicKey: PUBLIC_KEY,
        bookings: [
          linkBooking('TARDE1', inMinutes(-60)),
          linkBooking('LLEGA1', inMinutes(10)),
          linkBooking('LUEGO1', inMinutes(60)),
          { ...linkBooking('ANULA1', inMinutes(70)), status: 'cancelled' },
        ],
      },
    },
  ];
  hq = await startFakeHq(messages);
  office = await startTestOffice({
    production: true,
    env: { OFFICE_CODE: 'CITAS-1', OFFICE_TIME_ZONE: middayZone(new Date()), HQ_URL: hq.url, HQ_TOKEN: 'office-link-token-0123456789' },
  });
  const supervisor = office.creds.users.find((u) => u.role === 'supervisor')!;
  const token = (await request<{ token: string }>(office.url, 'POST', '/api/v1/auth/login', { body: { username: supervisor.username, password: supervisor.password } })).body.token;
  await until('the bookings applied at the office', async () => {
    const r = await request<{ bookings: unknown[] }>(office.url, 'GET', '/api/v1/bookings', { token });
    return r.status === 200 && r.body.bookings.length === 4;
  });
  const checkIn = await request(office.url, 'POST', '/api/v1/check-in', { token: office.creds.kioskToken, body: { code: 'LLEGA1' } });
  expect(checkIn.status).toBe(201);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'es-CO' });
  page = await context.newPage();
  await page.goto(`${office.url}/desk/index.html`);
  const agent = office.creds.users.find((u) => u.role === 'agent')!;
  await page.fill('#username', agent.username);
  await page.fill('#password', agent.password);
  await page.click('turnero-staff-login button[type=submit]');
  await page.getByRole('button', { name: 'Abrir módulo' }).click();
  await page.locator('[data-action=callNext]').waitFor();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
  await hq?.stop();
});

const statusOf = (code: string) => page.locator(`turnero-desk-bookings tr[data-booking=${code}] .badge`).textContent();

describe('the desk shows the day\'s bookings', () => {
  test('each booking with its time, code and status; the checked-in one with its ticket', async () => {
    const panel = page.getByRole('table', { name: 'Citas de hoy' });
    await panel.waitFor();
    expect(await page.locator('turnero-desk-bookings tbody tr').count()).toBe(4);
    expect(await statusOf('TARDE1')).toBe('tarde');
    expect(await statusOf('LLEGA1')).toBe('llegó');
    expect(await statusOf('LUEGO1')).toBe('pendiente');
    expect(await statusOf('ANULA1')).toBe('cancelada');
    const arrived = await page.locator('turnero-desk-bookings tr[data-booking=LLEGA1]').textContent();
    expect(arrived).toMatch(/LLEGA1 · A-\d{3}/);
    expect(arrived).toMatch(/\b1[0-3]:\d\d\b/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'desk-bookings-es');
  });

  test('the supervisor board shows the same panel', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'es-CO' });
    const board = await context.newPage();
    await board.goto(`${office.url}/desk/board.html`);
    const supervisor = office.creds.users.find((u) => u.role === 'supervisor')!;
    await board.fill('#username', supervisor.username);
    await board.fill('#password', supervisor.password);
    await board.click('turnero-staff-login button[type=submit]');
    await board.getByRole('table', { name: 'Citas de hoy' }).waitFor();
    expect(await board.locator('turnero-desk-bookings tbody tr').count()).toBe(4);
    expect(await board.locator('turnero-desk-bookings tr[data-booking=LLEGA1] .badge').textContent()).toBe('llegó');
    expect(await seriousA11yViolations(board)).toEqual([]);
    await screenshot(board, 'board-bookings-es');
  });
});
