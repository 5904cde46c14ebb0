import type { Request } from 'express';
import type { Authenticator } from '../../platform/routes';
import type { AuthService } from '../auth/auth-service';
import type { Principal } from '../context';

export function bearerToken(req: Request): string | null {
  const h = req.get('authorization');
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : null;
}

export function officeAuthenticator(auth: AuthService): Authenticator<Principal> {
  return {
    authenticate: (req) => auth.authenticate(bearerToken(req)),
    roleOf: (p) => p.role,
  };
}
