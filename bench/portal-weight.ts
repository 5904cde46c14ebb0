/**
 * The public portal's weight and time to interactive on a phone on 3G (issue 14: its
 * JavaScript and CSS under 100 KB compressed; fast on a cheap phone).
 *
 * Weight: every .js and .css head office serves at /portal/ (dist/web/portal, `npm run
 * build` first), gzip -9, against the 100 KB budget; and the bytes the page really pulled
 * over the wire (CDP's encodedDataLength), which is what the phone pays.
 * Time to interactive: Debian's Chromium at 390x844 with the network throttled through
 * CDP (Network.emulateNetworkConditions: DevTools' Slow 3G and Fast 3G) and the CPU slowed
 * 4x (Emulation.setCPUThrottlingRate: a cheap phone), from navigation to the office list
 * rendered with its links (the page has booted, fetched head office's offices and can be
 * used); median of RUNS cold loads. Same-run baseline: one bare request of the office list
 * on the same profile (the network's floor under any page).
 *
 *   npx tsx bench/portal-weight.ts        Env: PORTAL_WEIGHT_RUNS (3)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../server/src/platform/repo-root';
import { PORTAL_SETTINGS, startPortalHq } from '../tests/portal/helpers';
import { percentile, runIfMain } from './measure';

const RUNS = Number(process.env.PORTAL_WEIGHT_RUNS ?? 3);
const BUDGET_KB = 100;
const PORTAL_DIR = join(REPO_ROOT, 'dist', 'web', 'portal');
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** DevTools' own presets (throughput in bytes per second, latency in ms). */
const PROFILES = {
  slow3g: { latency: 2000, downloadThroughput: (500 * 1000 * 0.8) / 8, uploadThroughput: (500 * 1000 * 0.8) / 8 },
  fast3g: { latency: 562.5, downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8, uploadThroughput: (750 * 1000 * 0.9) / 8 },
} as const;
const CPU_SLOWDOWN = 4;

function staticWeight(): { jsRaw: number; jsGzip: number; cssGzip: number } {
  let jsRaw = 0;
  let jsGzip = 0;
  let cssGzip = 0;
  for (const file of readdirSync(PORTAL_DIR)) {
    if (!file.endsWith('.js') && !file.endsWith('.css')) continue;
    const bytes = readFileSync(join(PORTAL_DIR, file));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    if (file.endsWith('.js')) {
      jsRaw += bytes.length;
      jsGzip += zipped;
    } else cssGzip += zipped;
  }
  if (jsRaw === 0) throw new Error(`no portal build in ${PORTAL_DIR}: run npm run build first`);
  return { jsRaw, jsGzip, cssGzip };
}

interface Load {
  ms: number;
  wireBytes: number;
}

/** One cold load of `url` on `profile`, until `ready` (a selector) shows, or the document loads when null. */
async function coldLoad(browser: Browser, url: string, profile: (typeof PROFILES)[keyof typeof PROFILES], ready: string | null): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-CO' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    let wireBytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (wireBytes += e.encodedDataLength));
    await page.goto(url, { waitUntil: ready ? 'commit' : 'load', timeout: 120_000 });
    if (ready) await page.locator(ready).first().waitFor({ timeout: 120_000 });
    // performance.now() counts from the navigation's start: the whole wait the customer sees.
    const ms = await page.evaluate(() => performance.now());
    return { ms, wireBytes };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<Record<string, number>> {
  const weight = staticWeight();
  const p = await startPortalHq({ rateLimits: { readsPerMinute: 1e6, writesPerMinute: 1e6 } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const code of ['BENCH-W1', 'BENCH-W2', 'BENCH-W3']) await p.addOffice(code, { settings: PORTAL_SETTINGS });
    const figures: Record<string, number> = {
      jsGzipKb: kb(weight.jsGzip),
      cssGzipKb: kb(weight.cssGzip),
      totalGzipKb: kb(weight.jsGzip + weight.cssGzip),
      budgetKb: BUDGET_KB,
      withinBudget: weight.jsGzip + weight.cssGzip <= BUDGET_KB * 1024 ? 1 : 0,
      jsRawKb: kb(weight.jsRaw),
    };
    for (const [name, profile] of Object.entries(PROFILES)) {
      const loads: Load[] = [];
      const floor: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        loads.push(await coldLoad(browser, `${p.hq.url}/portal/`, profile, '[data-office] a'));
        floor.push((await coldLoad(browser, `${p.hq.url}/api/v1/public/offices`, profile, null)).ms);
      }
      figures[`${name}TtiMedianMs`] = Math.round(percentile(loads.map((l) => l.ms), 50));
      figures[`${name}BaselineOneRequestMs`] = Math.round(percentile(floor, 50));
      figures[`${name}WireKb`] = kb(percentile(loads.map((l) => l.wireBytes), 50));
    }
    figures.cpuSlowdown = CPU_SLOWDOWN;
    figures.runs = RUNS;
    return figures;
  } finally {
    await browser.close();
    await p.stop();
  }
}

runIfMain(import.meta.url, run);
