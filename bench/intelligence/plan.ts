/**
 * Time to plan one office-day (issue 15, target < 200 ms): a real head office on the
 * machine's PostgreSQL holds 16 weeks of a large demo office's history (hq:demo's code,
 * real ingest); the planner page's calls are timed end to end over HTTP: the staffing plan
 * (history read, forecast fitted, Erlang A per hour), its what-if, and the forecast.
 * Same-run baseline: the breakdown report of one day, the cheapest existing call on the
 * same history.
 *
 *   npx tsx bench/intelligence/plan.ts
 */
import { percentile, runIfMain } from '../measure';
import { api } from '../../tests/hq/helpers';
import { startPlannerHq } from '../../tests/intelligence/forecast-history';

const NOW = new Date('2026-12-01T20:00:00Z');
const DAY = '2026-12-02';
const RUNS = 20;

async function timed(runs: number, call: () => Promise<{ status: number }>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    const r = await call();
    if (r.status !== 200) throw new Error(`status ${r.status}`);
    if (i >= 2) ms.push(performance.now() - started); // the first two warm the caches up
  }
  return { p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)) };
}

export async function run(): Promise<Record<string, number>> {
  const loading = performance.now();
  const planner = await startPlannerHq({ now: NOW, offices: 1, days: 112, trafficScale: 1 });
  try {
    const code = planner.demo.offices[0].code;
    console.log(`history: ${code}, 16 weeks, ingested in ${((performance.now() - loading) / 1000).toFixed(0)} s`);
    const token = planner.adminToken;
    const url = planner.hq.url;
    const plan = await timed(RUNS, () => api(url, 'POST', `/api/v1/hq/offices/${code}/staffing`, { token, body: { date: DAY } }));
    const whatIf = await timed(RUNS, () =>
      api(url, 'POST', `/api/v1/hq/offices/${code}/staffing`, { token, body: { date: DAY, countersByHour: { '9': 3, '10': 4, '11': 4 } } }),
    );
    const forecast = await timed(RUNS, () => api(url, 'GET', `/api/v1/hq/offices/${code}/forecast?from=${DAY}&to=${DAY}`, { token }));
    const baseline = await timed(RUNS, () => api(url, 'GET', `/api/v1/hq/offices/${code}/breakdown?from=${DAY}&to=${DAY}&by=hour`, { token }));
    console.log(`plan one office-day over HTTP, ${RUNS} runs: p50 / p95 ms (target < 200)`);
    console.log(`  staffing plan      ${plan.p50} / ${plan.p95}`);
    console.log(`  what-if            ${whatIf.p50} / ${whatIf.p95}`);
    console.log(`  forecast (one day) ${forecast.p50} / ${forecast.p95}`);
    console.log(`  same-run baseline, breakdown by hour: ${baseline.p50} / ${baseline.p95}`);
    return {
      plan_office_day_p50_ms: plan.p50,
      plan_office_day_p95_ms: plan.p95,
      what_if_p50_ms: whatIf.p50,
      forecast_day_p50_ms: forecast.p50,
      baseline_breakdown_p50_ms: baseline.p50,
    };
  } finally {
    await planner.stop();
  }
}

runIfMain(import.meta.url, run);
