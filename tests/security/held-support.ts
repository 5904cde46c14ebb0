/**
 * The servers the "held" checks run against (held-xss.test.ts, held-limits.test.ts): a real
 * office (SQLite file, in this process) whose name carries the XSS payload, and a real head
 * office on its own PostgreSQL database, with an admin and a supervisor signed in at the
 * office and an admin at head office.
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { WEB_ROOT } from '../../server/src/platform/web';
import { createTestDatabase, silentLogger } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { login, request, type JsonResponse } from '../support/http';
import { startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

export const XSS = '<img src=x onerror=alert(1)>';

export interface HeldServers {
  office: InProcessOffice;
  hq: HqServer;
  admin: string;
  supervisor: string;
  hqAdmin: string;
  user: (name: string) => InProcessOffice['creds']['users'][number];
  /** A request to the office's API (`/api/v1` + path). */
  api: (method: string, path: string, token: string, body?: unknown) => Promise<JsonResponse>;
  /** A request to head office's API (`/api/v1` + path). */
  hqApi: (method: string, path: string, token: string | undefined, body?: unknown) => Promise<JsonResponse>;
  stop: () => Promise<void>;
}

/** Starts both servers; `database` names the file's own PostgreSQL database (files run in parallel). */
export async function startHeldServers(database: string): Promise<HeldServers> {
  assert.ok(existsSync(join(WEB_ROOT, 'desk', 'index.html')) && existsSync(join(WEB_ROOT, 'hq', 'index.html')), 'run `npm run build` first');
  const hqDataDir = tempDataDir('turnero-held-hq-');
  const office = await startInProcessOffice({ env: { OFFICE_NAME: `Oficina ${XSS}` } });
  const user = (name: string) => office.creds.users.find((u) => u.username === name)!;
  const admin = await login(office.url, 'admin', user('admin').password);
  const supervisor = await login(office.url, 'supervisor', user('supervisor').password);
  const testDb = await createTestDatabase(database);
  const hq = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: hqDataDir,
    databaseUrl: testDb.url,
    demo: true,
    logger: await silentLogger(),
    loginRateLimitPerMinute: 1000,
  });
  const api = (method: string, path: string, token: string, body?: unknown) => request(office.url, method, `/api/v1${path}`, { token, body });
  const hqApi = (method: string, path: string, token: string | undefined, body?: unknown) => request(hq.url, method, `/api/v1${path}`, { token, body });
  const hqUser = hq.credentials!.users.find((u) => u.role === 'admin')!;
  const hqAdmin = expectStatus(await hqApi('POST', '/auth/login', undefined, { username: hqUser.username, password: hqUser.password }), 200).body.token;
  return {
    office,
    hq,
    admin,
    supervisor,
    hqAdmin,
    user,
    api,
    hqApi,
    stop: async () => {
      await office.stop();
      await hq.stop();
      await testDb.drop();
      rmSync(hqDataDir, { recursive: true, force: true });
    },
  };
}
