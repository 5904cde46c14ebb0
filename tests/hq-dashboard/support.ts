/**
 * Support for the dashboard tests: a real head office on a throwaway PostgreSQL database,
 * headless Debian Chromium (playwright-core), axe-core, screenshots in test-artifacts/hq/.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHqServer, type HqServer } from '../../server/src/hq/index';
import { createLogger } from '../../server/src/platform/logger';

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/hq');
const STATIC_DIR = resolve(import.meta.dirname, '../../dist/web/hq');

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client(PG_ADMIN_URL);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface RunningHq {
  server: HqServer;
  admin: { username: string; password: string };
  stop(): Promise<void>;
}

/** Head office in demo mode on a fresh database, dropped again by stop(). */
export async function startHeadOffice(): Promise<RunningHq> {
  const name = `hq_dash_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'hq-dash-'));
  let server: HqServer;
  try {
    server = await createHqServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: url.toString(),
      demo: true,
      staticDir: STATIC_DIR,
      poolSize: 4,
      loginRateLimitPerMinute: 100,
      logger: createLogger('silent'),
    });
  } catch (e) {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw e;
  }
  const admin = server.credentials?.users.find((u) => u.role === 'admin');
  if (!admin) throw new Error('head office wrote no admin credentials in demo mode');
  return {
    server,
    admin,
    async stop() {
      await server.stop();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations of the page as it is now (shadow DOM included). */
export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n: { target: unknown }) => JSON.stringify(n.target)),
    }));
  })) as A11yViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
