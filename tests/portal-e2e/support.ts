/**
 * The portal's and the kiosk check-in's browser tests share one world: head office from
 * the bundle (`npm run build`) on a throwaway PostgreSQL database, and a real office (the
 * bundle, demo seed) linked to it, running the configuration head office published:
 * appointments and the remote queue on, always open, two catalogue services adopted from
 * the demo's A and B (so the demo counters serve them), RECL asking bookings for the ID
 * number. A second office of another company
 * and city exists at head office only, for the finder's filters.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { create as createQr } from 'qrcode';
import type { BookingCreated, OfficeBookingsResponse, SlotsResponse } from '@turnero/contract/portal';
import { OfficeConfigResponse } from '@turnero/contract/hq-link';
import { api, createTestDatabase, freePort, type TestDatabase } from '../hq/helpers';
import { expectStatus, sessionFor, type OfficeSession } from '../office/helpers';
import { waitUntil } from '../printing/support';
import { request } from '../support/http';
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { startTestOffice, tempDataDir } from '../support/office';
import { startHqProcess, type HqProcess } from '../../bench/link-sim/hq-process';

export const OFFICE = 'POR-001';
export const OTHER_OFFICE = 'POR-002';
/** The portal's consent version: head office refuses a booking accepted under any other. */
const CONSENT_VERSION = PORTAL_CONSENT_VERSION;
const ADMIN = { username: 'admin', password: 'portal-e2e-admin-pw' };

export interface World {
  db: TestDatabase;
  hq: HqProcess;
  hqAdmin: string;
  office: OfficeSession;
  stop(): Promise<void>;
}

export async function startWorld(prefix: string): Promise<World> {
  const db = await createTestDatabase(prefix);
  const hq = await startHqProcess({ databaseUrl: db.url, port: await freePort(), dataDir: tempDataDir('portal-e2e-hq-'), admin: ADMIN, production: true });
  let office: OfficeSession | undefined;
  try {
    const hqAdmin = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: ADMIN })).body.token as string;
    const hqApi = (method: string, path: string, body?: unknown) => api(hq.url, method, path, { token: hqAdmin, body });
    expectStatus(await hqApi('POST', '/api/v1/hq/catalog/services', { code: 'FACT', nameEs: 'Facturación y pagos', nameEn: 'Billing and payments', prefix: 'A', targetWaitMinutes: 15 }), 201, 'FACT');
    expectStatus(await hqApi('POST', '/api/v1/hq/catalog/services', { code: 'RECL', nameEs: 'Reclamos', nameEn: 'Complaints', prefix: 'B', targetWaitMinutes: 15 }), 201, 'RECL');
    const token = expectStatus(await hqApi('POST', '/api/v1/hq/offices', { code: OFFICE, name: 'Oficina Centro Medellín', company: 'EPM' }), 201, 'office').body.token as string;
    expectStatus(await hqApi('POST', '/api/v1/hq/offices', { code: OTHER_OFFICE, name: 'Oficina Manizales', company: 'CHEC' }), 201, 'other office');
    const settings = {
      openingHours: null,
      consentPolicyVersion: CONSENT_VERSION,
      appointments: { enabled: true, counters: 10, slotsPerHour: 4, checkInEarlyMinutes: 30, checkInLateMinutes: 15, idNumberServices: ['RECL'] },
      remoteQueue: { enabled: true, notifyWhenAhead: 1 },
    };
    for (const code of [OFFICE, OTHER_OFFICE]) {
      expectStatus(await hqApi('PUT', `/api/v1/hq/offices/${code}/settings`, { settings }), 200, `${code} settings`);
      expectStatus(await hqApi('PUT', `/api/v1/hq/offices/${code}/services`, { services: [{ code: 'FACT' }, { code: 'RECL' }] }), 200, `${code} services`);
    }
    await placeOffices(db.url);

    office = await sessionFor(await startTestOffice({ production: true, env: { OFFICE_CODE: OFFICE, HQ_URL: hq.url, HQ_TOKEN: token } }));
    const { version } = OfficeConfigResponse.parse((await hqApi('GET', `/api/v1/hq/offices/${OFFICE}/config`)).body);
    const linked = office;
    await waitUntil(`the office to run configuration ${version}`, async () => {
      const sync = (await request(linked.url, 'GET', '/api/v1/sync', { token: linked.supervisor })).body as { link: { configVersion: number } };
      return sync.link.configVersion >= version ? true : undefined;
    });
    const done = office;
    return {
      db,
      hq,
      hqAdmin,
      office,
      async stop() {
        await done.office.stop();
        done.office.cleanup();
        await hq.stop();
        await db.drop();
      },
    };
  } catch (e) {
    if (office) await office.office.stop().catch(() => {});
    await hq.stop().catch(() => {});
    await db.drop().catch(() => {});
    throw e;
  }
}

