/**
 * The wall display announces calls in the office's language (head office or the office
 * sets it: OfficeDto.announcement), switching as soon as it changes, in headless Chromium
 * against a real office server. What the voice says is read from the display's own log.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { CallResultDto, TicketDto } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';
import { launchChromium } from '../support/browser';
import { spokenCall } from '../../display/src/announcer';

let office: TestOffice;
let browser: Browser;
let agent: { token: string; counterId: string };
let admin: string;

beforeAll(async () => {
  office = await startTestOffice({ production: true });
  browser = await launchChromium();
  const a = office.creds.users.find((u) => u.role === 'agent' && u.counterId)!;
  agent = { token: await login(office.url, a.username, a.password), counterId: a.counterId! };
  const ad = office.creds.users.find((u) => u.role === 'admin')!;
  admin = await login(office.url, ad.username, ad.password);
  assert.equal((await request(office.url, 'POST', `/api/v1/counters/${agent.counterId}/sign-in`, { token: agent.token })).status, 200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
});

/** Issues a ticket of the counter's first service and calls it there; returns the call. */
async function issueAndCall(): Promise<CallResultDto> {
  const counters = await request<{ id: string; services: { serviceId: string }[] }[]>(office.url, 'GET', '/api/v1/counters', { token: agent.token });
  const serviceId = counters.body.find((c) => c.id === agent.counterId)!.services[0].serviceId;
  const issued = await request<TicketDto>(office.url, 'POST', '/api/v1/tickets', { token: office.creds.kioskToken, body: { serviceId, print: false } });
  assert.equal(issued.status, 201, JSON.stringify(issued.body));
  const call = await request<CallResultDto>(office.url, 'POST', `/api/v1/counters/${agent.counterId}/call-next`, { token: agent.token });
  assert.equal(call.status, 200, JSON.stringify(call.body));
  return call.body;
}

/** What the display said (or queued) for a ticket code. */
async function spokenFor(page: Page, code: string): Promise<string> {
  const handle = await page.waitForFunction(
    (c) => (window.__turneroAnnouncements ?? []).find((a) => a.code === c)?.text,
    code,
    { timeout: 10_000 },
  );
  return (await handle.jsonValue()) as string;
}

test("calls are announced in the office's language, switching when it changes", { timeout: 120_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${office.url}/display/index.html?token=${office.creds.displayToken}`);
  await page.locator('[data-testid=current-call]').waitFor({ timeout: 15_000 });

  const spanish = await issueAndCall();
  assert.match(await spokenFor(page, spanish.ticket.code), /^Turno [A-Z] cero/);

  const set = await request(office.url, 'PATCH', '/api/v1/office', { token: admin, body: { announcementLanguage: 'en', announcementVoice: 'Samantha' } });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  await request(office.url, 'POST', `/api/v1/tickets/${spanish.ticket.id}/no-show`, { token: agent.token });
  const english = await issueAndCall();
  const text = await spokenFor(page, english.ticket.code);
  // office:updated reaches the display before the later call: the very next call is in English.
  assert.equal(text, spokenCall(english.ticket.code, english.ticket.counterName!, 'en'));
  assert.match(text, /^Ticket [A-Z] zero/);
});
