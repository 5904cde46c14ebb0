/**
 * Builds one web app into dist/web/<app>/ exactly like scripts/build-web.mjs, so a browser
 * test run on its own (node --test file) serves the current code, and a half-written
 * other app does not stop it. Usage: `await buildWebApp('dispenser')`.
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export async function buildWebApp(app: string): Promise<void> {
  // Under `npm test` the pretest script has just built every app; building again from
  // two test files at once would only race on the same output files.
  if (process.env.npm_lifecycle_event === 'test') return;
  const target = join('dist/web', app);
  mkdirSync(target, { recursive: true });
  if (existsSync(join(app, 'public'))) cpSync(join(app, 'public'), target, { recursive: true });
  const entriesDir = join(app, 'src', 'entries');
  const entryPoints = readdirSync(entriesDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(entriesDir, f));
  await build({
    entryPoints,
    outdir: target,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    splitting: true,
    logLevel: 'warning',
    tsconfig: 'tsconfig.json',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const app of process.argv.slice(2)) await buildWebApp(app);
}
