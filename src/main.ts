/**
 * `npm start`: the bot on Telegram (BOT_TOKEN) and/or Zalo (ZALO_BOT_TOKEN), on the embedded
 * PostgreSQL unless DATABASE_URL is set. Both channels share one database and one core; either
 * may be left out, and each may also run in its own process.
 */
import cron from 'node-cron';
import { errorFields } from './app/logger.js';
import { startTelegram, type TelegramChannel } from './channels/telegram/start.js';
import { startZalo, type ZaloChannel } from './channels/zalo/start.js';
import { ProcessedUpdates } from './infra/repositories/processed-updates.js';
import { runHousekeeping, scheduleHousekeeping } from './jobs/housekeeping.js';
import { configOrExit, startRuntime } from './runtime.js';

const config = configOrExit();
if (!config.BOT_TOKEN && !config.ZALO_BOT_TOKEN) {
  console.error('Configuration error: set BOT_TOKEN (Telegram, from @BotFather) and/or ZALO_BOT_TOKEN (Zalo, from the Zalo Bot Creator); or try `npm run chat` without a token');
  process.exit(2);
}

let botUsername: string | undefined;
const runtime = await startRuntime(config, { compose: { botUsername: () => botUsername } });
const { app, log } = runtime;
const updates = new ProcessedUpdates(runtime.db.db);

// Each channel starts on its own: Telegram unreachable (a blocked network) must not take Zalo down.
let telegram: TelegramChannel | undefined;
let zalo: ZaloChannel | undefined;
if (config.BOT_TOKEN) {
  try {
    telegram = await startTelegram(config, app, updates, log);
    botUsername = telegram.username;
  } catch (error) {
    log.error({ event: 'telegram.init_failed', ...errorFields(error) });
  }
}
if (config.ZALO_BOT_TOKEN) {
  try {
    zalo = await startZalo(config, app, runtime.db.db, updates, log);
  } catch (error) {
    log.error({ event: 'zalo.init_failed', ...errorFields(error) });
  }
}
if (!telegram && !zalo) {
  log.error({ event: 'bot.init_failed' });
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

log.info({ event: 'bot.started', telegram: telegram ? telegram.username : 'off', zalo: zalo ? config.ZALO_MODE : 'off', database: runtime.database.embedded ? 'embedded' : 'external' });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ event: 'bot.stopping', signal });
  stopHousekeeping();
  void outboxTask.stop();
  void reminderTask.stop();
  await Promise.allSettled([telegram?.stop(), zalo?.stop()]);
  await app.outboxSender.idle();
  await runtime.close();
  log.info({ event: 'bot.stopped' });
  log.flush();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
