/**
 * The office the staff screens' Chromium tests run against (desk-board.test.ts,
 * staff-admin-layout.test.ts): a real office server process with the demo data, one
 * Chromium, the supervisor's token, the services and counters, and the steps both files
 * take (issue a ticket as the kiosk, open a page, sign in through the staff login, open a
 * desk at the agent's counter).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { CounterDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import { launchChromium } from '../support/browser';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';

export interface StaffOffice {
  office: TestOffice;
  browser: Browser;
  supervisorToken: string;
  services: ServiceDto[];
  counters: CounterDto[];
  user: (username: string) => TestOffice['creds']['users'][number];
  serviceByPrefix: (prefix: string) => ServiceDto;
  counterOf: (username: string) => CounterDto;
  /** A ticket of the service with that prefix, issued as the kiosk (no print). */
  issue: (prefix: string) => Promise<TicketDto>;
  newPage: (width: number, height: number, path: string, touch?: boolean) => Promise<Page>;
  signInUi: (page: Page, username: string) => Promise<void>;
  /** The desk signed in as the agent, at the agent's own counter (preselected), opened. */
  openDesk: (username: string, width: number, height: number, touch?: boolean) => Promise<Page>;
  stop: () => Promise<void>;
}

export async function startStaffOffice(): Promise<StaffOffice> {
  const office = await startTestOffice({ production: true });
  const browser = await launchChromium();
  const user = (username: string) => {
    const u = office.creds.users.find((x) => x.username === username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return u;
  };
  const supervisorToken = await login(office.url, 'supervisor', user('supervisor').password);
  const services = (await request<ServiceDto[]>(office.url, 'GET', '/api/v1/services', { token: supervisorToken })).body;
  const counters = (await request<CounterDto[]>(office.url, 'GET', '/api/v1/counters', { token: supervisorToken })).body;
  const serviceByPrefix = (p: string) => services.find((s) => s.prefix === p)!;
  const counterOf = (username: string) => counters.find((c) => c.id === user(username).counterId)!;

  async function issue(prefix: string): Promise<TicketDto> {
    const r = await request<TicketDto>(office.url, 'POST', '/api/v1/tickets', {
      token: office.creds.kioskToken,
      headers: { 'Idempotency-Key': randomUUID() },
      body: { serviceId: serviceByPrefix(prefix).id, print: false },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  }

  async function newPage(width: number, height: number, path: string, touch = false): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'es-CO', timezoneId: 'America/Bogota', hasTouch: touch });
    const page = await context.newPage();
    await page.goto(office.url + path);
    return page;
  }

  async function signInUi(page: Page, username: string) {
    await page.fill('#username', username);
    await page.fill('#password', user(username).password);
    await page.click('turnero-staff-login button[type=submit]');
  }

  async function openDesk(username: string, width: number, height: number, touch = false): Promise<Page> {
    const page = await newPage(width, height, '/desk/index.html', touch);
    await signInUi(page, username);
    await page.locator('#counter').waitFor();
    assert.equal(await page.locator('#counter').inputValue(), user(username).counterId, 'the assigned counter is preselected');
    await page.getByRole('button', { name: 'Abrir módulo' }).click();
    await page.locator('[data-action=callNext]').waitFor();
    return page;
  }

  return {
    office,
    browser,
    supervisorToken,
    services,
    counters,
    user,
    serviceByPrefix,
    counterOf,
    issue,
    newPage,
    signInUi,
    openDesk,
    stop: async () => {
      await browser.close();
      await office.stop();
      office.cleanup();
    },
  };
}
