/**
 * Issues one ticket from the kiosk, safely:
 * - the Idempotency-Key is fixed when the request is created and reused on every retry,
 *   so a retry after a lost answer returns the same ticket instead of a second one;
 * - a second `send()` while the first is in flight (a double tap) returns the same promise;
 * - while the server is unreachable it retries with back-off (1 s, 2 s, 4 s … max 8 s),
 *   telling the screen each time, until it succeeds, the server refuses, or the customer
 *   cancels;
 * - a refusal (office closed, inactive service, validation) is thrown at once.
 */
import type { IssueTicketBody, TicketDto } from '@turnero/contract/dto';
import type { CheckInRequest } from '@turnero/contract/portal';
import { ApiError, type ApiClient } from '@turnero/web-client/api';
import { newIdempotencyKey } from './idempotency';

export interface IssueOptions {
  /** Told before each retry: the screen says the server is unreachable. */
  onRetry?: (attempt: number, error: ApiError) => void;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  key?: string;
  maxDelayMs?: number;
  /** The route that answers a ticket: '/tickets' (default), or '/check-in' for a booking. */
  path?: '/tickets' | '/check-in';
}

export class CancelledError extends Error {
  constructor() {
    super('Ticket request cancelled');
    this.name = 'CancelledError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class TicketRequest {
  readonly key: string;
  private inFlight: Promise<TicketDto> | null = null;
  private cancelled = false;

  constructor(
    private readonly api: Pick<ApiClient, 'post'>,
    readonly body: IssueTicketBody | CheckInRequest,
    private readonly options: IssueOptions = {},
  ) {
    this.key = options.key ?? newIdempotencyKey();
  }

  /** Sends (or joins the request already running). */
  send(): Promise<TicketDto> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Stops retrying; the pending `send()` rejects with CancelledError at its next retry. */
  cancel(): void {
    this.cancelled = true;
  }

  private async run(): Promise<TicketDto> {
    const sleep = this.options.sleep ?? defaultSleep;
    const maxDelay = this.options.maxDelayMs ?? 8000;
    for (let attempt = 1; ; attempt++) {
      if (this.cancelled) throw new CancelledError();
      try {
        return await this.api.post<TicketDto>(this.options.path ?? '/tickets', this.body, { headers: { 'Idempotency-Key': this.key } });
      } catch (e) {
        const retryable = e instanceof ApiError && (e.unreachable || e.code === 'rate_limited');
        if (!retryable) throw e;
        if (this.cancelled) throw new CancelledError();
        this.options.onRetry?.(attempt, e as ApiError);
        await sleep(Math.min(maxDelay, 1000 * 2 ** (attempt - 1)));
      }
    }
  }
}
