/**
 * Head office with the portal for tests/portal: in-process on a throwaway PostgreSQL, with
 * a movable clock, a recording notifier, a catalogue (FACT, RECL) and offices published
 * with hours, appointments and the remote queue. Offices are stand-ins (a real socket.io
 * client on /link) unless a test starts a real office server.
 */
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigSettings } from '@turnero/contract/hq-link';
import { createHqServer, type HqServer } from '../../server/src/hq';
import type { NotificationRequest, Notifier } from '../../server/src/hq/notify/types';
import type { PortalLimits } from '../../server/src/hq/portal/deps';
import type { PublicRateLimits } from '../../server/src/hq/http/public-routes';
import { api, createTestDatabase, silentLogger, type TestDatabase } from '../hq/helpers';

const ADMIN = { username: 'admin', password: 'portal-test-admin-pw' };
/** Wednesday 2 December 2026, 10:10 in Bogotá (UTC-5). */
const START = new Date('2026-12-02T15:10:00Z');

export class MovableClock {
  constructor(public at: Date) {}
  now = () => new Date(this.at);
  set(iso: string) {
    this.at = new Date(iso);
  }
}

/** A notifier that records what it was asked to send (dedupe by key, like the real one). */
export class RecordingNotifier implements Notifier {
  readonly sent: NotificationRequest[] = [];
  async enqueue(r: NotificationRequest) {
    if (!this.sent.some((s) => s.dedupeKey === r.dedupeKey)) this.sent.push(r);
  }
  start() {}
  async stop() {}
  of(template: string) {
    return this.sent.filter((s) => s.template === template);
  }
}

const WEEKDAYS_8_TO_12 = [[], ...Array.from({ length: 5 }, () => [{ open: '08:00', close: '12:00' }]), []];

export const PORTAL_SETTINGS: ConfigSettings = {
  consentPolicyVersion: 'v1',
  openingHours: WEEKDAYS_8_TO_12,
  holidays: [{ date: '2026-12-04', name: 'Cierre por inventario' }],
  appointments: {
    enabled: true,
    counters: 2,
    slotsPerHour: 4,
    weeksAhead: 2,
    checkInEarlyMinutes: 30,
    checkInLateMinutes: 15,
    callWindowMinutes: 5,
    maxBookedInARow: 2,
    idNumberServices: ['RECL'],
    retentionDays: 30,
  },
  remoteQueue: { enabled: true, requirePresence: false, notifyWhenAhead: 1, notifyWhenMinutes: 2, maxActivePerContact: 2 },
};

export interface PortalHq {
  hq: HqServer;
  db: TestDatabase;
  dataDir: string;
  admin: string;
  clock: MovableClock;
  notifier: RecordingNotifier;
  /** Registers and publishes an office; returns its link token. */
  addOffice(code: string, extra?: { city?: string; company?: string; latitude?: number; longitude?: number; settings?: ConfigSettings }): Promise<string>;
  stop(): Promise<void>;
}

export async function startPortalHq(
  opts: {
    limits?: Partial<PortalLimits>;
    rateLimits?: PublicRateLimits;
    db?: TestDatabase;
    clock?: MovableClock;
    ownNotifier?: boolean;
    /** Another head-office process's: the same signing key. */
    dataDir?: string;
    redisUrl?: string;
    /** A capturing logger (tests that read the logs); silent otherwise. */
    logger?: Awaited<ReturnType<typeof silentLogger>>;
  } = {},
): Promise<PortalHq> {
  const db = opts.db ?? (await createTestDatabase('portal'));
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hq-portal-'));
  const clock = opts.clock ?? new MovableClock(START);
  const notifier = new RecordingNotifier();
  const hq = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: db.url,
    demo: false,
    admin: ADMIN,
    logger: opts.logger ?? (await silentLogger()),
    redisUrl: opts.redisUrl,
    clock,
    // Head office's own notifier (hq_notification) when asked, else the recording one.
    notifier: opts.ownNotifier ? undefined : notifier,
    portal: { rateLimits: opts.rateLimits ?? { readsPerMinute: 10_000, writesPerMinute: 10_000 }, limits: { remoteTimeoutMs: 1500, ...opts.limits } },
  });
  const admin = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: ADMIN })).body.token as string;
  const asAdmin = (method: string, path: string, body?: unknown) => api(hq.url, method, path, { token: admin, body });
  if (!opts.db) {
    for (const [code, prefix] of [['FACT', 'F'], ['RECL', 'R']]) {
      const r = await asAdmin('POST', '/api/v1/hq/catalog/services', { code, nameEs: `Servicio ${code}`, nameEn: `Service ${code}`, prefix, targetWaitMinutes: 15 });
      if (r.status !== 201) throw new Error(`catalogue ${code}: ${r.status} ${r.text}`);
    }
  }
  return {
    hq,
    db,
    dataDir,
    admin,
    clock,
    notifier,
    async addOffice(code, extra = {}) {
      const r = await asAdmin('POST', '/api/v1/hq/offices', { code, name: `Oficina ${code}`, company: extra.company ?? 'EPM' });
      if (r.status !== 201) throw new Error(`office ${code}: ${r.status} ${r.text}`);
      await hq.db.sql.$executeRawUnsafe(
        'UPDATE hq_office SET city = $2, latitude = $3, longitude = $4 WHERE code = $1',
        code,
        extra.city ?? 'Medellín',
        extra.latitude ?? null,
        extra.longitude ?? null,
      );
      for (const [path, body] of [
        [`/api/v1/hq/offices/${code}/services`, { services: [{ code: 'FACT' }, { code: 'RECL' }] }],
        [`/api/v1/hq/offices/${code}/settings`, { settings: extra.settings ?? PORTAL_SETTINGS }],
      ] as const) {
        const p = await asAdmin('PUT', path, body);
        if (p.status !== 200) throw new Error(`publish ${path}: ${p.status} ${p.text}`);
      }
      return r.body.token as string;
    },
    async stop() {
      await hq.stop();
      if (!opts.db) await db.drop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const publicApi = (hq: HqServer, method: string, path: string, body?: unknown) => api(hq.url, method, `/api/v1/public${path}`, { body });

let keyCounter = 0;
/** A booking request for the slot `start` with a fresh contact unless given. */
export function bookingBody(officeCode: string, start: string, over: Record<string, unknown> = {}) {
  keyCounter += 1;
  return { officeCode, serviceCode: 'FACT', start, name: 'Ana Pérez', phone: `+5730000${String(keyCounter).padStart(5, '0')}`, consentVersion: PORTAL_CONSENT_VERSION, ...over };
}
