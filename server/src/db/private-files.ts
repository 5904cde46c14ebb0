/**
 * The data folder holds the database (customers' ID numbers, password hashes), demo
 * credentials and printed tickets: only the server's own user may read it. main.ts sets
 * umask 077 so whatever the process creates is private; these helpers also tighten a
 * folder and files an older version (or another umask) left open, and cover servers
 * started in-process, where the umask is not ours to set.
 */
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/**
 * What the office and head office keep in DATA_DIR. Only these are tightened: DATA_DIR
 * may be a folder shared with other things, which are not ours to change.
 */
const DATA_DIR_ENTRIES = [
  'office.db', 'office.db-wal', 'office.db-shm', 'office.db-journal', 'office.lock', 'office.lock-journal',
  'demo-credentials.json', 'initial-credentials.json', 'printed', 'hq-pglite',
];

/** Creates DATA_DIR 0700 and makes what an earlier run (or another umask) left there private. */
export function makeDataDirPrivate(dir: string): void {
  preparePrivateDir(dir);
  for (const entry of DATA_DIR_ENTRIES) makeTreePrivate(join(dir, entry));
}

function makeTreePrivate(path: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return; // not there
  }
  if (stat.isSymbolicLink()) return; // never follow a link out of the data folder
  if (stat.isDirectory()) {
    chmodSync(path, PRIVATE_DIR_MODE);
    for (const child of readdirSync(path)) makeTreePrivate(join(path, child));
  } else if (stat.isFile()) {
    chmodSync(path, PRIVATE_FILE_MODE);
  }
}

/** Creates `dir` (and missing parents) and makes it 0700. */
export function preparePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes `file` 0600, creating it empty when missing. SQLite gives a database's -wal and
 * -shm the mode of the database file, so a private office.db keeps its logs private.
 */
function preparePrivateFile(file: string, companions: string[] = []): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const f of [file, ...companions]) if (existsSync(f)) chmodSync(f, PRIVATE_FILE_MODE);
}

/** A SQLite database file and its write-ahead log and shared-memory index. */
export function prepareSqliteFile(file: string): void {
  preparePrivateFile(file, [`${file}-wal`, `${file}-shm`, `${file}-journal`]);
}
