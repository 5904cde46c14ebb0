/**
 * npm run hq:demo: fills a running head office with a realistic simulation of the group's
 * offices (151 over 30 days by default), sent through the real ingest path with each
 * office's own token, in sequence order and in batches of at most 5,000 events.
 * A few offices are offline for a day and catch up the day after.
 *
 *   npm run hq:demo -- [--url http://127.0.0.1:8090] [--username admin --password ...]
 *                      [--offices 151] [--days 30] [--seed turnero] [--scale 1]
 *                      [--concurrency 4] [--offline 3]
 * Admin credentials default to DATA_DIR/demo-credentials.json (DATA_DIR defaults to ./data).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { IngestBatch, OutboxEnvelope } from '../server/src/contract/outbox';
import { buildDemoOffices, type DemoOffice } from './demo/offices';
import { Rng } from './demo/prng';
import { simulateOfficeDay, toEnvelopes } from './demo/simulate';
import { daysEndingWith, localDay } from './demo/zoned-time';
import { HqClient, readDemoCredentials } from './demo/hq-client';

const MAX_BATCH = 5000;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.HQ_URL ?? 'http://127.0.0.1:8090' },
    username: { type: 'string' },
    password: { type: 'string' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' },
    offices: { type: 'string', default: '151' },
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: 'turnero' },
    scale: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    offline: { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

const positiveInt = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive whole number, got "${text}"`);
    process.exit(2);
  }
  return n;
};

const officeCount = positiveInt('offices', args.offices!);
const dayCount = positiveInt('days', args.days!);
const concurrency = positiveInt('concurrency', args.concurrency!);
const offlineCount = Math.min(officeCount, Number(args.offline) || 0);
const trafficScale = Number(args.scale);
if (!(trafficScale > 0)) {
  console.error(`--scale must be a positive number, got "${args.scale}"`);
  process.exit(2);
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
  sent: number;
}

async function main(): Promise<void> {
  const credentials =
    args.username && args.password
      ? { username: args.username, password: args.password }
      : readDemoCredentials(join(args['data-dir']!, 'demo-credentials.json'));
  const client = new HqClient(args.url!);
  await client.login(credentials.username, credentials.password);
  console.log(`signed in to ${args.url} as ${credentials.username}`);

  const now = Date.now();
  const offices = buildDemoOffices(officeCount, args.seed);
  const rng = new Rng(`${args.seed}:offline`);
  const runs: OfficeRun[] = [];
  for (const office of offices) {
    const { token } = await client.registerOffice(office);
    runs.push({
      office,
      token,
      days: daysEndingWith(localDay(now, office.timeZone), dayCount),
      nextSeq: 1,
      held: [],
      offlineDay: -1,
      sent: 0,
    });
  }
  // A few offices lose their link for one day (never the last one) and catch up the next.
  for (const run of [...runs].sort(() => rng.next() - 0.5).slice(0, dayCount > 1 ? offlineCount : 0)) {
    run.offlineDay = rng.int(0, dayCount - 2);
  }
  console.log(`registered ${runs.length} offices; offline for a day: ${runs.filter((r) => r.offlineDay >= 0).map((r) => r.office.code).join(', ') || 'none'}`);

  const started = Date.now();
  let total = 0;
  for (let d = 0; d < dayCount; d++) {
    const dayStarted = Date.now();
    let dayEvents = 0;
    await forEachConcurrently(runs, concurrency, async (run) => {
      const day = run.days[d];
      const envelopes = toEnvelopes(
        simulateOfficeDay(run.office, day, { seed: args.seed!, endAt: now, trafficScale }),
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
      run.sent += pending.length;
      dayEvents += pending.length;
    });
    total += dayEvents;
    const seconds = (Date.now() - dayStarted) / 1000;
    console.log(
      `day ${d + 1}/${dayCount} (${runs[0].days[d]}): ${dayEvents} events in ${seconds.toFixed(1)} s` +
        ` (${Math.round(dayEvents / Math.max(seconds, 0.001))} events/s)`,
    );
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`done: ${total} events from ${runs.length} offices in ${seconds.toFixed(0)} s (${Math.round(total / seconds)} events/s)`);
  console.log(`open ${args.url!.replace(/\/$/, '')}/hq/ and sign in as ${credentials.username}`);
}

async function forEachConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

main().catch((error: unknown) => {
  console.error(`hq:demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
