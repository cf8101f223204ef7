/**
 * `npm run bench:reminders`: the fan-out of one reminder step to 1,000 unit heads (1,000 units of
 * one campaign, one head each, each in a chat of their own) through the real outbox sender and
 * Telegram sender (grammY) against a fake Bot API that enforces Telegram's limits (30 messages/s
 * overall, 1 per chat per second, 429 with retry_after 1 beyond them). Prints the achieved
 * messages/s as a fraction of 30/s, the 429s, duplicates (chats with more than one message) and
 * misses (chats with none). Target: ≥ 0.9 of 30/s, no duplicates, no misses.
 * Options: --heads N (default 1000). The sending rate is the default SEND_RATE_PER_SECOND (28).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Api } from 'grammy';
import type { Logger } from '../src/app/logger.js';
import { Reminders } from '../src/app/reminders.js';
import { TelegramSender } from '../src/channels/telegram/sender.js';
import { compose } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/infra/db/client.js';
import { FakeBotApi } from '../test/support/fake-bot-api.js';
import { benchDatabase } from './support.js';

const { values } = parseArgs({ options: { heads: { type: 'string', default: '1000' } } });
const HEADS = Number(values.heads);
const TELEGRAM_LIMIT = 30;
/** How often the bench kicks the outbox again while messages remain (stands in for OUTBOX_CRON). */
const KICK_EVERY_MS = 1_000;

/** Deadline Thursday 15/01/2026, "now" its d-7 at 08:05 in Vietnam: in the past, so every row is due at once. */
const DEADLINE = '2026-01-15';
const NOW = new Date('2026-01-08T08:05:00+07:00');

