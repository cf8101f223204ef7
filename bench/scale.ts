/**
 * `npm run bench:scale`: does a second instance add throughput? One, then two real bot processes
 * (`src/main.ts`, BOT_MODE=webhook) on one embedded PostgreSQL, their outgoing Bot API calls
 * answered by the fake Bot API (test/support/fake-bot-api.ts), and a load generator that POSTs
 * webhook updates straight to the instances (round-robin over the two) for many chats, each
 * walking the resident's nomination form like a person: one update at a time, the next one once
 * the bot's answer to it reached the fake (matched per chat), buttons pressed with the
 * callback_data the bot actually sent. Each configuration gets its own database.
 *
 * Prints updates/s for one and for two instances, the ratio (target ≥ 1.7×), p50/p99 latency per
 * update, and the CPU time of each bot process, of PostgreSQL (postmaster and backends, from
 * /proc) and of this process (load generator + fake Bot API), so a reader sees where the time went.
 * Everything runs on this machine: on 2 cores, with PostgreSQL and the generator on the same
 * cores, the ratio is bounded by CPU, not by the design.
 *
 * Options: --chats N (chats in flight at once, default 40), --seconds S (measured per
 * configuration, default 20), --warmup S (default 5). Quick: --chats 20 --seconds 8 --warmup 2.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureDatabase } from '../src/infra/db/bootstrap.js';
import { openDatabase } from '../src/infra/db/client.js';
import { startEmbeddedPostgres } from '../src/infra/db/embedded.js';
import { applyMigrations } from '../src/infra/db/migrate.js';
import { SEED_UNITS, upsertUnits } from '../src/infra/seed/units.js';
import { startWebhookInstance, type BotProcess } from '../test/e2e/support.js';
import { FakeBotApi, type FakeUser, type RecordedCall } from '../test/support/fake-bot-api.js';
import { freePort } from '../test/support/net.js';
import { percentile } from './support.js';

const { values } = parseArgs({
  options: {
    chats: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
  },
});
const CHATS = Number(values.chats);
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const TARGET_RATIO = 1.7;
const REPLY_TIMEOUT_MS = 20_000;
const WEBHOOK_URL = 'https://bot.example.vn/telegram';
const SECRET = 'bench-scale-secret_0123456789abcdef';
const TOKEN = '123456789:AAbench-scale-token_abcdefghijkl';

// ───────────────────────────── the form, as a resident walks it ─────────────────────────────

/** One update a resident sends: a text, or a button (by its label) on the bot's last message with buttons; then what the answer says. */
type Step = { text: string; expect: string | RegExp } | { press: string; expect: string | RegExp };

/** The whole nomination without evidence (as in test/e2e/support.ts `nominate`): 19 updates. */
const FORM: Step[] = [
  { text: '/start', expect: 'Xin chào' },
  { press: 'Đề xuất người tốt, việc tốt', expect: 'đồng ý với việc xử lý dữ liệu' },
  { press: 'Đồng ý', expect: 'cá nhân, tập thể hay hộ gia đình' },
  { press: 'Cá nhân', expect: 'họ và tên người được đề xuất' },
  { text: 'nguyễn văn an', expect: 'thuộc phường, tổ dân phố hay đơn vị nào' },
  { text: 'xuan phuong', expect: 'đơn vị phù hợp' },
  { press: 'Tổ dân phố số 2 – Phường Xuân Phương', expect: 'sinh năm nào' },
  { press: 'Bỏ qua', expect: 'làm nghề gì, giữ chức vụ gì' },
  { text: 'bảo vệ chợ', expect: 'thuộc lĩnh vực nào' },
  { press: 'Nhặt được của rơi trả người mất', expect: 'diễn ra vào ngày nào' },
  { press: 'Hôm qua', expect: 'diễn ra ở đâu' },
  { text: 'bo qua', expect: 'kể lại việc làm tốt' },
  { text: 'Nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tùy thân ở cổng chợ, đã mang đến Công an phường trả lại người mất.', expect: 'minh chứng' },
  { press: 'Không có', expect: 'họ và tên của Quý vị' },
  { text: 'trần thị lan', expect: 'số điện thoại' },
  { text: '0912 345 678', expect: 'quan hệ thế nào' },
  { press: 'Hàng xóm', expect: 'trung thực' },
  { press: 'Tôi xin cam đoan', expect: 'kiểm tra lại đề xuất' },
  { press: 'Gửi đề xuất', expect: /NTV-\d{4}-\d{5}/ },
];

