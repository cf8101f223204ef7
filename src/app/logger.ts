/** The logging port: structured events with ids, never names, phones or message text. */
export interface Logger {
  debug(fields: Record<string, unknown>, message?: string): void;
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * What of an error may go into a log: database and ORM errors can quote the values of a query
 * (names, phones, messages), so for them only the class and the code are kept.
 */
export function errorFields(error: unknown): Record<string, string> {
  const candidate = error as { name?: string; code?: unknown; message?: string; error?: unknown } | null;
  const name = candidate?.name ?? 'Error';
  // grammY's BotError wraps the real error in `error`; its own message repeats the inner one.
  if (name === 'BotError' && candidate?.error) return errorFields(candidate.error);
  if (candidate && typeof candidate.code === 'string') return { errName: name, errCode: candidate.code };
  if (/prisma|postgres|pg/i.test(name)) return { errName: name };
  return { errName: name, err: String(candidate?.message ?? error).slice(0, 200) };
}
