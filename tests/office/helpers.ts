/**
 * Shared set-up for the office integration tests: a real office child process with its
 * demo data, everyone logged in, services by prefix, and a fingerprint of the office's
 * state so a test can prove that a refused request changed nothing.
 */
import type { ServiceDto, TicketDto } from '@turnero/contract/dto';
import { login, request, type JsonResponse } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';

export interface AgentSession {
  username: string;
  token: string;
  counterId: string;
}

export interface OfficeSession {
  office: TestOffice;
  url: string;
  kiosk: string;
  display: string;
  supervisor: string;
  admin: string;
  /** asesor1..asesor6, each with the counter the demo assigns (Módulo 1..6). */
  agents: AgentSession[];
  /** Demo services by prefix: A, B, C, D. */
  services: Record<string, ServiceDto>;
  /** Log lines the server wrote at level error or worse (pino JSON), for diagnosis and asserts. */
  serverErrors: string[];
}

export async function openOffice(opts: Parameters<typeof startTestOffice>[0] = {}): Promise<OfficeSession> {
  const office = await startTestOffice(opts);
  return sessionFor(office);
}

export async function sessionFor(office: TestOffice): Promise<OfficeSession> {
  const { url, creds } = office;
  const serverErrors = collectServerErrors(office);
  const byRole = (role: string) => creds.users.filter((u) => u.role === role);
  const agentUsers = byRole('agent').sort((a, b) => a.username.localeCompare(b.username));
  const agents = await Promise.all(
    agentUsers.map(async (u) => ({ username: u.username, token: await login(url, u.username, u.password), counterId: u.counterId! })),
  );
  const supervisor = await login(url, byRole('supervisor')[0].username, byRole('supervisor')[0].password);
  const admin = await login(url, byRole('admin')[0].username, byRole('admin')[0].password);
  const list = await request<ServiceDto[]>(url, 'GET', '/api/v1/services', { token: supervisor });
  if (list.status !== 200) throw new Error(`services: ${list.status}`);
  const services = Object.fromEntries(list.body.map((s) => [s.prefix, s]));
  return { office, url, kiosk: creds.kioskToken, display: creds.displayToken, supervisor, admin, agents, services, serverErrors };
}

/** Keeps the server's error-level log lines (pino level >= 50); TEST_SERVER_LOGS=1 prints them too. */
function collectServerErrors(office: TestOffice): string[] {
  const found: string[] = [];
  let pending = '';
  office.process.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (/"level":(5|6)\d/.test(line)) {
        found.push(line);
        if (process.env.TEST_SERVER_LOGS) process.stderr.write(`[server] ${line}\n`);
      }
    }
  });
  return found;
}

export async function closeOffice(s: OfficeSession | undefined): Promise<void> {
  if (!s) return;
  if (s.serverErrors.length) process.stderr.write(`server logged errors:\n${s.serverErrors.join('\n')}\n`);
  await s.office.stop();
  s.office.cleanup();
}

/** Fails the test with the whole answer when the status is not the expected one. */
export function expectStatus<T>(r: JsonResponse<T>, status: number, what = ''): JsonResponse<T> {
  if (r.status !== status) {
    throw new Error(`${what} expected HTTP ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  }
  return r;
}

export async function issue(
  s: OfficeSession,
  prefix: string,
  opts: { token?: string; category?: 'general' | 'preferential'; key?: string } = {},
): Promise<TicketDto> {
  const r = await request<TicketDto>(s.url, 'POST', '/api/v1/tickets', {
    token: opts.token ?? s.supervisor,
    body: { serviceId: s.services[prefix].id, category: opts.category ?? 'general', print: false },
    headers: opts.key ? { 'Idempotency-Key': opts.key } : {},
  });
  return expectStatus(r, 201, `issue ${prefix}`).body;
}

export async function signIn(s: OfficeSession, agent: AgentSession): Promise<void> {
  expectStatus(
    await request(s.url, 'POST', `/api/v1/counters/${agent.counterId}/sign-in`, { token: agent.token }),
    200,
    `sign-in ${agent.username}`,
  );
}

export async function act(s: OfficeSession, token: string, ticketId: string, action: string, body?: unknown) {
  return request<TicketDto>(s.url, 'POST', `/api/v1/tickets/${ticketId}/${action}`, { token, body });
}

/**
 * Everything a refused request must not change: the live queue (without the clock-driven
 * fields and devices) and today's figures per service. Waits for print jobs and other
 * after-commit work to settle first, so two fingerprints of an idle office are equal.
 */
export async function stateFingerprint(url: string, supervisorToken: string): Promise<string> {
  let previous = '';
  for (let i = 0; i < 50; i++) {
    const current = await readState(url, supervisorToken);
    // A kiosk ticket's print result lands a moment after it is issued.
    const printing = current.includes('"printState":"pending"');
    if (current === previous && !printing) return current;
    previous = current;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('office state did not settle');
}

async function readState(url: string, token: string): Promise<string> {
  const q = expectStatus(await request(url, 'GET', '/api/v1/queue', { token }), 200, 'queue');
  const st = expectStatus(await request(url, 'GET', '/api/v1/stats/today', { token }), 200, 'stats');
  // seq is left out: printer status polls publish facts on their own (device:status).
  const { serverTime: _t, devices: _d, seq: _s, queues, ...queue } = q.body;
  return JSON.stringify({
    queue,
    queues: queues.map((x: { serviceId: string; waiting: number }) => [x.serviceId, x.waiting]),
    services: st.body.services,
    totals: st.body.totals,
  });
}
