/**
 * Support for the dashboard tests: a real head office on a throwaway PostgreSQL database,
 * headless Debian Chromium (playwright-core), axe-core, screenshots in test-artifacts/hq/.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { screenshot as saveScreenshot } from '../support/browser';
import { createHqServer, type HqServer } from '../../server/src/hq';
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

export { launchChromium, seriousA11yViolations, type A11yViolation } from '../support/browser';

/** Screenshots of the dashboard go to test-artifacts/hq/. */
export function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  return saveScreenshot(page, `hq/${name}`, fullPage);
}
