/**
 * Which errors mean "try again later" rather than "this input cannot be handled": the database
 * away or restarting, a network failure, Telegram overloaded (Zalo's sends retry and give up on
 * their own, src/channels/zalo/bot.ts). The inbound queue retries an update that failed this way
 * instead of answering "an error occurred" and forgetting it.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `ms`, or less when `signal` aborts (a stop); never rejects. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return sleep(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
/** PostgreSQL: admin shutdown, crash shutdown, cannot connect now, too many connections, serialization, deadlock. */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
/** Prisma: cannot reach, timed out, server closed the connection, pool timeout, write conflict. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2034']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionWriteConflict']);
const MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|terminating connection|database system is (starting up|shutting down|in recovery mode)|Can't reach database|Server has closed the connection|ECONNREFUSED|ECONNRESET|socket hang up|Network request for .* failed/i;

/** Whether an error (or anything it wraps) is a passing failure of the database, the network or a chat API. */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const value = error as Record<string, unknown>;
  const code = typeof value.code === 'string' ? value.code : undefined;
  if (code && (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || PRISMA_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof value.kind === 'string' && ADAPTER_KINDS.has(value.kind)) return true;
  // grammY: a network failure (HttpError), or Telegram answering 429 or 5xx.
  if (value.name === 'HttpError') return true;
  if (typeof value.error_code === 'number' && (value.error_code === 429 || value.error_code >= 500)) return true;
  if (typeof value.message === 'string' && MESSAGES.test(value.message)) return true;
  const meta = value.meta as Record<string, unknown> | undefined;
  return [value.cause, value.error, meta?.driverAdapterError, (meta?.driverAdapterError as Record<string, unknown> | undefined)?.cause].some((inner) => inner !== error && isTransientError(inner, depth + 1));
}
