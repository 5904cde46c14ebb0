/**
 * Recomputes every derived row (ticket facts, agent states, aggregates) of an office from
 * its stored events, through the same reducer as ingest. One transaction per office with
 * the office row locked, so ingest for that office waits and nothing is seen half-built.
 */
import type { HqDatabase } from '../db';
import { reduceInto } from './ingest';
import { officeCodes } from '../store/offices-store';
import { BatchWrite, clearDerived, lockOffice, readEvents } from '../store/ingest-store';

const PAGE = 5000;

export async function rebuildOffice(db: Pick<HqDatabase, 'transaction'>, officeCode: string): Promise<{ events: number }> {
  return db.transaction(async (tx) => {
    const office = await lockOffice(tx, officeCode);
    if (!office) return { events: 0 };
    const { id, timeZone } = office;
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
  const offices = await officeCodes(db.prisma);
  let events = 0;
  for (const code of offices) events += (await rebuildOffice(db, code)).events;
  return { offices: offices.length, events };
}
