/**
 * `npm run bench:updates`: mixed chat traffic (≈60% typed form answers, 30% button presses, 10%
 * `/start` with deep-link payloads; bench/traffic.ts) over 5,000 chats, at 1 and at 50 chats in
 * flight, through three bots in the same process and on the same PostgreSQL:
 *   - ours: the composed bot (createBot + use cases + PostgreSQL) through bot.handleUpdate, with
 *     the default admit (each update id is recorded and a redelivery dropped; the `queued` option,
 *     where the inbound queue has already deduplicated, is not used);
 *   - conversations: the same form written with @grammyjs/conversations and
 *     @grammyjs/storage-prisma (bench/conversations-baseline.ts), the peer baseline;
 *   - bare grammY: replies "ok" to everything (the framework's own cost).
 * Outgoing Bot API calls are answered in-process by a local `fetch` (grammY still builds every
 * request). Prints updates/s, p50/p99/mean latency per update, event-loop delay p99, the actual
 * mix, Bot API calls and SQL statements per update, per-step figures, and the targets.
 *
 * Options: --chats N (default 5000) --updates N (cut each run at whole chats once about N updates
 * are planned; default all) --concurrency 1,50 --window N (chats open at once, default 500)
 * --bots bare,ours,conversations --seed N --warmup N (chats walked before measuring, default 50)
 * --trace (walk one chat per bot, print what was said, and stop).
 * The default sends about 100,000 updates per bot and concurrency: tens of minutes on 2 cores.
 * Quick run (under a minute): `npm run bench:updates -- --chats 100`.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { silentLogger, type Logger } from '../src/app/logger.js';
import { createBot } from '../src/channels/telegram/bot.js';
import { compose } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { UnitCatalog } from '../src/core/units.js';
import { openDatabase } from '../src/infra/db/client.js';
import { ProcessedUpdates } from '../src/infra/repositories/processed-updates.js';
import { SEED_UNITS, upsertUnits } from '../src/infra/seed/units.js';
import { openBenchPrisma } from './bench-prisma.js';
import { createBaselineBot } from './conversations-baseline.js';
import { BOT_INFO, benchDatabase, countQueries, cpuTimes, localBotApi, percentile, type LocalCall } from './support.js';
import { baselinePlan, Chat, ChatBook, drive, mixOf, ourPlan, rng, row, type Action, type RunResult } from './traffic.js';

const { values } = parseArgs({
  options: {
    chats: { type: 'string', default: '5000' },
    updates: { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '1,50' },
    window: { type: 'string', default: '500' },
    bots: { type: 'string', default: 'bare,ours,conversations' },
    seed: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '50' },
    trace: { type: 'boolean', default: false },
  },
});
const CHATS = Number(values.chats);
const MAX_UPDATES = Number(values.updates) || Infinity;
const CONCURRENCY = values.concurrency.split(',').map(Number);
const WINDOW = Number(values.window);
const BOTS = values.bots.split(',') as BotName[];
const SEED = Number(values.seed);
const WARMUP = Number(values.warmup);
type BotName = 'bare' | 'ours' | 'conversations';
const LABELS: Record<BotName, string> = { bare: 'bare grammY (reply "ok")', ours: 'ours (composed + PostgreSQL)', conversations: 'conversations + storage-prisma' };

/** Plans for `count` chats, each from its own seed, cut at --updates whole chats. */
function plans(planFor: (r: ReturnType<typeof rng>) => Action[], count: number, seed: number): Action[][] {
  const result: Action[][] = [];
  let total = 0;
  for (let index = 0; index < count; index++) {
    const plan = planFor(rng(seed * 1_000_003 + index));
    if (result.length && total + plan.length > MAX_UPDATES) break;
    result.push(plan);
    total += plan.length;
  }
  return result;
}

interface Subject {
  name: BotName;
  handle: (update: Update) => Promise<unknown>;
  book: ChatBook;
  calls: Map<string, number>;
  planFor: (r: ReturnType<typeof rng>) => Action[];
  blind: boolean;
  /** Forms submitted so far (rows in the database). */
  submitted: () => Promise<number>;
  errors: Map<string, number>;
}

const cpus = os.cpus();
console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}; load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
if (os.loadavg()[0]! > cpus.length / 2) console.log('note: the machine is busy (load average above half the cores): figures will be low and noisy');

