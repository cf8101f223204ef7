/**
 * Starts the Zalo channel: long polling in development, the webhook in production; photos are
 * downloaded from their URL into the evidence store; the outbox sends reminders on Zalo too.
 */
import type { Logger } from '../../app/logger.js';
import type { App } from '../../compose.js';
import type { Config } from '../../config.js';
import type { Db } from '../../infra/db/client.js';
import { ChoiceMemory } from '../../infra/repositories/choice-memory.js';
import type { ProcessedUpdates } from '../../infra/repositories/processed-updates.js';
import { ZALO, ZaloApi } from './api.js';
import { ZaloBot } from './bot.js';
import { startZaloPolling } from './polling.js';
import { ZaloSender } from './sender.js';
import { startZaloWebhook } from './webhook.js';

export interface ZaloChannel {
  stop(): Promise<void>;
}

export async function startZalo(config: Config, app: App, db: Db, updates: ProcessedUpdates, log: Logger): Promise<ZaloChannel> {
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
  const bot = new ZaloBot(app, api, updates, choices, log, { botId: me.id, ...(config.WARD_PHONE ? { wardPhone: config.WARD_PHONE } : {}) });
  const handle = (update: Parameters<ZaloBot['handleUpdate']>[0]) => bot.handleUpdate(update);
  if (config.ZALO_MODE === 'webhook') {
    const url = new URL(config.ZALO_WEBHOOK_URL!);
    const webhook = await startZaloWebhook({ port: config.ZALO_WEBHOOK_PORT, path: url.pathname, secret: config.ZALO_WEBHOOK_SECRET!, handle, log });
    await api.setWebhook(url.href, config.ZALO_WEBHOOK_SECRET!);
    log.info({ event: 'zalo.started', mode: 'webhook', port: webhook.port });
    return {
      async stop() {
        await webhook.close();
        await bot.idle();
      },
    };
  }
  await api.deleteWebhook().catch(() => {});
  const polling = startZaloPolling(api, handle, log);
  log.info({ event: 'zalo.started', mode: 'polling' });
  return {
    async stop() {
      await polling.stop();
      await bot.idle();
    },
  };
}
