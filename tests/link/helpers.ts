/**
 * Head office and offices linked, for tests/link: head office as a real child process on a
 * test PostgreSQL (SIGKILL-able, restarted on the same port so the offices' HQ_URL stays
 * right), and what the tests read of an office.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ConfigAuditDto, ServiceDto, SyncStateDto } from '@turnero/contract/dto';
import { api } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { request } from '../support/http';
import { REPO_ROOT, tempDataDir, waitForListening } from '../support/office';
import { withDeadline } from '../support/deadline';

export const HQ_ADMIN = { username: 'admin', password: 'link-office-admin-pw' };

export interface HqProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

/** Head office (`ROLE=hq`) in a child process on `port`, with its first admin. */
export async function startHq(databaseUrl: string, port: number, dataDir = tempDataDir('hq-link-')): Promise<HqProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ROLE: 'hq',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      ADMIN_USERNAME: HQ_ADMIN.username,
      ADMIN_PASSWORD: HQ_ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = (await waitForListening(child, 'head office')).replace('localhost', '127.0.0.1');
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await withDeadline(exited(child), 30_000, `head office (pid ${child.pid}) to exit after ${sig}`);
  };
  return { url, child, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

export async function hqLogin(hqUrl: string): Promise<string> {
  return (await api(hqUrl, 'POST', '/api/v1/auth/login', { body: HQ_ADMIN })).body.token as string;
}

export async function officeSync(url: string, token: string): Promise<SyncStateDto> {
  return (await request<SyncStateDto>(url, 'GET', '/api/v1/sync', { token })).body;
}

export async function officeServices(url: string, token: string): Promise<ServiceDto[]> {
  return (await request<ServiceDto[]>(url, 'GET', '/api/v1/services', { token })).body;
}

/** The office's configuration audit, latest first (GET /api/v1/admin/config-audit, an admin's token). */
export async function officeAudit(url: string, adminToken: string): Promise<ConfigAuditDto[]> {
  return expectStatus(await request<ConfigAuditDto[]>(url, 'GET', '/api/v1/admin/config-audit?limit=500', { token: adminToken }), 200, 'audit').body;
}
