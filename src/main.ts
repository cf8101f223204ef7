/**
 * `npm start`: the bot on Telegram (BOT_TOKEN) and/or Zalo (ZALO_BOT_TOKEN), on the embedded
 * PostgreSQL unless DATABASE_URL is set. Both channels share one database and one core; either
 * may be left out. Any number of instances may share one PostgreSQL (docs/decisions/011): updates
 * go through the inbound queue, reminders and messages through the outbox, both claimed in the
 * database, so nothing that matters lives in one process.
 */
import os from 'node:os';
import cron from 'node-cron';
import { InboundWorker } from './app/inbound-worker.js';
import { Ingress } from './app/ingress.js';
import { errorFields } from './app/logger.js';
import { startTelegram, type TelegramChannel } from './channels/telegram/start.js';
import { startZalo, type ZaloChannel } from './channels/zalo/start.js';
import { healthRoute, metricsRoute } from './infra/health.js';
import { startHttpServer, type HttpServer, type Route } from './infra/http-server.js';
import { InboundQueue } from './infra/repositories/inbound-queue.js';
import { ProcessedUpdates } from './infra/repositories/processed-updates.js';
import { runHousekeeping, scheduleHousekeeping } from './jobs/housekeeping.js';
import { configOrExit, startRuntime } from './runtime.js';

const startedAt = new Date();
const config = configOrExit();
if (!config.BOT_TOKEN && !config.ZALO_BOT_TOKEN) {
  console.error('Configuration error: set BOT_TOKEN (Telegram, from @BotFather) and/or ZALO_BOT_TOKEN (Zalo, from the Zalo Bot Creator); or try `npm run chat` without a token');
  process.exit(2);
}

const webhooks = (config.BOT_TOKEN && config.BOT_MODE === 'webhook') || (config.ZALO_BOT_TOKEN && config.ZALO_MODE === 'webhook');
const httpPort = config.HTTP_PORT ?? (webhooks ? 8080 : undefined);
const channels = [config.BOT_TOKEN ? 'telegram' : '', config.ZALO_BOT_TOKEN ? 'zalo' : ''].filter(Boolean).join('+');
const instance = config.INSTANCE_ID ?? `${os.hostname()}:${httpPort ?? '-'}:${channels}`;

let botUsername: string | undefined;
const runtime = await startRuntime(config, { compose: { botUsername: () => botUsername, instance } });
const { app, log } = runtime;
const db = runtime.db.db;
const updates = new ProcessedUpdates(db);
const queue = new InboundQueue(db, { burst: config.FLOOD_BURST, perSecond: config.FLOOD_PER_SECOND, maxBacklog: config.FLOOD_MAX_BACKLOG, warnEverySeconds: 60 });
const worker = new InboundWorker(queue, instance, log, { concurrency: config.QUEUE_CONCURRENCY, leaseMs: config.QUEUE_LEASE_SECONDS * 1000, observe: (seconds) => runtime.metrics.observeHandling(seconds) });
const ingress = new Ingress(queue, () => worker.kick(), (locale, key) => app.translator.tr(locale, key), log, (channel, chatId) => app.users.chosenLocale(channel, chatId));

// A stray failure is logged, never fatal: the queue and the outbox hold the work, the process goes on.
process.on('unhandledRejection', (error) => log.error({ event: 'process.unhandled_rejection', ...errorFields(error) }));

// Each channel starts on its own: Telegram unreachable (a blocked network) must not take Zalo down.
let telegram: TelegramChannel | undefined;
let zalo: ZaloChannel | undefined;
if (config.BOT_TOKEN) {
  try {
    telegram = await startTelegram(config, app, updates, { ingress, worker }, log);
    botUsername = telegram.username;
  } catch (error) {
    log.error({ event: 'telegram.init_failed', ...errorFields(error) });
  }
}
if (config.ZALO_BOT_TOKEN) {
  try {
    zalo = await startZalo(config, app, db, updates, { ingress, worker }, log);
  } catch (error) {
    log.error({ event: 'zalo.init_failed', ...errorFields(error) });
  }
}
if (!telegram && !zalo) {
  log.error({ event: 'bot.init_failed' });
  await runtime.close();
  process.exit(1);
}

let stopping = false;
let lastTick: Date | undefined;
let server: HttpServer | undefined;
if (httpPort !== undefined) {
  const reads = { queueDepth: () => queue.depth(), worker: () => ({ lastClaimAt: worker.lastClaimAt, busy: worker.busy }), startedAt };
  const routes: Route[] = [
    healthRoute({ ...reads, ping: () => runtime.db.ping(), lastTick: () => lastTick, stopping: () => stopping, maxTickAgeMs: config.HEALTH_MAX_TICK_AGE_SECONDS * 1000, instance }),
    metricsRoute({ ...reads, metrics: runtime.metrics }),
  ];
  for (const route of [telegram?.route, zalo?.route]) if (route) routes.push(route);
  server = await startHttpServer({ port: httpPort, host: config.HTTP_HOST, routes, log });
  log.info({ event: 'http.listening', port: server.port, routes: routes.map((route) => route.path) });
}

await worker.start();
for (const channel of [telegram, zalo]) {
  try {
    await channel?.open();
  } catch (error) {
    log.error({ event: 'channel.open_failed', ...errorFields(error) });
  }
}

// Messages to people (status changes…) go through the outbox: drained at once when written, and
// on every tick for retries and for anything a stopped process left behind.
const outboxTask = cron.schedule(config.OUTBOX_CRON, () => app.outboxSender.kick(), { noOverlap: true });
await app.outboxSender.reclaim().catch((error) => log.warn({ event: 'outbox.reclaim_failed', ...errorFields(error) }));
app.outboxSender.kick();

// Reminders are computed from the database at every tick in every instance; the outbox's unique
// keys and claims make each reminder go out once. node-cron is only the clock.
const reminderTask = cron.schedule(
  config.REMINDER_CRON,
  async () => {
    // /healthz watches the scheduler running, not reminders succeeding: a tick that fails is logged
    // as an error, and must not take every instance out of the load balancer at once.
    lastTick = new Date();
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
  () => runHousekeeping({ drafts: app.drafts, updates, queue, log }, config.DRAFT_TTL_DAYS),
  log,
);

log.info({ event: 'bot.started', instance, telegram: telegram ? `${telegram.username} (${config.BOT_MODE})` : 'off', zalo: zalo ? config.ZALO_MODE : 'off', http: server?.port ?? 'off', database: runtime.database.embedded ? 'embedded' : 'external' });

/** Longest wait for updates in flight at shutdown; what is left is taken up again by a lease's end. */
const SHUTDOWN_GRACE_MS = 25_000;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ event: 'bot.stopping', signal });
  const forced = setTimeout(() => {
    log.warn({ event: 'bot.stop_forced', busy: worker.busy });
    log.flush();
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  forced.unref();
  // Stop taking updates (webhook requests in flight are still answered), finish those being handled,
  // give back the claims nobody started, then let the outbox finish its sends and close the database.
  // The worker stops claiming at once (what arrives meanwhile is stored for the other instances).
  const workerStopped = worker.stop();
  await server?.close();
  await Promise.allSettled([telegram?.stop(), zalo?.stop()]);
  await workerStopped;
  stopHousekeeping();
  void outboxTask.stop();
  void reminderTask.stop();
  await app.outboxSender.stop();
  await runtime.close();
  log.info({ event: 'bot.stopped' });
  log.flush();
  process.exit(0);
}
// `on`, not `once`: a second signal must not fall through to the default (immediate) exit.
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
