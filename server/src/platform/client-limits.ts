/**
 * Bounded work per client: what one socket, one token or one kiosk may ask of the server
 * before it is refused with `rate_limited` (nothing done, nothing changed). The budgets
 * come from the environment (config.ts); the buckets themselves are in token-bucket.ts,
 * and what happens to a client that keeps asking after its refusals in flood-guard.ts.
 */
import { AppError } from '@turnero/domain/errors';
import type { Config } from './config';
import type { Logger } from './logger';
import { RefusalLog, TokenBuckets } from './token-bucket';

export type ClientLimitConfig = Pick<
  Config,
  'SOCKET_COMMAND_BURST' | 'SOCKET_COMMANDS_PER_SECOND' | 'KIOSK_TICKET_BURST' | 'KIOSK_TICKET_SECONDS'
>;

/**
 * A token may hold a few sockets (a desk open in two tabs, a display that reconnected),
 * so its budget is this many sockets' worth; many sockets on one token still share it.
 */
const SOCKETS_PER_TOKEN = 4;

interface Budget {
  /** What the key names in the log: socket, token, kiosk. */
  kind: string;
  buckets: TokenBuckets;
}

/**
 * Spends `cost` units of each named budget, all or none; answers 0, or the seconds to wait
 * when one is used up (nothing spent). Refusals are logged once per burst of each key.
 */
function budgetCheck(logger: Logger, what: string) {
  const log = new RefusalLog();
  return (charges: { budget: Budget; key: string }[], context: Record<string, unknown>, cost = 1): number => {
    const used = charges.find((c) => c.budget.buckets.retryAfterSeconds(c.key, cost) > 0);
    if (!used) {
      for (const c of charges) {
        c.budget.buckets.take(c.key, cost);
        log.allowed(`${c.budget.kind}:${c.key}`);
      }
      return 0;
    }
    const retryAfter = used.budget.buckets.retryAfterSeconds(used.key, cost);
    if (log.refused(`${used.budget.kind}:${used.key}`)) {
      logger.warn({ ...context, limit: used.budget.kind, key: used.key, retryAfter }, `${what} rate-limited (logged once per burst)`);
    }
    return retryAfter;
  };
}

/**
 * Call once per command, before anything else runs: 0 to go on, or the seconds to wait.
 * A refusal is an answer, not an exception: a flood brings thousands, and an Error's
 * stack trace is most of a refusal's cost.
 */
export type SocketCommandLimit = (socketId: string, principalId: string, event: string) => number;

/**
 * What a command costs of the budget, in small commands (a printer status, a print
 * result): a snapshot is the whole queue read, projected and sent (hundreds of kilobytes
 * on a busy day), so a burst of 20 buys 4 of them. A screen asks one when it connects.
 */
const COMMAND_COST: Readonly<Record<string, number>> = { 'snapshot:get': 5 };

/** Socket commands: per socket and per token, each a token bucket. */
export function socketCommandLimiter(config: ClientLimitConfig, logger: Logger, now?: () => number): SocketCommandLimit {
  const perSocket: Budget = {
    kind: 'socket',
    buckets: new TokenBuckets({ burst: config.SOCKET_COMMAND_BURST, perSecond: config.SOCKET_COMMANDS_PER_SECOND, now }),
  };
  const perToken: Budget = {
    kind: 'token',
    buckets: new TokenBuckets({
      burst: config.SOCKET_COMMAND_BURST * SOCKETS_PER_TOKEN,
      perSecond: config.SOCKET_COMMANDS_PER_SECOND * SOCKETS_PER_TOKEN,
      now,
    }),
  };
  const check = budgetCheck(logger, 'socket commands');
  return (socketId, principalId, event) =>
    check(
      [
        { budget: perSocket, key: socketId },
        { budget: perToken, key: principalId },
      ],
      { event, principal: principalId },
      // Never more than a whole burst: a small budget (tests) still buys one snapshot.
      Math.min(COMMAND_COST[event] ?? 1, config.SOCKET_COMMAND_BURST),
    );
}

/**
 * Tickets per kiosk at a human pace: a burst (a queue of people at the kiosk at opening
 * time), then one every KIOSK_TICKET_SECONDS. Staff issuing at a desk are not limited here.
 */
export function kioskTicketLimiter(config: ClientLimitConfig, logger: Logger, now?: () => number) {
  const perKiosk: Budget = {
    kind: 'kiosk',
    buckets: new TokenBuckets({ burst: config.KIOSK_TICKET_BURST, perSecond: 1 / config.KIOSK_TICKET_SECONDS, now }),
  };
  const check = budgetCheck(logger, 'kiosk tickets');
  return (principal: { role: string; deviceId: string | null }): void => {
    if (principal.role !== 'kiosk' || !principal.deviceId) return;
    const s = check([{ budget: perKiosk, key: principal.deviceId }], { deviceId: principal.deviceId });
    if (s > 0) {
      throw new AppError(
        'rate_limited',
        `Demasiados turnos seguidos en este dispensador; espere ${s} s / Too many tickets from this kiosk; wait ${s} s`,
        { retryAfterSeconds: s },
      );
    }
  };
}
