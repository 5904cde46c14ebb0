/** Bearer-token authentication and role checks for head-office routes. */
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../domain/errors';
import { resolveToken, type HqPrincipal } from '../auth/tokens';
import type { HqRole } from '../contract';
import type { HqPrisma } from '../db';
import type { Clock } from '../../domain/types';

const PRINCIPAL = Symbol('hqPrincipal');

export function principalOf(req: Request): HqPrincipal {
  const p = (req as unknown as Record<symbol, HqPrincipal | undefined>)[PRINCIPAL];
  if (!p) throw new AppError('unauthenticated', 'Missing bearer token');
  return p;
}

export function bearerToken(req: Request): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : null;
}

/** Authenticates the request and checks the principal holds one of `roles`. */
export function requireRole(prisma: HqPrisma, clock: Clock, ...roles: HqRole[]): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) throw new AppError('unauthenticated', 'Missing bearer token');
    const principal = await resolveToken(prisma, token, clock.now());
    if (!principal) throw new AppError('unauthenticated', 'Invalid, expired or revoked token');
    if (!roles.includes(principal.role)) throw new AppError('forbidden', `Requires role ${roles.join(' or ')}`);
    (req as unknown as Record<symbol, HqPrincipal>)[PRINCIPAL] = principal;
    next();
  };
}
