/**
 * A fake Zalo Bot API server on 127.0.0.1, written from the platform's documentation:
 * `POST /bot<token>/<method>` with JSON, answered `{ ok, result, error_code, description }`.
 * - getUpdates returns ONE update per call, and HTTP 408 "Request timeout" when none came within
 *   the wait; it answers 409 while a webhook is set.
 * - Photos arrive as URLs, served by this server under /photos/<id>.jpg.
 * - sendMessage refuses texts over 2,000 characters; a quota can be injected (429 "Quota exceeded").
 * - With a webhook set, updates are POSTed to it with the X-Bot-Api-Secret-Token header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface ZaloUserSpec {
  id: string;
  name?: string;
}

export interface ZaloCall {
  method: string;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

export interface ZaloSent {
  chatId: string;
  text: string;
  index: number;
}

export class FakeZaloApi {
  readonly calls: ZaloCall[] = [];
  readonly botId = 'zbot-0001';
  private queue: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  private readonly photos = new Map<string, Buffer>();
  private failures: { method: string; code: number; description: string; times: number }[] = [];
  private webhook: { url: string; secret: string } | null = null;
  private messageNo = 0;
  private readonly listeners = new Set<() => void>();
  readonly webhookDeliveries: { status: number; update: Record<string, unknown> }[] = [];

  private constructor(private readonly server: http.Server, readonly token: string) {}

  static async start(token = `1234567890123456789:${randomBytes(12).toString('hex')}`): Promise<FakeZaloApi> {
    let fake: FakeZaloApi | undefined;
    const server = http.createServer((request, response) => void fake!.route(request, response));
    fake = new FakeZaloApi(server, token);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next call of `method` fails with `code` (`times` times). */
  failNext(method: string, code: number, description = code === 429 ? 'Quota exceeded' : 'Error', times = 1): void {
    this.failures.push({ method, code, description, times });
  }

  // ── what users do ──

  sendText(user: ZaloUserSpec, text: string): string {
    return this.deliver(user, 'message.text.received', { text });
  }

  sendPhoto(user: ZaloUserSpec, bytes: Buffer, caption?: string): string {
    const id = randomBytes(6).toString('hex');
    this.photos.set(id, bytes);
    return this.deliver(user, 'message.image.received', { photo: `${this.url}/photos/${id}.jpg`, ...(caption ? { caption } : {}) });
  }

  sendSticker(user: ZaloUserSpec): string {
    return this.deliver(user, 'message.sticker.received', { sticker: 'https://zalo.example/sticker/1' });
  }

  sendUnsupported(user: ZaloUserSpec): string {
    return this.deliver(user, 'message.unsupported.received', {});
  }

  /** The same update again (Zalo retrying a webhook, a poll repeated). */
  redeliver(update: Record<string, unknown>): void {
    this.push(update);
  }

  /** An update as Zalo would build it; returns its message id. */
  deliver(user: ZaloUserSpec, event: string, fields: Record<string, unknown>, from: ZaloUserSpec = user): string {
    this.messageNo += 1;
    const messageId = `m${Date.now().toString(36)}${this.messageNo}`;
    this.push({
      event_name: event,
      message: { message_id: messageId, from: { id: from.id, display_name: from.name ?? 'Người dùng', is_bot: from.id === this.botId }, chat: { id: user.id, chat_type: 'PRIVATE' }, date: Date.now(), ...fields },
    });
    return messageId;
  }

  /** The last update pushed (to redeliver it). */
  lastUpdate: Record<string, unknown> | undefined;

  private push(update: Record<string, unknown>): void {
    this.lastUpdate = update;
    if (this.webhook) {
      void this.postToWebhook(update);
      return;
    }
    this.queue.push(update);
    this.waiters.shift()?.();
  }

  private async postToWebhook(update: Record<string, unknown>): Promise<void> {
    const webhook = this.webhook!;
    const response = await fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': webhook.secret }, body: JSON.stringify(update) }).catch(() => undefined);
    this.webhookDeliveries.push({ status: response?.status ?? 0, update });
    this.notify();
  }

  // ── what the bot did ──

  /** Resolves once the bot has asked for updates (it is polling). */
  waitForPolling(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.calls.some((call) => call.method === 'getUpdates') && !this.pendingPolls) return false;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve();
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`the bot did not poll Zalo within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.listeners.add(listener);
    });
  }

  sent(chatId?: string): ZaloSent[] {
    return this.calls
      .map((call, index) => ({ call, index }))
      .filter(({ call }) => call.method === 'sendMessage' && call.status === 200 && (chatId === undefined || call.body.chat_id === chatId))
      .map(({ call, index }) => ({ chatId: String(call.body.chat_id), text: String(call.body.text), index }));
  }

  /** Waits for a message to `chatId` whose text matches, sent after call index `after`. */
  waitForMessage(chatId: string, match: string | RegExp, timeoutMs = 15_000, after = 0): Promise<ZaloSent> {
    const test = (text: string) => (typeof match === 'string' ? text.includes(match) : match.test(text));
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.sent(chatId).find((message) => message.index >= after && test(message.text));
        if (!found) return false;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(found);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const recent = this.sent(chatId).slice(-5).map((message) => message.text.slice(0, 120));
        reject(new Error(`no message matching ${String(match)} to ${chatId} within ${timeoutMs} ms; last: ${JSON.stringify(recent)}`));
      }, timeoutMs);
      if (!check()) this.listeners.add(listener);
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ── the HTTP side ──

  private async route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const photo = /^\/photos\/([0-9a-f]+)\.jpg$/.exec(url.pathname);
    if (request.method === 'GET' && photo) {
      const bytes = this.photos.get(photo[1]!);
      if (!bytes) return void response.writeHead(404).end();
      return void response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length }).end(bytes);
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return void response.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return this.answer(response, match[2]!, body, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    if (match[1] !== this.token) return this.answer(response, match[2]!, body, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const failure = this.failures.find((candidate) => candidate.method === method && candidate.times > 0);
    if (failure) {
      failure.times -= 1;
      return this.answer(response, method, body, failure.code, { ok: false, error_code: failure.code, description: failure.description });
    }
    switch (method) {
      case 'getMe':
        return this.answer(response, method, body, 200, { ok: true, result: { id: this.botId, account_name: 'bot.nguoitotviectot', display_name: 'Người tốt, việc tốt' } });
      case 'getUpdates':
        return this.getUpdates(response, body);
      case 'setWebhook':
        this.webhook = { url: String(body.url), secret: String(body.secret_token) };
        return this.answer(response, method, body, 200, { ok: true, result: { url: this.webhook.url } });
      case 'deleteWebhook':
        this.webhook = null;
        return this.answer(response, method, body, 200, { ok: true, result: {} });
      case 'getWebhookInfo':
        return this.answer(response, method, body, 200, { ok: true, result: { url: this.webhook?.url ?? '' } });
      case 'sendMessage': {
        const text = typeof body.text === 'string' ? body.text : '';
        if (!body.chat_id || !text) return this.answer(response, method, body, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id and text are required' });
        if ([...text].length > 2000) return this.answer(response, method, body, 400, { ok: false, error_code: 400, description: 'Bad Request: text is too long' });
        return this.answer(response, method, body, 200, { ok: true, result: { message_id: `b${this.calls.length}`, date: Date.now() } });
      }
      case 'sendPhoto':
      case 'sendChatAction':
        return this.answer(response, method, body, 200, { ok: true, result: { message_id: `b${this.calls.length}` } });
      default:
        return this.answer(response, method, body, 404, { ok: false, error_code: 404, description: 'Not Found: method' });
    }
  }

  /** Long polls waiting right now. */
  private pendingPolls = 0;

  private async getUpdates(response: http.ServerResponse, body: Record<string, unknown>): Promise<void> {
    this.pendingPolls += 1;
    this.notify();
    try {
      await this.answerUpdates(response, body);
    } finally {
      this.pendingPolls -= 1;
    }
  }

  private async answerUpdates(response: http.ServerResponse, body: Record<string, unknown>): Promise<void> {
    if (this.webhook) return this.answer(response, 'getUpdates', body, 409, { ok: false, error_code: 409, description: 'Conflict: webhook is set' });
    const waitMs = Math.min(Number(body.timeout ?? 0), 30) * 1000;
    if (this.queue.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiters = this.waiters.filter((waiter) => waiter !== wake);
          resolve();
        }, waitMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.push(wake);
      });
    }
    const update = this.queue.shift();
    if (!update) return this.answer(response, 'getUpdates', body, 408, { ok: false, error_code: 408, description: 'Request timeout' });
    return this.answer(response, 'getUpdates', body, 200, { ok: true, result: update });
  }

  private answer(response: http.ServerResponse, method: string, body: Record<string, unknown>, status: number, payload: Record<string, unknown>): void {
    if (!response.writableEnded) response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    this.calls.push({ method, body, status, at: Date.now() });
    this.notify();
  }
}
