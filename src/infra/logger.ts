/**
 * pino behind the Logger port. Events carry ids and event names only; the bot token is redacted
 * from anything that might contain a URL.
 */
import { pino } from 'pino';
import type { Logger } from '../app/logger.js';

export function createLogger(level: string, token?: string): Logger & { flush(): void } {
  const logger = pino({
    level,
    base: undefined,
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        if (token) {
          const scrub = (value: unknown): unknown => (typeof value === 'string' ? value.split(token).join('<token>') : value);
          args = args.map((arg) => (arg && typeof arg === 'object' ? JSON.parse(JSON.stringify(arg, (_key, value) => scrub(value))) : scrub(arg))) as typeof args;
        }
        method.apply(this, args);
      },
    },
  });
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
    flush: () => logger.flush(),
  };
}
