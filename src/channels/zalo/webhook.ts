/**
 * The Zalo webhook for production: Zalo POSTs each update with the secret in the
 * X-Bot-Api-Secret-Token header. A request without the right secret (compared in constant time)
 * gets 401; a good one is answered once the update is safely queued (503 while the database is
 * away, so it is not lost), and handled by whichever instance claims it.
 */
import type { Logger } from '../../app/logger.js';
import { webhookRoute, type Route } from '../../infra/http-server.js';
import type { ZaloUpdate } from './api.js';

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

export function zaloWebhookRoute(options: { path: string; secret: string; accept: (update: ZaloUpdate) => Promise<void>; log: Logger }): Route {
  return webhookRoute({ path: options.path, secretHeader: 'x-bot-api-secret-token', secret: options.secret, read: readUpdate, accept: options.accept, ok: '{"ok":true}', log: options.log, channel: 'zalo' });
}
