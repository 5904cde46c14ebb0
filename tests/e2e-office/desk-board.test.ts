/**
 * Issue 4 end to end, in headless Chromium against a real office server process:
 * kiosk issues -> desk 1 calls -> the display shows and queues the announcement -> desk 2's
 * list follows; start/finish with an outcome; pause; transfer keeping the place; an agent
 * refused at another's counter; the supervisor board's states, alert and actions; admin
 * device token; axe-core on desk, board and admin; screenshots at target sizes.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { CounterDto, DeviceDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { assertLayout, boxesOf } from '../support/layout';
import { SHORTCUTS } from '../../desk/src/lib/desk-actions';

let office: TestOffice;
let browser: Browser;
let supervisorToken: string;
let services: ServiceDto[];
let counters: CounterDto[];
let display: Page;
let desk1: Page;
let desk2: Page;
let board: Page;

const user = (username: string) => {
  const u = office.creds.users.find((x) => x.username === username);
  if (!u) throw new Error(`demo user ${username} missing`);
  return u;
};
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

/**
 * Press an action's shortcut once its button is enabled, as a person would: while a command is
 * in flight the desk ignores keys, and the socket can show the new ticket before the HTTP
 * answer ends the command, so pressing on sight of the ticket alone is a race.
 */
async function shortcut(page: Page, action: keyof typeof SHORTCUTS) {
  await page.locator(`[data-action=${action}]:not([disabled])`).waitFor();
  await page.keyboard.press(SHORTCUTS[action]);
}

const waitingCodes = (page: Page) =>
  page.locator('turnero-desk-waiting-list tr[data-ticket]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket') ?? ''));

async function expectWaiting(page: Page, expected: string[]) {
  await page.waitForFunction(
    (codes) => {
      const list = document.querySelector('turnero-desk-app')?.shadowRoot?.querySelector('turnero-desk-waiting-list');
      const rows = [...(list?.shadowRoot?.querySelectorAll('tr[data-ticket]') ?? [])].map((r) => r.getAttribute('data-ticket'));
      return JSON.stringify(rows) === JSON.stringify(codes);
    },
    expected,
    { timeout: 10_000 },
  ).catch(async () => assert.deepEqual(await waitingCodes(page), expected));
}

