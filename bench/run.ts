/**
 * `npm run bench [-- filter ...]`: runs every bench/*.ts module that exports
 * `run(): Promise<Record<string, number>>` (only those whose file name contains a filter,
 * when given), prints one table of their figures and writes bench/results.json. Results
 * of modules not run this time are kept from the previous file, so a filtered run does
 * not erase the others. Not part of `npm test`: figures depend on the machine.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Figures = Record<string, number>;

interface ModuleResult {
  at: string;
  seconds: number;
  figures?: Figures;
  error?: string;
}

const BENCH_DIR = import.meta.dirname;
const RESULTS = join(BENCH_DIR, 'results.json');

/** A module's name: its file's, or its folder's for a folder's index.ts (bench/intelligence/index.ts is "intelligence"). */
const moduleName = (file: string) => (file.endsWith('/index.ts') ? file.slice(0, -'/index.ts'.length) : basename(file, '.ts'));

function benchModules(filters: string[]): string[] {
  const folders = readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(BENCH_DIR, e.name, 'index.ts')))
    .map((e) => `${e.name}/index.ts`);
  return [...readdirSync(BENCH_DIR), ...folders]
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts') && f !== 'run.ts')
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
}

function printTable(rows: [string, string, string][]): void {
  const header: [string, string, string] = ['module', 'figure', 'value'];
  const all = [header, ...rows];
  const widths = [0, 1, 2].map((i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: [string, string, string]) => `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padStart(widths[2])}`;
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const files = benchModules(filters);
  if (files.length === 0) {
    console.error(`no bench module matched ${filters.join(' ') || '(none in bench/)'}`);
    process.exit(1);
  }
  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { modules?: Record<string, ModuleResult> }) : {};
  const modules: Record<string, ModuleResult> = { ...(previous.modules ?? {}) };
  let failed = 0;

  for (const file of files) {
    const name = moduleName(file);
    const mod = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { run?: () => Promise<Figures> };
    if (typeof mod.run !== 'function') continue; // a helper module, not a bench
    console.log(`\n▶ ${name}`);
    const started = Date.now();
    try {
      const figures = await mod.run();
      modules[name] = { at: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), figures };
    } catch (err) {
      failed += 1;
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`✖ ${name} failed:\n${message}`);
      modules[name] = { at: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), error: message.split('\n')[0] };
    }
  }

  const rows: [string, string, string][] = [];
  for (const [name, result] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const ranNow = files.some((f) => moduleName(f) === name);
    const label = ranNow ? name : `${name} (earlier)`;
    if (result.error) rows.push([label, 'ERROR', result.error.slice(0, 60)]);
    for (const [k, v] of Object.entries(result.figures ?? {})) rows.push([label, k, String(v)]);
  }
  console.log('');
  printTable(rows);

  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
  writeFileSync(RESULTS, JSON.stringify({ updatedAt: new Date().toISOString(), machine, modules }, null, 2) + '\n');
  console.log(`\nwrote ${RESULTS}  (load average ${machine.loadAverage1m} on ${machine.cpus} cores)`);
  // Servers started by benches may leave handles open; the results are written.
  process.exit(failed ? 1 : 0);
}

await main();
