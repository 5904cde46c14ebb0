/**
 * Fills a head office with simulated offices through its real API: registers every office
 * (its own ingest token), then replays the days in order, each office's events in sequence
 * order in batches of at most 5,000. Offices marked offline keep a day's events and send
 * them with the next day's (catching up, as the sync worker does).
 */
import type { IngestBatch, OutboxEnvelope } from '@turnero/contract/outbox';
import { HqClient, type Credentials } from './hq-client';
import { buildDemoOffices, type DemoOffice } from '../../server/src/demo/offices';
import { Rng } from '../../server/src/demo/prng';
import { simulateOfficeDay, toEnvelopes } from '../../server/src/demo/simulate';
import { daysEndingWith, localDay } from '../../server/src/demo/zoned-time';

const MAX_BATCH = 5000;

export interface DemoOptions {
  url: string;
  credentials: Credentials;
  offices: number;
  days: number;
  seed: string;
  /** Multiplies every office's traffic (1 = 150-400 tickets a day). */
  trafficScale: number;
  /** Offices sending at once. */
  concurrency: number;
  /** How many offices lose their link for one day and catch up the next. */
  offline: number;
  /** "Now" (ms): the last simulated day stops here. */
  now: number;
  log?: (line: string) => void;
}

export interface DemoResult {
  offices: DemoOffice[];
  events: number;
  seconds: number;
  offlineOffices: string[];
}

interface OfficeRun {
  office: DemoOffice;
  token: string;
  days: string[];
  nextSeq: number;
  /** Events held back while the office is "offline". */
  held: OutboxEnvelope[];
  /** Day index on which this office has no link (-1: never). */
  offlineDay: number;
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const log = o.log ?? (() => {});
  const client = new HqClient(o.url);
  await client.login(o.credentials.username, o.credentials.password);
  log(`signed in to ${o.url} as ${o.credentials.username}`);

  const offices = buildDemoOffices(o.offices, o.seed);
  const runs: OfficeRun[] = [];
  for (const office of offices) {
    const { token } = await client.registerOffice(office);
    runs.push({ office, token, days: daysEndingWith(localDay(o.now, office.timeZone), o.days), nextSeq: 1, held: [], offlineDay: -1 });
  }
  // A few offices lose their link for one day (never the last one) and catch up the next.
  const rng = new Rng(`${o.seed}:offline`);
  const shuffled = runs.map((run) => ({ run, r: rng.next() })).sort((a, b) => a.r - b.r).map((x) => x.run);
  for (const run of shuffled.slice(0, o.days > 1 ? Math.min(o.offline, runs.length) : 0)) run.offlineDay = rng.int(0, o.days - 2);
  const offlineOffices = runs.filter((r) => r.offlineDay >= 0).map((r) => r.office.code);
  log(`registered ${runs.length} offices; offline for a day: ${offlineOffices.join(', ') || 'none'}`);

  const started = Date.now();
  let total = 0;
  for (let d = 0; d < o.days; d++) {
    const dayStarted = Date.now();
    let dayEvents = 0;
    await forEachConcurrently(runs, o.concurrency, async (run) => {
      const envelopes = toEnvelopes(
        simulateOfficeDay(run.office, run.days[d], { seed: o.seed, endAt: o.now, trafficScale: o.trafficScale }),
        run.nextSeq,
      );
      run.nextSeq += envelopes.length;
      run.held.push(...envelopes);
      if (d === run.offlineDay) return;
      const pending = run.held.splice(0);
      for (let i = 0; i < pending.length; i += MAX_BATCH) {
        const batch: IngestBatch = {
          officeCode: run.office.code,
          sentAt: new Date().toISOString(),
          timeZone: run.office.timeZone,
          events: pending.slice(i, i + MAX_BATCH),
        };
        await client.ingest(run.token, batch);
      }
      dayEvents += pending.length;
    });
    total += dayEvents;
    const seconds = (Date.now() - dayStarted) / 1000;
    log(`day ${d + 1}/${o.days} (${runs[0]?.days[d]}): ${dayEvents} events in ${seconds.toFixed(1)} s (${Math.round(dayEvents / Math.max(seconds, 0.001))} events/s)`);
  }
  return { offices, events: total, seconds: (Date.now() - started) / 1000, offlineOffices };
}

async function forEachConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
