import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'turnero'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'customerId', '*.customerId', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
