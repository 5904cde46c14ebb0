/**
 * Applies the office's pending migrations in a short-lived child process: the
 * WebAssembly schema engine takes tens of megabytes that are only needed for this, and
 * the process ending hands them back (an office server idles on a small PC for months).
 * Usage: migrate-worker <sqlite url> <busy timeout ms>; prints one JSON line.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { applyMigrations } from './migrate';
import { rolePaths } from './roles';

const [url, busyTimeoutMs] = process.argv.slice(2);
const log: string[] = [];
applyMigrations({
  ...rolePaths('office'),
  adapterFactory: new PrismaBetterSqlite3({ url, timeout: Number(busyTimeoutMs) }),
  log: (m) => log.push(m),
}).then(
  ({ applied }) => {
    process.stdout.write(JSON.stringify({ ok: true, applied, log }) + '\n');
  },
  (err: unknown) => {
    process.stdout.write(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err), log }) + '\n');
    process.exitCode = 1;
  },
);
