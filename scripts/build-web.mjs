// Builds every web app into dist/web/<app>/ (see web-build.mjs for the convention).
import { rmSync } from 'node:fs';
import { buildWebApp, WEB_OUT } from './web-build.mjs';

const APPS = ['dispenser', 'display', 'desk', 'hq', 'portal'];
const started = Date.now();
rmSync(WEB_OUT, { recursive: true, force: true });
for (const app of APPS) await buildWebApp(app);
console.log(`web apps built into ${WEB_OUT}/ in ${Date.now() - started} ms`);
