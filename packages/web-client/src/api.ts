/**
 * Typed fetch wrapper shared by every web app (kiosk, display, desk, hq).
 * - `Authorization: Bearer <token>` when a token is known;
 * - JSON in and out; 204 answers resolve to `null`;
 * - an error body `{ error: { code, message, details? } }` becomes an `ApiError`;
 * - network failures and timeouts become an `ApiError` with code `network` / `timeout`
 *   (status 0), so a caller can tell "the server said no" from "the server is unreachable".
 */

/** Codes a client can see: the server's ErrorCode values plus the two client-side ones. */
export type ApiErrorCode = string;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the server was not reached (retrying the same request may succeed). */
  get unreachable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export interface ApiClientOptions {
  /** Origin + prefix, default `/api/v1` on the page's own origin. */
  baseUrl?: string;
  /** Token source, read on every request (so a login or a rotation takes effect at once). */
  token?: () => string | null | undefined;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  get<T>(path: string, opts?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  delete<T>(path: string, opts?: RequestOptions): Promise<T>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '/api/v1').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    const token = options.token?.();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, opts.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const onOuterAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onOuterAbort, { once: true });

    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path.startsWith('/') ? path : `/${path}`}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (e) {
      if (timedOut) throw new ApiError('timeout', 'The server did not answer in time', 0);
      if (opts.signal?.aborted) throw new ApiError('aborted', 'Request cancelled', 0);
      throw new ApiError('network', 'The server could not be reached', 0, String(e));
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onOuterAbort);
    }

    if (res.status === 204) return null as T;
    const text = await res.text().catch(() => '');
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        // A proxy's HTML error page, for instance: handled below as a generic error.
      }
    }
    if (!res.ok) throw toApiError(res.status, json);
    return json as T;
  }

  return {
    request,
    get: (path, opts) => request('GET', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    put: (path, body, opts) => request('PUT', path, body, opts),
    patch: (path, body, opts) => request('PATCH', path, body, opts),
    delete: (path, opts) => request('DELETE', path, undefined, opts),
  };
}

function toApiError(status: number, json: unknown): ApiError {
  const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(err.code, typeof err.message === 'string' ? err.message : err.code, status, err.details);
  }
  const fallback = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status >= 500 ? 'unavailable' : 'bad_request';
  return new ApiError(fallback, `HTTP ${status}`, status);
}
