/**
 * Serves the built web apps (dist/web/<app>, built by scripts/build-web.mjs at npm
 * start), the API docs page (Swagger UI from npm, no CDN) and a small home page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { REPO_ROOT } from './repo-root';

export const WEB_ROOT = join(REPO_ROOT, 'dist', 'web');

// Only the folder of swagger-ui's static files: importing the package itself would load
// its whole bundle into the server (~40 MB) for nothing.
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export interface WebOptions {
  apps: string[];
  apiDocsTitle: string;
  home: () => string;
  openapiUrl?: string;
}

/**
 * The API docs page at /api/docs: Swagger UI's own files, reading the role's OpenAPI
 * document. Its start-up call is a script file of its own: the Content-Security-Policy
 * runs no inline script.
 */
export function mountApiDocs(app: Express, title: string, openapiUrl = '/api/v1/openapi.json'): void {
  app.use('/api/docs/assets', express.static(SWAGGER_UI_DIR, { index: false, maxAge: '1d' }));
  app.get('/api/docs/start.js', (_req, res) => {
    res.type('js').send("SwaggerUIBundle({ url: document.currentScript.dataset.openapi, dom_id: '#docs' });\n");
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(`<!doctype html><html lang="es"><head><meta charset="utf-8">
<title>${title}</title><link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js" data-openapi="${openapiUrl}"></script></body></html>`);
  });
}

export function mountWebApps(app: Express, opts: WebOptions): void {
  for (const name of opts.apps) {
    const dir = `${WEB_ROOT}/${name}`;
    // express.static redirects /<app> to /<app>/ itself (Express 5 routes ignore the
    // trailing slash, so an explicit redirect route would loop).
    if (existsSync(dir)) app.use(`/${name}`, express.static(dir, { index: 'index.html', maxAge: '1h' }));
  }
  // Short link printed as the ticket's QR code target.
  app.get('/t/:ticketId', (req, res) => {
    res.redirect(302, `/dispenser/ticket.html?id=${encodeURIComponent(req.params.ticketId)}`);
  });
  mountApiDocs(app, opts.apiDocsTitle, opts.openapiUrl);
  app.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Turnero</title>
<style>body{font:18px system-ui,sans-serif;max-width:40rem;margin:3rem auto;color:#111}a{color:#0047a0}</style></head>
<body>${opts.home()}</body></html>`);
  });
}
