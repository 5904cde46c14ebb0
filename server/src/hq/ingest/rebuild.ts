/**
 * Recomputes every derived row (ticket facts, agent states, aggregates) of an office from
 * its stored events, through the same reducer as ingest. One transaction per office with
 * the office row locked, so ingest for that office waits and nothing is seen half-built.
 */
import type { HqPrisma } from '../db';
import { reduceInto } from './ingest';
import { BatchWrite, clearDerived, readEvents } from './store';

const PAGE = 5000;
const REBUILD_TX_OPTIONS = { maxWait: 120_000, timeout: 30 * 60_000 } as const;

export async function rebuildOffice(prisma: HqPrisma, officeCode: string): Promise<{ events: number }> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: number; time_zone: string }[]>(
      'SELECT id, time_zone FROM hq_office WHERE code = $1 FOR UPDATE',
      officeCode,
    );
    if (!rows[0]) return { events: 0 };
    const { id, time_zone: timeZone } = rows[0];
    await clearDerived(tx, id);
    let after = 0;
    let total = 0;
    for (;;) {
      const page = await readEvents(tx, id, after, PAGE);
      if (page.length === 0) break;
      await (await reduceInto(new BatchWrite(id), tx, id, timeZone, page)).run(tx);
      after = page[page.length - 1].seq;
      total += page.length;
    }
    return { events: total };
  }, REBUILD_TX_OPTIONS);
}

export async function rebuildAll(prisma: HqPrisma): Promise<{ offices: number; events: number }> {
  const offices = await prisma.hqOffice.findMany({ select: { code: true }, orderBy: { id: 'asc' } });
  let events = 0;
  for (const o of offices) events += (await rebuildOffice(prisma, o.code)).events;
  return { offices: offices.length, events };
}
