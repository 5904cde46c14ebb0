/**
 * Issue 12's pictures of the staff screens, each at the sizes the office uses it, in every
 * state an agent, a supervisor or an administrator meets on a normal day: the desk (1280x800,
 * 1366x768 and 400x800) from sign-in through calling, serving, each dialog and a pause; the
 * supervisor board (1280x800, 1366x768) from sign-in to a counter's services form; the admin
 * pages (1280x800, 1366x768) tab by tab with their forms. Each state is layout-checked
 * (nothing sticks out, covers another control or breaks inside a word), checked by axe-core,
 * and kept as test-artifacts/screenshots/<screen>-<size>-<state>.png.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '../support/browser';
import { assertLayout } from '../support/layout';
import { startStaffOffice, type StaffOffice } from './desk-board-support';

const DESK_SIZES = [
  { width: 1280, height: 800, agent: 'asesor1' },
  { width: 1366, height: 768, agent: 'asesor2' },
  { width: 400, height: 800, agent: 'asesor3' },
];
const LAPTOP_SIZES = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
];

let staff: StaffOffice;

/** The picture, then the layout and axe-core: what a person at this screen would meet. */
async function check(page: Page, name: string) {
  await assertLayout(page, name);
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
}

describe('every staff screen at its real sizes: layout and axe-core clean, pictures kept', () => {
  beforeAll(async () => {
    staff = await startStaffOffice();
  });

  afterAll(async () => {
    await staff?.stop();
  });

  for (const { width, height, agent } of DESK_SIZES) {
    it(`desk at ${width}x${height}: sign-in, counter choice, idle, called, transfer, serving, finish, pause, paused`, async () => {
      const size = `${width}x${height}`;
      const service = staff.services.find((s) => s.id === staff.counterOf(agent).services[0].serviceId)!;
      // Two customers for this counter, so the waiting list has rows and a call has a ticket.
      for (let i = 0; i < 2; i++) await staff.issue(service.prefix);
      const desk = await staff.newPage(width, height, '/desk/index.html');
      await desk.locator('#username').waitFor();
      await check(desk, `desk-${size}-sign-in`);
      await staff.signInUi(desk, agent);
      await desk.locator('#counter').waitFor();
      await check(desk, `desk-${size}-counter-choice`);
      await desk.getByRole('button', { name: 'Abrir módulo' }).click();
      await desk.locator('turnero-desk-waiting-list tr[data-ticket]').first().waitFor();
      await desk.locator('[data-action=callNext]:not([disabled])').waitFor();
      await check(desk, `desk-${size}-idle`);

      await desk.locator('[data-action=callNext]').click();
      await desk.locator('[data-action=start]:not([disabled])').waitFor();
      await check(desk, `desk-${size}-called`);
      await desk.locator('[data-action=transfer]').click();
      await desk.locator('#target').waitFor();
      await check(desk, `desk-${size}-transfer-dialog`);
      await desk.getByRole('button', { name: 'Cancelar' }).click();

      await desk.locator('[data-action=start]').click();
      await desk.locator('[data-action=finish]:not([disabled])').waitFor();
      await check(desk, `desk-${size}-serving`);
      await desk.locator('[data-action=finish]').click();
      await desk.locator('#outcome').waitFor();
      await check(desk, `desk-${size}-finish-dialog`);
      await desk.selectOption('#outcome', 'resolved');
      await desk.getByRole('button', { name: 'Confirmar' }).click();
      await desk.locator('[data-testid=no-current]').waitFor();

      await desk.locator('[data-action=pause]:not([disabled])').click();
      await desk.locator('#reason').waitFor();
      await check(desk, `desk-${size}-pause-dialog`);
      await desk.selectOption('#reason', 'lunch');
      await desk.getByRole('button', { name: 'Confirmar' }).click();
      await desk.locator('[data-action=resume]:not([disabled])').waitFor();
      await check(desk, `desk-${size}-paused`);
      await desk.context().close();
    });
  }

  for (const { width, height } of LAPTOP_SIZES) {
    it(`board at ${width}x${height}: sign-in, live queues and counters, a counter's services form`, async () => {
      const size = `${width}x${height}`;
      const board = await staff.newPage(width, height, '/desk/board.html');
      await board.locator('#username').waitFor();
      await check(board, `board-${size}-sign-in`);
      await staff.signInUi(board, 'supervisor');
      const first = staff.counterOf('asesor1');
      await board.locator(`tr[data-counter="${first.name}"] [data-testid=counter-state]`).waitFor();
      await board.locator('.tiles .tile').first().waitFor();
      await check(board, `board-${size}-live`);
      await board.locator(`tr[data-counter="${first.name}"]`).getByRole('button', { name: 'Cambiar trámites' }).click();
      await board.locator(`#svc-${first.id}-${first.services[0].serviceId}`).waitFor();
      await check(board, `board-${size}-services-form`);
      await board.context().close();
    });

    it(`admin at ${width}x${height}: each tab with its list and its form, and the changes`, async () => {
      const size = `${width}x${height}`;
      const admin = await staff.newPage(width, height, '/desk/admin.html');
      await admin.locator('#username').waitFor();
      await check(admin, `admin-${size}-sign-in`);
      await staff.signInUi(admin, 'admin');
      for (const [tab, slug] of [
        ['Trámites', 'services'],
        ['Módulos', 'counters'],
        ['Usuarios', 'users'],
        ['Dispositivos', 'devices'],
      ] as const) {
        await admin.getByRole('tab', { name: tab }).click();
        await admin.getByRole('button', { name: 'Editar' }).first().waitFor();
        await check(admin, `admin-${size}-${slug}`);
        await admin.getByRole('button', { name: 'Editar' }).first().click();
        await admin.getByRole('button', { name: 'Guardar' }).waitFor();
        await check(admin, `admin-${size}-${slug}-edit`);
        await admin.getByRole('button', { name: 'Cancelar' }).click();
      }
      await admin.getByRole('tab', { name: 'Cambios' }).click();
      await admin.locator('turnero-admin-audit').waitFor();
      await check(admin, `admin-${size}-changes`);
      await admin.context().close();
    });
  }
});
