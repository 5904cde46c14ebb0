/**
 * The one path every change of the office takes. Commands run one at a time: each in
 * its own transaction (the SQLite adapter has a single connection, so a write beside an
 * open transaction would silently join it). Reads go through the same queue so they never
 * observe a transaction that may still roll back. What a command wants published
 * (realtime events, print jobs) runs only after its commit.
 */
import type { Logger } from '../platform/logger';
import type { Db, PrismaClient } from './store/db';

export type AfterCommit = () => void | Promise<void>;

export interface CommandContext {
  tx: Db;
  /** Queue work to run after the transaction commits (never inside it). */
  afterCommit(fn: AfterCommit): void;
}

export interface CommandBus {
  command<T>(name: string, fn: (ctx: CommandContext) => Promise<T>): Promise<T>;
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has run. */
  drain(): Promise<void>;
}

export function createCommandBus(prisma: PrismaClient, logger: Logger, onCommit?: () => void): CommandBus {
  let tail: Promise<unknown> = Promise.resolve();

  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  }

  return {
    command(name, fn) {
      return enqueue(async () => {
        const pending: AfterCommit[] = [];
        const result = await prisma.$transaction(
          (tx) => fn({ tx, afterCommit: (f) => pending.push(f) }),
          { maxWait: 10_000, timeout: 10_000 },
        );
        onCommit?.();
        for (const f of pending) {
          try {
            await f();
          } catch (err) {
            logger.error({ err, command: name }, 'after-commit step failed');
          }
        }
        return result;
      });
    },
    read(fn) {
      return enqueue(() => fn(prisma));
    },
    drain() {
      return enqueue(async () => undefined);
    },
  };
}
