/**
 * A small client of the Zalo Bot API (https://bot.zaloplatforms.com/docs): every method is
 * `POST <root>/bot<token>/<method>` with a JSON body, answered `{ ok, result, error_code,
 * description }`. getUpdates returns one update per call and HTTP 408 when there is none.
 */

export const ZALO = 'zalo';
export const DEFAULT_ZALO_API_ROOT = 'https://bot-api.zaloplatforms.com';

/** A message as Zalo delivers it (text, or a photo as a URL, or a sticker). */
export interface ZaloMessage {
  message_id: string;
  from: { id: string; display_name?: string; name?: string; is_bot?: boolean };
  chat: { id: string; chat_type?: string };
  date?: number;
  text?: string;
  photo?: string;
  photo_url?: string;
  caption?: string;
  sticker?: string;
}

export interface ZaloUpdate {
  event_name: string;
  message?: ZaloMessage;
}

export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`zalo ${method} failed: ${errorCode} ${description}`);
    this.name = 'ZaloApiError';
  }
}

export interface ZaloApiOptions {
  apiRoot?: string;
  /** Longest a call may take, besides the long-polling wait. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface Envelope<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
}

export class ZaloApi {
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly fetcher: typeof fetch;

  constructor(private readonly token: string, options: ZaloApiOptions = {}) {
    this.root = (options.apiRoot ?? DEFAULT_ZALO_API_ROOT).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetcher = options.fetch ?? fetch;
  }

  /** Calls one method; an answer with ok: false (or an HTTP error) throws a ZaloApiError. */
  async call<T>(method: string, body: Record<string, unknown> = {}, timeoutMs = this.timeoutMs, abort?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.root}/bot${this.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: abort ? AbortSignal.any([abort, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // Never the URL in the message: it carries the token.
      throw new ZaloApiError(method, 0, (error as Error).name === 'TimeoutError' ? 'timed out' : 'network error');
    }
    let envelope: Envelope<T> | undefined;
    try {
      envelope = (await response.json()) as Envelope<T>;
    } catch {
      envelope = undefined;
    }
    if (!response.ok || !envelope?.ok) {
      throw new ZaloApiError(method, envelope?.error_code ?? response.status, envelope?.description ?? `HTTP ${response.status}`);
    }
    return envelope.result as T;
  }

  getMe(): Promise<{ id: string; account_name?: string; display_name?: string }> {
    return this.call('getMe');
  }

  /** Waits up to `timeoutSeconds` for the next update; null when there is none (HTTP 408). `abort` ends the wait early. */
  async getUpdates(timeoutSeconds: number, abort?: AbortSignal): Promise<ZaloUpdate | null> {
    try {
      const result = await this.call<ZaloUpdate | ZaloUpdate[] | null>('getUpdates', { timeout: String(timeoutSeconds) }, (timeoutSeconds + 10) * 1000, abort);
      if (Array.isArray(result)) return result[0] ?? null;
      return result ?? null;
    } catch (error) {
      if (error instanceof ZaloApiError && error.errorCode === 408) return null;
      throw error;
    }
  }

  setWebhook(url: string, secretToken: string): Promise<unknown> {
    return this.call('setWebhook', { url, secret_token: secretToken });
  }

  deleteWebhook(): Promise<unknown> {
    return this.call('deleteWebhook');
  }

  getWebhookInfo(): Promise<{ url?: string }> {
    return this.call('getWebhookInfo');
  }

  sendMessage(chatId: string, text: string): Promise<{ message_id?: string }> {
    return this.call('sendMessage', { chat_id: chatId, text });
  }

  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<{ message_id?: string }> {
    return this.call('sendPhoto', { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) });
  }

  sendChatAction(chatId: string, action: 'typing' | 'upload_photo'): Promise<unknown> {
    return this.call('sendChatAction', { chat_id: chatId, action });
  }
}
