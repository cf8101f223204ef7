/**
 * End to end, production shape: two real bot processes in webhook mode on one PostgreSQL, a fake
 * Telegram delivering each update to either of them at random (as a load balancer in front of the
 * public URL would), retrying what fails. Residents nominate at the same time; forged webhook
 * requests are refused; one instance is stopped while the other keeps serving.
 */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/client.js';
import { createSeededDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { ChatDriver, nominate, photoOf, startWebhookInstance, type BotProcess } from './support.js';

const WEBHOOK_URL = 'https://bot.example.vn/telegram';
const SECRET = 'e2e-webhook-secret_0123456789abcdef';


interface Instance {
  id: string;
  port: number;
  hook: string;
  bot: BotProcess;
}

/**
 * SIGTERM, then the exit code; 'hung' (and SIGKILL) when the process is still there after `ms`
 * (its own forced exit comes only after 25 s, longer than a test should wait).
 */
async function stopWithin(instance: Instance, ms: number): Promise<number | null | 'hung'> {
  const { child } = instance.bot;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  child.kill('SIGTERM');
  const result = await Promise.race([exited, sleep(ms, undefined, { ref: false }).then(() => 'hung' as const)]);
  if (result === 'hung') {
    child.kill('SIGKILL');
    await exited;
  }
  return result;
}

const updateFrom = (userId: number, updateId: number, text = '/start') =>
  JSON.stringify({
    update_id: updateId,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'Khách' },
      from: { id: userId, is_bot: false, first_name: 'Khách', language_code: 'vi' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] } : {}),
    },
  });

const RESIDENTS = [
  { nominee: 'Đỗ Thị Cúc', nominator: 'Trần Thị Lan' },
  { nominee: 'Hoàng Văn Dũng', nominator: 'Phạm Văn Minh' },
  { nominee: 'Lương Thị Hằng', nominator: 'Đặng Thị Oanh' },
  { nominee: 'Ngô Văn Khánh', nominator: 'Lý Văn Phúc' },
  { nominee: 'Vũ Thị Mai', nominator: 'Hồ Thị Quế' },
  { nominee: 'Bùi Văn Nam', nominator: 'Trịnh Văn Sơn' },
];

