/**
 * Accuracy of the promised waits (issue 15), new predictor vs the old quote (median
 * service time × (position + 1) ÷ open counters), measured by replaying simulated office
 * days (./replay) through the real office server on a fake clock: each office first lives
 * TRAIN_DAYS days (its history), then MEASURED_DAYS days whose every ticket is scored.
 * Prints one table; returns its figures for bench/results.json.
 *
 * `npm run bench -- intelligence` runs it with the forecast bench; alone:
 * `npx tsx bench/intelligence/waits.ts` (WAITS_DAYS=train,measured to change the days).
 */
import { predictionMs } from './replay/cost';
import { replayOffice, type Recorded } from './replay/driver';
import { accuracyOf, type Accuracy } from './replay/metrics';
import { PROFILES } from './replay/world';

const [TRAIN_DAYS, MEASURED_DAYS] = (process.env.WAITS_DAYS ?? '2,2').split(',').map(Number);
/** Monday 2 November 2026, local midnight in Bogotá (UTC−5). */
const FIRST_DAY_UTC = Date.parse('2026-11-02T05:00:00Z');

export async function run(): Promise<Record<string, number>> {
  const measured: Recorded[] = [];
  const rows: [string, Accuracy][] = [];
  let seed = 15;
  for (const profile of PROFILES) {
    const started = Date.now();
    const records = await replayOffice({ profile, firstDayUtcMs: FIRST_DAY_UTC, days: TRAIN_DAYS + MEASURED_DAYS, seed: seed++ });
    const scored = records.filter((r) => r.day >= TRAIN_DAYS);
    measured.push(...scored);
    rows.push([profile.name, accuracyOf(scored)]);
    console.log(`  ${profile.name}: ${records.length} tickets over ${TRAIN_DAYS + MEASURED_DAYS} days replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const all = accuracyOf(measured);
  rows.push(['all', all]);
  printTable(rows);
  const figures: Record<string, number> = {};
  for (const [name, a] of rows) {
    figures[`waits_${name}_tickets`] = a.tickets;
    figures[`waits_${name}_mae_min_new`] = a.newMae;
    figures[`waits_${name}_mae_min_baseline`] = a.baselineMae;
    figures[`waits_${name}_coverage_new`] = a.newCoverage;
    figures[`waits_${name}_coverage_baseline_pm25`] = a.baselineCoverage;
  }
  figures.waits_mae_ratio_new_to_baseline = Math.round((all.newMae / all.baselineMae) * 100) / 100;
  predictionMs(100); // warms the JIT up: the first sizes measured would pay for it
  for (const n of [30, 300, 1000]) {
    figures[`prediction_ms_${n}_waiting`] = predictionMs(n);
    console.log(`one prediction of a queue of ${n}: ${figures[`prediction_ms_${n}_waiting`]} ms (median of 5)`);
  }
  return figures;
}

function printTable(rows: [string, Accuracy][]): void {
  const header = ['office', 'tickets', 'no promise', 'MAE new (min)', 'MAE baseline (min)', 'range holds (new)', 'early / late', 'baseline ±25% holds', 'mean range width (min)'];
  const lines = rows.map(([name, a]) => [
    name,
    String(a.tickets),
    String(a.noPromise),
    a.newMae.toFixed(2),
    a.baselineMae.toFixed(2),
    `${(a.newCoverage * 100).toFixed(1)} %`,
    `${(a.early * 100).toFixed(0)} / ${(a.late * 100).toFixed(0)} %`,
    `${(a.baselineCoverage * 100).toFixed(1)} %`,
    a.newWidth.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nPredicted waits: ${TRAIN_DAYS} days of history, then ${MEASURED_DAYS} scored days per office (targets: MAE ≤ half the baseline's, range holds 75-85 %)`);
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run();
  process.exit(0);
}