/** Waits until the named device is linked to these counters (the save runs after the click). */
async function expectDevice(devices: () => Promise<DeviceDto[]>, name: string, counterIds: string[]) {
  for (let i = 0; i < 50; i++) {
    const device = (await devices()).find((d) => d.name === name);
    if (JSON.stringify(device?.counterIds) === JSON.stringify(counterIds)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual((await devices()).find((d) => d.name === name)?.counterIds, counterIds);
}

describe('agent desk and supervisor board against a real office', () => {
  beforeAll(async () => {
    office = await startTestOffice({ production: true });
    browser = await launchChromium();
    supervisorToken = await login(office.url, 'supervisor', user('supervisor').password);
    services = (await request<ServiceDto[]>(office.url, 'GET', '/api/v1/services', { token: supervisorToken })).body;
    counters = (await request<CounterDto[]>(office.url, 'GET', '/api/v1/counters', { token: supervisorToken })).body;
  });

  afterAll(async () => {
    await browser?.close();
    await office?.stop();
    office?.cleanup();
  });

  it('a kiosk issues, desk 1 calls, the display shows and queues it, desk 2 follows', async () => {
    const issued = [await issue('A'), await issue('A'), await issue('A')];
    const codes = issued.map((t) => t.code);
    display = await newPage(1920, 1080, `/display/index.html?token=${office.creds.displayToken}`);
    desk1 = await openDesk('asesor1', 400, 800);
    desk2 = await openDesk('asesor2', 1280, 800);
    await expectWaiting(desk1, codes);
    await expectWaiting(desk2, codes);

    await shortcut(desk1, 'callNext');
    await desk1.locator('[data-testid=current-ticket]', { hasText: codes[0] }).waitFor();
    const why = await desk1.locator('[data-testid=call-explanation]').innerText();
    assert.ok(why.length > 'Por qué este turno:'.length, `the rule that chose the ticket is shown: ${why}`);

    await expectWaiting(desk2, codes.slice(1));
    await display.locator('[data-testid=current-code]', { hasText: codes[0] }).waitFor();
    await display.waitForFunction(
      (code) => (window as any).__turneroAnnouncements?.some((a: { code: string }) => a.code === code),
      codes[0],
    );
    const counterName = counterOf('asesor1').name;
    assert.match(await display.locator('[data-testid=current-counter]').innerText(), new RegExp(counterName));

    await screenshot(display, 'display-1920x1080');
    await screenshot(desk1, 'desk-400x800');
    await screenshot(desk2, 'desk-1280x800');
  });

  it('start and finish with an outcome from the list; the agent figures count it', async () => {
    await shortcut(desk1, 'start');
    await desk1.locator('[data-testid=current-ticket]', { hasText: 'En atención' }).waitFor();
    const ticketCode = (await desk1.locator('[data-testid=current-ticket] .code').innerText()).trim();
    const queue = await request<{ counters: CounterDto[] }>(office.url, 'GET', '/api/v1/queue', { token: supervisorToken });
    const ticketId = queue.body.counters.find((c) => c.id === counterOf('asesor1').id)!.currentTicket!.id;
    await shortcut(desk1, 'finish');
    const options = await desk1.locator('#outcome option').allInnerTexts();
    assert.deepEqual(options, ['Resuelto', 'Requiere seguimiento', 'Remitido', 'Otro']);
    await desk1.selectOption('#outcome', 'follow_up');
    await desk1.getByRole('button', { name: 'Confirmar' }).click();
    await desk1.locator('[data-testid=no-current]').waitFor();
    await desk1.locator('[data-testid=my-stats] dd').first().filter({ hasText: /^1$/ }).waitFor();

    const agent1 = await login(office.url, 'asesor1', user('asesor1').password);
    const me = await request(office.url, 'GET', '/api/v1/me', { token: agent1 });
    const stats = await request(office.url, 'GET', '/api/v1/stats/today', { token: supervisorToken });
    const mine = stats.body.agents.find((a: { agentId: string }) => a.agentId === me.body.principalId);
    assert.equal(mine?.served, 1, `${ticketCode} counts as served for asesor1`);
    const finished = await request<TicketDto>(office.url, 'GET', `/api/v1/tickets/${ticketId}`, { token: supervisorToken });
    assert.equal(finished.body.status, 'done');
    assert.equal(finished.body.outcome, 'follow_up');
  });

  it('pause with a reason and resume; the other desks and the API see it', async () => {
    await shortcut(desk2, 'pause');
    const reasons = await desk2.locator('#reason option').allInnerTexts();
    assert.deepEqual(reasons, ['Almuerzo', 'Capacitación', 'Back office', 'Otro']);
    await desk2.selectOption('#reason', 'lunch');
    await desk2.getByRole('button', { name: 'Confirmar' }).click();
    await desk2.locator('[data-action=resume]').waitFor();
    await desk2.getByText('En pausa (Almuerzo)').waitFor();
    assert.equal(await desk2.locator('[data-action=callNext]').isDisabled(), true, 'no calling while paused');
    const counter2 = counterOf('asesor2').id;
    const r = await request<CounterDto[]>(office.url, 'GET', '/api/v1/counters', { token: supervisorToken });
    const c2 = r.body.find((c) => c.id === counter2)!;
    assert.equal(c2.agentState, 'paused');
    assert.equal(c2.pauseReason, 'lunch');
  });

  it('transfer to a counter keeps the customer first in that counter\'s list', async () => {
    await shortcut(desk1, 'callNext');
    const current = desk1.locator('[data-testid=current-ticket] .code');
    await current.waitFor();
    const code = (await current.innerText()).trim();
    const stillWaiting = (await waitingCodes(desk2)).filter((c) => c !== code);
    await shortcut(desk1, 'transfer');
    await desk1.getByLabel('A un módulo').check();
    await desk1.selectOption('#target', counterOf('asesor2').id);
    await desk1.getByRole('button', { name: 'Confirmar' }).click();
    await desk1.locator('[data-testid=no-current]').waitFor();
    await expectWaiting(desk2, [code, ...stillWaiting]);
    const row = desk2.locator(`turnero-desk-waiting-list tr[data-ticket="${code}"]`);
    assert.match(await row.innerText(), /transferido a este módulo/);
    assert.ok(!(await waitingCodes(desk1)).includes(code), 'directed elsewhere: gone from desk 1');
  });

  it('an agent cannot act at another agent\'s counter (403 on the API, refused in the UI)', async () => {
    const agent1 = await login(office.url, 'asesor1', user('asesor1').password);
    const counter2 = counterOf('asesor2').id;
    const r = await request(office.url, 'POST', `/api/v1/counters/${counter2}/call-next`, { token: agent1 });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'forbidden');
    const p = await request(office.url, 'POST', `/api/v1/counters/${counter2}/pause`, { token: agent1, body: { reason: 'lunch' } });
    assert.equal(p.status, 403);

    await desk1.getByRole('button', { name: 'Cambiar de módulo' }).click();
    await desk1.selectOption('#counter', counter2);
    await desk1.getByRole('button', { name: 'Abrir módulo' }).click();
    const error = desk1.locator('[data-testid=desk-error]');
    await error.waitFor();
    assert.match(await error.innerText(), /ocupado por otro asesor/);
    // Still signed in at their own counter.
    await desk1.selectOption('#counter', counterOf('asesor1').id);
    await desk1.getByRole('button', { name: 'Abrir módulo' }).click();
    await desk1.locator('[data-action=callNext]').waitFor();
  });

  it('a desk that missed its sign-out is refused (403) and says so', async () => {
    // Desk 3's socket is cut from server news (a stale screen); meanwhile the supervisor
    // signs agent 3 out. Calling from the stale screen must be refused and explained.
    let frozen = false;
    const context = await browser.newContext({ viewport: { width: 400, height: 900 }, locale: 'es-CO' });
    await context.routeWebSocket(/socket\.io/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((m) => {
        if (!frozen) ws.send(m);
      });
    });
    const desk3 = await context.newPage();
    await desk3.goto(office.url + '/desk/index.html');
    await signInUi(desk3, 'asesor3');
    await desk3.getByRole('button', { name: 'Abrir módulo' }).click();
    await desk3.locator('[data-action=callNext]:not([disabled])').waitFor();
    frozen = true;
    const out = await request(office.url, 'POST', `/api/v1/counters/${counterOf('asesor3').id}/sign-out`, { token: supervisorToken });
    assert.equal(out.status, 200, JSON.stringify(out.body));
    await shortcut(desk3, 'callNext');
    const error = desk3.locator('[data-testid=desk-error]');
    await error.waitFor();
    assert.match(await error.innerText(), /No tiene permiso/);
    await context.close();
  });

  it('the supervisor board shows counter states, an alert, and its actions take effect', async () => {
    await issue('C'); // counters 3 and 4 serve C and nobody is signed in there
    board = await newPage(1920, 1080, '/desk/board.html');
    await signInUi(board, 'supervisor');
    const stateOf = (name: string) => board.locator(`tr[data-counter="${name}"] [data-testid=counter-state]`);
    await stateOf(counterOf('asesor2').name).filter({ hasText: 'En pausa' }).waitFor();
    await stateOf(counterOf('asesor1').name).filter({ hasText: 'Disponible' }).waitFor();
    await board.locator('[data-alert=service_unserved]', { hasText: serviceByPrefix('C').nameEs }).waitFor();
    await screenshot(board, 'board-1920x1080');

    // Live: desk 2 resumes, the board follows without reload.
    await shortcut(desk2, 'resume');
    await stateOf(counterOf('asesor2').name).filter({ hasText: 'Disponible' }).waitFor();

    // The ticker reaches the display.
    await board.fill('#ticker', 'Horario especial: cerramos a las 4 p. m.');
    await board.getByRole('button', { name: 'Publicar mensaje' }).click();
    await display.locator('[data-testid=ticker]', { hasText: 'cerramos a las 4' }).waitFor();

    // Closing time: the kiosk can no longer issue.
    await board.getByRole('button', { name: 'Dejar de entregar turnos' }).click();
    await board.locator('[data-testid=accepting]', { hasText: 'No se entregan' }).waitFor();
    const refused = await request(office.url, 'POST', '/api/v1/tickets', {
      token: office.creds.kioskToken,
      headers: { 'Idempotency-Key': randomUUID() },
      body: { serviceId: serviceByPrefix('A').id },
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'office_closed');
    await board.getByRole('button', { name: 'Volver a entregar turnos' }).click();
    await board.locator('[data-testid=accepting]', { hasText: 'Recibiendo turnos' }).waitFor();

    // Counter services: give counter 1 service C; the alert clears once someone staffed serves it.
    const c1 = counterOf('asesor1');
    await board.locator(`tr[data-counter="${c1.name}"]`).getByRole('button', { name: 'Cambiar trámites' }).click();
    await board.locator(`#svc-${c1.id}-${serviceByPrefix('C').id}`).check();
    await board.getByRole('button', { name: 'Guardar' }).click();
    await board.locator('[data-alert=service_unserved]').waitFor({ state: 'detached' });
    // Desk 1 now lists the C ticket, live.
    await desk1.locator('turnero-desk-waiting-list tr[data-ticket^="C-"]').waitFor();
  });

  it('admin creates a display and sees its token once, with the URL to open', async () => {
    const admin = await newPage(1280, 800, '/desk/admin.html');
    await signInUi(admin, 'admin');
    await admin.getByRole('tab', { name: 'Dispositivos' }).click();
    await admin.selectOption('#f-kind', 'display');
    await admin.fill('#f-name', 'Pantalla piso 2');
    await admin.getByRole('button', { name: 'Crear' }).click();
    const box = admin.locator('[data-testid=device-token]');
    await box.waitFor();
    const link = await box.locator('a').getAttribute('href');
    assert.match(link ?? '', /\/display\/#token=.+/);
    // The token travels in the fragment, which browsers never send to the server.
    const token = new URLSearchParams(new URL(link!).hash.slice(1)).get('token')!;
    assert.ok(token, 'the link carries the token in its fragment');
    const me = await request(office.url, 'GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.role, 'display');
    const violations = await seriousA11yViolations(admin);
    assert.deepEqual(violations, [], 'admin: no serious or critical axe violations');
    // Spanish first, English on demand.
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('tab', { name: 'Devices' }).waitFor();
    await admin.getByRole('button', { name: 'Español' }).click();
    await admin.getByRole('tab', { name: 'Dispositivos' }).waitFor();
  });

  it('admin links a survey tablet to one counter from the device form; a display\'s counters are left alone', async () => {
    const admin = await newPage(1280, 800, '/desk/admin.html');
    await signInUi(admin, 'admin');
    await admin.getByRole('tab', { name: 'Dispositivos' }).click();
    const surveyCounter = admin.getByLabel('Módulo que califica esta tableta');
    await admin.selectOption('#f-kind', 'display');
    assert.equal(await surveyCounter.count(), 0, 'a display has no single survey counter');
    await admin.selectOption('#f-kind', 'survey');
    const first = counterOf('asesor1');
    await surveyCounter.selectOption({ label: first.name });
    await admin.fill('#f-name', 'Tableta encuesta');
    await admin.getByRole('button', { name: 'Crear' }).click();
    await admin.locator('[data-testid=device-token]').waitFor();

    const adminToken = await login(office.url, 'admin', user('admin').password);
    const devices = async () => (await request<DeviceDto[]>(office.url, 'GET', '/api/v1/admin/devices', { token: adminToken })).body;
    const tablet = (await devices()).find((d) => d.name === 'Tableta encuesta');
    assert.deepEqual(tablet?.counterIds, [first.id]);
    const displaysBefore = (await devices()).filter((d) => d.kind === 'display').map((d) => [d.id, d.counterIds]);

    // Editing moves it to another counter: still exactly one.
    const second = counterOf('asesor2');
    await admin.locator('tr', { hasText: 'Tableta encuesta' }).getByRole('button', { name: 'Editar' }).click();
    assert.equal(await surveyCounter.inputValue(), first.id, 'the form shows the linked counter');
    await surveyCounter.selectOption({ label: second.name });
    await admin.getByRole('button', { name: 'Guardar' }).click();
    await admin.locator('#f-kind').waitFor();
    await expectDevice(devices, 'Tableta encuesta', [second.id]);
    assert.deepEqual((await devices()).filter((d) => d.kind === 'display').map((d) => [d.id, d.counterIds]), displaysBefore);
    assert.deepEqual(await seriousA11yViolations(admin), [], 'admin device form: no serious or critical axe violations');
  });

  it('the desk keeps each action in one place through idle, called and serving, and fits 1280x800, 1366x768 and 400x800', async () => {
    const desk = await openDesk('asesor5', 1280, 800);
    const serviceId = counterOf('asesor5').services[0].serviceId;
    await issue(services.find((x) => x.id === serviceId)!.prefix);
    const places = async (state: string) => {
      const boxes = await boxesOf(desk, '.actions [data-action]', 'data-action');
      assert.equal(Object.keys(boxes).length, 8, `every action has its button while ${state}`);
      return boxes;
    };
    const idle = await places('idle');
    await assertLayout(desk, 'desk-1280x800-idle');
    await desk.locator('[data-action=callNext]').click();
    await desk.locator('[data-testid=current-ticket]').waitFor();
    assert.deepEqual(await places('called'), idle, 'the buttons stay where they were after a call');
    await assertLayout(desk, 'desk-1280x800-called');
    await desk.locator('[data-action=start]').click();
    await desk.locator('[data-action=finish]:not([disabled])').waitFor();
    assert.deepEqual(await places('serving'), idle, 'the buttons stay where they were while serving');
    assert.equal(await desk.locator('[data-action=recall]').isDisabled(), true, 'recall is there but disabled while serving');
    await assertLayout(desk, 'desk-1280x800-serving');
    for (const [width, height] of [
      [1366, 768],
      [400, 800],
    ]) {
      await desk.setViewportSize({ width, height });
      await assertLayout(desk, `desk-${width}x${height}-serving`);
    }
    // A keyboard screen shows the shortcut keys.
    assert.equal(await desk.locator('.actions kbd').first().isVisible(), true);
    await desk.context().close();

    // A touch screen (pointer: coarse) has no keyboard: no shortcut hints.
    const touch = await openDesk('asesor6', 400, 800, true);
    assert.equal(await touch.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'the touch screen is coarse');
    assert.equal(await touch.locator('.actions kbd').first().isVisible(), false, 'no key hints on a touch screen');
    assert.equal(await touch.locator('.shortcuts').isVisible(), false, 'no shortcut line on a touch screen');
    await assertLayout(touch, 'desk-400x800-touch');
    await touch.context().close();
  });

  it('the board fits 1280x800 and 1366x768: no column covers another, every button and tile visible, a called counter shows "Llamando"', async () => {
    // asesor6's counter (opened by the touch desk above) calls a ticket without starting it.
    const agent6 = await login(office.url, 'asesor6', user('asesor6').password);
    const c6 = counterOf('asesor6');
    await issue(services.find((x) => x.id === c6.services[0].serviceId)!.prefix);
    const called = await request(office.url, 'POST', `/api/v1/counters/${c6.id}/call-next`, { token: agent6 });
    assert.equal(called.status, 200, JSON.stringify(called.body));
    const page = await newPage(1280, 800, '/desk/board.html');
    await signInUi(page, 'supervisor');
    const state6 = page.locator(`tr[data-counter="${c6.name}"] [data-testid=counter-state]`);
    await state6.waitFor();
    await state6.filter({ hasText: 'Llamando' }).waitFor({ timeout: 5_000 }).catch(async () => {
      assert.equal((await state6.textContent())?.trim(), 'Llamando', 'a counter whose ticket is only called is calling, not serving');
    });
    for (const [width, height] of [
      [1280, 800],
      [1366, 768],
    ]) {
      await page.setViewportSize({ width, height });
      await assertLayout(page, `board-${width}x${height}`);
      // Whatever the page scrolls to, each sign-out button and the last queue tile can be seen whole.
      for (const target of [page.getByRole('button', { name: 'Cerrar sesión del asesor' }).last(), page.locator('.tiles .tile').last()]) {
        await target.scrollIntoViewIfNeeded();
        const box = (await target.boundingBox())!;
        assert.ok(box.x >= 0 && box.x + box.width <= width, `${await target.textContent()} is within the ${width} px width (${Math.round(box.x)}..${Math.round(box.x + box.width)})`);
      }
    }
    assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the board at 1366x768');
    await page.context().close();
  });

  it('admin: a service\'s icon is picked from the icons the kiosk draws, with a preview, and the colour swatch is big enough to see and hit', async () => {
    const admin = await newPage(1280, 800, '/desk/admin.html');
    await signInUi(admin, 'admin');
    await admin.getByRole('tab', { name: 'Trámites' }).click();
    await admin.getByRole('button', { name: 'Editar' }).first().click();
    const icon = admin.locator('#f-icon');
    assert.equal(await icon.evaluate((el) => el.tagName), 'SELECT', 'the icon is chosen from a list, not typed');
    const names = await icon.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.ok(names.includes('receipt') && names.includes('cash') && names.length >= 10, `the kiosk's icons are offered: ${names.join(', ')}`);
    await icon.selectOption('cash');
    assert.equal(await admin.locator('[data-testid=icon-preview]').getAttribute('data-icon'), 'cash', 'the preview follows the choice');
    const swatch = (await admin.locator('#f-color').boundingBox())!;
    assert.ok(swatch.height >= 44 && swatch.width >= 88, `the colour swatch is ${Math.round(swatch.width)}x${Math.round(swatch.height)}, at least 88x44`);
    await assertLayout(admin, 'admin-1280x800-service-form');
    assert.deepEqual(await seriousA11yViolations(admin), []);
    await admin.context().close();
  });

  it('axe-core: no serious or critical violations on the desk and the board', async () => {
    for (const [name, page] of [
      ['desk 400', desk1],
      ['desk 1280', desk2],
      ['board', board],
    ] as const) {
      const violations = await seriousA11yViolations(page);
      assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
    }
  });
});
