/**
 * The staff screens in headless Chromium against a real office server process, beside the
 * desk-and-board flow (desk-board.test.ts): admin creates a display and shows its token once,
 * links a survey tablet to one counter, picks a service's icon; the desk keeps each action in
 * one place and fits its screen sizes (keyboard and touch), and its own panels follow a
 * language switch at once; the board fits its sizes. axe-core on each. The office both files
 * start: desk-board-support.ts.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { DeviceDto, ServiceDto } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import type { TestOffice } from '../support/office';
import { seriousA11yViolations } from '../support/browser';
import { assertLayout, boxesOf } from '../support/layout';
import { startStaffOffice, type StaffOffice } from './desk-board-support';

let staff: StaffOffice | undefined;
let office: TestOffice;
let services: ServiceDto[];
let user: StaffOffice['user'];
let counterOf: StaffOffice['counterOf'];
let issue: StaffOffice['issue'];
let newPage: StaffOffice['newPage'];
let openDesk: StaffOffice['openDesk'];
let signInUi: StaffOffice['signInUi'];

/** Waits until the named device is linked to these counters (the save runs after the click). */
async function expectDevice(devices: () => Promise<DeviceDto[]>, name: string, counterIds: string[]) {
  for (let i = 0; i < 50; i++) {
    const device = (await devices()).find((d) => d.name === name);
    if (JSON.stringify(device?.counterIds) === JSON.stringify(counterIds)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual((await devices()).find((d) => d.name === name)?.counterIds, counterIds);
}

describe('admin, and the desk and board at their screen sizes, against a real office', () => {
  beforeAll(async () => {
    staff = await startStaffOffice();
    ({ office, services, user, counterOf, issue, newPage, openDesk, signInUi } = staff);
  });

  afterAll(async () => {
    await staff?.stop();
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

  it("the desk's own panels (today's appointments, ratings) follow the language switch at once, not at their next reread", async () => {
    const desk = await openDesk('asesor4', 1280, 800);
    const bookings = desk.locator('turnero-desk-bookings');
    const ratings = desk.locator('[data-testid=ratings-none]');
    await bookings.getByText('No hay citas para hoy.').waitFor();
    await ratings.filter({ hasText: 'Aún no hay calificaciones.' }).waitFor();
    await desk.getByRole('button', { name: 'English' }).click();
    // The panels reread every minute or when the queue moves; a quiet queue must not keep them in Spanish.
    await bookings.getByText('No appointments today.').waitFor({ timeout: 5_000 });
    await ratings.filter({ hasText: 'No ratings yet.' }).waitFor({ timeout: 5_000 });
    await desk.getByRole('button', { name: 'Español' }).click();
    await bookings.getByText('No hay citas para hoy.').waitFor({ timeout: 5_000 });
    await desk.context().close();
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
});
