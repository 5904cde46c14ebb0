/**
 * One office server per data folder: the command bus decides ticket numbers from memory,
 * so a second server on the same database is refused at start, with a clear message; the
 * folder is free again once the first stops, or is killed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'vitest';
import { DataDirInUseError } from '../../server/src/db/data-dir-lock';
import { createOfficeServer } from '../../server/src/office/app';
import { loadConfig } from '../../server/src/platform/config';
import { createLogger } from '../../server/src/platform/logger';
import { withDeadline } from '../support/deadline';
import { REPO_ROOT, startTestOffice, tempDataDir } from '../support/office';

const configFor = (dataDir: string) =>
  loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DEMO: 'true', DEMO_PRINTER_URI: `file:${join(dataDir, 'printer.out')}` });

test('a second office server on the same data folder is refused until the first stops', async () => {
  const dataDir = tempDataDir();
  const first = await createOfficeServer({ config: configFor(dataDir), logger: createLogger('silent') });
  await first.start();
  await assert.rejects(
    createOfficeServer({ config: configFor(dataDir), logger: createLogger('silent') }),
    (err: unknown) => err instanceof DataDirInUseError && /already using/.test(err.message),
  );
  await first.stop();
  const again = await createOfficeServer({ config: configFor(dataDir), logger: createLogger('silent') });
  await again.start();
  await again.stop();
});

test('started as a process, the second server exits with code 2 and says why; a killed server leaves no lock', async () => {
  const office = await startTestOffice();
  let restarted: Awaited<ReturnType<typeof startTestOffice>> | null = null;
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: office.dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await withDeadline(new Promise<number | null>((resolve) => child.on('exit', resolve)), 30_000, 'the second server to exit');
    assert.equal(code, 2);
    assert.match(stderr, /Another Turnero office server is already using/);
    assert.doesNotMatch(stderr, /at .*\.ts:\d+/, 'a message, not a stack trace');

    await office.kill();
    restarted = await startTestOffice({ dataDir: office.dataDir });
    assert.equal((await fetch(`${restarted.url}/api/v1/health`)).status, 200);
  } finally {
    await office.kill();
    await restarted?.stop();
    office.cleanup();
  }
});