// ───────────────────────────── machine and CPU accounting ─────────────────────────────

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime (+ children reaped, when asked) of a process, in seconds; undefined when it is gone. */
function cpuOf(pid: number, withChildren = false): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is field 3, so utime (14) is index 11.
    const ticks = Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** PostgreSQL's CPU: the postmaster, its live backends, and the backends that already exited. */
function postgresCpu(postmaster: number): number {
  let total = cpuOf(postmaster, true) ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuOf(Number(entry)) ?? 0;
    } catch {
      /* gone meanwhile */
    }
  }
  return total;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
  };
}

/** Busy and total jiffies of the whole machine (/proc/stat), to show what else ran meanwhile. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

const elapsed = (() => {
  const start = performance.now();
  return () => `${((performance.now() - start) / 1000).toFixed(1)} s`;
})();

const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(' / ');


// ───────────────────────────── replies, matched per chat ─────────────────────────────

type Keyboard = { inline_keyboard?: { text: string; callback_data?: string }[][] };

interface ChatView {
  /** The bot's last message to this chat that had buttons. */
  buttons?: { messageId: number; keyboard: Keyboard };
  waiter?: { expect: string | RegExp; resolve: () => void };
}

/** Follows the fake's calls: each chat's last keyboard, and the answer its pending update waits for. */
class Replies {
  private readonly chats = new Map<string, ChatView>();

  constructor(fake: FakeBotApi) {
    fake.onCall((call) => this.seen(call));
  }

  view(chatId: number): ChatView {
    let view = this.chats.get(String(chatId));
    if (!view) this.chats.set(String(chatId), (view = {}));
    return view;
  }

  forget(chatId: number): void {
    this.chats.delete(String(chatId));
  }

  private seen(call: RecordedCall): void {
    if (!call.ok || (call.method !== 'sendMessage' && call.method !== 'editMessageText')) return;
    const chatId = call.payload.chat_id;
    const view = chatId === undefined ? undefined : this.chats.get(String(chatId));
    if (!view) return;
    const keyboard = call.payload.reply_markup as Keyboard | undefined;
    const messageId = Number((call.result as { message_id?: number } | undefined)?.message_id ?? call.payload.message_id);
    if (keyboard?.inline_keyboard?.length) view.buttons = { messageId, keyboard };
    const text = String(call.payload.text ?? '');
    const waiter = view.waiter;
    if (waiter && (typeof waiter.expect === 'string' ? text.includes(waiter.expect) : waiter.expect.test(text))) {
      view.waiter = undefined;
      waiter.resolve();
    }
  }
}

// ───────────────────────────── one configuration ─────────────────────────────

interface Outcome {
  instances: number;
  updates: number;
  perSecond: number;
  p50: number;
  p99: number;
  forms: number;
  stored: number;
  wallSeconds: number;
  cpu: { bots: number[]; postgres: number; bench: number };
  /** Share of the whole machine busy during the measured window (this bench and anything else). */
  machineBusy: number;
  /** Database transactions (statements outside a transaction count one each) in the measured window. */
  transactions: number;
  problems: Map<string, number>;
  loadBefore: string;
  primeSeconds: number;
}

