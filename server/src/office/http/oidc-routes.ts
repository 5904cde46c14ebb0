/**
 * Single sign-on at an office: the company's identity provider names the person, and an
 * existing, active user of this office with that username is signed in as with a password
 * (nobody is created by signing in). The password form stays: an office with its provider
 * or its link down still signs people in locally.
 */
import { createRelyingParty } from '../../platform/oidc/relying-party';
import { SignOnRefused } from '../../platform/oidc/refusal';
import { oidcSettings } from '../../platform/oidc/settings';
import { signOnRoutes } from '../../platform/oidc/sign-on-routes';
import type { RouteDef } from '../../platform/routes';
import type { AuthService } from '../auth/auth-service';
import type { OfficeDeps, Principal } from '../context';

/** The staff pages a sign-in may return to; the desk first. */
const STAFF_APP_PATHS = ['/desk/', '/desk/index.html', '/desk/board.html', '/desk/admin.html'] as const;

export function officeOidcRoutes(deps: OfficeDeps, auth: AuthService, publicUrl: string): RouteDef<Principal>[] {
  const settings = oidcSettings(deps.config, publicUrl);
  return signOnRoutes<Principal>({
    rp: settings ? createRelyingParty({ settings, clock: deps.clock, logger: deps.logger }) : null,
    appPaths: STAFF_APP_PATHS,
    logger: deps.logger,
    async openSession(username) {
      const outcome = await auth.loginVouched(username);
      if (outcome === 'unknown') throw new SignOnRefused('unknown_user', 'Su cuenta de la empresa no tiene usuario en esta oficina / Your company account has no user at this office');
      if (outcome === 'inactive') throw new SignOnRefused('inactive_user', 'Su usuario está desactivado / Your user is deactivated');
      return outcome.token;
    },
  });
}
