/**
 * An office's own opening hours and texts (no head office owns them): set on PATCH
 * /api/v1/office, audited, and obeyed at once by the kiosk's POST /api/v1/tickets on the
 * office's injected clock, in its time zone (America/Bogota, UTC-5). Hours from head office:
 * tests/link/settings-calendar.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConfigAuditDto, OfficeDto, TicketDto } from '@turnero/contract/dto';
import { expectStatus } from './helpers';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, type InProcessOffice } from '../support/office';

/** Saturday 2027-01-16 10:00 in Bogotá. */
const clock = new FakeClock(new Date('2027-01-16T15:00:00Z'));
const weekday = [{ open: '07:00', close: '16:00' }];
let office: InProcessOffice;
let admin: string;
let serviceId: string;

const patch = (body: object) => request<OfficeDto & { error?: { code: string } }>(office.url, 'PATCH', '/api/v1/office', { token: admin, body });
const issue = () =>
  request<TicketDto & { error?: { code: string; message: string } }>(office.url, 'POST', '/api/v1/tickets', {
    token: office.creds.kioskToken,
    body: { serviceId, category: 'general', print: false },
  });

/** Signs the admin in at the clock's time (a session from days before has expired). */
async function signIn(): Promise<void> {
  const user = office.creds.users.find((u) => u.role === 'admin')!;
  admin = await login(office.url, user.username, user.password);
}

beforeAll(async () => {
  office = await startInProcessOffice({ clock, env: { OFFICE_CODE: 'HRS-LOCAL' } });
  await signIn();
  serviceId = (await request<{ id: string }[]>(office.url, 'GET', '/api/v1/services', { token: office.creds.kioskToken })).body[0].id;
}, 60_000);
afterAll(async () => {
  await office?.stop();
});

describe("an office's own opening hours", () => {
  test('without hours the office issues at any time (as before hours existed)', async () => {
    expectStatus(await issue(), 201, 'issue with no hours');
  });

  test('weekday hours set locally close the office on Saturday, saying it opens on Monday', async () => {
    const r = expectStatus(await patch({ openingHours: [[], weekday, weekday, weekday, weekday, weekday, []], kioskWelcomeEs: 'Bienvenido a la sede norte', announcementLanguage: 'en' }), 200, 'patch').body;
    expect(r.kioskTexts?.welcomeEs).toBe('Bienvenido a la sede norte');
    expect(r.announcement).toEqual({ language: 'en', voice: null });
    const refused = await issue();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'office_closed', message: 'La oficina está cerrada en este horario. Abre el lunes 18 de enero a las 07:00.' });
    const audit = expectStatus(await request<ConfigAuditDto[]>(office.url, 'GET', '/api/v1/admin/config-audit?limit=20', { token: admin }), 200, 'audit').body;
    expect(audit[0]).toMatchObject({ action: 'settings.update', before: { openingHours: null } });
  });

  test('a local holiday closes a working day; null hours open the office again', async () => {
    clock.set('2027-01-18T15:00:00Z'); // Monday 10:00
    await signIn();
    expect(expectStatus(await patch({ holidays: [{ date: '2027-01-18', name: 'Fiesta local' }] }), 200, 'holiday').status).toBe(200);
    expect((await issue()).body.error?.message).toBe('Hoy es festivo (Fiesta local). Abre el martes 19 de enero a las 07:00.');
    expectStatus(await patch({ openingHours: null }), 200, 'always open');
    expectStatus(await issue(), 201, 'issue with hours removed');
  });

  test('hours that close before they open are refused and change nothing', async () => {
    const r = await patch({ openingHours: [[{ open: '17:00', close: '08:00' }], [], [], [], [], [], []] });
    expect(r.status).toBe(400);
    expectStatus(await issue(), 201, 'still always open');
  });
});
