/**
 * The one HTTP server of a process (webhooks of Telegram and Zalo, /healthz): small routes on
 * node:http, bodies capped, slow clients cut off, and a close that waits for requests in flight.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorFields, type Logger } from '../app/logger.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** How long requests in flight get at close before their connections are cut. */
const CLOSE_GRACE_MS = 10_000;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

/** Constant-time comparison of secrets of any length (hashed first, so lengths leak nothing). */
export function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  const value = Array.isArray(given) ? given[0] : given;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return value !== undefined && timingSafeEqual(digest(value), digest(expected));
}

/** The request body as text; undefined when it is larger than `MAX_BODY_BYTES` (the socket is dropped). */
export async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      request.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A chat platform's webhook: 401 without the secret in `secretHeader`, 400 for a body `read` does
 * not accept, then `accept` stores the update and the answer is `ok` (200) — or 503 when it could
 * not be stored (the database away), so the platform delivers it again later.
 */
export function webhookRoute<T>(options: {
  path: string;
  secretHeader: string;
  secret: string;
  /** The update in a body, or undefined if the body is not one. */
  read: (body: string) => T | undefined;
  accept: (update: T) => Promise<void>;
  ok: string;
  log: Logger;
  /** Prefix of the log events (`telegram`, `zalo`). */
  channel: string;
}): Route {
  const { log } = options;
  return {
    method: 'POST',
    path: options.path,
    async handle(request, response) {
      if (!sameSecret(request.headers[options.secretHeader], options.secret)) {
        log.warn({ event: `${options.channel}.webhook_unauthorized` });
        response.writeHead(401).end();
        request.resume();
        return;
      }
      const body = await readBody(request);
      const update = body === undefined ? undefined : options.read(body);
      if (update === undefined) {
        if (!response.destroyed) response.writeHead(400).end();
        return;
      }
      try {
        await options.accept(update);
      } catch (error) {
        log.warn({ event: `${options.channel}.webhook_unavailable`, ...errorFields(error) });
        response.writeHead(503).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(options.ok);
    },
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

export async function startHttpServer(options: { port: number; host: string; routes: Route[]; log: Logger }): Promise<HttpServer> {
  const { log } = options;
  let closing = false;
  const server: Server = createServer((request, response) => {
    // While closing, every answer ends its connection: a proxy's keep-alive must not hold the close open.
    if (closing) response.setHeader('connection', 'close');
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = options.routes.find((candidate) => candidate.path === path);
    if (!route) {
      response.writeHead(404).end();
      request.resume();
      return;
    }
    if (request.method !== route.method) {
      response.writeHead(405, { allow: route.method }).end();
      request.resume();
      return;
    }
    route.handle(request, response).catch((error) => {
      log.error({ event: 'http.failed', path, ...errorFields(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  // Telegram gives a webhook 60 s; a client that sends its headers or body slower is cut off.
  server.headersTimeout = 10_000;
  server.requestTimeout = 20_000;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise((resolve) => {
        // New connections are refused; requests in flight finish; keep-alive connections (a proxy in
        // front) are closed as soon as they are idle, and any left after the grace are cut.
        closing = true;
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
