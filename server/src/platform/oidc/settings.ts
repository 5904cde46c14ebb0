/**
 * Single sign-on settings, from the checked configuration (platform/config.ts checks that
 * the variables go together). Null when no identity provider is configured: then only
 * passwords work, as in every office before single sign-on.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from '../config';

export const SIGN_ON_PATH = '/auth/oidc';
/** Under the API prefix of both roles. */
export const CALLBACK_PATH = `${SIGN_ON_PATH}/callback`;

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The callback address as the provider knows it (registered there). */
  redirectUri: URL;
  /** The ID token (or userinfo) claim holding the local username. */
  usernameClaim: string;
}

type OidcConfig = Pick<
  Config,
  'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_CLIENT_SECRET_FILE' | 'OIDC_REDIRECT_URI' | 'OIDC_USERNAME_CLAIM'
>;

/** `publicUrl`: the server's public base (PUBLIC_URL, else http://localhost:PORT), for the default callback. */
export function oidcSettings(config: OidcConfig, publicUrl: string, apiPrefix = '/api/v1'): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return null;
  return {
    issuer: new URL(config.OIDC_ISSUER),
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET ?? readSecretFile(config.OIDC_CLIENT_SECRET_FILE!),
    redirectUri: new URL(config.OIDC_REDIRECT_URI ?? publicUrl.replace(/\/$/, '') + apiPrefix + CALLBACK_PATH),
    usernameClaim: config.OIDC_USERNAME_CLAIM,
  };
}

function readSecretFile(file: string): string {
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret) return secret;
  } catch (err) {
    throw new ConfigError(`Invalid configuration: OIDC_CLIENT_SECRET_FILE ${file} cannot be read: ${(err as Error).message}`);
  }
  throw new ConfigError(`Invalid configuration: OIDC_CLIENT_SECRET_FILE ${file} is empty`);
}
