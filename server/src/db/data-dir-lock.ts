/**
 * One office server per data folder. The command bus keeps ticket numbers and the live
 * queue in memory, so a second server on the same file would hand out numbers and show
 * queues the first knows nothing about. The lock is an exclusive SQLite transaction held
 * open on a small file beside the database: the operating system drops it when the
 * process ends, however it ends (a SIGKILL or a power cut leaves no stale lock behind).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { prepareSqliteFile } from './private-files';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  const file = join(dir, 'office.lock');
  prepareSqliteFile(file);
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataDirInUseError(
        `Another Turnero office server is already using ${dir}. Two servers on one database would give out the same ticket numbers: stop the other one, or give this one its own DATA_DIR.`,
      );
    }
    throw err;
  }
  return {
    release() {
      if (!db.open) return;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
