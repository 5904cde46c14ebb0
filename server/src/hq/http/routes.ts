/**
 * Head-office HTTP routes under /api/v1, declared as data (platform/routes.ts) so the same
 * declarations mount Express and produce the OpenAPI document. Thin: authenticate,
 * validate (zod), call a use case, answer. Shapes are in ../contract.ts.
 */
import { Router } from 'express';
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import { IngestBatch, IngestResult } from '@turnero/contract/outbox';
import { AppError } from '@turnero/domain/errors';
import type { Clock } from '@turnero/domain/types';
import { jsonBody, loginRateLimit } from '../../platform/http';
import type { Logger } from '../../platform/logger';
import type { Metrics } from '../../platform/metrics';
import { buildOpenApi, mountRoutes, route, type Authenticator, type RouteDef } from '../../platform/routes';
import { resolveToken, revokeToken, type HqPrincipal } from '../auth/tokens';
import { createUser, listUsers, login } from '../auth/users';
import {
  BreakdownQuery,
  BreakdownResponse,
  CompareQuery,
  CompareResponse,
  CreateOfficeBody,
  CreateOfficeResponse,
  CreateUserBody,
  HqHealthResponse,
  LiveQuery,
  LiveResponse,
  LoginBody,
  LoginResponse,
  MeResponse,
  OfficeListResponse,
  RotateTokenResponse,
  UserDto,
} from '@turnero/contract/hq';
import type { HqDatabase } from '../db';
import { ingestBatch } from '../ingest/ingest';
import { rebuildAll, rebuildOffice } from '../ingest/rebuild';
import { createOffice, listOffices, revokeOffice, rotateOfficeToken } from '../org/offices';
import { officeBreakdown } from '../reports/breakdown';
import { compareCsv, compareOffices } from '../reports/compare';
import { liveOffices } from '../reports/live';
import { createLimiter } from '../../platform/concurrency';
import type { OidcSettings } from '../../platform/oidc/settings';
import { hqOidcRoutes } from './oidc-routes';
import type { LinkNotifier } from '../link/notifier';
import { hqConfigRoutes } from './config-routes';
import { hqStaffRoutes } from './staff-routes';
import { hqPersonalDataRoutes } from './personal-data-routes';
import { hqUserRoutes } from './user-routes';
import type { PortalDeps } from '../portal/deps';
import { DEFAULT_PUBLIC_RATE_LIMITS, hqPublicRoutes, publicRateLimits, type PublicRateLimits } from './public-routes';
import { hqIntelligenceRoutes } from './intelligence-routes';
import { hqSatisfactionRoutes } from './satisfaction-routes';
import { hqBillingRelayRoutes } from '../self-service/billing-relay-routes';
import type { CompanyConfig } from '../../office/self-service/companies';
import { hqNotifyRoutes } from './notify-routes';
import type { NotifierService } from '../notify/notifier';
import type { NotifySettings } from '../notify/settings';

const API_PREFIX = '/api/v1';

interface HqRouteDeps {
  db: HqDatabase;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  tokenTtlHours: number;
  loginRateLimitPerMinute: number;
  /** Single sign-on (platform/oidc); absent: passwords only. */
  oidc?: OidcSettings | null;
  /** The live links to the offices (link/link-server.ts). */
  link: LinkNotifier;
  /** The public customer portal (portal/index.ts); absent: no /public routes. */
  portal?: PortalDeps;
  /** Its limits per address (default DEFAULT_PUBLIC_RATE_LIMITS). */
  publicRateLimits?: PublicRateLimits;
  /** Customer messages: the admin's view of providers and delivery states (notify-routes.ts). */
  notify?: { notifier: NotifierService; settings?: NotifySettings };
  /** Self-service billing relayed for offices (issue 16, hq/self-service/billing-relay-routes.ts); absent or empty: none. */
  billingRelay?: readonly CompanyConfig[];
}

const CodeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) });
const CsvQuery = CompareQuery.and(z.object({ lang: z.enum(['es', 'en']).default('es') }));
const RebuildQuery = z.object({ office: z.string().max(32).optional() });
const USERS = ['admin', 'manager'] as const;
const ANYONE = ['admin', 'manager', 'office-sync'] as const;
const err = (description: string) => ({ description, schema: ErrorBody });

