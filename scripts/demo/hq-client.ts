/**
 * The few head-office calls the demo makes, over plain fetch: login, register an office
 * (or get a new token for one registered before), and ingest a batch with retries.
 */
import { readFileSync } from 'node:fs';
import type { IngestBatch, IngestResult } from '@turnero/contract/outbox';
import type { DemoOffice } from '../../server/src/demo/offices';

export interface Credentials {
  username: string;
  password: string;
}

/**
 * Reads the admin from DATA_DIR/demo-credentials.json. Accepts the shapes the servers write:
 * `{ admin: {username, password} }`, `{ users: [{username, password, role}] }` or a flat object.
 */
export function readDemoCredentials(path: string): Credentials {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${path} (${(e as Error).message}); pass --username and --password`);
  }
  const isCredentials = (x: unknown): x is Credentials =>
    typeof x === 'object' && x !== null && typeof (x as Credentials).username === 'string' && typeof (x as Credentials).password === 'string';
  const doc = json as { admin?: unknown; users?: unknown[] };
  if (isCredentials(doc.admin)) return doc.admin;
  if (Array.isArray(doc.users)) {
    const admin = doc.users.find((u) => isCredentials(u) && (u as { role?: string }).role === 'admin') ?? doc.users.find(isCredentials);
    if (isCredentials(admin)) return admin;
  }
  if (isCredentials(json)) return json;
  throw new Error(`no admin username/password in ${path}; pass --username and --password`);
}

export class HqClient {
  private token = '';

  constructor(private readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<void> {
    const body = await this.call<{ token?: string; accessToken?: string }>('POST', '/api/v1/auth/login', { username, password });
    const token = body.token ?? body.accessToken;
    if (!token) throw new Error('login answered without a token');
    this.token = token;
  }

  /** Registers the office; when it exists already (a second run), rotates its token instead. */
  async registerOffice(office: DemoOffice): Promise<{ token: string }> {
    const payload = { code: office.code, name: office.name, company: office.company, region: office.region, timeZone: office.timeZone };
    try {
      return await this.call<{ token: string }>('POST', '/api/v1/hq/offices', payload, this.token);
    } catch (e) {
      if (!(e instanceof HttpError) || e.status !== 409) throw e;
      return this.call<{ token: string }>('POST', `/api/v1/hq/offices/${encodeURIComponent(office.code)}/token`, {}, this.token);
    }
  }

  /** Sends one batch; retries network failures and 5xx/429 with back-off, never a 4xx refusal. */
  async ingest(officeToken: string, batch: IngestBatch): Promise<IngestResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call<IngestResult>('POST', '/api/v1/hq/ingest', batch, officeToken);
      } catch (e) {
        const retryable = !(e instanceof HttpError) || e.status >= 500 || e.status === 429;
        if (!retryable || attempt >= 6) throw e;
        await new Promise((r) => setTimeout(r, Math.min(10_000, 250 * 2 ** attempt * (0.5 + Math.random()))));
      }
    }
  }

  private async call<T>(method: string, path: string, body: unknown, token?: string): Promise<T> {
    const res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (a proxy's error page): reported below with the text
    }
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new HttpError(res.status, `${method} ${path}: ${res.status} ${error?.code ?? ''} ${error?.message ?? text.slice(0, 200)}`);
    }
    return json as T;
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
