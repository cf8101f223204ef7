/**
 * The Zalo webhook for production: Zalo POSTs each update with the secret in the
 * X-Bot-Api-Secret-Token header. A request without the right secret (compared in constant time)
 * gets 401; a good one is answered at once and handled in the background, its chat in order.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { errorFields, type Logger } from '../../app/logger.js';
import type { ZaloUpdate } from './api.js';

const MAX_BODY = 1024 * 1024;

/** Constant-time comparison of secrets of any length (hashed first, so lengths leak nothing). */
export function sameSecret(given: string | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/** An update from a webhook body: the update itself, or wrapped as `{ ok, result }` like an API answer; undefined if neither. */
export function readUpdate(body: string): ZaloUpdate | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const candidate = parsed && typeof parsed === 'object' && 'result' in parsed && (parsed as { result: unknown }).result && typeof (parsed as { result: unknown }).result === 'object' ? (parsed as { result: unknown }).result : parsed;
  if (!candidate || typeof candidate !== 'object' || typeof (candidate as { event_name?: unknown }).event_name !== 'string') return undefined;
  return candidate as ZaloUpdate;
}

export interface ZaloWebhook {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startZaloWebhook(options: { port: number; host?: string; path: string; secret: string; handle: (update: ZaloUpdate) => Promise<void>; log: Logger }): Promise<ZaloWebhook> {
  const { log } = options;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'POST' || url.pathname !== options.path) {
      response.writeHead(404).end();
      return;
    }
    const secret = request.headers['x-bot-api-secret-token'];
    if (!sameSecret(Array.isArray(secret) ? secret[0] : secret, options.secret)) {
      log.warn({ event: 'zalo.webhook_unauthorized' });
      response.writeHead(401).end();
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const update = readUpdate(Buffer.concat(chunks).toString('utf8'));
      if (!update) {
        response.writeHead(400).end();
        return;
      }
      // Answered before the work: Zalo must not wait (or retry) while we talk to the database.
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      try {
        void options.handle(update).catch((error) => log.error({ event: 'zalo.webhook_failed', ...errorFields(error) }));
      } catch (error) {
        log.error({ event: 'zalo.webhook_failed', ...errorFields(error) });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (a proxy in front) would hold the close open.
        server.closeIdleConnections();
      }),
  };
}
