// Builds the web apps (Lit + TypeScript) with esbuild into dist/web/<app>/.
// Convention: <app>/public/** is copied as is; every <app>/src/entries/<name>.ts becomes
// dist/web/<app>/<name>.js. The server serves dist/web/<app> at /<app>/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const APPS = ['dispenser', 'display', 'desk', 'hq'];
const out = 'dist/web';
const started = Date.now();
rmSync(out, { recursive: true, force: true });

for (const app of APPS) {
  const target = join(out, app);
  mkdirSync(target, { recursive: true });
  if (existsSync(join(app, 'public'))) cpSync(join(app, 'public'), target, { recursive: true });
  const entriesDir = join(app, 'src', 'entries');
  if (!existsSync(entriesDir)) continue;
  const entryPoints = readdirSync(entriesDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(entriesDir, f));
  if (entryPoints.length === 0) continue;
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
console.log(`web apps built into ${out}/ in ${Date.now() - started} ms`);
