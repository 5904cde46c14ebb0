/**
 * Issue 4 end to end, in headless Chromium against a real office server process:
 * kiosk issues -> desk 1 calls -> the display shows and queues the announcement -> desk 2's
 * list follows; start/finish with an outcome; pause; transfer keeping the place; an agent
 * refused at another's counter; the supervisor board's states, alert and actions; axe-core
 * on the desks and the board; screenshots at target sizes. Admin and the screens' layouts at
 * their sizes: staff-admin-layout.test.ts; the office both start: desk-board-support.ts.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { CounterDto, TicketDto } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import type { TestOffice } from '../support/office';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { SHORTCUTS } from '../../desk/src/lib/desk-actions';
import { startStaffOffice, type StaffOffice } from './desk-board-support';

let staff: StaffOffice | undefined;
let office: TestOffice;
let browser: Browser;
let supervisorToken: string;
let counters: CounterDto[];
let user: StaffOffice['user'];
let serviceByPrefix: StaffOffice['serviceByPrefix'];
let counterOf: StaffOffice['counterOf'];
let issue: StaffOffice['issue'];
let newPage: StaffOffice['newPage'];
let openDesk: StaffOffice['openDesk'];
let signInUi: StaffOffice['signInUi'];
let display: Page;
let desk1: Page;
let desk2: Page;
let board: Page;

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

describe('agent desk and supervisor board against a real office', () => {
  beforeAll(async () => {
    staff = await startStaffOffice();
    ({ office, browser, supervisorToken, counters, user, serviceByPrefix, counterOf, issue, newPage, openDesk, signInUi } = staff);
  });

  afterAll(async () => {
    await staff?.stop();
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