/** Transactions committed in a database so far (pg_stat_database; its counters lag by up to ~0.5 s). */
async function commits(admin: pg.Client, database: string): Promise<number> {
  await admin.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await admin.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [database]);
  return Number(rows[0]?.n ?? 0);
}

async function run(instances: number, fake: FakeBotApi, replies: Replies, admin: pg.Client, database: string, databaseUrl: string, postmaster: number, dataDir: string, chatBase: number): Promise<Outcome> {
  const problems = new Map<string, number>();
  const problem = (key: string) => problems.set(key, (problems.get(key) ?? 0) + 1);
  const loadBefore = loadAverage();

  const bots: { bot: BotProcess; hook: URL }[] = await Promise.all(
    Array.from({ length: instances }, async (_, index) => {
      const { bot, hook } = await startWebhookInstance(
        { token: TOKEN, url: fake.url },
        { id: `scale-${instances}-${index}`, databaseUrl, dataDir, webhookUrl: WEBHOOK_URL, secret: SECRET, env: { LOG_LEVEL: 'warn' }, readyTimeoutMs: 60_000 },
      );
      return { bot, hook: new URL(hook) };
    }),
  );

  // Keep-alive connections, like Telegram's (and a proxy's).
  const agent = new http.Agent({ keepAlive: true, maxSockets: CHATS });
  let turn = 0;
  /** POSTs to `target`, or round-robin over the instances. */
  const post = (update: unknown, target?: number) =>
    new Promise<number>((resolve) => {
      const body = JSON.stringify(update);
      const { hook } = bots[target ?? turn++ % bots.length]!;
      const request = http.request(hook, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', () => resolve(0));
      request.end(body);
    });

  let startedAt = Infinity;
  let measureFrom = Infinity;
  let measureTo = Infinity;
  const latencies: number[] = [];
  let forms = 0;
  let nextChat = chatBase;
  let cpuStart: { commits: number; bots: number[]; postgres: number; bench: NodeJS.CpuUsage; machine: { busy: number; total: number } } | undefined;

  /** Sends one step and waits for its answer; false when it went wrong (the chat is then given up). */
  async function step(user: FakeUser, action: Step, target?: number): Promise<boolean> {
    const view = replies.view(user.id);
    let update;
    if ('text' in action) update = fake.textUpdate(user, action.text);
    else {
      const data = view.buttons?.keyboard.inline_keyboard?.flat().find((button) => button.text === action.press)?.callback_data;
      if (!view.buttons || !data) {
        problem(`no button "${action.press}"`);
        return false;
      }
      update = fake.buttonUpdate(user, view.buttons.messageId, data);
    }
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<boolean>((resolve) => {
      view.waiter = { expect: action.expect, resolve: () => resolve(true) };
      timer = setTimeout(() => resolve(false), REPLY_TIMEOUT_MS);
    });
    const t0 = performance.now();
    const status = await post(update, target);
    if (status !== 200) {
      clearTimeout(timer);
      view.waiter = undefined;
      problem(`webhook answered ${status}`);
      return false;
    }
    const ok = await answered;
    clearTimeout(timer);
    const t1 = performance.now();
    if (!ok) {
      view.waiter = undefined;
      problem(`no answer "${String(action.expect)}" within ${REPLY_TIMEOUT_MS / 1000} s`);
      return false;
    }
    if (t1 >= measureFrom && t1 < measureTo) latencies.push(t1 - t0);
    return true;
  }

  // A fresh process is slow the first time it runs each step (seconds on a busy machine, against
  // tens of milliseconds afterwards): every instance first walks the form on its own, twice.
  const primeStarted = performance.now();
  await Promise.all(
    bots.flatMap((_, target) =>
      [0, 1].map(async () => {
        const id = nextChat++;
        for (const action of FORM) if (!(await step({ id, first_name: 'Cư dân', language_code: 'vi' }, action, target))) break;
        replies.forget(id);
      }),
    ),
  );
  const primeSeconds = (performance.now() - primeStarted) / 1000;
  console.log(`  [${elapsed()}] ${instances} instance(s): started and primed; measuring`);
  startedAt = performance.now();
  measureFrom = startedAt + WARMUP * 1000;
  measureTo = measureFrom + SECONDS * 1000;

  const sampleCpu = async () => ({ commits: await commits(admin, database), bots: bots.map(({ bot }) => cpuOf(bot.child.pid!) ?? 0), postgres: postgresCpu(postmaster), bench: process.cpuUsage(), machine: machineTicks() });
  const measuring = (async () => {
    await sleep(Math.max(0, measureFrom - performance.now()));
    cpuStart = await sampleCpu();
    await sleep(Math.max(0, measureTo - performance.now()));
    return sampleCpu();
  })();

  await Promise.all(
    Array.from({ length: CHATS }, async () => {
      while (performance.now() < measureTo) {
        const id = nextChat++;
        const user: FakeUser = { id, first_name: 'Cư dân', language_code: 'vi' };
        let done = true;
        for (const action of FORM) {
          if (performance.now() >= measureTo) {
            done = false;
            break;
          }
          if (!(await step(user, action))) {
            done = false;
            break;
          }
        }
        if (done) forms++;
        replies.forget(id);
      }
    }),
  );
  const cpuEnd = await measuring;

  // Close our connections first: an instance waits for open keep-alive connections when it stops.
  agent.destroy();
  const check = openDatabase(databaseUrl, { max: 1 });
  const stored = await check.db.nomination.count().finally(() => check.close());
  for (const { bot } of bots) {
    const output = bot.output();
    for (const line of output.split('\n')) {
      const event = /"event":"([^"]+)"/.exec(line)?.[1];
      const level = /"level":"?(\w+)"?/.exec(line)?.[1];
      if (event && level && level !== 'info' && level !== '30') problem(`log ${level} ${event}`);
    }
  }
  await Promise.all(
    bots.map(async ({ bot }) => {
      const code = await Promise.race([bot.stop('SIGTERM'), sleep(30_000, undefined, { ref: false }).then(() => 'still running after 30 s' as const)]);
      if (code !== 0) problem(`instance exit: ${String(code)}`);
    }),
  );

  const sorted = [...latencies].sort((a, b) => a - b);
  const benchCpu = (cpuEnd.bench.user - cpuStart!.bench.user + cpuEnd.bench.system - cpuStart!.bench.system) / 1e6;
  return {
    instances,
    updates: latencies.length,
    perSecond: latencies.length / SECONDS,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    forms,
    stored,
    wallSeconds: SECONDS,
    cpu: { bots: cpuEnd.bots.map((value, index) => value - cpuStart!.bots[index]!), postgres: cpuEnd.postgres - cpuStart!.postgres, bench: benchCpu },
    transactions: cpuEnd.commits - cpuStart!.commits,
    machineBusy: (cpuEnd.machine.busy - cpuStart!.machine.busy) / Math.max(1, cpuEnd.machine.total - cpuStart!.machine.total),
    problems,
    loadBefore,
    primeSeconds,
  };
}

