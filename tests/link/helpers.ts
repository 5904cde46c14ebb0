/**
 * Head office and offices linked, for tests/link: head office as a real child process on a
 * test PostgreSQL (SIGKILL-able, restarted on the same port so the offices' HQ_URL stays
 * right), and what the tests read of an office.
 */
import type { ConfigAuditDto, ServiceDto, SyncStateDto } from '@turnero/contract/dto';
import { api } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { request } from '../support/http';
import { tempDataDir } from '../support/office';
import { startHqProcess, type HqProcess } from '../../bench/link-sim/hq-process';

const HQ_ADMIN = { username: 'admin', password: 'link-office-admin-pw' };

export type { HqProcess } from '../../bench/link-sim/hq-process';

/**
 * Head office (`ROLE=hq`) in a child process on `port`, with HQ_ADMIN as its first admin:
 * from its sources, or (`production`) the bundle `npm run hq` runs (needs `npm run build`).
 */
export function startHq(databaseUrl: string, port: number, dataDir = tempDataDir('hq-link-'), production = false): Promise<HqProcess> {
  return startHqProcess({ databaseUrl, port, dataDir, admin: HQ_ADMIN, production });
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
