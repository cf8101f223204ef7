/**
 * Shared pieces of the benchmarks: a throw-away embedded PostgreSQL, a bot whose outgoing calls
 * are captured instead of sent, and percentile arithmetic.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Bot } from 'grammy';
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
