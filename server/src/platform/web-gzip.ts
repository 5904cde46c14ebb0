/**
 * Serves a built web app's text files gzip-compressed to browsers that accept it: the public
 * portal is opened on phones on 3G, which pay every byte (its JavaScript is ~130 KB as built,
 * ~42 KB compressed). Each file is compressed once, on its first request, and kept while its
 * modification time stays the same. Anything else (other types, a client without gzip, a
 * missing file, a path outside the folder) falls through to express.static.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { RequestHandler } from 'express';

const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function gzipStatic(dir: string, index = 'index.html'): RequestHandler {
  const root = normalize(dir + sep);
  const cache = new Map<string, { mtimeMs: number; body: Buffer }>();
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.acceptsEncodings('gzip')) return next();
    // "/portal" without its slash: express.static redirects it (relative links need the slash).
    if (req.path === '/' && !req.originalUrl.split('?')[0].endsWith('/')) return next();
    let file: string;
    try {
      file = normalize(join(root, decodeURIComponent(req.path.endsWith('/') ? req.path + index : req.path)));
    } catch {
      return next();
    }
    const type = TYPES[extname(file)];
    if (!file.startsWith(root) || !type) return next();
    void (async () => {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return next();
      let hit = cache.get(file);
      if (hit?.mtimeMs !== info.mtimeMs) {
        hit = { mtimeMs: info.mtimeMs, body: await gzipAsync(await readFile(file), { level: 9 }) };
        cache.set(file, hit);
      }
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Content-Length', String(hit.body.length));
      // The page itself is checked on every visit (it names the current bundle); its files for an hour, as express.static does.
      res.setHeader('Cache-Control', type.startsWith('text/html') ? 'no-cache' : 'public, max-age=3600');
      res.end(req.method === 'HEAD' ? undefined : hit.body);
    })().catch(next);
  };
}
