/**
 * The one path every change of the office takes. Jobs run one at a time, so a command
 * never sees another half done; reads go through the same queue, in a lane of their own:
 * a write waits for the job running and at most one read, never behind a pile of reads
 * (5,000 snapshot requests must not hold a kiosk's ticket), and a waiting read runs after
 * at most WRITES_PER_READ writes, so neither lane starves the other. Writes keep their
 * order, reads keep theirs; a read asked after a write runs after it (and sees it).
 *
 * Because every write passes here, the bus also keeps in memory, between commands, what
 * the busy paths need: the office's live state (QueueView: settings, services, counters,
 * open tickets), the head of the outbox sequence and the last ticket number of each
 * service and day. They change only when a command commits: a command hands over the
 * view it leaves (`keepView`), or the cached one is dropped and read again on next use.
 * A command that fails or rolls back leaves them as it leaves the database: untouched.
 *
 * Two kinds of command:
 * - `command`: a Prisma interactive transaction (admin changes, sign-in, end of day...).
 * - `record`: the busy paths (issue, call, start, finish...). They decide from the live
 *   state and queue their row writes (store/ticket-writes.ts); the bus then runs those in
 *   one transaction of the SQLite driver adapter the Prisma client uses. Same connection,
 *   same atomicity, a tenth of the client's per-query cost. The SQLite adapter has one
 *   connection, so a statement beside an open transaction would join it: the queue is what
 *   keeps them apart, and reads in a record run before its transaction opens.
 */
