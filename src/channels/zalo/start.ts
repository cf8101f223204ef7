/**
 * Starts the Zalo channel: long polling in development, the webhook in production, both through
 * the inbound queue; photos are downloaded from their URL into the evidence store; the outbox
 * sends reminders on Zalo too.
 */
import type { InboundWorker } from '../../app/inbound-worker.js';
import type { IncomingUpdate, Ingress } from '../../app/ingress.js';
import type { Logger } from '../../app/logger.js';
import type { App } from '../../compose.js';
import type { Config } from '../../config.js';
import type { Db } from '../../infra/db/client.js';
import type { Route } from '../../infra/http-server.js';
import { ChoiceMemory } from '../../infra/repositories/choice-memory.js';
import type { ProcessedUpdates } from '../../infra/repositories/processed-updates.js';
import { ZALO, ZaloApi, type ZaloUpdate } from './api.js';
import { updateIdOf, ZaloBot } from './bot.js';
import { startZaloPolling, type ZaloPolling } from './polling.js';
import { ZaloSender } from './sender.js';
import { zaloWebhookRoute } from './webhook.js';

export interface ZaloChannel {
  route?: Route;
  open(): Promise<void>;
  stop(): Promise<void>;
}

/** Zalo's updates carry no sequence number: they are ordered by arrival, in microseconds, never twice the same here. */
let lastPosition = 0;
function arrivalPosition(): number {
  lastPosition = Math.max(lastPosition + 1, Date.now() * 1000);
  return lastPosition;
}

/** Reads a Zalo update for the queue; undefined for one without a message id or chat, or from a group (nothing to answer). */
export function toQueuedZalo(update: ZaloUpdate): IncomingUpdate | undefined {
  const message = update.message;
  if (!message?.message_id || !message.chat?.id) return undefined;
  // Private chats only (the bot ignores groups): nothing to queue, no flood notice into a group.
  if (message.chat.chat_type && message.chat.chat_type.toUpperCase() !== 'PRIVATE') return undefined;
  return { channel: ZALO, updateId: updateIdOf(message.message_id), chatId: message.chat.id, position: arrivalPosition(), payload: update, locale: 'vi' };
}

export async function startZalo(config: Config, app: App, db: Db, updates: ProcessedUpdates, queue: { ingress: Ingress; worker: InboundWorker }, log: Logger): Promise<ZaloChannel> {
  const api = new ZaloApi(config.ZALO_BOT_TOKEN!, config.ZALO_API_ROOT ? { apiRoot: config.ZALO_API_ROOT } : {});
  const me = await api.getMe();
  const choices = new ChoiceMemory(db);
  // Zalo sends photos as URLs that may expire: the form copies each one as it arrives.
  app.evidence.register(ZALO, async (file) => {
    const response = await fetch(file.fileId, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok || !response.body) throw new Error(`photo download failed with HTTP ${response.status}`);
    return response.body;
  });
  app.outboxSender.register(ZALO, new ZaloSender(api, app.translator, choices));
  const bot = new ZaloBot(app, api, updates, choices, log, { botId: me.id, queued: true, ...(config.WARD_PHONE ? { wardPhone: config.WARD_PHONE } : {}) });
  queue.worker.register(ZALO, (payload) => bot.handleUpdate(payload as ZaloUpdate), async (payload) => {
    const chatId = (payload as ZaloUpdate).message?.chat?.id;
    if (chatId) await api.sendMessage(chatId, app.translator.tr((await app.users.chosenLocale(ZALO, chatId)) ?? 'vi', 'error-generic'));
  });
  queue.ingress.register(ZALO, async (chatId, text) => void (await api.sendMessage(chatId, text)));
  const accept = async (update: ZaloUpdate) => {
    const queued = toQueuedZalo(update);
    if (queued) await queue.ingress.accept([queued]);
  };
  if (config.ZALO_MODE === 'webhook') {
    const url = new URL(config.ZALO_WEBHOOK_URL!);
    return {
      route: zaloWebhookRoute({ path: url.pathname, secret: config.ZALO_WEBHOOK_SECRET!, accept, log }),
      async open() {
        await api.setWebhook(url.href, config.ZALO_WEBHOOK_SECRET!);
        log.info({ event: 'zalo.started', mode: 'webhook' });
      },
      async stop() {},
    };
  }
  let polling: ZaloPolling | undefined;
  return {
    async open() {
      await api.deleteWebhook().catch(() => {});
      polling = startZaloPolling(api, accept, log);
      log.info({ event: 'zalo.started', mode: 'polling' });
    },
    async stop() {
      await polling?.stop();
    },
  };
}
