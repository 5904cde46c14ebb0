/**
 * Builds one web app into dist/web/<app>/ exactly like scripts/build-web.mjs (same recipe,
 * scripts/web-build.mjs), so a browser test run on its own (node --test file) serves the
 * current code, and a half-written other app does not stop it. Usage: `await buildWebApp('dispenser')`.
 */
import { buildWebApp as buildOneWebApp } from '../../../scripts/web-build.mjs';

export async function buildWebApp(app: string): Promise<void> {
  // Under `npm test` the pretest script has just built every app; building again from
  // two test files at once would only race on the same output files.
  if (process.env.npm_lifecycle_event === 'test') return;
  await buildOneWebApp(app);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const app of process.argv.slice(2)) await buildWebApp(app);
}
