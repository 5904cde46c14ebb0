/**
 * The HTTP call the SMS, WhatsApp and webhook providers share: a deadline, and the answer
 * sorted into sent / try again later (network, 408, 429, 5xx) / refused for good (other 4xx).
 * The response body is read for the provider's message id only, never kept or logged.
 */
import { ProviderError } from './provider';

const TIMEOUT_MS = 10_000;

export async function postToProvider(url: string, init: { headers: Record<string, string>; body: string }): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
  } catch (err) {
    const name = (err as Error).name;
    throw new ProviderError(name === 'TimeoutError' ? 'timeout' : 'network_error', false);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    const transient = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new ProviderError(`http_${res.status}`, !transient);
  }
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