// ───────────────────────────── main ─────────────────────────────

const info = machine();
console.log(`bench:scale — ${CHATS} chats in flight, ${FORM.length} updates per form, warm-up ${WARMUP} s, measured ${SECONDS} s per configuration`);
console.log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}; load average (1/5/15 min) at start: ${loadAverage()}`);

const root = await mkdtemp(path.join(os.tmpdir(), 'ntvt-bench-scale-'));
await chmod(root, 0o755);
console.log(`  [${elapsed()}] starting PostgreSQL`);
const server = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: await freePort(), persistent: false });
const fake = await FakeBotApi.start({ token: TOKEN });
const outcomes: Outcome[] = [];
try {
  const postmaster = Number(readFileSync(path.join(root, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const replies = new Replies(fake);
  // One migrated, seeded database, cloned for each configuration.
  await ensureDatabase(server.url, 'scale_template');
  const template = server.urlFor('scale_template');
  await applyMigrations(template);
  const seeding = openDatabase(template, { max: 1 });
  await upsertUnits(seeding.db, SEED_UNITS);
  await seeding.close();
  const admin = new pg.Client({ connectionString: server.url });
  // Errors surface on the queries; a connection cut when the server stops at the end is no news.
  admin.on('error', () => {});
  await admin.connect();
  for (const instances of [1, 2]) {
    const name = `scale${instances}`;
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE scale_template`);
    const url = server.urlFor(name);
    console.log(`  [${elapsed()}] ${instances} instance(s): starting`);
    const outcome = await run(instances, fake, replies, admin, name, url, postmaster, path.join(root, `data-${instances}`), instances * 10_000_000);
    outcomes.push(outcome);
    console.log(`  [${elapsed()}] ${instances} instance(s): ${outcome.perSecond.toFixed(1)} updates/s (priming: each instance's first two forms took ${outcome.primeSeconds.toFixed(1)} s; load average before: ${outcome.loadBefore})`);
  }
  await admin.end();
} finally {
  await fake.stop();
  await server.stop();
  await rm(root, { recursive: true, force: true });
  console.log(`  [${elapsed()}] done`);
}

