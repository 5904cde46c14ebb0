/**
 * GET /public/offices and /public/offices/:code/slots: offices with their services, how
 * many wait now and the estimated wait for someone joining (from the facts ingest keeps),
 * opening hours; and the free appointment slots of a day.
 */
import type { PublicOffice, PublicOfficesResponse, SlotsResponse } from '@turnero/contract/portal';
import { AppError } from '@turnero/domain/errors';
import { estimateWaitSeconds } from '@turnero/domain/estimate';
import { openingAt } from '@turnero/domain/opening-hours';
import { startOfLocalDay, addDays } from '@turnero/domain/local-day';
import type { Sql } from '../db';
import { performance } from 'node:perf_hooks';
import { bookedPerSlot, liveByService, portalOffice, portalOffices, type PortalOfficeRow } from '../store/portal-store';
import { officeView, serviceOf, type OfficeView } from './office-view';
import { slotTimes } from './slots';

export interface OfficesFilter {
  company?: string;
  city?: string;
  lat?: number;
  lon?: number;
}

/**
 * The list's database reads, kept a few seconds per filter: every phone opening the portal
 * asks for it, and with 2,000 offices it is every office's configuration plus a day of
 * ticket facts. The figures behind it arrive with the offices' sync anyway, seconds late.
 * Timed by the process's monotonic clock (a cache's age, not the business day).
 */
const LIST_CACHE_MS = 5_000;
const LIST_CACHE_KEYS = 200;
type ListRead = Promise<{ rows: PortalOfficeRow[]; live: Awaited<ReturnType<typeof liveByService>> }>;
/** Per database (two head offices in one process, as tests run them, keep theirs apart). */
const listCaches = new WeakMap<Sql, Map<string, { at: number; read: ListRead }>>();

function readOffices(sql: Sql, f: OfficesFilter, now: Date): ListRead {
  let listCache = listCaches.get(sql);
  if (!listCache) listCaches.set(sql, (listCache = new Map()));
  const key = JSON.stringify([f.company?.toLowerCase() ?? null, f.city?.toLowerCase() ?? null]);
  const hit = listCache.get(key);
  if (hit && performance.now() - hit.at < LIST_CACHE_MS) return hit.read;
  if (listCache.size >= LIST_CACHE_KEYS) listCache.clear();
  const read = (async () => {
    const rows = await portalOffices(sql, { company: f.company ?? null, city: f.city ?? null });
    return { rows, live: await liveByService(sql, rows.map((r) => r.id), now) };
  })();
  listCache.set(key, { at: performance.now(), read });
  read.catch(() => listCache.delete(key));
  return read;
}

export async function publicOffices(sql: Sql, f: OfficesFilter, now: Date, linked: Set<string>): Promise<PublicOfficesResponse> {
  const { rows, live } = await readOffices(sql, f, now);
  const offices = rows.map((row) => {
    const office = officeView(row);
    const openNow = openingAt(now, office.calendar).open;
    const out: PublicOffice = {
      code: row.code,
      name: row.name,
      ...(row.city ? { city: row.city } : {}),
      ...(row.company ? { company: row.company } : {}),
      ...(row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : {}),
      timeZone: row.timeZone,
      openingHours: office.calendar.hours ? office.calendar.hours.map((day) => [...day]) : null,
      openNow,
      reachable: openNow && linked.has(row.code),
      services: office.services.map((s) => {
        const l = live.services.find((x) => x.officeId === row.id && x.service === s.catalogCode);
        const waiting = l?.waiting ?? 0;
        const seconds = estimateWaitSeconds({
          position: waiting,
          recentServiceSeconds: l?.medianServiceSeconds != null ? [l.medianServiceSeconds] : [],
          openCounters: live.open.get(row.id) ?? 0,
        });
        return {
          code: s.catalogCode,
          nameEs: s.nameEs,
          nameEn: s.nameEn,
          waiting,
          estimatedWaitMinutes: Math.round(seconds / 60),
          bookable: office.appointments.enabled,
          remoteJoin: office.remoteQueue.enabled,
          needsIdNumber: office.appointments.idNumberServices.includes(s.catalogCode),
        };
      }),
    };
    return out;
  });
  if (f.lat !== undefined && f.lon !== undefined) {
    const d = (o: PublicOffice) => (o.latitude === undefined || o.longitude === undefined ? Infinity : distanceKm(f.lat!, f.lon!, o.latitude, o.longitude));
    offices.sort((a, b) => d(a) - d(b));
  }
  return { offices };
}

/** Great-circle distance (haversine), enough to sort offices by how near they are. */
function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(a));
}

export async function requirePortalOffice(sql: Sql, code: string): Promise<OfficeView> {
  const row = await portalOffice(sql, code);
  if (!row || !row.config) throw new AppError('not_found', `No office ${code}`);
  return officeView(row);
}

/** Free places per slot of a local day; an office without appointments has none. */
export async function freeSlots(sql: Sql, code: string, serviceCode: string, day: string, now: Date): Promise<SlotsResponse> {
  const office = await requirePortalOffice(sql, code);
  serviceOf(office, serviceCode);
  if (!office.appointments.enabled) return { slots: [] };
  const times = slotTimes(day, office.calendar, office.appointments, now);
  if (times.length === 0) return { slots: [] };
  const booked = await bookedPerSlot(sql, office.id, startOfLocalDay(day, office.timeZone), startOfLocalDay(addDays(day, 1), office.timeZone));
  return {
    slots: times.map((t) => ({ start: t.start.toISOString(), available: Math.max(0, office.appointments.counters - (booked.get(t.start.getTime()) ?? 0)) })),
  };
}
