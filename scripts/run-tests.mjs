// `npm test [-- vitest args]`: the whole suite through vitest (vitest.config.ts), with
// coverage, then one closing line `N passed, N failed, N skipped` for CI. On the whole
// suite a skipped or focused test fails the run: every test here must run on a fresh machine.
// Subsets: `npm test -- packages/domain`, `npm test -- --project unit`,
// `npm test -- -t "numbering"`; watch mode while working: `npm run test:watch`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { raiseFloorsInFile } from './coverage-floor.mjs';

const args = process.argv.slice(2);
const reportDir = 'test-artifacts';
const report = join(reportDir, 'vitest-report.json');
mkdirSync(reportDir, { recursive: true });
rmSync(report, { force: true });
// Coverage (and its rising floor) is for the whole suite only: a subset would fall under the floor.
const coverage = args.length === 0 && process.env.COVERAGE !== 'false' ? ['--coverage'] : [];

const result = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    ...coverage,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...args,
  ],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', NODE_ENV: 'test' } },
);

if (!existsSync(report)) process.exit(result.status ?? 1);
const r = JSON.parse(readFileSync(report, 'utf8'));
// A file that fails before its tests run (a syntax error, a failing beforeAll such as a
// missing PostgreSQL) counts as a failure too, so the closing line never reads "0 failed" on
// a red run; the tests it never ran are that failure, not skips, and its reason is repeated.
const broken = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'));
const notRun = broken.flatMap((f) => f.assertionResults).filter((a) => ['skipped', 'pending', 'todo'].includes(a.status)).length;
const skipped = r.numPendingTests + r.numTodoTests - notRun;
const failed = r.numFailedTests + broken.length;
for (const f of broken) console.error(`\n${f.name}: failed before its tests ran: ${(f.message ?? '').split('\n')[0]}`);
console.log(`\n${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
// A filtered run (-t, a path) marks what it left out as skipped: only the whole suite must
// have none.
if (skipped > 0 && args.length === 0) {
  console.error('Skipped or todo tests fail the run: every test must run here (see README, Tests).');
  process.exit(1);
}
// The coverage floor only rises: a green whole-suite run outside CI raises it (commit it).
const summary = join(reportDir, 'coverage', 'coverage-summary.json');
if (coverage.length && result.status === 0 && !process.env.CI && existsSync(summary)) {
  for (const c of raiseFloorsInFile('vitest.config.ts', summary)) console.log(`coverage floor ${c.key}: ${c.from} -> ${c.to} % (vitest.config.ts)`);
}
process.exit(result.status ?? 1);
