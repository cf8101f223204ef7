/**
 * `npm start`: the Telegram bot with long polling, on the embedded PostgreSQL unless DATABASE_URL is set.
 */
import { errorFields } from './app/logger.js';
import { run } from '@grammyjs/runner';
import { Api } from 'grammy';
import cron from 'node-cron';
import { TelegramSender } from './channels/telegram/sender.js';
import { createBot, TELEGRAM, telegramDownloader } from './channels/telegram/bot.js';
import { registerCommands } from './channels/telegram/commands.js';
import { runHousekeeping, scheduleHousekeeping } from './jobs/housekeeping.js';
import { ProcessedUpdates } from './infra/repositories/processed-updates.js';
import { configOrExit, startRuntime } from './runtime.js';

const config = configOrExit();
if (!config.BOT_TOKEN) {
  console.error('Configuration error: BOT_TOKEN is required to run the Telegram bot (get one from @BotFather; or try `npm run chat` without a token)');
  process.exit(2);
}
const token = config.BOT_TOKEN;

let botUsername: string | undefined;
const runtime = await startRuntime(config, { compose: { botUsername: () => botUsername } });
const { app, log } = runtime;
const updates = new ProcessedUpdates(runtime.db.db);
const bot = createBot(token, app, updates, log, {
  ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
  adminIds: config.ADMIN_TELEGRAM_IDS,
});
app.evidence.register(TELEGRAM, telegramDownloader(bot, token, config.TELEGRAM_API_ROOT));
// The outbox paces and retries by itself, so its API client has no auto-retry of its own.
app.outboxSender.register(
  TELEGRAM,
  new TelegramSender(new Api(token, { ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}), timeoutSeconds: 15 }), app.translator),
);

try {
  await bot.init();
  botUsername = bot.botInfo.username;
  await registerCommands(bot.api, app.translator);
  await bot.api.deleteWebhook();
} catch (error) {
  log.error({ event: 'bot.init_failed', ...errorFields(error) });
  await runtime.close();
  process.exit(1);
}

// Messages to people (status changes…) go through the outbox: drained at once when written, and
// on every tick for retries and for anything a stopped process left behind.
const outboxTask = cron.schedule(config.OUTBOX_CRON, () => app.outboxSender.kick(), { noOverlap: true });
app.outboxSender.kick();

// Reminders are computed from the database at every tick; node-cron is only the clock.
const reminderTask = cron.schedule(
  config.REMINDER_CRON,
  async () => {
    try {
      await app.reminders.tick(new Date());
    } catch (error) {
      log.error({ event: 'reminders.tick_failed', ...errorFields(error) });
    }
  },
  { noOverlap: true },
);

const stopHousekeeping = scheduleHousekeeping(
  config.DRAFT_PURGE_CRON,
  () => runHousekeeping({ drafts: app.drafts, updates, log }, config.DRAFT_TTL_DAYS),
  log,
);

const runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
log.info({ event: 'bot.started', username: bot.botInfo.username, database: runtime.database.embedded ? 'embedded' : 'external' });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ event: 'bot.stopping', signal });
  stopHousekeeping();
  void outboxTask.stop();
  void reminderTask.stop();
  if (runner.isRunning()) await runner.stop();
  await app.outboxSender.idle();
  await runtime.close();
  log.info({ event: 'bot.stopped' });
  log.flush();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