describe('two instances behind one webhook URL', () => {
  let fake: FakeBotApi;
  let database: TestDatabase;
  let dataDir: string;
  let a: Instance;
  let b: Instance;
  const logs = () => `--- a ---\n${a?.bot.output().slice(-4000)}\n--- b ---\n${b?.bot.output().slice(-4000)}`;

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: '123456789:AAtest-token-for-e2e_abcdefghijkl' });
    database = await createSeededDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-e2e-instances-'));
    const start = async (id: string): Promise<Instance> => ({ id, ...(await startWebhookInstance(fake, { id, databaseUrl: database.url, dataDir, webhookUrl: WEBHOOK_URL, secret: SECRET })) });
    [a, b] = await Promise.all([start('a'), start('b')]);
    // Both set the same webhook, with our secret.
    for (const deadline = Date.now() + 15_000; fake.calls.filter((call) => call.method === 'setWebhook' && call.ok).length < 2; await sleep(50)) {
      if (Date.now() > deadline) throw new Error(`both instances should set the webhook\n${fake.describeCalls()}`);
    }
    expect(fake.webhookSecret).toBe(SECRET);
    fake.deliverWebhooksTo([a.hook, b.hook]);
  }, 60_000);

  afterAll(async () => {
    for (const instance of [a, b]) if (instance) await stopWithin(instance, 10_000);
    await fake?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('six residents nominate at the same time, each update going to either instance', async () => {
    const chats = RESIDENTS.map((who, index) => ({ who, chat: new ChatDriver(fake, { id: 6001 + index, first_name: who.nominator.split(' ').at(-1)!, language_code: 'vi' }), photo: photoOf(who.nominee) }));
    const codes = await Promise.all(
      chats.map(({ who, chat, photo }, index) => nominate(chat, { nominee: who.nominee.toLowerCase(), nominator: who.nominator.toLowerCase(), phone: `0912 345 67${index}`, photo })),
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
    expect(new Set(codes).size).toBe(RESIDENTS.length);

    // Each chat saw its own nomination and nobody else's.
    chats.forEach(({ who, chat }, index) => {
      const texts = fake.sentMessages(chat.user.id).map((message) => message.text ?? '');
      expect(texts.some((text) => text.includes(who.nominee) && text.includes(who.nominator))).toBe(true);
      for (const other of RESIDENTS.filter((_, j) => j !== index)) {
        expect(texts.filter((text) => text.includes(other.nominee) || text.includes(other.nominator))).toEqual([]);
      }
    });

    // The fake really spread the updates over both instances.
    const delivered = fake.webhookAttempts.filter((attempt) => attempt.status === 200);
    expect(delivered.filter((attempt) => attempt.target === a.hook).length).toBeGreaterThan(10);
    expect(delivered.filter((attempt) => attempt.target === b.hook).length).toBeGreaterThan(10);

    const check = openDatabase(database.url);
    try {
      const rows = await check.db.nomination.findMany({ include: { evidence: true, statusChanges: true } });
      expect(rows).toHaveLength(RESIDENTS.length);
      const byCode = new Map(rows.map((row) => [row.code, row]));
      codes.forEach((code, index) => {
        const row = byCode.get(code)!;
        expect(row).toMatchObject({ status: 'received', nomineeName: RESIDENTS[index]!.nominee, nominatorName: RESIDENTS[index]!.nominator, nominatorPhone: `+8491234567${index}` });
        expect(row.statusChanges.map((change) => change.toStatus)).toEqual(['received']);
        expect(row.evidence).toHaveLength(1);
      });
      expect(await check.db.consent.count()).toBe(RESIDENTS.length);
      expect(await check.db.draft.count()).toBe(0);
      // Every update delivered is remembered once; the queue drains.
      expect(await check.db.processedUpdate.count()).toBe(new Set(delivered.map((attempt) => attempt.updateId)).size);
      await expect.poll(() => check.db.inboundUpdate.count(), { timeout: 5_000 }).toBe(0);
    } finally {
      await check.close();
    }

    // Each instance's /metrics counts what it handled; together, every update delivered.
    let handled = 0;
    for (const instance of [a, b]) {
      const text = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`)).text();
      const count = Number(/^ntvt_events_total\{event="update\.handled",level="debug"\} (\d+)$/m.exec(text)?.[1] ?? 0);
      expect(count).toBeGreaterThan(10);
      expect(Number(/^ntvt_update_handling_seconds_count (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(count);
      expect(text).toMatch(/^ntvt_events_total\{event="nomination\.submitted",level="info"\} \d+$/m);
      handled += count;
    }
    expect(handled).toBe(new Set(delivered.map((attempt) => attempt.updateId)).size);
  }, 60_000);

  it('refuses a forged webhook request without the secret, and changes nothing', async () => {
    const user = { id: 6100 };
    const forged = (updateId: number) => updateFrom(user.id, updateId);
    const post = (hook: string, body: string, secret?: string) =>
      fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) }, body }).then((response) => response.status);
    const mark = fake.mark();
    for (const hook of [a.hook, b.hook]) {
      expect(await post(hook, forged(990_000_001))).toBe(401);
      expect(await post(hook, forged(990_000_001), 'wrong-secret-0123456789abcdef')).toBe(401);
      expect(await post(hook, forged(990_000_001), SECRET.slice(0, -1))).toBe(401);
      expect(await post(hook, forged(990_000_001), '')).toBe(401);
    }
    await sleep(1_500);
    expect(fake.nextMessagesAfter(mark, user.id)).toEqual([]);
    const check = openDatabase(database.url);
    try {
      expect(await check.db.processedUpdate.count({ where: { updateId: 990_000_001n } })).toBe(0);
      expect(await check.db.inboundUpdate.count()).toBe(0);
      expect(await check.db.user.count({ where: { externalId: String(user.id) } })).toBe(0);
    } finally {
      await check.close();
    }
    // The same request with the secret is taken: the refusals above were for the secret alone.
    expect(await post(a.hook, forged(990_000_002), SECRET)).toBe(200);
    await fake.waitForMessage(user.id, (text) => text.includes('Xin chào'), 10_000, { after: mark });
  }, 20_000);

  it('an instance stopped with SIGTERM exits 0 while the other serves the conversation', async () => {
    const failuresBefore = fake.stats.webhookFailures;
    const chat = new ChatDriver(fake, { id: 6200, first_name: 'Tâm', language_code: 'vi' });
    let signalledAt = Infinity;
    let exitedAt = Infinity;
    const [code, exit] = await Promise.all([
      nominate(chat, { nominee: 'phan thị thu', nominator: 'mai văn tâm', phone: '0987 654 321', photo: photoOf('thu') }),
      (async () => {
        // Mid-conversation: the consent question has been asked.
        await fake.waitForMessage(6200, (text) => text.includes('đồng ý với việc xử lý dữ liệu'), 15_000);
        signalledAt = Date.now();
        const exitCode = await stopWithin(b, 10_000);
        exitedAt = Date.now();
        return exitCode;
      })(),
    ]).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
    expect(exit, `SIGTERM should end the instance with 0 (took at most 10 s)\n${logs()}`).toBe(0);
    expect(b.bot.output()).toContain('bot.stopped');
    expect(code).toMatch(/^NTV-\d{4}-\d{5}$/);

    // What the fake sent to the stopped instance failed and went to the other one.
    const toB = fake.webhookAttempts.filter((attempt) => attempt.target === b.hook && attempt.at > exitedAt);
    expect(toB.every((attempt) => attempt.status === 0)).toBe(true);
    expect(fake.stats.webhookFailures).toBeGreaterThan(failuresBefore);
    expect(fake.webhookAttempts.filter((attempt) => attempt.target === a.hook && attempt.status === 200 && attempt.at > signalledAt).length).toBeGreaterThan(5);

    const check = openDatabase(database.url);
    try {
      expect(await check.db.nomination.findUnique({ where: { code } })).toMatchObject({ nomineeName: 'Phan Thị Thu', status: 'received' });
      expect(await check.db.nomination.count()).toBe(RESIDENTS.length + 1);
    } finally {
      await check.close();
    }
  }, 40_000);

  it('a SIGTERM during a webhook request on a kept-alive connection (a proxy in front) still ends the process promptly', async () => {
    // A client that keeps its connection open, like Telegram or a reverse proxy with keep-alive.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string, slowly: boolean) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const request = http.request(a.hook, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
        });
        request.on('error', reject);
        if (!slowly) return void request.end(body);
        // Headers now, the body once the instance has been told to stop: the request is in flight at SIGTERM.
        request.write(body.slice(0, 10));
        stopping.then(() => request.end(body.slice(10)), reject);
      });
    expect((await post(updateFrom(6300, 990_000_010), false)).status).toBe(200);
    let stopped!: () => void;
    const stopping = new Promise<void>((resolve) => (stopped = resolve));
    const answer = post(updateFrom(6300, 990_000_011, 'xin chào'), true);
    await sleep(100);
    const exit = stopWithin(a, 8_000);
    await sleep(500);
    stopped();
    // Answered (stored, or refused with 503 so that Telegram delivers it again), then the process ends.
    expect([200, 503]).toContain((await answer).status);
    const code = await exit;
    agent.destroy();
    expect(code, `the instance should exit 0 within 8 s of SIGTERM\n${a.bot.output().slice(-3000)}`).toBe(0);
  }, 20_000);
});
