/**
 * The repository (install) root: the nearest folder above this module holding Turnero's
 * package.json. Found by walking up, so it is right both from the TypeScript sources
 * (server/src/...) and from the bundled server (dist/server/main.js).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'turnero') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Turnero's package.json not found above ${from}`);
    dir = parent;
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
