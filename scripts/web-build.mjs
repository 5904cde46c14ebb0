// Builds one web app (Lit + TypeScript) with esbuild into dist/web/<app>/, the one recipe
// behind `npm run build` (scripts/build-web.mjs).
// Convention: <app>/public/** is copied as is; every <app>/src/entries/<name>.ts becomes
// dist/web/<app>/<name>.js. The server serves dist/web/<app> at /<app>/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const WEB_OUT = 'dist/web';

/** @param {string} app */
export async function buildWebApp(app) {
  const target = join(WEB_OUT, app);
  mkdirSync(target, { recursive: true });
  if (existsSync(join(app, 'public'))) cpSync(join(app, 'public'), target, { recursive: true });
  const entriesDir = join(app, 'src', 'entries');
  if (!existsSync(entriesDir)) return;
  const entryPoints = readdirSync(entriesDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(entriesDir, f));
  if (entryPoints.length === 0) return;
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