import type { SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils';
import { localDay, nextLocalMidnight, startOfLocalDay } from '@turnero/domain/local-day';
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../platform/logger';
import { loadQueueView, type QueueView } from './queue-view';
import type { Db, PrismaClient } from './store/db';
import { lastTicketNumber } from './store/office-store';
import { outboxHead, outboxSql, type OutboxEntry } from './store/outbox-store';
import { runStatement, setTicketNumberSql } from './store/ticket-writes';

export type AfterCommit = () => void | Promise<void>;

interface ContextBase {
  /** Queue work to run after the transaction commits (never inside it). */
  afterCommit(fn: AfterCommit): void;
  /** The live state as the last committed command left it. */
  view(): Promise<QueueView>;
  /** The live state as this command leaves it; kept from its commit on. */
  keepView(view: QueueView): void;
  /** This command changes nothing the live state holds (tokens, printer status...). */
  viewUnchanged(): void;
  /** Appends facts for head office, numbered on from the last committed one. */
  outbox(entries: OutboxEntry[]): Promise<void>;
}

export interface CommandContext extends ContextBase {
  tx: Db;
}

export interface RecordContext extends ContextBase {
  /** For reads only: nothing else runs while a record decides. */
  db: Db;
  /** Queues a row write; a record's writes commit together once it returns. */
  write(statement: SqlQuery | undefined): void;
  /** The next ticket number of a service on a local day (gapless: given only on commit). */
  nextTicketNumber(serviceId: string, day: string): Promise<number>;
}

export type ViewReader = () => Promise<QueueView>;

export interface CommandBus {
  command<T>(name: string, fn: (ctx: CommandContext) => Promise<T>): Promise<T>;
  record<T>(name: string, fn: (ctx: RecordContext) => Promise<T>): Promise<T>;
  read<T>(fn: (db: Db, view: ViewReader) => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has run. */
  drain(): Promise<void>;
  /**
   * How many writes were ever asked (commands and records). Two reads asked with no write
   * asked between them see the same state, so the second may share the first's answer.
   */
  writesAsked(): number;
  /** What memory holds for numbering and the outbox, for tests that hold it to the file. */
  memory(): { outboxHead: number | null; ticketNumbers: ReadonlyMap<string, number> };
}

export interface CommandBusOptions {
  clock: Clock;
  logger: Logger;
  /** The driver adapter under the Prisma client (records write through it). */
  driver: () => SqlDriverAdapter;
  /** Called after every commit (the outbox may have grown). */
  onCommit?: () => void;
  /** How long each command held the queue, committed or not (for metrics). */
  onCommandDone?: (name: string, seconds: number) => void;
}

interface CachedView {
  view: QueueView;
  /** The office-local day it was read on (ms bounds): a new day reloads it (expiry, 7-day windows). */
  from: number;
  until: number;
}

/** What one command leaves behind, applied to the bus's memory only once it commits. */
interface Outcome {
  pending: AfterCommit[];
  kept: QueueView | 'unchanged' | null;
  outboxHead: number | null;
  ticketNumbers: Map<string, number>;
}

const MAX_REMEMBERED_NUMBERS = 1000;
const COMMIT: SqlQuery = { sql: 'COMMIT', args: [], argTypes: [] };
const ROLLBACK: SqlQuery = { sql: 'ROLLBACK', args: [], argTypes: [] };

export function createCommandBus(prisma: PrismaClient, opts: CommandBusOptions): CommandBus {
  const { clock, logger, onCommit, onCommandDone } = opts;
  const queue = fairQueue();
  let cached: CachedView | null = null;
  let committedOutboxHead: number | null = null;
  /** Last committed ticket number per `serviceId|day`. */
  const ticketNumbers = new Map<string, number>();

  function timed<T>(name: string, job: () => Promise<T>): Promise<T> {
    return queue.write(async () => {
      const started = performance.now();
      try {
        return await job();
      } finally {
        onCommandDone?.(name, (performance.now() - started) / 1000);
      }
    });
  }

  function cache(view: QueueView): CachedView {
    const now = clock.now();
    const tz = view.office.timeZone;
    return {
      view,
      from: startOfLocalDay(localDay(now, tz), tz).getTime(),
      until: nextLocalMidnight(now, tz).getTime(),
    };
  }

  function fresh(): QueueView | null {
    const now = clock.now().getTime();
    if (cached && now >= cached.from && now < cached.until) return cached.view;
    cached = null;
    return null;
  }

  function newOutcome(): Outcome {
    return { pending: [], kept: null, outboxHead: committedOutboxHead, ticketNumbers: new Map() };
  }

  /** The parts every context shares; `db` is where reads (and interactive writes) go. */
  function base(db: Db, outcome: Outcome, writeOutbox: (q: SqlQuery) => Promise<unknown>): ContextBase {
    return {
      afterCommit: (f) => outcome.pending.push(f),
      // Read inside the transaction when not cached, but cached only once committed.
      view: async () => fresh() ?? (await loadQueueView(db, clock.now(), clock)),
      keepView: (view) => {
        outcome.kept = view;
      },
      viewUnchanged: () => {
        outcome.kept ??= 'unchanged';
      },
      outbox: async (entries) => {
        if (entries.length === 0) return;
        const head = outcome.outboxHead ?? (await outboxHead(db));
        await writeOutbox(outboxSql(head, entries));
        outcome.outboxHead = head + entries.length;
      },
    };
  }

  async function committed<T>(name: string, outcome: Outcome, result: T): Promise<T> {
    committedOutboxHead = outcome.outboxHead;
    if (ticketNumbers.size > MAX_REMEMBERED_NUMBERS) ticketNumbers.clear();
    for (const [key, value] of outcome.ticketNumbers) ticketNumbers.set(key, value);
    cached = outcome.kept === 'unchanged' ? cached : outcome.kept ? cache(outcome.kept) : null;
    onCommit?.();
    for (const f of outcome.pending) {
      try {
        await f();
      } catch (err) {
        logger.error({ err, command: name }, 'after-commit step failed');
      }
    }
    return result;
  }

  /** Forgets what memory holds, to be read again: after a write the database refused. */
  function forgetAll(): void {
    cached = null;
    committedOutboxHead = null;
    ticketNumbers.clear();
  }

  async function runCommand<T>(name: string, fn: (ctx: CommandContext) => Promise<T>): Promise<T> {
    const outcome = newOutcome();
    const result = await prisma.$transaction(
      (tx) => fn({ ...base(tx, outcome, (q) => runStatement(tx, q)), tx }),
      { maxWait: 10_000, timeout: 10_000 },
    );
    return committed(name, outcome, result);
  }

  async function runRecord<T>(name: string, fn: (ctx: RecordContext) => Promise<T>): Promise<T> {
    const outcome = newOutcome();
    const writes: SqlQuery[] = [];
    const result = await fn({
      ...base(prisma, outcome, async (q) => writes.push(q)),
      db: prisma,
      write: (q) => {
        if (q) writes.push(q);
      },
      nextTicketNumber: async (serviceId, day) => {
        const key = `${serviceId}|${day}`;
        const last =
          outcome.ticketNumbers.get(key) ?? ticketNumbers.get(key) ?? (await lastTicketNumber(prisma, serviceId, day));
        outcome.ticketNumbers.set(key, last + 1);
        writes.push(setTicketNumberSql(serviceId, day, last + 1));
        return last + 1;
      },
    });
    if (writes.length > 0) {
      try {
        await inOneTransaction(opts.driver(), writes);
      } catch (err) {
        // Memory decided these writes; if the file refused them, memory is not to be trusted.
        forgetAll();
        throw err;
      }
    }
    return committed(name, outcome, result);
  }

  return {
    command: (name, fn) => timed(name, () => runCommand(name, fn)),
    record: (name, fn) => timed(name, () => runRecord(name, fn)),
    read(fn) {
      return queue.read(() =>
        fn(prisma, async () => {
          const view = fresh();
          if (view) return view;
          const loaded = await loadQueueView(prisma, clock.now(), clock);
          cached = cache(loaded);
          return loaded;
        }),
      );
    },
    drain: () => queue.drain(),
    writesAsked: () => queue.writesAsked(),
    memory: () => ({ outboxHead: committedOutboxHead, ticketNumbers: new Map(ticketNumbers) }),
  };
}

/** A waiting read runs before the next write once this many writes went ahead of it. */
const WRITES_PER_READ = 4;
/** The queue lets the event loop read sockets after running this long without a break. */
const YIELD_AFTER_MS = 2;

/**
 * One job at a time from two lanes. A write may overtake reads asked before it (up to
 * WRITES_PER_READ in a row while a read waits); a read never overtakes a write asked
 * before it, so what a caller wrote and then reads, it sees.
 */
function fairQueue() {
  type Job = { run: () => Promise<void>; order: number };
  const writes: Job[] = [];
  const reads: Job[] = [];
  const pending = new Set<Promise<unknown>>();
  let asked = 0;
  let writesSinceRead = 0;
  let writesAsked = 0;
  let running = false;

  function next(): Job | undefined {
    const read = reads[0];
    const write = writes[0];
    const readGoes = read && (!write || (read.order < write.order && writesSinceRead >= WRITES_PER_READ));
    if (readGoes) {
      writesSinceRead = 0;
      return reads.shift();
    }
    if (write && read) writesSinceRead += 1;
    return writes.shift();
  }

  async function pump(): Promise<void> {
    running = true;
    // Let the caller's synchronous code finish first, as a chained promise would.
    await Promise.resolve();
    let yielded = performance.now();
    for (let job = next(); job; job = next()) {
      await job.run();
      // SQLite answers without a trip through the event loop, so a long queue would run
      // as one unbroken chain of microtasks: no request could even be read meanwhile
      // (a kiosk's ticket would join the queue only once the reads before it were done).
      if (performance.now() - yielded > YIELD_AFTER_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        yielded = performance.now();
      }
    }
    running = false;
  }

  function add<T>(lane: Job[], fn: () => Promise<T>): Promise<T> {
    const done = new Promise<T>((resolve, reject) => {
      lane.push({ order: asked++, run: () => Promise.resolve().then(fn).then(resolve, reject) });
      if (!running) void pump();
    });
    const settled: Promise<boolean> = done.then(
      () => pending.delete(settled),
      () => pending.delete(settled),
    );
    pending.add(settled);
    return done;
  }

  return {
    write: <T>(fn: () => Promise<T>) => {
      writesAsked += 1;
      return add(writes, fn);
    },
    writesAsked: () => writesAsked,
    read: <T>(fn: () => Promise<T>) => add(reads, fn),
    /** Resolves once every job asked so far has run. */
    drain: async () => {
      await Promise.all([...pending]);
    },
  };
}

/** Runs the statements in one transaction of the driver adapter: all of them or none. */
async function inOneTransaction(driver: SqlDriverAdapter, statements: SqlQuery[]): Promise<void> {
  // The adapter opens it (BEGIN) and holds its lock until commit() or rollback(); the
  // COMMIT or ROLLBACK statement itself is the caller's, as for the Prisma client.
  const tx = await driver.startTransaction();
  try {
    for (const q of statements) await tx.executeRaw(q);
    await tx.executeRaw(COMMIT);
    await tx.commit();
  } catch (err) {
    await tx.executeRaw(ROLLBACK).catch(() => undefined);
    await tx.rollback();
    throw err;
  }
}
