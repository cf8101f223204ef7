/**
 * `npm run bench:updates`: form-step updates through the composed bot (grammY + use cases +
 * PostgreSQL), with outgoing calls captured, next to a bare grammY bot in the same run.
 * Prints updates/s and p50/p99 latency per update. Options: --users N (default 300),
 * --concurrency N (chats in flight at once, default 50).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { silentLogger } from '../src/app/logger.js';
import { createBot } from '../src/channels/telegram/bot.js';
import { compose } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/infra/db/client.js';
import { ProcessedUpdates } from '../src/infra/repositories/processed-updates.js';
import { SEED_UNITS, upsertUnits } from '../src/infra/seed/units.js';
import { BOT_INFO, benchDatabase, captureCalls, summarise } from './support.js';

const { values } = parseArgs({ options: { users: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '50' } } });
const USERS = Number(values.users);
const CONCURRENCY = Number(values.concurrency);

let updateId = 1;
const now = () => Math.floor(Date.now() / 1000);
const from = (id: number) => ({ id, is_bot: false, first_name: 'Người dùng', language_code: 'vi' });
const textUpdate = (id: number, text: string): Update => ({
  update_id: updateId++,
  message: {
    message_id: updateId,
    date: now(),
    chat: { id, type: 'private', first_name: 'Người dùng' },
    from: from(id),
    text,
    ...(text.startsWith('/') ? { entities: [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }] } : {}),
  },
});
const pressUpdate = (id: number, data: string): Update => ({
  update_id: updateId++,
  callback_query: {
    id: String(updateId),
    from: from(id),
    chat_instance: String(id),
    data,
    message: { message_id: 1, date: now(), chat: { id, type: 'private', first_name: 'Người dùng' }, text: 'q' },
  },
});

/** The whole nomination form, as a resident goes through it: 17 updates. */
function script(id: number, unitId: number): Update[] {
  return [
    textUpdate(id, '/start'),
    pressUpdate(id, 'menu|nominate'),
    pressUpdate(id, 'consent|agree'),
    pressUpdate(id, 'nomineeKind|individual'),
    textUpdate(id, 'nguyễn văn an'),
    pressUpdate(id, `unit|u${unitId}`),
    pressUpdate(id, 'nomineeBirthYear|_skip'),
    textUpdate(id, 'giáo viên'),
    pressUpdate(id, 'deedCategory|lost-property'),
    textUpdate(id, 'hôm qua'),
    pressUpdate(id, 'deedPlace|_skip'),
    textUpdate(id, 'Nhặt được chiếc ví có 2.500.000 đồng ở cổng chợ và mang đến công an phường trả lại người mất.'),
    pressUpdate(id, 'evidence|none'),
    textUpdate(id, 'trần thị lan'),
    textUpdate(id, '0912 345 678'),
    pressUpdate(id, 'nominatorRelation|neighbour'),
    pressUpdate(id, 'pledge|confirm'),
    pressUpdate(id, 'summary|submit'),
  ];
}

/** Runs every chat's script in order, `CONCURRENCY` chats at a time; returns per-update latencies and wall time. */
async function drive(handle: (update: Update) => Promise<void>, scripts: Update[][]) {
  const latencies: number[] = [];
  const queue = [...scripts];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let chat = queue.shift(); chat; chat = queue.shift()) {
        for (const update of chat) {
          const t0 = performance.now();
          await handle(update);
          latencies.push(performance.now() - t0);
        }
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

const database = await benchDatabase();
const connection = openDatabase(database.url, { max: 10 });
try {
  await upsertUnits(connection.db, SEED_UNITS);
  const unitId = (await connection.db.unit.findFirstOrThrow({ where: { code: 'HN-TU-LIEM-TDP-01' } })).id;
  const config = loadConfig({ DATA_DIR: '/tmp/ntvt-bench-data' });
  // Errors are counted and shown: a benchmark that hides failures measures the wrong thing.
  const errors = new Map<string, number>();
  const log = { ...silentLogger, error: (fields: Record<string, unknown>) => { const key = `${String(fields.event)}: ${String(fields.err ?? '')}`.slice(0, 160); errors.set(key, (errors.get(key) ?? 0) + 1); } };
  const app = compose(config, connection.db, log);

  const bot = createBot('1:bench', app, new ProcessedUpdates(connection.db), log, { botInfo: BOT_INFO, retry: false });
  const calls = captureCalls(bot);

  const bare = new Bot('1:bare', { botInfo: BOT_INFO });
  captureCalls(bare);
  bare.on('message', (ctx) => ctx.reply('ok'));
  bare.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply('ok');
  });

  // Warm up both (JIT, connection pool, unit cache), then measure.
  await drive((update) => bot.handleUpdate(update), Array.from({ length: 20 }, (_, index) => script(900_000 + index, unitId)));
  await drive((update) => bare.handleUpdate(update), Array.from({ length: 20 }, (_, index) => script(900_000 + index, unitId)));

  const bareRun = await drive((update) => bare.handleUpdate(update), Array.from({ length: USERS }, (_, index) => script(100_000 + index, unitId)));
  const appRun = await drive((update) => bot.handleUpdate(update), Array.from({ length: USERS }, (_, index) => script(1 + index, unitId)));

  const submitted = await connection.db.nomination.count();
  const rows = [summarise('bare grammY (reply only)', bareRun.latencies, bareRun.wallMs), summarise('composed bot + PostgreSQL', appRun.latencies, appRun.wallMs)];
  console.log(`\nbench:updates — ${USERS} residents × ${script(0, unitId).length} form steps, ${CONCURRENCY} chats in flight, Node ${process.version}`);
  console.table(rows);
  console.log(`nominations stored: ${submitted} (expected ${USERS + 20}); outgoing calls captured: ${[...calls.values()].reduce((a, b) => a + b, 0)}`);
  if (errors.size) console.log('errors:', Object.fromEntries(errors));
  console.log(`target: ≥ 1000 form-step updates/s → ${rows[1]!.perSecond >= 1000 ? 'met' : 'NOT met'} (${rows[1]!.perSecond}/s)`);
} finally {
  await connection.close();
  await database.stop();
}
