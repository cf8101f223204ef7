/**
 * Starts the Telegram channel: the bot, its file downloads and its outbox sender, through an
 * outgoing proxy when one is configured (TELEGRAM_PROXY or HTTPS_PROXY). Updates come in by long
 * polling or by the webhook (BOT_MODE), always through the inbound queue.
 */
import { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { InboundWorker } from '../../app/inbound-worker.js';
import type { Ingress } from '../../app/ingress.js';
import type { Logger } from '../../app/logger.js';
import type { App } from '../../compose.js';
import type { Config } from '../../config.js';
import type { Route } from '../../infra/http-server.js';
import type { ProcessedUpdates } from '../../infra/repositories/processed-updates.js';
import { getStream, proxyAgentFor } from '../../infra/proxy.js';
import { createBot, queuedTelegramHandler, TELEGRAM } from './bot.js';
import { registerCommands } from './commands.js';
import { ALLOWED_UPDATES, startTelegramPolling, telegramWebhookRoute, toQueued, type TelegramPolling } from './ingress.js';
import { TelegramSender } from './sender.js';

const DEFAULT_ROOT = 'https://api.telegram.org';

export interface TelegramChannel {
  username: string;
  /** The webhook's route on the process's HTTP server (BOT_MODE=webhook). */
  route?: Route;
  /** Starts taking updates: polling begins, or the webhook is set (once the HTTP server listens). */
  open(): Promise<void>;
  /** Stops taking updates (the webhook stays set: other instances still serve it). */
  stop(): Promise<void>;
}

export async function startTelegram(config: Config, app: App, updates: ProcessedUpdates, queue: { ingress: Ingress; worker: InboundWorker }, log: Logger): Promise<TelegramChannel> {
  const token = config.BOT_TOKEN!;
  const root = config.TELEGRAM_API_ROOT ?? DEFAULT_ROOT;
  const agent = await proxyAgentFor(config.TELEGRAM_PROXY ?? config.HTTPS_PROXY, root);
  const client = { apiRoot: root, ...(agent ? { baseFetchConfig: { agent, compress: true } } : {}) };
  const bot = createBot(token, app, updates, log, { apiRoot: root, ...(agent ? { client } : {}), adminIds: config.ADMIN_TELEGRAM_IDS, queued: true });
  app.evidence.register(TELEGRAM, async (file) => {
    const info = await bot.api.getFile(file.fileId);
    if (!info.file_path) throw new Error('telegram returned no file_path');
    return getStream(`${root}/file/bot${token}/${info.file_path}`, agent);
  });
  // The outbox paces and retries by itself, so its API client has no auto-retry of its own.
  const plainApi = new Api(token, { ...client, timeoutSeconds: 15 });
  app.outboxSender.register(TELEGRAM, new TelegramSender(plainApi, app.translator));
  queue.ingress.register(TELEGRAM, async (chatId, text) => void (await plainApi.sendMessage(chatId, text)));
  // An update given up after its retries: the person is told, so they can send it again later.
  queue.worker.register(TELEGRAM, queuedTelegramHandler(bot), async (payload) => {
    const queued = toQueued(payload as Update);
    if (queued && queued.chatId !== '-') await plainApi.sendMessage(queued.chatId, app.translator.tr((await app.users.chosenLocale(TELEGRAM, queued.chatId)) ?? queued.locale, 'error-generic'));
  });
  await bot.init();
  await registerCommands(bot.api, app.translator);
  const username = bot.botInfo.username;

  if (config.BOT_MODE === 'webhook') {
    const url = new URL(config.WEBHOOK_URL!);
    return {
      username,
      route: telegramWebhookRoute({ path: url.pathname, secret: config.WEBHOOK_SECRET!, ingress: queue.ingress, log }),
      async open() {
        // Every instance sets the same webhook at start: idempotent, and the last one wins harmlessly.
        await bot.api.setWebhook(url.href, { secret_token: config.WEBHOOK_SECRET!, allowed_updates: [...ALLOWED_UPDATES], max_connections: 40 });
        log.info({ event: 'telegram.started', mode: 'webhook', username, proxy: agent ? 'on' : 'off' });
      },
      async stop() {},
    };
  }
  let polling: TelegramPolling | undefined;
  return {
    username,
    async open() {
      await bot.api.deleteWebhook();
      polling = startTelegramPolling(bot.api, queue.ingress, log);
      log.info({ event: 'telegram.started', mode: 'polling', username, proxy: agent ? 'on' : 'off' });
    },
    async stop() {
      await polling?.stop();
    },
  };
}
