/**
 * Shared pieces of the benchmarks: a throw-away embedded PostgreSQL, a bot whose outgoing calls
 * are captured instead of sent, and percentile arithmetic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Bot } from 'grammy';
import pg from 'pg';
import type { UserFromGetMe } from 'grammy/types';
import { ensureDatabase } from '../src/infra/db/bootstrap.js';
import { startEmbeddedPostgres } from '../src/infra/db/embedded.js';
import { applyMigrations } from '../src/infra/db/migrate.js';

export const BOT_INFO: UserFromGetMe = {
  id: 7000000001,
  is_bot: true,
  first_name: 'Bench',
  username: 'bench_ntvt_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
} as UserFromGetMe;

/** A fresh PostgreSQL with the schema applied; `stop()` removes everything. */
export async function benchDatabase(port = 54390) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-bench-'));
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port, persistent: false });
  await ensureDatabase(server.url, 'bench');
  const url = server.urlFor('bench');
  await applyMigrations(url);
  return {
    url,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Answers every Bot API call locally (no network) and counts them. */
export function captureCalls(bot: Bot<any>) {
  let messageId = 1;
  const counts = new Map<string, number>();
  bot.api.config.use(async (_prev, method, payload) => {
    counts.set(method, (counts.get(method) ?? 0) + 1);
    const chatId = (payload as { chat_id?: number }).chat_id ?? 0;
    const result = method === 'sendMessage' || method === 'editMessageText'
      ? { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: (payload as { text?: string }).text ?? '' }
      : true;
    return { ok: true, result } as never;
  });
  return counts;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarise(label: string, latencies: number[], wallMs: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    label,
    updates: latencies.length,
    perSecond: Math.round((latencies.length / wallMs) * 1000),
    p50: Number(percentile(sorted, 50).toFixed(2)),
    p99: Number(percentile(sorted, 99).toFixed(2)),
  };
}

/** One Bot API call answered by {@link localBotApi}: its method, parsed payload and the result given back. */
export interface LocalCall {
  method: string;
  payload: Record<string, unknown>;
  result: unknown;
}

/**
 * A `fetch` for grammY's client option `client.fetch` that answers every Bot API call in-process.
 * Unlike {@link captureCalls} (an API transformer), grammY still builds each request (JSON body,
 * timeout, abort signal) as it would for Telegram, and it also reaches `Api` instances that grammY
 * plugins create on their own from the bot's token and client options (@grammyjs/conversations
 * does, inside a conversation), which a transformer installed on `bot.api` would not.
 * Multipart uploads are answered too, with an empty payload.
 */
export function localBotApi(onCall?: (call: LocalCall) => void) {
  let messageId = 1;
  const counts = new Map<string, number>();
  const fetch = (async (input: unknown, init?: { body?: unknown }) => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf('/') + 1);
    counts.set(method, (counts.get(method) ?? 0) + 1);
    const payload = (typeof init?.body === 'string' ? JSON.parse(init.body) : {}) as Record<string, unknown>;
    const chatId = (payload.chat_id as number | undefined) ?? 0;
    let result: unknown = true;
    if (method === 'sendMessage' || method === 'editMessageText') {
      result = {
        message_id: method === 'editMessageText' ? (payload.message_id as number) : messageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private' },
        text: payload.text ?? '',
        ...(payload.reply_markup && 'inline_keyboard' in (payload.reply_markup as object) ? { reply_markup: payload.reply_markup } : {}),
      };
    }
    onCall?.({ method, payload, result });
    const body = { ok: true, result };
    return { ok: true, status: 200, json: async () => body };
  }) as unknown as typeof globalThis.fetch;
  return { fetch, counts };
}

/**
 * Counts the SQL statements every pg client of this process sends (through Prisma's adapter or
 * hand-written), BEGIN and COMMIT included: `count` only grows.
 */
export function countQueries(): { readonly count: number } {
  const state = { count: 0 };
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    state.count++;
    return (original as (...input: unknown[]) => unknown).apply(this, args);
  } as unknown as typeof original;
  return state;
}

/**
 * CPU time (user + system, ms) used so far by this process and by its descendants (the embedded
 * PostgreSQL: postmaster, backends, background processes), from /proc. A descendant's own time
 * counts with the time of its children that have exited (cutime/cstime: a backend closed by a
 * pool is reaped by the postmaster), so the figure only grows. Linux only; undefined elsewhere.
 * Clock ticks are taken as 100 per second (CLK_TCK on Linux).
 */
export function cpuTimes(): { self: number; descendants: number } | undefined {
  const TICK_MS = 10;
  try {
    const stats = new Map<number, { ppid: number; ms: number; reaped: number }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces) in parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        stats.set(Number(entry), { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS, reaped: (Number(fields[13]) + Number(fields[14])) * TICK_MS });
      } catch {
        // gone meanwhile
      }
    }
    const children = new Map<number, number[]>();
    for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    let descendants = 0;
    const stack = [...(children.get(process.pid) ?? [])];
    while (stack.length) {
      const pid = stack.pop()!;
      const stat = stats.get(pid);
      descendants += (stat?.ms ?? 0) + (stat?.reaped ?? 0);
      stack.push(...(children.get(pid) ?? []));
    }
    return { self: stats.get(process.pid)?.ms ?? 0, descendants };
  } catch {
    return undefined;
  }
}
