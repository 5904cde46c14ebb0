/**
 * Routes are declared once, as data: method, path, who may call it, the zod schemas of
 * what goes in and out, and a handler. The same declarations mount the Express routes
 * (authenticate -> authorize -> read the body -> validate -> handle) and generate the
 * OpenAPI document, so the docs cannot drift from what the server accepts. The body is
 * read only once the caller is known and allowed: a stranger's megabytes are never parsed.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { AppError } from '@turnero/domain/errors';
import { jsonBody, parseWith } from './http';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<P, B, Q, Who> {
  params: P;
  body: B;
  query: Q;
  principal: Who;
  req: Request;
  res: Response;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDef<Who = unknown> {
  method: Method;
  /** Express-style path, relative to the API prefix: `/tickets/:ticketId`. */
  path: string;
  summary: string;
  tags: string[];
  /** Roles allowed, or 'public' for no authentication. */
  roles: readonly string[] | 'public';
  params?: z.ZodObject;
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Largest JSON body this route reads (body-parser syntax); the mount's default otherwise. */
  bodyLimit?: string;
  handler: (input: RouteInput<any, any, any, Who>) => Promise<RouteResult>;
}

/** Helper keeping handler input types tied to the declared schemas. */
export function route<
  Who,
  P extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
>(
  def: Omit<RouteDef<Who>, 'handler' | 'params' | 'body' | 'query'> & {
    params?: P;
    body?: B;
    query?: Q;
    handler: (
      input: RouteInput<
        P extends z.ZodType ? z.infer<P> : Record<string, never>,
        B extends z.ZodType ? z.infer<B> : undefined,
        Q extends z.ZodType ? z.infer<Q> : Record<string, never>,
        Who
      >,
    ) => Promise<RouteResult>;
  },
): RouteDef<Who> {
  return def as RouteDef<Who>;
}

export interface Authenticator<Who> {
  /** Resolves the caller from the request, or null when there is no valid credential. */
  authenticate(req: Request): Promise<Who | null>;
  roleOf(who: Who): string;
}

export interface MountOptions {
  /** Body limit of routes that declare none (body-parser syntax). */
  bodyLimit: string;
}

const PRINCIPAL = Symbol('principal');
type WithPrincipal<Who> = Request & { [PRINCIPAL]?: Who | null };

export function mountRoutes<Who>(
  router: Router,
  routes: RouteDef<Who>[],
  auth: Authenticator<Who>,
  opts: MountOptions = { bodyLimit: '256kb' },
): void {
  const bodyParsers = new Map<string, RequestHandler>();
  const bodyParser = (limit: string) => {
    if (!bodyParsers.has(limit)) bodyParsers.set(limit, jsonBody(limit));
    return bodyParsers.get(limit)!;
  };
  for (const def of routes) {
    const authorize = async (req: Request, _res: Response, next: NextFunction) => {
      let principal: Who | null = null;
      if (def.roles !== 'public') {
        principal = await auth.authenticate(req);
        if (!principal) throw new AppError('unauthenticated', 'Missing or invalid bearer token');
        const role = auth.roleOf(principal);
        if (!def.roles.includes(role)) {
          throw new AppError('forbidden', `Role ${role} may not ${def.method.toUpperCase()} ${def.path}`);
        }
      }
      (req as WithPrincipal<Who>)[PRINCIPAL] = principal;
      next();
    };
    const handle = async (req: Request, res: Response) => {
      const principal = (req as WithPrincipal<Who>)[PRINCIPAL] ?? null;
      const params = def.params ? parseWith(def.params, req.params, 'path parameters') : {};
      const query = def.query ? parseWith(def.query, req.query, 'query') : {};
      const body = def.body ? parseWith(def.body, req.body ?? {}, 'body') : undefined;
      const result = await def.handler({ params, body, query, principal: principal as Who, req, res });
      if (res.headersSent) return;
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      const status = result.status ?? 200;
      if (result.body === undefined) res.status(status).end();
      else res.status(status).json(result.body);
    };
    router[def.method](def.path, authorize, bodyParser(def.bodyLimit ?? opts.bodyLimit), handle);
  }
}

export function buildOpenApi(
  routes: RouteDef<any>[],
  info: { title: string; version: string; description: string },
  prefix: string,
  errorSchema: z.ZodType,
) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const def of routes) {
    const responses: Record<string, object> = {};
    for (const [status, r] of Object.entries(def.responses)) {
      responses[status] = r.schema
        ? { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: r.schema } } }
        : { description: r.description };
    }
    for (const status of def.roles === 'public' ? [400] : [400, 401, 403]) {
      responses[String(status)] ??= {
        description: { 400: 'Invalid input', 401: 'Missing or invalid token', 403: 'Role not allowed' }[status]!,
        content: { 'application/json': { schema: errorSchema } },
      };
    }
    registry.registerPath({
      method: def.method,
      path: prefix + def.path.replace(/:([A-Za-z]+)/g, '{$1}'),
      summary: def.summary,
      description: def.roles === 'public' ? 'No authentication.' : `Roles: ${def.roles.join(', ')}.`,
      tags: def.tags,
      security: def.roles === 'public' ? [] : [{ bearer: [] }],
      request: {
        ...(def.params ? { params: def.params } : {}),
        ...(def.query ? { query: def.query } : {}),
        ...(def.body ? { body: { content: { 'application/json': { schema: def.body } } } } : {}),
      },
      responses: responses as never,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info,
  });
}
