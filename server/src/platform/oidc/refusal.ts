/**
 * Why a single sign-on ends without a session, as one error: its reason travels to the
 * web app (the `#sso_error=` fragment, which the app words in Spanish or English) and to
 * API clients (`error.details.reason`), with an HTTP status that says what kind of
 * refusal it is. Nothing is created or changed by a refused sign-on.
 */
import { AppError, type ErrorCode } from '@turnero/domain/errors';
import { SIGN_ON_FRAGMENT, type SignOnRefusalReason } from '@turnero/contract/hq-link';

const CODE_OF = {
  /** The sign-in is unknown, expired (10 min), used already, or from another browser. */
  state_invalid: 'bad_request',
  /** The provider said no (the person cancelled, or it refused the client), or its answer did not check out. */
  provider_error: 'unauthenticated',
  /** The provider's person has no user here. */
  unknown_user: 'forbidden',
  /** Their user here is deactivated. */
  inactive_user: 'forbidden',
  /** The provider cannot be reached now: passwords still work. */
  unavailable: 'unavailable',
} as const satisfies Record<SignOnRefusalReason, ErrorCode>;

export class SignOnRefused extends AppError {
  constructor(
    readonly reason: SignOnRefusalReason,
    message: string,
  ) {
    super(CODE_OF[reason], message, { reason });
  }
}

export const isSignOnRefused = (e: unknown): e is SignOnRefused => e instanceof SignOnRefused;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page a browser sees instead of JSON: the refusal's status, and a redirect (a meta
 * refresh: the CSP runs no inline script) to the app, which reads the reason from its
 * fragment, shows it in the person's language and clears the address bar.
 */
export function refusalPage(refusal: SignOnRefused, appPath: string): string {
  const back = escape(`${appPath}#${SIGN_ON_FRAGMENT.error}=${refusal.reason}`);
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${back}">
<title>Inicio de sesión no completado</title></head><body>
<p>No se pudo iniciar sesión con la cuenta de la empresa. <a href="${back}">Volver</a></p>
<p lang="en">Signing in with the company account did not complete. <a href="${back}">Back</a></p>
</body></html>`;
}
