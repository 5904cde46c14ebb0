/**
 * Single sign-on at head office: the company's identity provider names the person, and an
 * existing, active head-office user with that username (an admin or a company manager) is
 * signed in as with a password (nobody is created by signing in). Passwords keep working.
 */
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import { createRelyingParty } from '../../platform/oidc/relying-party';
import { SignOnRefused } from '../../platform/oidc/refusal';
import type { OidcSettings } from '../../platform/oidc/settings';
import { signOnRoutes } from '../../platform/oidc/sign-on-routes';
import type { RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import { loginVouched } from '../auth/users';
import type { HqDatabase } from '../db';

interface HqOidcDeps {
  db: HqDatabase;
  clock: Clock;
  logger: Logger;
  tokenTtlHours: number;
  /** Null or absent: passwords only. */
  oidc?: OidcSettings | null;
}

export function hqOidcRoutes(deps: HqOidcDeps): RouteDef<HqPrincipal>[] {
  const { oidc: settings, clock, logger } = deps;
  return signOnRoutes<HqPrincipal>({
    rp: settings ? createRelyingParty({ settings, clock, logger }) : null,
    appPaths: ['/hq/'],
    logger,
    async openSession(username) {
      const outcome = await loginVouched(deps.db.prisma, username, clock.now(), deps.tokenTtlHours);
      if (outcome === 'unknown') throw new SignOnRefused('unknown_user', 'Su cuenta de la empresa no tiene usuario en casa matriz / Your company account has no head-office user');
      if (outcome === 'inactive') throw new SignOnRefused('inactive_user', 'Su usuario está desactivado / Your user is deactivated');
      return outcome.token;
    },
  });
}