const database = await benchDatabase(54392);
const connection = openDatabase(database.url, { max: 10 });
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-bench-reminders-'));
const fake = await FakeBotApi.start({ rateLimit: { perSecondGlobal: TELEGRAM_LIMIT, perSecondPerChat: 1 } });
try {
  const db = connection.db;
  // 1,000 residential groups of one ward, a head for each (Telegram id = chat id).
  const ward = await db.unit.create({ data: { code: 'BENCH-WARD', name: 'Phường Thử Tải', kind: 'ward' } });
  await db.unit.createMany({ data: Array.from({ length: HEADS }, (_, index) => ({ code: `BENCH-TDP-${index + 1}`, name: `Tổ dân phố số ${index + 1}`, kind: 'residential-group', parentId: ward.id, sortOrder: index + 1 })) });
  const units = await db.unit.findMany({ where: { parentId: ward.id }, orderBy: { sortOrder: 'asc' }, select: { id: true } });
  const chatIds = units.map((_, index) => String(900_000_001 + index));
  await db.user.createMany({ data: chatIds.map((chatId) => ({ channel: 'telegram', externalId: chatId, chatId, locale: 'vi' })) });
  const userByChat = new Map((await db.user.findMany({ select: { id: true, chatId: true } })).map((user) => [user.chatId, user.id]));
  await db.roleGrant.createMany({ data: units.map((unit, index) => ({ userId: userByChat.get(chatIds[index]!)!, role: 'head', unitId: unit.id, grantedAt: new Date('2026-01-01T00:00:00Z') })) });

  const config = loadConfig({ DATA_DIR: dataDir });
  // Warnings and errors are counted and shown: a benchmark that hides failures measures the wrong thing.
  const events = new Map<string, number>();
  const count = (level: string) => (fields: Record<string, unknown>) => {
    const key = `${level} ${String(fields.event)}${fields.err ? `: ${String(fields.err)}` : ''}`.slice(0, 160);
    events.set(key, (events.get(key) ?? 0) + 1);
  };
  const log: Logger = { debug() {}, info() {}, warn: count('warn'), error: count('error') };
  const app = compose(config, db, log);
  app.outboxSender.register('telegram', new TelegramSender(new Api(fake.token, { apiRoot: fake.url }), app.translator));

  const campaign = await app.campaigns.create({
    code: 'BENCH-2026',
    name: 'Đợt thi đua thử tải',
    kind: 'regular',
    opensOn: '2026-01-01',
    closesOn: '2026-01-31',
    deadline: DEADLINE,
    reminderDays: [7, 3, 1, 0],
    reminderTime: '08:00',
    workingDaysOnly: false,
    unitIds: units.map((unit) => unit.id),
  });

  // Enqueue the d-7 step without kicking the outbox, so the fan-out below is timed on its own.
  const planning = performance.now();
  const reminders = new Reminders({ campaigns: app.campaigns, roles: app.roles, env: app.env, calendar: app.calendar, kickOutbox: () => {}, log });
  const enqueued = await reminders.tick(NOW);
  const planningMs = performance.now() - planning;

  const firstCall = fake.mark();
  const started = Date.now();
  app.outboxSender.kick();
  const timer = setInterval(() => app.outboxSender.kick(), KICK_EVERY_MS);
  const limit = started + 10 * 60_000;
  while ((await app.outbox.pending()) > 0 && Date.now() < limit) await new Promise((resolve) => setTimeout(resolve, 100));
  clearInterval(timer);
  await app.outboxSender.idle();

  const sends = fake.callsSince(firstCall).filter((call) => call.method === 'sendMessage');
  const delivered = sends.filter((call) => call.ok);
  const lastAt = Math.max(...delivered.map((call) => call.finishedAt));
  const wallSeconds = (lastAt - started) / 1000;
  const perSecond = delivered.length / wallSeconds;
  const perChat = new Map<string, number>();
  for (const call of delivered) perChat.set(String(call.payload.chat_id), (perChat.get(String(call.payload.chat_id)) ?? 0) + 1);
  const duplicates = [...perChat.values()].filter((n) => n > 1).length;
  const misses = chatIds.filter((chatId) => !perChat.has(chatId)).length;
  const withReminderText = delivered.filter((call) => String(call.payload.text).includes(`Nhắc hạn ${campaign.name}`)).length;
  // The busiest second as Telegram saw it (sliding window over accepted sends).
  const times = delivered.map((call) => call.at).sort((a, b) => a - b);
  let busiest = 0;
  for (let low = 0, high = 0; high < times.length; high += 1) {
    while (times[high]! - times[low]! >= 1000) low += 1;
    busiest = Math.max(busiest, high - low + 1);
  }
  const rows = await db.notification.groupBy({ by: ['attempts'], _count: true, where: { dedupeKey: { startsWith: 'reminder:' } } });
  const failed = await db.notification.count({ where: { failedAt: { not: null } } });
  const fraction = perSecond / TELEGRAM_LIMIT;

  console.log(`\nbench:reminders — ${HEADS} heads in ${HEADS} chats, one campaign over ${HEADS} units, Node ${process.version}`);
  console.log(`fake Bot API limits: ${TELEGRAM_LIMIT} messages/s overall, 1 per chat per second; SEND_RATE_PER_SECOND=${config.SEND_RATE_PER_SECOND}; outbox kicked every ${KICK_EVERY_MS} ms while messages remain`);
  console.table([
    {
      enqueued,
      'planning+enqueue s': Number((planningMs / 1000).toFixed(2)),
      delivered: delivered.length,
      'wall s': Number(wallSeconds.toFixed(2)),
      'messages/s': Number(perSecond.toFixed(2)),
      'fraction of 30/s': Number(fraction.toFixed(3)),
      'busiest second': busiest,
      '429s': fake.stats.tooManyRequests,
      duplicates,
      misses,
      'failed rows': failed,
    },
  ]);
  console.log(`sendMessage calls: ${sends.length} (${delivered.length} accepted, ${withReminderText} with the reminder text); rows by attempts: ${rows.map((row) => `${row.attempts}×${row._count}`).join(', ')}`);
  if (events.size) console.log('log warnings/errors:', Object.fromEntries(events));
  const met = fraction >= 0.9 && duplicates === 0 && misses === 0;
  console.log(`target: ≥ 0.9 of 30/s, zero duplicates, zero misses → ${met ? 'met' : 'NOT met'} (${fraction.toFixed(3)}, ${duplicates} duplicates, ${misses} misses)`);
} finally {
  await fake.stop();
  await connection.close();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
