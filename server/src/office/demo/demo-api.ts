/**
 * The live demo's way in: the office's real HTTP API, as the kiosk and the desk use it
 * (bearer tokens, JSON bodies, an Idempotency-Key on every issue). Nothing here reaches
 * into the server's inside, so the demo exercises exactly what real clients do.
 */

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export class DemoApi {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async call<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    opts: { token: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer<T>> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${opts.token}`,
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async login(username: string, password: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (res.status !== 200) throw new Error(`demo login ${username}: HTTP ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  }
}