function hqRoutes(deps: HqRouteDeps): RouteDef<HqPrincipal>[] {
  const { db, clock } = deps;
  const prisma = db.prisma;
  const ingestLimit = createLimiter(db.poolSize);
  const events = deps.metrics.counter('hq_ingest_events_total', 'Events received by ingest', ['result']);
  const batches = deps.metrics.counter('hq_ingest_batches_total', 'Ingest batches', ['result']);

  return [
    route<HqPrincipal>({
      method: 'get',
      path: '/health',
      summary: 'Liveness',
      tags: ['system'],
      roles: 'public',
      responses: { 200: { description: 'Up', schema: HqHealthResponse } },
      handler: async () => ({
        body: { status: 'ok', role: 'hq', time: clock.now().toISOString(), database: db.embedded ? 'embedded' : 'postgresql' },
      }),
    }),
    route<HqPrincipal, undefined, typeof LoginBody>({
      method: 'post',
      path: '/auth/login',
      summary: 'Log in (rate-limited per address and username)',
      tags: ['auth'],
      roles: 'public',
      body: LoginBody,
      responses: { 200: { description: 'Bearer token', schema: LoginResponse }, 401: err('Wrong credentials'), 429: err('Too many attempts') },
      handler: async ({ body }) => ({ body: await login(prisma, body, clock.now(), deps.tokenTtlHours) }),
    }),
    route<HqPrincipal>({
      method: 'post',
      path: '/auth/logout',
      summary: 'Revoke the token used for this request',
      tags: ['auth'],
      roles: ANYONE,
      responses: { 204: { description: 'Revoked' } },
      handler: async ({ principal }) => {
        await revokeToken(prisma, principal.tokenId, clock.now());
        return { status: 204 };
      },
    }),
    route<HqPrincipal>({
      method: 'get',
      path: '/auth/me',
      summary: 'Who the token belongs to',
      tags: ['auth'],
      roles: ANYONE,
      responses: { 200: { description: 'Principal', schema: MeResponse } },
      handler: async ({ principal: p }) => ({
        body: { principalId: p.principalId, username: p.username, role: p.role, company: p.company, officeCode: p.officeCode },
      }),
    }),
    route<HqPrincipal>({
      method: 'get',
      path: '/hq/users',
      summary: 'Head-office users',
      tags: ['organisation'],
      roles: ['admin'],
      responses: { 200: { description: 'Users', schema: z.object({ users: z.array(UserDto) }) } },
      handler: async () => ({ body: { users: await listUsers(prisma) } }),
    }),
    route<HqPrincipal, undefined, typeof CreateUserBody>({
      method: 'post',
      path: '/hq/users',
      summary: 'Add an admin or a company manager',
      tags: ['organisation'],
      roles: ['admin'],
      body: CreateUserBody,
      responses: { 201: { description: 'Created', schema: UserDto }, 409: err('Username taken') },
      handler: async ({ body }) => ({ status: 201, body: await createUser(prisma, body) }),
    }),
    route<HqPrincipal, undefined, typeof CreateOfficeBody>({
      method: 'post',
      path: '/hq/offices',
      summary: 'Register an office; returns its ingest token once',
      tags: ['organisation'],
      roles: ['admin'],
      body: CreateOfficeBody,
      responses: { 201: { description: 'Registered', schema: CreateOfficeResponse }, 409: err('Code taken') },
      handler: async ({ body }) => ({ status: 201, body: await createOffice(prisma, body) }),
    }),
    route<HqPrincipal>({
      method: 'get',
      path: '/hq/offices',
      summary: 'Offices in scope with their sync state',
      tags: ['organisation'],
      roles: USERS,
      responses: { 200: { description: 'Offices', schema: OfficeListResponse } },
      handler: async ({ principal }) => ({ body: { offices: await listOffices(db, deps.link, principal) } }),
    }),
    route<HqPrincipal, undefined, undefined, typeof CompareQuery>({
      method: 'get',
      path: '/hq/offices/compare',
      summary: 'Offices side by side over a range of local days (from aggregates)',
      tags: ['reports'],
      roles: USERS,
      query: CompareQuery,
      responses: { 200: { description: 'One row per office', schema: CompareResponse } },
      handler: async ({ principal, query }) => ({ body: await compareOffices(db.sql, principal, query) }),
    }),
    route<HqPrincipal>({
      method: 'get',
      path: '/hq/compare.csv',
      summary: 'The comparison as CSV (same query, plus lang=es|en)',
      tags: ['reports'],
      roles: USERS,
      responses: { 200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' } },
      handler: async ({ principal, req, res }) => {
        const q = CsvQuery.safeParse(req.query);
        if (!q.success) throw new AppError('validation_failed', 'Invalid query', q.error.issues);
        const csv = compareCsv(await compareOffices(db.sql, principal, q.data), q.data.lang);
        res
          .type('text/csv; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="turnero-comparativo-${q.data.from}_${q.data.to}.csv"`)
          // BOM so spreadsheet programs read the accents as UTF-8.
          .send('\uFEFF' + csv);
        return {};
      },
    }),
    route<HqPrincipal, typeof CodeParam, undefined, typeof BreakdownQuery>({
      method: 'get',
      path: '/hq/offices/:code/breakdown',
      summary: 'One office by service, hour or day, with the spread of waits',
      tags: ['reports'],
      roles: USERS,
      params: CodeParam,
      query: BreakdownQuery,
      responses: { 200: { description: 'Rows and totals', schema: BreakdownResponse }, 404: err('Unknown office') },
      handler: async ({ principal, params, query }) => ({
        body: await officeBreakdown(db.sql, principal, params.code, query),
      }),
    }),
    route<HqPrincipal, typeof CodeParam>({
      method: 'post',
      path: '/hq/offices/:code/token',
      summary: "Rotate an office's ingest token (earlier ones stop working)",
      tags: ['organisation'],
      roles: ['admin'],
      params: CodeParam,
      responses: { 201: { description: 'New token', schema: RotateTokenResponse }, 404: err('Unknown office') },
      handler: async ({ params }) => ({ status: 201, body: await rotateOfficeToken(prisma, deps.link, params.code, clock.now()) }),
    }),
    route<HqPrincipal, typeof CodeParam>({
      method: 'delete',
      path: '/hq/offices/:code/token',
      summary: "Revoke every ingest token of an office",
      tags: ['organisation'],
      roles: ['admin'],
      params: CodeParam,
      responses: { 204: { description: 'Revoked' }, 404: err('Unknown office') },
      handler: async ({ params }) => {
        await revokeOffice(prisma, deps.link, params.code, clock.now());
        return { status: 204 };
      },
    }),
    route<HqPrincipal, undefined, undefined, typeof LiveQuery>({
      method: 'get',
      path: '/hq/live',
      summary: 'Every office now: waiting, longest wait, counters open, alerts',
      tags: ['reports'],
      roles: USERS,
      query: LiveQuery,
      responses: { 200: { description: 'Offices', schema: LiveResponse } },
      handler: async ({ principal, query }) => ({ body: await liveOffices(db.sql, principal, query, clock.now()) }),
    }),
    route<HqPrincipal, undefined, undefined, typeof RebuildQuery>({
      method: 'post',
      path: '/hq/rebuild',
      summary: 'Recompute aggregates from the stored events (one office or all)',
      tags: ['organisation'],
      roles: ['admin'],
      query: RebuildQuery,
      responses: { 200: { description: 'Done', schema: z.object({ offices: z.number(), events: z.number() }) } },
      handler: async ({ query }) => ({
        body: query.office ? { offices: 1, ...(await rebuildOffice(db, query.office)) } : await rebuildAll(db),
      }),
    }),
    route<HqPrincipal, undefined, typeof IngestBatch>({
      method: 'post',
      path: '/hq/ingest',
      summary: "An office's outbox events (idempotent on office and sequence)",
      tags: ['ingest'],
      roles: ['office-sync'],
      body: IngestBatch,
      bodyLimit: '8mb',
      responses: {
        200: { description: 'Applied (duplicates ignored)', schema: IngestResult },
        403: err('Another office, or not an office token'),
        409: err('gap_in_sequence: details.expectedSeq says where to resume'),
      },
      handler: async ({ principal, body }) => {
        try {
          const result = await ingestLimit(() => ingestBatch(db, principal, body, clock.now()));
          batches.inc({ result: 'ok' });
          events.inc({ result: 'applied' }, result.applied);
          events.inc({ result: 'duplicate' }, result.duplicates);
          // Its events were taken with each wait and shift capped at a week (ingest/reducer.ts).
          if (Math.abs(result.clockSkewMs) > 86_400_000) {
            deps.logger.warn({ office: body.officeCode, clockSkewMs: result.clockSkewMs }, 'office clock more than a day off: spans capped');
          }
          return { body: result };
        } catch (e) {
          batches.inc({ result: e instanceof AppError ? e.code : 'error' });
          throw e;
        }
      },
    }),
    ...hqUserRoutes(prisma, clock),
    ...hqPersonalDataRoutes(db, clock, deps.portal),
    ...hqOidcRoutes(deps),
    ...hqConfigRoutes(db, deps.link, clock),
    ...hqStaffRoutes(db, deps.link, clock),
    ...(deps.portal ? hqPublicRoutes(deps.portal, deps.link) : []),
    ...hqIntelligenceRoutes(db, clock),
    ...hqSatisfactionRoutes(db),
    ...(deps.notify ? hqNotifyRoutes(db, clock, deps.notify) : []),
    ...hqBillingRelayRoutes<HqPrincipal>(deps.billingRelay ?? [], clock, deps.logger),
  ];
}

function hqAuthenticator(db: HqDatabase, clock: Clock): Authenticator<HqPrincipal> {
  return {
    async authenticate(req) {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      return m ? resolveToken(db.sql, m[1], clock.now()) : null;
    },
    roleOf: (p) => p.role,
  };
}

export function hqApiRouter(deps: HqRouteDeps): Router {
  const routes = hqRoutes(deps);
  const openapi = buildOpenApi(
    routes,
    { title: 'Turnero head office API', version: '1', description: 'Ingest from offices, comparisons across offices.' },
    API_PREFIX,
    ErrorBody,
  );
  const api = Router();
  const authenticator = hqAuthenticator(deps.db, deps.clock);
  // The login body is read first (small, public): the limiter counts per account.
  api.use('/auth/login', jsonBody('16kb'), loginRateLimit(deps.loginRateLimitPerMinute, 'Demasiados intentos; espere un minuto / Too many login attempts'));
  // The portal's public routes: limited per address before anything else is read.
  api.use('/public', publicRateLimits(deps.publicRateLimits ?? DEFAULT_PUBLIC_RATE_LIMITS));
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // Every body is read only after its token and role are checked (see mountRoutes);
  // ingest batches (up to 5,000 events) are the only large ones.
  mountRoutes(api, routes, authenticator, { bodyLimit: '64kb' });
  return api;
}
