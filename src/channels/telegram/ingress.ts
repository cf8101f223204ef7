/**
 * How Telegram's updates reach the inbound queue: long polling (development, one process per
 * token) or the webhook (production, any number of instances behind a load balancer). Either way
 * an update is acknowledged to Telegram only once it is stored: the next getUpdates offset moves
 * past it, or the webhook answers 200.
 */
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { IncomingUpdate, Ingress } from '../../app/ingress.js';
import { errorFields, type Logger } from '../../app/logger.js';
import { localeFor } from '../../i18n/index.js';
import { webhookRoute, type Route } from '../../infra/http-server.js';
import { isTransientError, pause } from '../../infra/transient.js';
import { TELEGRAM } from './bot.js';

export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/**
 * Reads an update for the queue: its chat (updates of one chat are handled in order) and the
 * sender's language; undefined for a group's update (the bot works in private chats only).
 */
export function toQueued(update: Update): IncomingUpdate | undefined {
  const chatType = update.message?.chat.type ?? update.callback_query?.message?.chat.type ?? update.edited_message?.chat.type;
  if (chatType && chatType !== 'private') return undefined;
  const from = update.message?.from ?? update.callback_query?.from ?? update.edited_message?.from;
  const chat = update.message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.edited_message?.chat.id ?? from?.id;
  return { channel: TELEGRAM, updateId: update.update_id, chatId: chat === undefined ? '-' : String(chat), position: update.update_id, payload: update, locale: localeFor(from?.language_code) };
}

/** What a webhook body must at least be to be queued (the bot reads the rest). */
const webhookUpdate = z.looseObject({ update_id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) });

/**
 * The webhook: only requests carrying our secret in X-Telegram-Bot-Api-Secret-Token (401
 * otherwise); 200 as soon as the update is queued, never after handling it; 503 while the database
 * is away, so Telegram delivers it again later.
 */
export function telegramWebhookRoute(options: { path: string; secret: string; ingress: Ingress; log: Logger }): Route {
  return webhookRoute({
    path: options.path,
    secretHeader: 'x-telegram-bot-api-secret-token',
    secret: options.secret,
    read: (body) => {
      try {
        const update = webhookUpdate.safeParse(JSON.parse(body));
        return update.success ? (update.data as unknown as Update) : undefined;
      } catch {
        return undefined;
      }
    },
    accept: async (update) => {
      const queued = toQueued(update);
      if (queued) await options.ingress.accept([queued]);
    },
    ok: '{}',
    log: options.log,
    channel: 'telegram',
  });
}

export interface TelegramPolling {
  stop(): Promise<void>;
}

/**
 * Long polling into the queue. A batch is confirmed (the offset moves past it) only once stored;
 * while the database is away the batch is kept and stored when it returns, so nothing is lost.
 */
export function startTelegramPolling(api: Api, ingress: Ingress, log: Logger, options: { timeoutSeconds?: number; maxBackoffMs?: number } = {}): TelegramPolling {
  let running = true;
  let offset = 0;
  const stopping = new AbortController();
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const loop = (async () => {
    let backoff = 0;
    while (running) {
      let updates: Update[];
      try {
        updates = await api.getUpdates({ offset, timeout: options.timeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] }, stopping.signal as Parameters<Api["getUpdates"]>[1]);
        backoff = 0;
      } catch (error) {
        if (!running) break;
        backoff = Math.min(backoff ? backoff * 2 : 1_000, maxBackoff);
        log.warn({ event: 'telegram.polling_failed', backoffMs: backoff, ...errorFields(error) });
        await pause(backoff, stopping.signal);
        continue;
      }
      if (!updates.length) continue;
      for (let attempt = 0; running; attempt++) {
        try {
          await ingress.accept(updates.map(toQueued).filter((update) => update !== undefined));
          offset = updates.at(-1)!.update_id + 1;
          break;
        } catch (error) {
          if (!isTransientError(error)) {
            // Waiting will not cure it: one bad batch must not stop every chat's intake.
            log.error({ event: 'telegram.enqueue_skipped', count: updates.length, ...errorFields(error) });
            offset = updates.at(-1)!.update_id + 1;
            break;
          }
          const wait = Math.min(1_000 * 2 ** attempt, maxBackoff);
          log.warn({ event: 'telegram.enqueue_failed', count: updates.length, waitMs: wait, ...errorFields(error) });
          await pause(wait, stopping.signal);
        }
      }
    }
  })();
  return {
    async stop() {
      running = false;
      stopping.abort();
      await loop;
      // Confirm what was stored, so the next process is not handed it again (it would be dropped as a duplicate anyway).
      if (offset) await api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
    },
  };
}
