/**
 * Runs the real bot process (`tsx src/main.ts`) against the fake Bot API, and drives a chat
 * like a person would: wait for the bot's message, press a button on it, type an answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { localParts } from '../../src/core/campaigns/calendar.js';
import type { FakeBotApi, FakeUser, SentMessage } from '../support/fake-bot-api.js';
import { freePort, healthy } from '../support/net.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BotProcess {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `src/main.ts` with the given environment and waits until it polls the fake Telegram for updates. */
export function startBotProcess(fake: FakeBotApi, env: Record<string, string>): Promise<BotProcess> {
  return spawnBot({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...env }, () => fake.waitForPolling(30_000));
}

/** Starts `src/main.ts` with exactly this environment (besides PATH and HOME) and waits for `ready`. */
export async function spawnBot(env: Record<string, string>, ready: () => Promise<unknown>): Promise<BotProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  await Promise.race([
    ready(),
    exited.then(([code]) => {
      throw new Error(`bot exited with ${String(code)} before polling:\n${output}`);
    }),
  ]);
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/**
 * Starts one instance in webhook mode (BOT_MODE=webhook) on a free local port against the fake
 * Telegram, and waits until its /healthz answers 200. `hook` is where the fake (or a load
 * generator) posts updates: the webhook URL's path on this instance.
 */
export async function startWebhookInstance(
  fake: Pick<FakeBotApi, 'token' | 'url'>,
  options: { id: string; databaseUrl: string; dataDir: string; webhookUrl: string; secret: string; env?: Record<string, string>; readyTimeoutMs?: number },
): Promise<{ bot: BotProcess; port: number; hook: string }> {
  const port = await freePort();
  const bot = await spawnBot(
    {
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      BOT_MODE: 'webhook',
      WEBHOOK_URL: options.webhookUrl,
      WEBHOOK_SECRET: options.secret,
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      INSTANCE_ID: options.id,
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: options.dataDir,
      ...options.env,
    },
    () => healthy(port, options.readyTimeoutMs),
  );
  return { bot, port, hook: `http://127.0.0.1:${port}${new URL(options.webhookUrl).pathname}` };
}

type Keyboard = { inline_keyboard?: { text: string; callback_data?: string }[][] };

/** A scripted person in a private chat with the bot. */
export class ChatDriver {
  /** Calls before this index were already read by this chat's script. */
  private cursor = 0;

  constructor(private readonly fake: FakeBotApi, readonly user: FakeUser, private readonly timeoutMs = 15_000) {}

  /** Does something, then waits for a bot message to this chat whose text contains `expected`. */
  async expect(action: () => void, expected: string | RegExp, timeoutMs = this.timeoutMs): Promise<SentMessage> {
    // Messages this chat has not read yet count too: a notification may arrive before we look.
    const mark = this.cursor;
    action();
    const message = await this.fake.waitForMessage(
      this.user.id,
      (text) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text)),
      timeoutMs,
      { after: mark, description: `"${String(expected)}" for user ${this.user.id}` },
    );
    this.cursor = message.callIndex + 1;
    return message;
  }

  say(text: string, expected: string | RegExp) {
    return this.expect(() => this.fake.sendText(this.user, text), expected);
  }

  /** Presses the button labelled `label` on the last message that had buttons. */
  press(label: string | RegExp, expected: string | RegExp) {
    const holder = this.lastWithButtons();
    const data = this.buttonData(holder, label);
    return this.expect(() => this.fake.pressButton(this.user, holder.messageId, data), expected);
  }

  photo(bytes: Buffer, expected: string | RegExp) {
    return this.expect(() => this.fake.sendPhoto(this.user, bytes), expected);
  }

  document(bytes: Buffer, fileName: string, mimeType: string, expected: string | RegExp) {
    return this.expect(() => this.fake.sendDocument(this.user, bytes, fileName, mimeType), expected);
  }

  private lastWithButtons(): SentMessage {
    const withButtons = this.fake
      .sentMessages(this.user.id)
      .filter((message) => (message.replyMarkup as Keyboard | undefined)?.inline_keyboard?.length);
    const holder = withButtons.at(-1);
    if (!holder) throw new Error(`no message with buttons for user ${this.user.id}`);
    return holder;
  }

  private buttonData(message: SentMessage, label: string | RegExp): string {
    const buttons = ((message.replyMarkup as Keyboard).inline_keyboard ?? []).flat();
    const found = buttons.find((button) => (typeof label === 'string' ? button.text === label : label.test(button.text)));
    if (!found?.callback_data) throw new Error(`no button ${String(label)} among ${buttons.map((b) => b.text).join(' | ')}`);
    return found.callback_data;
  }
}

