/**
 * vitest globalSetup of the browser project: the browser tests run the bundle `npm start`
 * runs (dist/server/main.js, dist/web/<app>/), so a bundle older than the sources would
 * test old code. Stops the run, saying `npm run build`, when any source file (tests
 * excepted) is newer than the oldest bundle. `npm test` builds first (pretest).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const BUNDLES = ['dist/server/main.js', ...['dispenser', 'display', 'desk', 'hq'].map((app) => `dist/web/${app}/main.js`)];
const SOURCES = [
  'server/src',
  'packages',
  'hardware/src',
  ...['dispenser', 'display', 'desk', 'hq'].flatMap((app) => [`${app}/src`, `${app}/public`]),
];

function newestSource(dir: string): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.endsWith('.test.ts')) continue;
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? newestSource(path) : { file: path, mtimeMs: statSync(path).mtimeMs };
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

export function staleBuildReason(root = resolve(import.meta.dirname, '../..')): string | null {
  const missing = BUNDLES.filter((b) => !existsSync(join(root, b)));
  if (missing.length) return `${missing.join(', ')} missing`;
  const oldest = Math.min(...BUNDLES.map((b) => statSync(join(root, b)).mtimeMs));
  for (const dir of SOURCES) {
    const newest = newestSource(join(root, dir));
    if (newest && newest.mtimeMs > oldest) return `${relative(root, newest.file)} is newer than the bundle`;
  }
  return null;
}

export default function checkBuild(): void {
  const reason = staleBuildReason();
  if (reason) throw new Error(`The browser tests run the built app, and it is out of date (${reason}): run \`npm run build\` first.`);
}
