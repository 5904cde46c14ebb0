/**
 * One error type for the whole server. Domain code throws it with a code from this
 * enum; the transport maps the code to an HTTP status or a socket ack error. Only these
 * codes and their messages ever reach a client.
 */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  /** A printer link the deployment's PRINTER_ALLOWED_TARGETS (or its demo mode) does not allow: one code per rule. */
  printer_target_invalid: 400,
  printer_target_not_allowed: 400,
  printer_target_not_device: 400,
  printer_target_demo_only: 400,
  printer_target_option_refused: 400,
  consent_version_mismatch: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** Self-service: the billing system knows no such account. */
  account_not_found: 404,
  /** Check-in (issue 14, CHECK_IN_REFUSALS): no booking with that code, token or ID number. */
  booking_not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  not_signed_in: 409,
  office_closed: 409,
  service_inactive: 409,
  gap_in_sequence: 409,
  /** A ticket is rated once; and only after its service finished. */
  already_rated: 409,
  not_finished: 409,
  /** Head office owns it (a linked service's fields, its settings, its staff): changed there, read-only here. */
  managed_by_hq: 409,
  /** Check-in refusals (issue 14, CHECK_IN_REFUSALS in @turnero/contract/portal). */
  too_early: 409,
  too_late: 409,
  booking_cancelled: 409,
  already_checked_in: 409,
  wrong_office: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  /** Self-service: the company's billing system did not answer (down, slow, or its circuit open). */
  billing_unreachable: 503,
  /** Portal (issue 14): the office did not answer head office's remote-ticket request in time; nothing was issued. */
  office_unreachable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }

  toBody(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
