/**
 * Head-office HTTP routes under /api/v1. Thin: authenticate, validate (zod), call a use
 * case, answer. Shapes are in ../contract.ts.
 */
import express, { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { IngestBatch } from '../../contract/outbox';
import { AppError } from '../../domain/errors';
import type { Clock } from '../../domain/types';
import { parseWith } from '../../platform/http';
import type { Logger } from '../../platform/logger';
import type { Metrics } from '../../platform/metrics';
import { revokeToken } from '../auth/tokens';
import { createUser, listUsers, login } from '../auth/users';
import { BreakdownQuery, CompareQuery, CreateOfficeBody, CreateUserBody, LiveQuery, LoginBody } from '../contract';
import type { HqDatabase } from '../db';
import { ingestBatch } from '../ingest/ingest';
import { rebuildAll, rebuildOffice } from '../ingest/rebuild';
import { createOffice, listOffices, revokeOffice, rotateOfficeToken } from '../org/offices';
import { officeBreakdown } from '../reports/breakdown';
import { compareCsv, compareOffices } from '../reports/compare';
import { liveOffices } from '../reports/live';
import { principalOf, requireRole } from './auth-middleware';
import { createLimiter } from './limit';

export interface HqRouteDeps {
  db: HqDatabase;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  tokenTtlHours: number;
  loginRateLimitPerMinute: number;
}

const CodeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) });
const CsvQuery = z.object({ lang: z.enum(['es', 'en']).default('es') });

export function hqApiRouter(deps: HqRouteDeps): Router {
  const { db, clock } = deps;
  const prisma = db.prisma;
  const r = Router();
  const admin = requireRole(prisma, clock, 'admin');
  const viewer = requireRole(prisma, clock, 'admin', 'manager');
  const office = requireRole(prisma, clock, 'office-sync');
  const ingestLimit = createLimiter(db.poolSize);
  const events = deps.metrics.counter('hq_ingest_events_total', 'Events received by ingest', ['result']);
  const batches = deps.metrics.counter('hq_ingest_batches_total', 'Ingest batches', ['result']);

  r.get('/health', (_req, res) => {
    res.json({ status: 'ok', role: 'hq', time: clock.now().toISOString(), database: db.embedded ? 'embedded' : 'postgresql' });
  });

  const loginLimiter: RequestHandler = rateLimit({
    windowMs: 60_000,
    limit: deps.loginRateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'Demasiados intentos; espere un minuto / Too many login attempts')),
  });
  r.post('/auth/login', loginLimiter, express.json({ limit: '16kb' }), async (req, res) => {
    const body = parseWith(LoginBody, req.body);
    res.json(await login(prisma, body, clock.now(), deps.tokenTtlHours));
  });
  r.post('/auth/logout', requireRole(prisma, clock, 'admin', 'manager', 'office-sync'), async (req, res) => {
    await revokeToken(prisma, principalOf(req).tokenId, clock.now());
    res.status(204).end();
  });
  r.get('/auth/me', requireRole(prisma, clock, 'admin', 'manager', 'office-sync'), (req, res) => {
    const p = principalOf(req);
    res.json({ principalId: p.principalId, username: p.username, role: p.role, company: p.company, officeCode: p.officeCode });
  });

  r.get('/hq/users', admin, async (_req, res) => {
    res.json({ users: await listUsers(prisma) });
  });
  r.post('/hq/users', admin, express.json({ limit: '16kb' }), async (req, res) => {
    res.status(201).json(await createUser(prisma, parseWith(CreateUserBody, req.body)));
  });

  r.post('/hq/offices', admin, express.json({ limit: '16kb' }), async (req, res) => {
    res.status(201).json(await createOffice(prisma, parseWith(CreateOfficeBody, req.body)));
  });
  r.get('/hq/offices', viewer, async (req, res) => {
    const p = principalOf(req);
    res.json({ offices: await listOffices(prisma, p) });
  });
  r.get('/hq/offices/compare', viewer, async (req, res) => {
    res.json(await compareOffices(db.sql, principalOf(req), parseWith(CompareQuery, req.query, 'query')));
  });
  r.get('/hq/compare.csv', viewer, async (req, res) => {
    const q = parseWith(CompareQuery, req.query, 'query');
    const { lang } = parseWith(CsvQuery, req.query, 'query');
    const csv = compareCsv(await compareOffices(db.sql, principalOf(req), q), lang);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="turnero-comparativo-${q.from}_${q.to}.csv"`)
      // BOM so spreadsheet programs read the accents as UTF-8.
      .send('\uFEFF' + csv);
  });
  r.get('/hq/offices/:code/breakdown', viewer, async (req, res) => {
    const { code } = parseWith(CodeParam, req.params, 'path');
    res.json(await officeBreakdown(db.sql, principalOf(req), code, parseWith(BreakdownQuery, req.query, 'query')));
  });
  r.post('/hq/offices/:code/token', admin, async (req, res) => {
    const { code } = parseWith(CodeParam, req.params, 'path');
    res.status(201).json(await rotateOfficeToken(prisma, code, clock.now()));
  });
  r.delete('/hq/offices/:code/token', admin, async (req, res) => {
    const { code } = parseWith(CodeParam, req.params, 'path');
    await revokeOffice(prisma, code, clock.now());
    res.status(204).end();
  });
  r.get('/hq/live', viewer, async (req, res) => {
    res.json(await liveOffices(db.sql, principalOf(req), parseWith(LiveQuery, req.query, 'query'), clock.now()));
  });
  r.post('/hq/rebuild', admin, async (req, res) => {
    const { office: code } = parseWith(z.object({ office: z.string().max(32).optional() }), req.query, 'query');
    res.json(code ? { offices: 1, ...(await rebuildOffice(db, code)) } : await rebuildAll(db));
  });

  // Batches of up to 5,000 events: well under 8 MB of JSON.
  r.post('/hq/ingest', office, express.json({ limit: '8mb' }), async (req, res) => {
    const batch = parseWith(IngestBatch, req.body);
    try {
      const result = await ingestLimit(() => ingestBatch(db, principalOf(req), batch, clock.now()));
      batches.inc({ result: 'ok' });
      events.inc({ result: 'applied' }, result.applied);
      events.inc({ result: 'duplicate' }, result.duplicates);
      res.json(result);
    } catch (err) {
      batches.inc({ result: err instanceof AppError ? err.code : 'error' });
      throw err;
    }
  });

  return r;
}
