/**
 * Store-and-forward to head office. With HQ_URL/HQ_TOKEN set, the sync worker sends the
 * outbox in order; without them the office only keeps its outbox. Either way supervisors
 * see the state (GET /api/v1/sync and 'sync:updated'): last success, pending, last error,
 * and the live link (configuration and staff from head office; outbox sync stays on HTTP).
 */
import type { SyncStateDto } from '@turnero/contract/dto';
import type { OfficeLinkStatus } from '@turnero/contract/hq-link';
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
  /** Something supervisors see changed (the link connected, a message applied): publish it now. */
  changed(): void;
  stop(): Promise<void>;
}

const PUBLISH_EVERY_MS = 5_000;

/** Where the live link to head office stands (link/link-wiring.ts). */
export type LinkStatusReader = () => Promise<OfficeLinkStatus>;

async function readSyncState(
  deps: OfficeDeps,
  hqUrl: string | null,
  worker: SyncWorker | null,
  linkStatus: LinkStatusReader,
): Promise<SyncStateDto> {
  const link = await linkStatus();
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
      link,
    };
  });
}

export async function startSync(
  deps: OfficeDeps,
  prisma: PrismaClient,
  hq: { url: string; token: string } | null,
  linkStatus: LinkStatusReader,
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
  const publishIfChanged = () => {
    void readSyncState(deps, hq?.url ?? null, worker, linkStatus)
      .then(async (sync) => {
        const key = JSON.stringify(sync);
        if (key === last) return;
        last = key;
        await deps.bus.read(async () => deps.broadcaster.publish('sync:updated', { sync }));
      })
      .catch((err) => deps.logger.warn({ err }, 'sync state not published'));
  };
  const timer = setInterval(publishIfChanged, PUBLISH_EVERY_MS);
  timer.unref();
  return {
    state: () => readSyncState(deps, hq?.url ?? null, worker, linkStatus),
    notify: () => worker?.notify(),
    changed: publishIfChanged,
    async stop() {
      clearInterval(timer);
      await worker?.stop();
    },
  };
}