const HOUR = 3_600_000;

/**
 * Whole hours to move a bot process's clock so that it lives between 08:00 and 20:00 in Vietnam:
 * no reminder is owed in the quiet hours (21:00–07:00), so a test of reminders run at night moves
 * the bot's clock (test/e2e/clock-offset.mjs, preloaded through NODE_OPTIONS).
 */
export function clockOffsetMs(real: Date): number {
  const hour = Math.floor(localParts(real).minutes / 60);
  return hour >= 8 && hour < 20 ? 0 : ((10 - hour + 24) % 24) * HOUR;
}

/** The Vietnam time of day ("HH:MM") a minute before `now`: a reminder planned then is owed at once. */
export function minuteBefore(now: Date): string {
  const { minutes } = localParts(new Date(now.getTime() - 60_000));
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The environment that starts a bot process with its clock moved by `offset` ms (none when 0). */
export function clockOffsetEnv(offset: number): Record<string, string> {
  const preload = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'clock-offset.mjs')).href;
  return offset ? { NODE_OPTIONS: `--import ${preload}`, NTVT_TEST_CLOCK_OFFSET_MS: String(offset) } : {};
}

// A tiny valid JPEG header is enough: the bot stores bytes, it does not decode images.
export const photoOf = (seed: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo of ${seed}`.repeat(50))]);

/** A resident's whole nomination, from /start to the reference code; returns the code. */
export async function nominate(chat: ChatDriver, who: { nominee: string; nominator: string; phone: string; photo?: Buffer }) {
  await chat.say('/start', 'Xin chào');
  await chat.press('Đề xuất người tốt, việc tốt', 'đồng ý với việc xử lý dữ liệu');
  await chat.press('Đồng ý', 'cá nhân, tập thể hay hộ gia đình');
  await chat.press('Cá nhân', 'họ và tên người được đề xuất');
  await chat.say(who.nominee, 'thuộc phường, tổ dân phố hay đơn vị nào');
  await chat.say('xuan phuong', 'đơn vị phù hợp');
  await chat.press('Tổ dân phố số 2 – Phường Xuân Phương', 'sinh năm nào');
  await chat.press('Bỏ qua', 'làm nghề gì, giữ chức vụ gì');
  await chat.say('bảo vệ chợ', 'thuộc lĩnh vực nào');
  await chat.press('Nhặt được của rơi trả người mất', 'diễn ra vào ngày nào');
  await chat.press('Hôm qua', 'diễn ra ở đâu');
  await chat.say('bo qua', 'kể lại việc làm tốt');
  await chat.say('Nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tùy thân ở cổng chợ, đã mang đến Công an phường trả lại người mất.', 'minh chứng');
  if (who.photo) {
    await chat.photo(who.photo, 'Đã nhận tệp thứ 1');
    await chat.press('Xong', 'họ và tên của Quý vị');
  } else {
    await chat.press('Không có', 'họ và tên của Quý vị');
  }
  await chat.say(who.nominator, 'số điện thoại');
  await chat.say(who.phone, 'quan hệ thế nào');
  await chat.press('Hàng xóm', 'trung thực');
  await chat.press('Tôi xin cam đoan', 'kiểm tra lại đề xuất');
  const receipt = await chat.press('Gửi đề xuất', /NTV-\d{4}-\d{5}/);
  return /NTV-\d{4}-\d{5}/.exec(receipt.text ?? '')![0];
}

