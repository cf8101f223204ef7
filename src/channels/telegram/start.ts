/**
 * Starts the Telegram channel: the bot with long polling, its file downloads and its outbox sender,
 * through an outgoing proxy when one is configured (TELEGRAM_PROXY or HTTPS_PROXY).
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import { Api } from 'grammy';
import type { Logger } from '../../app/logger.js';
import type { App } from '../../compose.js';
import type { Config } from '../../config.js';
import type { ProcessedUpdates } from '../../infra/repositories/processed-updates.js';
import { getStream, proxyAgentFor } from '../../infra/proxy.js';
import { createBot, TELEGRAM } from './bot.js';
import { registerCommands } from './commands.js';
import { TelegramSender } from './sender.js';

const DEFAULT_ROOT = 'https://api.telegram.org';

export interface TelegramChannel {
  username: string;
  stop(): Promise<void>;
}

export async function startTelegram(config: Config, app: App, updates: ProcessedUpdates, log: Logger): Promise<TelegramChannel> {
  const token = config.BOT_TOKEN!;
  const root = config.TELEGRAM_API_ROOT ?? DEFAULT_ROOT;
  const agent = proxyAgentFor(config.TELEGRAM_PROXY ?? config.HTTPS_PROXY, root);
  const client = { apiRoot: root, ...(agent ? { baseFetchConfig: { agent, compress: true } } : {}) };
  const bot = createBot(token, app, updates, log, { apiRoot: root, ...(agent ? { client } : {}), adminIds: config.ADMIN_TELEGRAM_IDS });
  app.evidence.register(TELEGRAM, async (file) => {
    const info = await bot.api.getFile(file.fileId);
    if (!info.file_path) throw new Error('telegram returned no file_path');
    return getStream(`${root}/file/bot${token}/${info.file_path}`, agent);
  });
  // The outbox paces and retries by itself, so its API client has no auto-retry of its own.
  app.outboxSender.register(TELEGRAM, new TelegramSender(new Api(token, { ...client, timeoutSeconds: 15 }), app.translator));
  await bot.init();
  await registerCommands(bot.api, app.translator);
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
  log.info({ event: 'telegram.started', username: bot.botInfo.username, proxy: agent ? 'on' : 'off' });
  return {
    username: bot.botInfo.username,
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
