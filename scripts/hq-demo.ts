/**
 * npm run hq:demo: fills a running head office with a realistic simulation of the group's
 * offices (151 over 30 days by default), sent through the real ingest path with each
 * office's own token, in sequence order and in batches of at most 5,000 events.
 * A few offices are offline for a day and catch up the day after.
 * Arrivals carry the patterns the planner's forecast learns (server/src/demo/simulate.ts and
 * calendar.ts): weekday x hour, the billing cycle's early-month peak, public holidays
 * (closed, then busier the next day) and a slow trend per office; use --days 120 or more
 * to give the forecast months of history.
 *
 *   npm run hq:demo -- [--url http://127.0.0.1:8090] [--username admin --password ...]
 *                      [--offices 151] [--days 30] [--seed turnero] [--scale 1]
 *                      [--concurrency 4] [--offline 3]
 * Admin credentials default to DATA_DIR/demo-credentials.json (DATA_DIR defaults to ./data),
 * which head office writes when started in demo mode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readDemoCredentials } from './demo/hq-client';
import { runDemo } from './demo/run-demo';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      url: { type: 'string', default: process.env.HQ_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8090}` },
      username: { type: 'string' },
      password: { type: 'string' },
      'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' },
      offices: { type: 'string', default: '151' },
      days: { type: 'string', default: '30' },
      seed: { type: 'string', default: 'turnero' },
      scale: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '4' },
      offline: { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (e) {
  fail(`${(e as Error).message} (see --help)`);
}

if (args.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0].replace(/^\/\*\*\n?| \* ?/gm, ''));
  process.exit(0);
}

const wholeNumber = (name: string, text: string, min: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min}, got "${text}"`);
  return n;
};

const offices = wholeNumber('offices', args.offices!, 1);
const days = wholeNumber('days', args.days!, 1);
const concurrency = wholeNumber('concurrency', args.concurrency!, 1);
const offline = wholeNumber('offline', args.offline!, 0);
const trafficScale = Number(args.scale);
if (!(trafficScale > 0)) fail(`--scale must be a positive number, got "${args.scale}"`);

try {
  const credentials =
    args.username && args.password
      ? { username: args.username, password: args.password }
      : readDemoCredentials(join(args['data-dir']!, 'demo-credentials.json'));
  const result = await runDemo({
    url: args.url!,
    credentials,
    offices,
    days,
    seed: args.seed!,
    trafficScale,
    concurrency,
    offline,
    now: Date.now(),
    log: (line) => console.log(line),
  });
  console.log(
    `done: ${result.events} events from ${result.offices.length} offices in ${result.seconds.toFixed(0)} s` +
      ` (${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s)`,
  );
  console.log(`open ${args.url!.replace(/\/$/, '')}/hq/ and sign in as ${credentials.username}`);
} catch (e) {
  console.error(`hq:demo failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
