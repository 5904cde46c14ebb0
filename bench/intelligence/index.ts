/**
 * `npm run bench -- intelligence` (issue 15): bench/run.ts runs this folder's index. Each
 * part prints its own table and returns its figures, prefixed here with the part's name:
 * - waits: the predicted wait range against real waits on replayed office days, beside the
 *   current estimate (bench/intelligence/waits.ts);
 * - forecast: arrivals forecast WAPE on held-out demo weeks against seasonal naive;
 * - plan: time to plan one office-day over HTTP on a real head office.
 * A part whose file is not there yet is skipped; one that fails is reported and the others run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PARTS = ['waits', 'forecast', 'plan'] as const;

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const failures: string[] = [];
  for (const part of PARTS) {
    const file = join(import.meta.dirname, `${part}.ts`);
    if (!existsSync(file)) continue;
    console.log(`\n— ${part}`);
    try {
      const mod = (await import(pathToFileURL(file).href)) as { run?: () => Promise<Record<string, number>> };
      if (typeof mod.run !== 'function') continue;
      for (const [name, value] of Object.entries(await mod.run())) figures[`${part}.${name}`] = value;
    } catch (e) {
      failures.push(part);
      console.error(`✖ ${part}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  if (failures.length > 0) throw new Error(`failed: ${failures.join(', ')} (the other parts' tables are above)`);
  return figures;
}
