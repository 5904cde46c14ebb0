/**
 * Recomputes every derived row (ticket facts, agent states, aggregates) of an office from
 * its stored events, through the same reducer as ingest. One transaction per office with
 * the office row locked, so ingest for that office waits and nothing is seen half-built.
 */
import type { HqDatabase } from '../db';
import { reduceInto } from './ingest';
import { BatchWrite, clearDerived, readEvents } from './store';

const PAGE = 5000;

export async function rebuildOffice(db: Pick<HqDatabase, 'transaction'>, officeCode: string): Promise<{ events: number }> {
  return db.transaction(async (tx) => {
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
  });
}

export async function rebuildAll(db: Pick<HqDatabase, 'transaction' | 'prisma'>): Promise<{ offices: number; events: number }> {
  const offices = await db.prisma.hqOffice.findMany({ select: { code: true }, orderBy: { id: 'asc' } });
  let events = 0;
  for (const o of offices) events += (await rebuildOffice(db, o.code)).events;
  return { offices: offices.length, events };
}