const cores = info.cores;
console.table(
  outcomes.map((outcome) => {
    const botCpu = outcome.cpu.bots.reduce((a, b) => a + b, 0);
    const total = botCpu + outcome.cpu.postgres + outcome.cpu.bench;
    return {
      instances: outcome.instances,
      'updates/s': Number(outcome.perSecond.toFixed(1)),
      'p50 ms': Number(outcome.p50.toFixed(1)),
      'p99 ms': Number(outcome.p99.toFixed(1)),
      'forms done': outcome.forms,
      'nominations stored (incl. priming)': outcome.stored,
      'CPU s, bots': outcome.cpu.bots.map((value) => value.toFixed(1)).join(' + '),
      'CPU s, PostgreSQL': Number(outcome.cpu.postgres.toFixed(1)),
      'CPU s, generator+fake': Number(outcome.cpu.bench.toFixed(1)),
      [`CPU used of ${cores} cores`]: `${((total / (outcome.wallSeconds * cores)) * 100).toFixed(0)}%`,
      'machine busy (all processes)': `${(outcome.machineBusy * 100).toFixed(0)}%`,
      'DB transactions per update': Number((outcome.transactions / Math.max(1, outcome.updates)).toFixed(1)),
      'CPU ms per update': Number(((total / Math.max(1, outcome.updates)) * 1000).toFixed(2)),
    };
  }),
);
for (const outcome of outcomes) if (outcome.problems.size) console.log(`problems with ${outcome.instances} instance(s):`, Object.fromEntries(outcome.problems));
const [one, two] = outcomes;
if (one && two && one.perSecond > 0) {
  const ratio = two.perSecond / one.perSecond;
  console.log(`two instances vs one: ${ratio.toFixed(2)}× (target ≥ ${TARGET_RATIO}×) → ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`);
  const busy = (outcome: Outcome) => (outcome.cpu.bots.reduce((a, b) => a + b, 0) + outcome.cpu.postgres + outcome.cpu.bench) / (outcome.wallSeconds * cores);
  if (cores <= 2 || busy(two) > 0.85) {
    console.log(
      `note: everything (both bots, PostgreSQL, the load generator and the fake Bot API) shares ${cores} cores here; ` +
        `with two instances they used ${(busy(two) * 100).toFixed(0)}% of the machine, so the ratio is bounded by CPU, not by the queue. ` +
        `A fair scale test puts PostgreSQL and the generator on other machines and gives each instance its own core(s). ` +
        `Other work on this machine (load average above) lowers both figures.`,
    );
  }
}
