import { test } from 'vitest';
import assert from 'node:assert/strict';
import { ApiError, createApiClient } from './api';

function fakeFetch(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return handler(url, init);
  }) as unknown as typeof fetch;
  return { fn, calls };
}

test('sends the bearer token and JSON body, parses JSON', async () => {
  const { fn, calls } = fakeFetch(() => new Response(JSON.stringify({ id: 't1' }), { status: 201 }));
  const api = createApiClient({ baseUrl: 'http://x/api/v1', token: () => 'tok', fetch: fn });
  const out = await api.post<{ id: string }>('/tickets', { serviceId: 's' }, { headers: { 'Idempotency-Key': 'k1' } });
  assert.deepEqual(out, { id: 't1' });
  assert.equal(calls[0].url, 'http://x/api/v1/tickets');
  const headers = calls[0].init.headers as Record<string, string>;
  assert.equal(headers.Authorization, 'Bearer tok');
  assert.equal(headers['Idempotency-Key'], 'k1');
  assert.equal(calls[0].init.body, JSON.stringify({ serviceId: 's' }));
});

test('an error body becomes an ApiError with its code, message and status', async () => {
  const { fn } = fakeFetch(
    () => new Response(JSON.stringify({ error: { code: 'office_closed', message: 'Closed' } }), { status: 409 }),
  );
  const api = createApiClient({ fetch: fn });
  await assert.rejects(api.post('/tickets', {}), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'office_closed');
    assert.equal(e.status, 409);
    assert.equal(e.unreachable, false);
    return true;
  });
});

test('a non-JSON error page still gives a coded ApiError', async () => {
  const { fn } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
  const api = createApiClient({ fetch: fn });
  await assert.rejects(api.get('/queue'), (e: unknown) => e instanceof ApiError && e.code === 'unavailable' && e.unreachable);
});

test('204 resolves to null', async () => {
  const { fn } = fakeFetch(() => new Response(null, { status: 204 }));
  assert.equal(await createApiClient({ fetch: fn }).post('/counters/c1/call-next'), null);
});

test('a network failure is "network", an unanswered request is "timeout"', async () => {
  const down = fakeFetch(() => {
    throw new TypeError('fetch failed');
  });
  await assert.rejects(createApiClient({ fetch: down.fn }).get('/health'), (e: unknown) => e instanceof ApiError && e.code === 'network' && e.unreachable);
  const hang = fakeFetch(
    (_url, init) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  );
  await assert.rejects(createApiClient({ fetch: hang.fn, timeoutMs: 5 }).get('/health'), (e: unknown) => e instanceof ApiError && e.code === 'timeout');
});
