/**
 * Store-and-forward to head office. Until HQ_URL/HQ_TOKEN are set the office only keeps
 * its outbox; the state shown to supervisors then says sync is off and how much waits.
 */
import type { SyncStateDto } from '../contract/dto';
import type { OfficeDeps } from './context';
import type { PrismaClient } from './store/db';
import { outboxHead } from './store/outbox-store';

export interface SyncHandle {
  state(): Promise<SyncStateDto>;
  stop(): Promise<void>;
}

export async function readSyncState(
  deps: OfficeDeps,
  prisma: PrismaClient,
  hqUrl: string | null,
): Promise<SyncStateDto> {
  return deps.bus.read(async () => {
    const head = await outboxHead(prisma);
    const s = await prisma.syncState.findUnique({ where: { id: 1 } });
    const lastSentSeq = s?.lastSentSeq ?? 0;
    return {
      enabled: hqUrl !== null,
      hqUrl,
      lastSuccessAt: s?.lastSuccessAt?.toISOString() ?? null,
      lastAttemptAt: s?.lastAttemptAt?.toISOString() ?? null,
      lastError: s?.lastError ?? null,
      pendingEvents: Math.max(0, head - lastSentSeq),
      lastSentSeq,
      headSeq: head,
    };
  });
}

export function startSync(
  deps: OfficeDeps,
  prisma: PrismaClient,
  hq: { url: string; token: string } | null,
): SyncHandle {
  return {
    state: () => readSyncState(deps, prisma, hq?.url ?? null),
    stop: async () => undefined,
  };
}
