/**
 * Support for the dashboard tests: a real head office on a throwaway PostgreSQL database,
 * run from the bundle exactly as `npm run hq` runs it (dist/server/main.js, ROLE=hq),
 * headless Debian Chromium (playwright-core), axe-core, screenshots in test-artifacts/hq/.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot as saveScreenshot } from '../support/browser';
import { withDeadline } from '../support/deadline';
import { connectPostgres } from '../support/postgres';
import { productionCommand, REPO_ROOT, waitForListening } from '../support/office';

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/hq');

async function adminQuery(sql: string): Promise<void> {
  const client = await connectPostgres(PG_ADMIN_URL);
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface RunningHq {
  url: string;
  admin: { username: string; password: string };
  /** The demo's company manager (reads everything of EPM, changes nothing). */
  manager?: { username: string; password: string };
  stop(): Promise<void>;
}

/** Head office in demo mode on a fresh database, in a child process; stop() drops the database. */
export async function startHeadOffice(): Promise<RunningHq> {
  const name = `hq_dash_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const databaseUrl = new URL(PG_ADMIN_URL);
  databaseUrl.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'hq-dash-'));
  const production = productionCommand();
  const child = spawn(process.execPath, production.args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...production.env,
      ROLE: 'hq',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl.toString(),
      DEMO: 'true',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await withDeadline(exited, 30_000, `head office (pid ${child.pid}) to exit after SIGTERM`);
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await waitForListening(child, 'head office');
    const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
      users: { username: string; password: string; role: string }[];
    };
    const admin = creds.users.find((u) => u.role === 'admin');
    if (!admin) throw new Error('head office wrote no admin credentials in demo mode');
    return { url, admin, manager: creds.users.find((u) => u.role === 'manager'), stop };
  } catch (e) {
    child.kill('SIGKILL');
    await stop();
    throw e;
  }
}

export { launchChromium, seriousA11yViolations, type A11yViolation } from '../support/browser';

/** Screenshots of the dashboard go to test-artifacts/hq/. */
export function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  return saveScreenshot(page, `hq/${name}`, fullPage);
}
