/** Small HTTP helpers for tests: JSON requests with a bearer token. */
export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string; timeoutMs?: number } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  // Every request has a deadline: a server that never answers fails the test, naming the
  // request, instead of hanging it until the runner's timeout.
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const res = await fetch(baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) }).catch((err: Error) => {
    if (err.name === 'TimeoutError') throw new Error(`${method} ${path}: no answer within ${timeoutMs} ms`);
    throw err;
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const r = await request<{ token: string }>(baseUrl, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}
