/**
 * The routes a server really serves, for the fuzzing tests: the Express apps the office
 * and head office build (recorded as they are made, the factory wrapped and not replaced),
 * every `METHOD /path` mounted in them, and the operations of an OpenAPI document with the
 * roles each declares. A test records the apps by mocking the HTTP module in its own file
 * (vi.mock belongs in test files):
 *
 *   vi.mock('../../server/src/platform/http', async (importOriginal) =>
 *     (await import('../support/route-table')).recordingHttpModule(await importOriginal()));
 *
 * This module imports nothing of the server at run time, so that mock cannot loop.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import type * as HttpModule from '../../server/src/platform/http';

const builtApps: Express[] = [];

/** The HTTP module with its app factory wrapped so each app it builds is kept. */
export function recordingHttpModule(original: typeof HttpModule): typeof HttpModule {
  return {
    ...original,
    createHttpApp: (...args: Parameters<typeof original.createHttpApp>) => {
      const app = original.createHttpApp(...args);
      builtApps.push(app);
      return app;
    },
  };
}

/** The app built last in this process (the server just started). */
function lastBuiltApp(): Express {
  const app = builtApps.at(-1);
  assert.ok(app, 'no Express app was built through createHttpApp: is platform/http mocked with recordingHttpModule?');
  return app;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: ExpressLayer[] };
  rawPath?: string;
}

/** Every `METHOD /path` mounted in an Express app, sub-routers included, in OpenAPI's `{param}` form. */
function mountedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: ExpressLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') found.push(`${method.toUpperCase()} ${(prefix + layer.route.path).replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (layer.handle.stack && typeof layer.rawPath === 'string') {
        walk(layer.handle.stack, prefix + layer.rawPath.replace(/\/$/, ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: ExpressLayer[] } }).router.stack, '');
  return found;
}

/** The API routes (under /api/v1/) mounted in the app built last. */
export function mountedApiRoutes(): string[] {
  return mountedRoutes(lastBuiltApp()).filter((r) => r.split(' ')[1].startsWith('/api/v1/'));
}

/** One operation of the OpenAPI document. */
export interface DocumentedRoute {
  method: string;
  /** OpenAPI form: `/api/v1/tickets/{ticketId}`. */
  path: string;
  hasBody: boolean;
  bodyKeys: string[];
  /** Who may call it, as the document declares (`Roles: a, b.`), or 'public' (no security). */
  roles: string[] | 'public';
  /** The route documents a 403 of its own (beyond the role check), e.g. a wrong current password. */
  forbidsBeyondRole: boolean;
}

/** The 403 every route with roles gets from the route table (server/src/platform/routes.ts). */
const ROLE_REFUSAL = 'Role not allowed';

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** Every operation of an OpenAPI document, keyed `METHOD /path`. */
export function documentedRoutes(doc: { paths: Record<string, Record<string, any>> }): Map<string, DocumentedRoute> {
  const byKey = new Map<string, DocumentedRoute>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const declared = /Roles: ([\w, -]+)\./.exec(op.description ?? '');
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      assert.ok(isPublic || declared, `${method.toUpperCase()} ${path} declares neither roles nor public access`);
      byKey.set(`${method.toUpperCase()} ${path}`, {
        method: method.toUpperCase(),
        path,
        hasBody: Boolean(schema),
        bodyKeys: Object.keys(schema?.properties ?? schema?.allOf?.[0]?.properties ?? {}),
        roles: isPublic ? 'public' : declared![1].split(',').map((r) => r.trim()),
        forbidsBeyondRole: Boolean(op.responses?.['403']) && op.responses['403'].description !== ROLE_REFUSAL,
      });
    }
  }
  return byKey;
}

/** What is served but not documented and what is documented but not served (both should be empty). */
export function routeDrift(mounted: string[], documented: string[], notDocumented: ReadonlySet<string>) {
  const served = new Set(mounted.filter((r) => !notDocumented.has(r)));
  return { undocumented: [...served].filter((r) => !documented.includes(r)), notMounted: documented.filter((r) => !served.has(r)) };
}
