import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  name?: string;
}

/** JSON logs on stdout; request ids are added per request by the HTTP app factory. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({
    level: options.level ?? 'info',
    ...(options.name ? { name: options.name } : {}),
    // Complainants' personal data must never reach a log line, even by accident in a request body dump.
    redact: { paths: ['req.headers.authorization', '*.complainant', 'complainant'], censor: '[redacted]' },
  });
}
