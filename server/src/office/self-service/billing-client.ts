/**
 * The HTTP adapter of the billing connector (contract: BillingAccount, BillingCoupon,
 * BillingDuplicate in @turnero/contract/self-service; docs/billing-connector.md). Each call
 * has a timeout, failed attempts (network error, timeout, 5xx) are retried, and a circuit
 * breaker on the injected clock stops calling a system that keeps failing. Whatever goes
 * wrong, the caller sees one of two errors: account_not_found or billing_unreachable. The
 * credential rides only in the Authorization header; it is never logged.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  BillingAccount,
  BillingCoupon,
  BillingDuplicate,
  type BillingCouponRequest,
} from '@turnero/contract/self-service';
import { AppError } from '@turnero/domain/errors';
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import { CircuitBreaker } from './circuit-breaker';
import type { BillingConnection } from './companies';

export interface BillingClient {
  lookup(account: string): Promise<BillingAccount>;
  requestCoupon(account: string, request: BillingCouponRequest): Promise<BillingCoupon>;
  requestDuplicate(account: string): Promise<BillingDuplicate>;
  readonly breaker: CircuitBreaker;
}

/** A failed attempt worth retrying (the next one may get through). */
class Retryable extends Error {}

export function createBillingClient(opts: {
  company: string;
  connection: BillingConnection;
  credential: string | null;
  clock: Clock;
  logger: Logger;
}): BillingClient {
  const { connection: conn, company } = opts;
  const base = (conn.baseUrl ?? '').replace(/\/+$/, '');
  const breaker = new CircuitBreaker(opts.clock, { failures: conn.breakerFailures, coolDownMs: conn.breakerCoolDownMs });
  const unreachable = () => new AppError('billing_unreachable', 'The billing system cannot be reached now');

  async function attempt<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body: unknown, key: string | null): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(opts.credential ? { authorization: `Bearer ${opts.credential}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(conn.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new Retryable(timedOut ? 'timeout' : 'network error');
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new AppError('account_not_found', 'No account with that number');
    }
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel();
      throw new Retryable(`status ${res.status}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`billing answered ${res.status}`);
    }
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new Error('billing answered outside its contract');
    return parsed.data;
  }

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    // One key for every attempt of a POST: a retry after a lost answer makes no second coupon.
    const key = method === 'POST' ? randomUUID() : null;
    let lastReason = 'open circuit';
    for (let i = 0; i <= conn.retries; i++) {
      if (!breaker.tryAcquire()) break;
      try {
        const value = await attempt(method, path, schema, body, key);
        breaker.success();
        return value;
      } catch (err) {
        if (err instanceof AppError) {
          // The system answered (an unknown account): it is up.
          breaker.success();
          throw err;
        }
        breaker.failure();
        lastReason = err instanceof Error ? err.message : 'error';
        if (!(err instanceof Retryable)) break;
      }
    }
    opts.logger.warn({ company, reason: lastReason, breaker: breaker.state }, 'billing system unreachable');
    throw unreachable();
  }

  const accountPath = (account: string) => `/accounts/${encodeURIComponent(account)}`;
  return {
    breaker,
    lookup: (account) => call('GET', accountPath(account), BillingAccount),
    requestCoupon: (account, request) => call('POST', `${accountPath(account)}/coupons`, BillingCoupon, request),
    requestDuplicate: (account) => call('POST', `${accountPath(account)}/duplicates`, BillingDuplicate, {}),
  };
}
