/**
 * Store-and-forward to head office. With HQ_URL/HQ_TOKEN set, the sync worker sends the
 * outbox in order; without them the office only keeps its outbox. Either way supervisors
 * see the state (GET /api/v1/sync and 'sync:updated'): last success, pending, last error.
 */
import type { SyncStateDto } from '@turnero/contract/dto';
import type { OfficeDeps } from './context';
import type { PrismaClient } from './store/db';
import { loadOffice } from './store/office-store';
import { outboxHead } from './store/outbox-store';
import { findSyncRow } from './store/sync-store';
import { createSyncWorker, type SyncWorker } from './sync/sync-worker';

export interface SyncHandle {
  state(): Promise<SyncStateDto>;
  /** New outbox rows were committed. */
  notify(): void;
  stop(): Promise<void>;
}

const PUBLISH_EVERY_MS = 5_000;

async function readSyncState(deps: OfficeDeps, hqUrl: string | null, worker: SyncWorker | null): Promise<SyncStateDto> {
  return deps.bus.read(async (db) => {
    const head = await outboxHead(db);
    const s = await findSyncRow(db);
    const live = worker?.state();
    const lastSentSeq = s?.lastSentSeq ?? 0;
    return {
      enabled: hqUrl !== null,
      hqUrl,
      lastSuccessAt: s?.lastSuccessAt?.toISOString() ?? live?.lastSuccessAt ?? null,
      lastAttemptAt: live?.lastAttemptAt ?? s?.lastAttemptAt?.toISOString() ?? null,
      lastError: live ? live.lastError : (s?.lastError ?? null),
      pendingEvents: Math.max(0, head - lastSentSeq),
      lastSentSeq,
      headSeq: head,
    };
  });
}

export async function startSync(
  deps: OfficeDeps,
  prisma: PrismaClient,
  hq: { url: string; token: string } | null,
): Promise<SyncHandle> {
  let worker: SyncWorker | null = null;
  if (hq) {
    const office = await deps.bus.read(loadOffice);
    worker = createSyncWorker({
      prisma,
      hqUrl: hq.url,
      hqToken: hq.token,
      officeCode: office.code,
      timeZone: office.timeZone,
      clock: deps.clock,
      logger: deps.logger,
      serialize: (fn) => deps.bus.read(() => fn()),
      // The sync state is not part of the live state: the bus keeps its cached view.
      write: (name, fn) =>
        deps.bus.command(name, ({ tx, viewUnchanged }) => {
          viewUnchanged();
          return fn(tx);
        }),
    });
    worker.start();
    deps.logger.info({ hqUrl: hq.url }, 'sync to head office started');
  }
  let last = '';
  const timer = setInterval(() => {
    void readSyncState(deps, hq?.url ?? null, worker)
      .then(async (sync) => {
        const key = JSON.stringify(sync);
        if (key === last) return;
        last = key;
        await deps.bus.read(async () => deps.broadcaster.publish('sync:updated', { sync }));
      })
      .catch((err) => deps.logger.warn({ err }, 'sync state not published'));
  }, PUBLISH_EVERY_MS);
  timer.unref();
  return {
    state: () => readSyncState(deps, hq?.url ?? null, worker),
    notify: () => worker?.notify(),
    async stop() {
      clearInterval(timer);
      await worker?.stop();
    },
  };
}