/** City and coordinates are head office's records of an office (no admin route sets them yet). */
async function placeOffices(databaseUrl: string): Promise<void> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    await client.query(`UPDATE hq_office SET city = 'Medellín', latitude = 6.2442, longitude = -75.5812 WHERE code = $1`, [OFFICE]);
    await client.query(`UPDATE hq_office SET city = 'Manizales', latitude = 5.0703, longitude = -75.5138 WHERE code = $1`, [OTHER_OFFICE]);
  } finally {
    await client.end();
  }
}

/** The office-local day (Bogotá) of an instant, YYYY-MM-DD. */
export const bogotaDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(at);

/**
 * The earliest free slot from now (today's, or tomorrow's just before midnight). Ten bookings
 * fit in a slot, so every check-in test books within the next 15 minutes: inside the
 * 30-minute check-in window.
 */
export async function nextSlot(hqUrl: string, service: string): Promise<string> {
  const now = new Date();
  for (const day of [bogotaDay(now), bogotaDay(new Date(now.getTime() + 86_400_000))]) {
    const r = expectStatus(await request<SlotsResponse>(hqUrl, 'GET', `/api/v1/public/offices/${OFFICE}/slots?service=${service}&date=${day}`), 200, 'slots');
    const free = r.body.slots.find((s) => s.available > 0);
    if (free) return free.start;
  }
  throw new Error('no free slot today or tomorrow');
}

/** A new customer's mobile number: head office deduplicates and limits bookings per contact. */
export const newPhone = () => `300${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** Books through head office's public API, as the portal does. */
export async function book(hqUrl: string, start: string, serviceCode = 'FACT', idNumber?: string): Promise<BookingCreated> {
  const body = { officeCode: OFFICE, serviceCode, start, name: 'Cliente de prueba', phone: newPhone(), consentVersion: CONSENT_VERSION, ...(idNumber ? { idNumber } : {}) };
  return expectStatus(await request<BookingCreated>(hqUrl, 'POST', '/api/v1/public/bookings', { body }), 201, 'booking').body;
}

/** Waits until the office holds the booking (it travels over the link). */
export async function officeHasBooking(w: World, code: string, status = 'booked'): Promise<void> {
  await waitUntil(`the office to hold booking ${code} as ${status}`, async () => {
    const days = new Set([bogotaDay(new Date()), bogotaDay(new Date(Date.now() + 86_400_000))]);
    for (const date of days) {
      const r = await request<OfficeBookingsResponse>(w.office.url, 'GET', `/api/v1/bookings?date=${date}`, { token: w.office.supervisor });
      if (r.body.bookings?.some((b) => b.code === code && b.status === status)) return true;
    }
    return undefined;
  });
}

/**
 * A Y4M video (one 4:2:0 frame, which Chromium's fake camera repeats) showing `text` as a QR
 * code: the QR drawn to RGBA pixels, then each pixel's luma (BT.601) into the Y plane; the
 * chroma planes are neutral grey.
 */
export async function qrVideo(text: string, dir: string, width = 640, height = 480): Promise<string> {
  const qr = createQr(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size + 8; // with the 4-module quiet zone on each side
  const scale = Math.floor(Math.min(width, height) / modules);
  const left = Math.floor((width - modules * scale) / 2) + 4 * scale;
  const top = Math.floor((height - modules * scale) / 2) + 4 * scale;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const col = Math.floor((x - left) / scale);
      const row = Math.floor((y - top) / scale);
      const dark = x >= left && y >= top && col < qr.modules.size && row < qr.modules.size && qr.modules.get(row, col);
      if (dark) rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  const luma = Buffer.alloc(width * height);
  for (let i = 0; i < width * height; i++) luma[i] = Math.round(0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]);
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  const file = join(dir, 'booking-qr.y4m');
  await writeFile(file, Buffer.concat([header, luma, chroma, chroma]));
  return file;
}