const queries = countQueries();
const database = await benchDatabase(54391);
const connection = openDatabase(database.url, { max: 10 });
let baselineDb: Awaited<ReturnType<typeof openBenchPrisma>> | undefined;
try {
  if (BOTS.includes('conversations')) baselineDb = await openBenchPrisma(database.url, { max: 10, synchronousCommit: false });
  const { rows: versionRows } = await connection.pool.query<{ server_version: string }>('SHOW server_version');
  console.log(`database: embedded PostgreSQL ${versionRows[0]?.server_version ?? '?'} on this machine, over TCP (pools: ours 10 + 10 hot, conversations 10)`);

  await upsertUnits(connection.db, SEED_UNITS);
  const config = loadConfig({ DATA_DIR: '/tmp/ntvt-bench-data' });
  const counter = (into: Map<string, number>) => (fields: Record<string, unknown>) => {
    const key = `${String(fields.event)}: ${String(fields.err ?? fields.message ?? '')}`.slice(0, 160);
    into.set(key, (into.get(key) ?? 0) + 1);
  };

  const subjects: Subject[] = [];
  const traced = new Set<number>();
  const tracer = (call: LocalCall) => {
    if (!traced.has(Number(call.payload.chat_id))) return;
    const markup = call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
    const buttons = markup?.inline_keyboard?.flat().map((button) => button.callback_data).join(' ') ?? '';
    const text = String(call.payload.text ?? '').replace(/\s+/g, ' ').slice(0, 100);
    console.log(`    ← ${call.method}${text ? ` "${text}"` : ''}${buttons ? ` [${buttons}]` : ''}`);
  };
  const api = (book: ChatBook) => localBotApi((call) => {
    book.observe(call);
    tracer(call);
  });

  if (BOTS.includes('bare')) {
    const book = new ChatBook();
    const local = api(book);
    const bare = new Bot('1:bare', { botInfo: BOT_INFO, client: { fetch: local.fetch } });
    bare.on('message', (ctx) => ctx.reply('ok'));
    bare.on('callback_query', async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.reply('ok');
    });
    subjects.push({ name: 'bare', handle: (update) => bare.handleUpdate(update), book, calls: local.counts, planFor: ourPlan, blind: true, submitted: async () => 0, errors: new Map() });
  }
  if (BOTS.includes('ours')) {
    const book = new ChatBook();
    const local = api(book);
    // Errors (and warnings) are counted and shown: a benchmark that hides failures measures the wrong thing.
    const errors = new Map<string, number>();
    const log: Logger = { ...silentLogger, warn: counter(errors), error: counter(errors) };
    const app = compose(config, connection.db, log);
    const bot = createBot('1:bench', app, new ProcessedUpdates(connection.db), log, { botInfo: BOT_INFO, retry: false, client: { fetch: local.fetch } });
    subjects.push({ name: 'ours', handle: (update) => bot.handleUpdate(update), book, calls: local.counts, planFor: ourPlan, blind: false, submitted: () => connection.db.nomination.count(), errors });
  }
  if (BOTS.includes('conversations') && baselineDb) {
    const storage = baselineDb;
    const book = new ChatBook();
    const local = api(book);
    const errors = new Map<string, number>();
    const app = compose(config, connection.db, silentLogger);
    const units = new UnitCatalog(await app.units.listActive());
    const bot = createBaselineBot({
      botInfo: BOT_INFO,
      client: { fetch: local.fetch },
      prisma: storage.prisma,
      units,
      categoryLabel: (id) => app.translator.tr('vi', `category-${id}`),
      onError: (error) => counter(errors)({ event: 'update.failed', err: error instanceof Error ? error.message : String(error) }),
    });
    subjects.push({ name: 'conversations', handle: (update) => bot.handleUpdate(update), book, calls: local.counts, planFor: baselinePlan, blind: false, submitted: () => storage.prisma.submission.count(), errors });
  }

  const plannedUpdates = (planFor: (r: ReturnType<typeof rng>) => Action[]) => plans(planFor, CHATS, SEED).reduce((sum, plan) => sum + plan.length, 0);
  if (!values.trace) console.log(`planned per run: ${plannedUpdates(ourPlan)} updates for ours (and bare), ${plannedUpdates(baselinePlan)} for conversations; runs at ${CONCURRENCY.join(' and ')} in flight`);

  // Chat ids: a block of ten million per bot, one million per run.
  const chatsFor = (subject: Subject, block: number, planned: Action[][]) =>
    planned.map((plan, index) => subject.book.add(new Chat((subjects.indexOf(subject) + 1) * 10_000_000 + block * 1_000_000 + index + 1, plan)));

  if (values.trace) {
    for (const subject of subjects) {
      console.log(`\n${LABELS[subject.name]}: one chat`);
      const [chat] = chatsFor(subject, 9, plans(subject.planFor, 1, SEED));
      traced.add(chat!.id);
      await drive({
        chats: [chat!],
        handle: subject.handle,
        concurrency: 1,
        window: 1,
        seed: SEED,
        blind: subject.blind,
        onUpdate: (_chat, action, update) => console.log(`  → ${action.kind} ${action.label}: ${update.message?.text ?? update.callback_query?.data}`),
      }).then((result) => {
        if (result.missing.size) console.log('  missing buttons:', Object.fromEntries(result.missing));
      });
      if (subject.errors.size) console.log('  errors:', Object.fromEntries(subject.errors));
    }
  } else {
    // Warm-up: JIT, pools, caches; not measured.
    for (const subject of subjects) {
      await drive({ chats: chatsFor(subject, 0, plans(subject.planFor, WARMUP, SEED + 999)), handle: subject.handle, concurrency: 10, window: WARMUP, seed: SEED, blind: subject.blind });
    }
    const rows: ReturnType<typeof row>[] = [];
    const results = new Map<string, RunResult>();
    const sqlPerUpdate = new Map<string, number>();
    const cpuPerUpdate = new Map<string, { node: number; postgres: number }>();
    const checks: string[] = [];
    for (const [runIndex, concurrency] of CONCURRENCY.entries()) {
      for (const subject of subjects) {
        const planned = plans(subject.planFor, CHATS, SEED + runIndex);
        const chats = chatsFor(subject, runIndex + 1, planned);
        const before = await subject.submitted();
        const callsBefore = [...subject.calls.values()].reduce((a, b) => a + b, 0);
        const queriesBefore = queries.count;
        const cpuBefore = cpuTimes();
        const started = Date.now();
        const result = await drive({ chats, handle: subject.handle, concurrency, window: Math.max(WINDOW, concurrency), seed: SEED + runIndex, blind: subject.blind, sql: () => queries.count });
        const submitted = (await subject.submitted()) - before;
        const calls = [...subject.calls.values()].reduce((a, b) => a + b, 0) - callsBefore;
        const sql = (queries.count - queriesBefore) / (result.updates || 1);
        const cpuAfter = cpuTimes();
        const cpu = cpuBefore && cpuAfter ? { node: (cpuAfter.self - cpuBefore.self) / (result.updates || 1), postgres: (cpuAfter.descendants - cpuBefore.descendants) / (result.updates || 1) } : undefined;
        if (cpu) cpuPerUpdate.set(`${subject.name}@${concurrency}`, cpu);
        sqlPerUpdate.set(`${subject.name}@${concurrency}`, sql);
        results.set(`${subject.name}@${concurrency}`, result);
        rows.push(row(LABELS[subject.name], concurrency, result));
        const missing = [...result.missing.values()].reduce((a, b) => a + b, 0);
        const problems = [
          subject.name !== 'bare' && submitted !== chats.length ? `${submitted} of ${chats.length} forms submitted` : '',
          missing ? `${missing} presses found no button (${[...result.missing.keys()].join(', ')})` : '',
        ].filter(Boolean);
        checks.push(`${LABELS[subject.name]} at ${concurrency}: ${chats.length} chats, ${result.updates} updates, ${(calls / (result.updates || 1)).toFixed(2)} Bot API calls and ${sql.toFixed(2)} SQL statements per update, ${cpu ? `CPU per update ${cpu.node.toFixed(2)} ms here + ${cpu.postgres.toFixed(2)} ms PostgreSQL, ` : ''}${((Date.now() - started) / 1000).toFixed(1)} s, load average ${os.loadavg()[0]!.toFixed(1)}${subject.name === 'bare' ? '' : `, ${submitted} forms submitted`}${problems.length ? ` — PROBLEM: ${problems.join('; ')}` : ''}`);
        process.stderr.write(`  done: ${checks.at(-1)}\n`);
      }
    }

    console.log(`\nbench:updates — ${CHATS} chats per run${MAX_UPDATES < Infinity ? ` (cut at about ${MAX_UPDATES} updates)` : ''}, window ${WINDOW} open chats, seed ${SEED}`);
    console.log('ours: bot.handleUpdate in-process with the default admit (update ids deduplicated in PostgreSQL; not the `queued` path of the inbound worker)');
    console.log(`planned mix (text/press/start): ours ${pct(mixOf(plans(ourPlan, CHATS, SEED)))}, conversations ${pct(mixOf(plans(baselinePlan, CHATS, SEED)))}`);
    console.table(rows);
    for (const line of checks) console.log(`  ${line}`);

    // Side by side per update: ours against the conversations baseline.
    const side: Record<string, string | number>[] = [];
    for (const concurrency of CONCURRENCY) {
      const ours = results.get(`ours@${concurrency}`);
      const peer = results.get(`conversations@${concurrency}`);
      if (!ours || !peer) continue;
      const a = stats(ours);
      const b = stats(peer);
      side.push({
        chatsInFlight: concurrency,
        'ours mean ms': a.mean,
        'conv. mean ms': b.mean,
        'ours p99': a.p99,
        'conv. p99': b.p99,
        'ours upd/s': a.perSecond,
        'conv. upd/s': b.perSecond,
        'ours SQL/upd': round(sqlPerUpdate.get(`ours@${concurrency}`) ?? NaN),
        'conv. SQL/upd': round(sqlPerUpdate.get(`conversations@${concurrency}`) ?? NaN),
        'ours CPU ms/upd (node+pg)': cpuLabel(cpuPerUpdate.get(`ours@${concurrency}`)),
        'conv. CPU ms/upd (node+pg)': cpuLabel(cpuPerUpdate.get(`conversations@${concurrency}`)),
        'ours/conv. time per update': Number((b.perSecond / a.perSecond).toFixed(2)),
      });
    }
    if (side.length) {
      console.log('\nper update, ours vs the conversations baseline (time ratio > 1: ours is slower):');
      console.table(side);
    }

    // Where the time goes, by form step, at the lowest concurrency (service time, no queueing).
    const lowest = Math.min(...CONCURRENCY);
    for (const name of ['ours', 'conversations'] as const) {
      const result = results.get(`${name}@${lowest}`);
      if (!result) continue;
      const steps = [...result.byStep.entries()].map(([step, latencies]) => {
        const sorted = [...latencies].sort((x, y) => x - y);
        return {
          step,
          updates: sorted.length,
          'p50 ms': round(percentile(sorted, 50)),
          'p99 ms': round(percentile(sorted, 99)),
          'mean ms': round(sorted.reduce((x, y) => x + y, 0) / sorted.length),
          ...(lowest === 1 ? { 'SQL/update': round((result.sqlByStep.get(step) ?? 0) / sorted.length) } : {}),
        };
      });
      steps.sort((x, y) => y['mean ms'] - x['mean ms']);
      console.log(`\n${LABELS[name]} by step at ${lowest} chat(s) in flight, slowest first:`);
      console.table(steps);
    }

    for (const subject of subjects) if (subject.errors.size) console.log(`${LABELS[subject.name]} errors/warnings:`, Object.fromEntries(subject.errors));

    const highest = Math.max(...CONCURRENCY);
    const ours = (concurrency: number) => results.get(`ours@${concurrency}`);
    const peer = (concurrency: number) => results.get(`conversations@${concurrency}`);
    console.log('\ntargets (ours):');
    const top = ours(highest);
    if (top) {
      const s = stats(top);
      console.log(`  ≥ 2000 updates/s per process (at ${highest} in flight): ${s.perSecond >= 2000 ? 'met' : 'NOT met'} (${s.perSecond}/s)`);
    }
    for (const concurrency of CONCURRENCY) {
      const result = ours(concurrency);
      if (result) console.log(`  p99 ≤ 20 ms in-process at ${concurrency} in flight: ${stats(result).p99 <= 20 ? 'met' : 'NOT met'} (${stats(result).p99} ms)`);
    }
    for (const concurrency of CONCURRENCY) {
      const a = ours(concurrency);
      const b = peer(concurrency);
      if (a && b) console.log(`  faster per update than conversations at ${concurrency} in flight: ${stats(a).perSecond > stats(b).perSecond ? 'met' : 'NOT met'} (mean ${stats(a).mean} vs ${stats(b).mean} ms; ${stats(a).perSecond} vs ${stats(b).perSecond} updates/s)`);
    }
  }
} finally {
  await baselineDb?.close();
  await connection.close();
  await database.stop();
}

function round(value: number) {
  return Number(value.toFixed(2));
}

function cpuLabel(cpu: { node: number; postgres: number } | undefined) {
  return cpu ? `${cpu.node.toFixed(2)}+${cpu.postgres.toFixed(2)}` : '—';
}

function pct(mix: Record<string, number>) {
  return `${Math.round(mix.text! * 100)}/${Math.round(mix.press! * 100)}/${Math.round(mix.start! * 100)}`;
}

function stats(result: RunResult) {
  const sorted = Float64Array.from(result.latencies).sort() as unknown as number[];
  return {
    perSecond: Math.round((result.updates / result.wallMs) * 1000),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    mean: round(result.latencies.reduce((a, b) => a + b, 0) / (result.updates || 1)),
  };
}
