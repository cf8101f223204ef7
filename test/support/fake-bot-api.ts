/**
 * A fake Telegram Bot API server for end-to-end tests.
 *
 * A real bot process (grammY, long polling) talks to it over HTTP by setting
 * `client.apiRoot` to `fake.url`. Tests inject user activity (texts, button
 * presses, photos, documents, contacts) as realistic Updates, and inspect or
 * await the calls the bot makes.
 *
 * Only node built-ins are used. Everything is in-memory; nothing persists.
 *
 * Realism notes (things a bot can trip over in production, reproduced here):
 * - getUpdates: offset confirmation, negative offsets, limit, long polling,
 *   allowed_updates (default excludes chat_member / message_reaction /
 *   message_reaction_count like Telegram), 409 on concurrent polls or while a
 *   webhook is set.
 * - Webhook delivery (opt-in with `deliverWebhooksTo`): with a webhook set, every
 *   queued update is POSTed as JSON to one of the given local http:// targets
 *   (standing in for the public https URL behind a load balancer), with the
 *   X-Telegram-Bot-Api-Secret-Token header; one update per chat in flight, in
 *   order; a non-2xx answer or a network error is retried 200–500 ms later,
 *   with the same or another target; a 2xx removes it.
 * - sendMessage & co: 4096-char text / 1024-char caption limits, empty text,
 *   HTML parse_mode tag validation, callback_data > 64 bytes, edits of missing
 *   messages, "message is not modified", unknown callback query ids.
 * - Errors use Telegram's shape: `{ ok:false, error_code, description,
 *   parameters? }` with the HTTP status equal to error_code.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';

// ───────────────────────────── public types ─────────────────────────────

export type Json = Record<string, unknown>;
export type ChatId = number | string;

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  language_code?: string;
  username?: string;
  is_premium?: boolean;
}

export interface FakeBotApiOptions {
  /** Bot token; default `<random id>:<random secret>`. The part before `:` becomes the bot's user id. */
  token?: string;
  /** Username returned by getMe; default `test_ntvt_bot`. */
  botUsername?: string;
  /** first_name returned by getMe; default `NTVT Test Bot`. */
  botFirstName?: string;
  /** When set, sends over the limit answer 429 (retry_after = 1) and bump `stats.tooManyRequests`. */
  rateLimit?: { perSecondGlobal?: number; perSecondPerChat?: number };
  /** Validate HTML in parse_mode=HTML texts like Telegram does ("can't parse entities"). Default true. */
  validateHtml?: boolean;
}

/** A file uploaded by the bot through multipart/form-data. */
export interface UploadedFile {
  /** multipart part name (grammY uses a random id referenced as `attach://<id>`). */
  field: string;
  /** Payload key the upload belongs to (e.g. `document`, `photo`, `media[1]`), if resolvable. */
  attachedTo: string | undefined;
  fileName: string;
  size: number;
  contentType: string;
  data: Buffer;
}

export interface ApiErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface RecordedCall {
  /** Position in `calls`. */
  index: number;
  /** Canonical Bot API method name (e.g. `sendMessage`). */
  method: string;
  /** Parameters as received (query + body), with string values from forms coerced to numbers/booleans/JSON. */
  payload: Json;
  /** Request arrival time (ms since epoch). */
  at: number;
  /** Response time (ms since epoch). Calls are appended to `calls` when they finish. */
  finishedAt: number;
  ok: boolean;
  /** `result` of a successful call. */
  result?: unknown;
  /** Error body of a failed call. */
  error?: ApiErrorBody;
  /** Files uploaded with this call (multipart). */
  files: UploadedFile[];
  /** True when the client went away before the answer (e.g. grammY aborting a long poll on stop). */
  aborted: boolean;
}

export interface SentMessage {
  chatId: ChatId;
  messageId: number;
  /** Text as sent by the bot (caption for sendPhoto / sendDocument); raw, i.e. still containing HTML tags. */
  text: string | undefined;
  replyMarkup: unknown;
  parseMode: string | undefined;
  method: 'sendMessage' | 'sendPhoto' | 'sendDocument' | 'editMessageText';
  callIndex: number;
  call: RecordedCall;
}

export interface FailSpec {
  error_code: number;
  /** Default depends on the code, e.g. 429 → `Too Many Requests: retry after N`, 403 → `Forbidden: bot was blocked by the user`. */
  description?: string;
  /** Added as `parameters.retry_after`. Defaults to 1 for error_code 429. */
  retry_after?: number;
  migrate_to_chat_id?: number;
  /** Only fail calls whose `chat_id` equals this. */
  chatId?: ChatId;
  /** How many matching calls fail; default 1. `Infinity` = until `clearFailures()`. */
  times?: number;
}

export interface WaitOptions {
  /** Only consider calls with `index >= after` (use `mark()` before injecting an update). */
  after?: number;
  /** Shown in the timeout error. */
  description?: string;
}

export interface PhotoOptions {
  caption?: string;
  width?: number;
  height?: number;
}

export interface FakeBotApiStats {
  tooManyRequests: number;
  injectedFailures: number;
  unauthorized: number;
  notFound: number;
  getUpdates: number;
  conflicts: number;
  /** Webhook POSTs answered with a 2xx (the update is then forgotten). */
  webhookDeliveries: number;
  /** Webhook POSTs answered otherwise, or not answered at all (the update is tried again). */
  webhookFailures: number;
}

/** Chooses the target (an index into the `deliverWebhooksTo` list) of one webhook POST; `attempt` counts from 0. */
export type WebhookPick = (update: Json, attempt: number) => number;

/** One webhook POST, as the fake made it. */
export interface WebhookAttempt {
  updateId: number;
  target: string;
  /** 0-based: 0 is the first try of this update. */
  attempt: number;
  /** HTTP status; 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  /** Why no answer came (e.g. `ECONNREFUSED`). */
  error?: string;
  at: number;
  ms: number;
}

// ───────────────────────────── internals ─────────────────────────────

class TgError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }
}

const badRequest = (what: string): TgError => new TgError(400, `Bad Request: ${what}`);

/** Result with an extra top-level `description`, like setWebhook's "Webhook was set". */
class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

interface CallContext {
  method: string;
  payload: Json;
  files: UploadedFile[];
  signal: AbortSignal;
}

type Handler = (ctx: CallContext) => unknown;

interface FileRecord {
  fileId: string;
  uniqueId: string;
  kind: 'photo' | 'document' | 'video' | 'audio' | 'voice' | 'animation' | 'sticker' | 'other';
  data: Buffer;
  filePath: string;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  sourceUrl?: string;
}

interface StoredMessage {
  message: Json;
  fromBot: boolean;
  /** Raw text/caption as sent (before HTML rendering), for "not modified" detection. */
  rawText: string | undefined;
  parseMode: string | undefined;
  hasText: boolean;
}

interface ChatState {
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
}

interface Waiter {
  predicate: (call: RecordedCall) => boolean;
  after: number;
  resolve: (call: RecordedCall) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

interface QueuedFailure extends FailSpec {
  method: string;
  remaining: number;
}

type Update = Json & { update_id: number };

const METHODS_WITH_RATE_LIMIT = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendMediaGroup',
  'sendContact',
  'sendLocation',
  'sendVideo',
  'sendAudio',
  'sendVoice',
  'sendAnimation',
  'sendSticker',
  'copyMessage',
  'forwardMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'editMessageCaption',
]);

const DEFAULT_EXCLUDED_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const NUMERIC_FIELDS = new Set([
  'offset',
  'limit',
  'timeout',
  'message_id',
  'reply_to_message_id',
  'message_thread_id',
  'cache_time',
  'user_id',
  'width',
  'height',
  'duration',
  'max_connections',
]);
const CHAT_ID_FIELDS = new Set(['chat_id', 'from_chat_id']);
const BOOLEAN_FIELDS = new Set([
  'show_alert',
  'disable_notification',
  'protect_content',
  'drop_pending_updates',
  'disable_web_page_preview',
  'allow_sending_without_reply',
  'has_spoiler',
  'disable_content_type_detection',
  'show_caption_above_media',
  'for_channels',
]);
const JSON_FIELDS = new Set([
  'reply_markup',
  'entities',
  'caption_entities',
  'media',
  'commands',
  'scope',
  'menu_button',
  'allowed_updates',
  'reply_parameters',
  'link_preview_options',
  'message_ids',
  'rights',
]);

const MAX_BODY_BYTES = 60 * 1024 * 1024;
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

const nowSec = (): number => Math.floor(Date.now() / 1000);

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameId(a: unknown, b: unknown): boolean {
  return a !== undefined && b !== undefined && String(a) === String(b);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined && v[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Coerce a string param (from query/form/multipart) into what Telegram would understand. */
function coerceField(key: string, value: string): unknown {
  if (CHAT_ID_FIELDS.has(key)) return /^-?\d+$/.test(value) ? Number(value) : value;
  if (NUMERIC_FIELDS.has(key)) return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (BOOLEAN_FIELDS.has(key)) {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0' || value === '') return false;
    return value;
  }
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

// ───────────────────────────── multipart ─────────────────────────────

export interface MultipartPart {
  name: string;
  fileName: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

function headerParam(header: string, param: string): string | undefined {
  // RFC 5987 form: filename*=UTF-8''na%20me
  const ext = new RegExp(`(?:^|;)\\s*${param}\\*\\s*=\\s*([^;\\r\\n]*)`, 'i').exec(header);
  if (ext?.[1] !== undefined) {
    const raw = ext[1].trim();
    const idx = raw.indexOf("''");
    try {
      return decodeURIComponent(idx >= 0 ? raw.slice(idx + 2) : raw);
    } catch {
      return raw;
    }
  }
  const quoted = new RegExp(`(?:^|;)\\s*${param}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"');
  if (param === 'filename') {
    // grammY writes `filename=<name>` unquoted as the last parameter: take the rest of the line.
    const bare = /(?:^|;)\s*filename\s*=\s*(.*)$/i.exec(header);
    if (bare?.[1] !== undefined) return bare[1].trim();
  }
  const token = new RegExp(`(?:^|;)\\s*${param}\\s*=\\s*([^;]*)`, 'i').exec(header);
  return token?.[1]?.trim();
}

/** Parses a multipart/form-data body (tolerant of grammY's `content-disposition:form-data;name="x"` style). */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    // `--` after the delimiter marks the end.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    // Skip transport padding and CRLF.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), pos);
    if (next < 0) throw new Error('unterminated multipart body');
    const part = body.subarray(pos, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headerText = headerEnd >= 0 ? part.subarray(0, headerEnd).toString('utf8') : part.toString('utf8');
    const data = headerEnd >= 0 ? part.subarray(headerEnd + 4) : Buffer.alloc(0);
    let disposition = '';
    let contentType: string | undefined;
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'content-disposition') disposition = value;
      else if (key === 'content-type') contentType = value;
    }
    const name = headerParam(disposition, 'name');
    if (name !== undefined) {
      parts.push({ name, fileName: headerParam(disposition, 'filename'), contentType, data: Buffer.from(data) });
    }
    pos = next + 2; // points at the delimiter again
  }
  return parts;
}

// ───────────────────────────── HTML (parse_mode) ─────────────────────────────

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
]);

function byteOffset(s: string, index: number): number {
  return Buffer.byteLength(s.slice(0, index), 'utf8');
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/g, (m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    const cp = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Strips tags / decodes entities; throws Telegram-like "can't parse entities" errors when `validate`. */
function renderHtml(src: string, validate: boolean): string {
  const fail = (what: string): TgError => badRequest(`can't parse entities: ${what}`);
  let out = '';
  const stack: string[] = [];
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      out += decodeEntities(src.slice(i));
      break;
    }
    out += decodeEntities(src.slice(i, lt));
    const gt = src.indexOf('>', lt);
    if (gt < 0) {
      if (validate) throw fail(`Unclosed start tag at byte offset ${byteOffset(src, lt)}`);
      out += src.slice(lt);
      break;
    }
    const inner = src.slice(lt + 1, gt);
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^]*)?$/.exec(inner);
    if (!m) {
      if (validate) {
        throw fail(`Unsupported start tag "${inner.split(/\s/)[0] ?? ''}" at byte offset ${byteOffset(src, lt)}`);
      }
      out += src.slice(lt, gt + 1);
      i = gt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    if (validate) {
      if (!HTML_TAGS.has(tag)) {
        throw fail(`Unsupported ${closing ? 'end' : 'start'} tag "${tag}" at byte offset ${byteOffset(src, lt)}`);
      }
      if (closing) {
        const open = stack.pop();
        if (open === undefined) throw fail(`Unexpected end tag at byte offset ${byteOffset(src, lt)}`);
        if (open !== tag) {
          throw fail(
            `Unmatched end tag at byte offset ${byteOffset(src, lt)}, expected "</${open}>", found "</${tag}>"`,
          );
        }
      } else if (!inner.endsWith('/')) {
        stack.push(tag);
      }
    }
    i = gt + 1;
  }
  if (validate && stack.length > 0) {
    throw fail(`Can't find end tag corresponding to start tag "${stack[stack.length - 1] ?? ''}"`);
  }
  return out;
}

// ───────────────────────────── images ─────────────────────────────

/** Best-effort width/height from PNG / JPEG / GIF headers. */
function imageSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length >= 10 && data.toString('ascii', 0, 3) === 'GIF') {
    return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let p = 2;
    while (p + 9 < data.length) {
      if (data[p] !== 0xff) {
        p++;
        continue;
      }
      const marker = data[p + 1] ?? 0;
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
        p += marker === 0xff ? 1 : 2;
        continue;
      }
      const len = data.readUInt16BE(p + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: data.readUInt16BE(p + 5), width: data.readUInt16BE(p + 7) };
      }
      p += 2 + len;
    }
  }
  return undefined;
}

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
};

function extOf(fileName: string | undefined): string {
  const m = fileName ? /\.([A-Za-z0-9]{1,8})$/.exec(fileName) : null;
  return m?.[1]?.toLowerCase() ?? '';
}

function mimeFor(fileName: string | undefined, fallback?: string): string {
  const byExt = MIME_BY_EXT[extOf(fileName)];
  if (byExt) return byExt;
  if (fallback && fallback !== 'application/octet-stream') return fallback;
  return fallback ?? 'application/octet-stream';
}

// ───────────────────────────── the fake ─────────────────────────────

export class FakeBotApi {
  /** `http://127.0.0.1:PORT` — give this to grammY as `client.apiRoot`. */
  readonly url: string;
  readonly token: string;
  readonly botUser: Readonly<Json> & { id: number; username: string; first_name: string; is_bot: true };
  /** Every call the bot made (appended when the call finishes). */
  readonly calls: RecordedCall[] = [];
  readonly stats: FakeBotApiStats = {
    tooManyRequests: 0,
    injectedFailures: 0,
    unauthorized: 0,
    notFound: 0,
    getUpdates: 0,
    conflicts: 0,
    webhookDeliveries: 0,
    webhookFailures: 0,
  };
  /** Every webhook POST (with `deliverWebhooksTo`), in the order they finished. */
  readonly webhookAttempts: WebhookAttempt[] = [];

  private readonly server: http.Server;
  private readonly opts: FakeBotApiOptions;
  private readonly handlers: Map<string, { name: string; fn: Handler }> = new Map();

  private stopped = false;
  private stopPromise: Promise<void> | undefined;

  private nextUpdateId = 100_000_001;
  private readonly queue: Update[] = [];
  private allowedUpdates: string[] = [];
  private pollActive = false;
  private readonly updateListeners = new Set<() => void>();
  private readonly pollReleaseListeners = new Set<() => void>();
  private readonly confirmListeners = new Set<() => void>();

  private readonly chats = new Map<string, ChatState>();
  private readonly users = new Map<number, FakeUser>();
  private readonly files = new Map<string, FileRecord>();
  private readonly filesByPath = new Map<string, FileRecord>();
  private readonly photoSets = new Map<string, Json[]>();
  private fileCounter = 0;
  private mediaGroupCounter = 0;
  private readonly callbackQueries = new Map<string, { answered: boolean }>();
  private readonly chatInstances = new Map<string, string>();

  private readonly commands = new Map<string, Json[]>();
  private readonly menuButtons = new Map<string, Json>();
  private webhook: { url: string; allowedUpdates?: unknown; secretToken?: string; maxConnections: number } | undefined;
  private webhookError: { date: number; message: string } | undefined;
  private webhookTargets: string[] = [];
  private webhookPick: WebhookPick | undefined;
  /** update_id → tries so far, and when the next may start. */
  private readonly webhookTries = new Map<number, { attempts: number; notBefore: number; lastTarget?: string }>();
  private readonly webhookInFlight = new Set<number>();
  private readonly webhookAborts = new Set<AbortController>();
  private webhookTimer: NodeJS.Timeout | undefined;
  private webhookTimerAt = Infinity;
  private readonly callListeners = new Set<(call: RecordedCall) => void>();

  private readonly failures: QueuedFailure[] = [];
  private readonly globalSends: number[] = [];
  private readonly chatSends = new Map<string, number[]>();

  private readonly waiters = new Set<Waiter>();

  private constructor(server: http.Server, port: number, opts: FakeBotApiOptions, token: string) {
    this.server = server;
    this.opts = opts;
    this.url = `http://127.0.0.1:${port}`;
    this.token = token;
    const idPart = Number(token.split(':')[0]);
    this.botUser = {
      id: Number.isSafeInteger(idPart) && idPart > 0 ? idPart : 7_000_000_001,
      is_bot: true,
      first_name: opts.botFirstName ?? 'NTVT Test Bot',
      username: opts.botUsername ?? 'test_ntvt_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
    this.registerHandlers();
  }

  static async start(opts: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const token = opts.token ?? `${7_000_000_000 + Math.floor(Math.random() * 999_999_999)}:${randomToken(26)}`;
    const server = http.createServer();
    server.keepAliveTimeout = 65_000;
    server.requestTimeout = 0; // long polls may outlive the default
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      server.once('error', onError);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeBotApi(server, port, opts, token);
    server.on('request', (req, res) => {
      fake.handleRequest(req, res).catch((err: unknown) => {
        // Never let a handler bug become an unhandled rejection.
        try {
          if (!res.headersSent && !res.destroyed) {
            sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` });
          } else if (!res.destroyed) res.destroy();
        } catch {
          /* ignore */
        }
      });
    });
    server.on('clientError', (_err, socket) => {
      if (!socket.destroyed) socket.destroy();
    });
    server.on('error', () => {
      /* ignore late server errors */
    });
    return fake;
  }

  /** Closes the server now: pending long polls are answered with `[]`, all sockets are closed, waiters rejected. */
  async stop(): Promise<void> {
    if (this.stopPromise) return this.stopPromise;
    this.stopped = true;
    this.stopPromise = (async () => {
      for (const wake of [...this.updateListeners]) wake();
      for (const w of [...this.waiters]) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.reject(new Error('FakeBotApi stopped while waiting'));
      }
      for (const l of [...this.confirmListeners]) l();
      clearTimeout(this.webhookTimer);
      for (const ac of [...this.webhookAborts]) ac.abort();
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      await tick(); // let the woken long polls write their (empty) answers
      this.server.closeIdleConnections();
      await Promise.race([closed, sleep(50, undefined, { ref: false })]);
      this.server.closeAllConnections();
      await closed;
    })();
    return this.stopPromise;
  }

  // ─────────────────────────── recording helpers ───────────────────────────

  /** Current number of recorded calls; pass it as `after` to only look at later calls. */
  /** HTTP requests received, and how many a test proxy forwarded (header x-through-proxy). */
  readonly requests = { total: 0, viaProxy: 0 };

  mark(): number {
    return this.calls.length;
  }

  callsSince(index: number): RecordedCall[] {
    return this.calls.slice(index);
  }

  /** Messages sent (sendMessage / sendPhoto / sendDocument) or edited (editMessageText), in order. */
  sentMessages(chatId?: ChatId): SentMessage[] {
    return this.calls.flatMap((c) => toSentMessages(c)).filter((m) => chatId === undefined || sameId(m.chatId, chatId));
  }

  /** Like `sentMessages`, restricted to calls with `index >= index`. */
  nextMessagesAfter(index: number, chatId?: ChatId): SentMessage[] {
    return this.sentMessages(chatId).filter((m) => m.callIndex >= index);
  }

  /** Last message sent/edited to a chat, if any. */
  lastMessage(chatId: ChatId): SentMessage | undefined {
    const all = this.sentMessages(chatId);
    return all[all.length - 1];
  }

  /** The current state of a message as the fake stores it (after edits), e.g. to read its inline keyboard. */
  getMessage(chatId: ChatId, messageId: number): Json | undefined {
    return this.chats.get(String(chatId))?.messages.get(messageId)?.message;
  }

  /**
   * Resolves with the first call (already recorded, or future) matching `predicate`.
   * Rejects after `timeoutMs` with the list of the last calls.
   */
  waitFor(
    predicate: (call: RecordedCall) => boolean,
    timeoutMs = 10_000,
    opts: WaitOptions = {},
  ): Promise<RecordedCall> {
    const after = opts.after ?? 0;
    for (const call of this.calls) {
      if (call.index >= after && safePredicate(predicate, call)) return Promise.resolve(call);
    }
    if (this.stopped) return Promise.reject(new Error('FakeBotApi is stopped'));
    return new Promise<RecordedCall>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        after,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `FakeBotApi.waitFor timed out after ${timeoutMs}ms` +
                (opts.description ? ` waiting for ${opts.description}` : '') +
                (after > 0 ? ` (calls from #${after})` : '') +
                `.\n${this.describeCalls()}`,
            ),
          );
        }, timeoutMs),
      };
      waiter.timer.unref();
      this.waiters.add(waiter);
    });
  }

  /** Resolves with the first message sent/edited to `chatId` whose text satisfies `predicate`. */
  async waitForMessage(
    chatId: ChatId,
    predicate: (text: string, call: RecordedCall) => boolean = () => true,
    timeoutMs = 10_000,
    opts: WaitOptions = {},
  ): Promise<SentMessage> {
    const match = (call: RecordedCall): SentMessage | undefined =>
      toSentMessages(call).find((m) => sameId(m.chatId, chatId) && safePredicate(() => predicate(m.text ?? '', call), call));
    const call = await this.waitFor((c) => match(c) !== undefined, timeoutMs, {
      after: opts.after,
      description: opts.description ?? `a message to chat ${String(chatId)}`,
    });
    const found = match(call);
    if (!found) throw new Error('unreachable: matched call has no message');
    return found;
  }

  /** The bot's next message (send or edit) to `chatId` among calls with `index >= after`. */
  waitForNextMessage(chatId: ChatId, after: number, timeoutMs = 10_000): Promise<SentMessage> {
    return this.waitForMessage(chatId, () => true, timeoutMs, { after, description: `the next message to chat ${String(chatId)}` });
  }

  /** Human-readable dump of the last calls (used in timeout errors). */
  describeCalls(last = 20): string {
    // Empty long-poll answers are noise; leave them out.
    const interesting = this.calls.filter(
      (c) => !(c.method === 'getUpdates' && c.ok && Array.isArray(c.result) && c.result.length === 0),
    );
    const slice = interesting.slice(-last);
    if (slice.length === 0) return `No calls were recorded (besides ${this.calls.length} empty getUpdates).`;
    const lines = slice.map((c) => {
      const payload = truncate(JSON.stringify(c.payload), 300);
      const status = c.ok ? 'ok' : `ERR ${c.error?.error_code ?? '?'} ${c.error?.description ?? ''}`;
      const files = c.files.length ? ` files=[${c.files.map((f) => `${f.fileName}(${f.size}B)`).join(', ')}]` : '';
      return `  #${c.index} ${c.method} ${payload}${files} → ${status}${c.aborted ? ' (aborted)' : ''}`;
    });
    return `Last ${slice.length} of ${this.calls.length} calls (empty getUpdates omitted):\n${lines.join('\n')}`;
  }

  // ─────────────────────────── fault injection ───────────────────────────

  /**
   * Make the next `times` (default 1) calls of `method` (optionally only to `chatId`) fail with the given error.
   * E.g. `failNext('sendMessage', { error_code: 429, retry_after: 3, chatId: 42 })`
   * or `failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user', times: Infinity })`.
   */
  failNext(method: string, spec: FailSpec): void {
    this.failures.push({ ...spec, method: this.canonical(method) ?? method, remaining: spec.times ?? 1 });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  // ─────────────────────────── update injection ───────────────────────────

  /** Number of updates queued and not yet confirmed by the bot. */
  get pendingUpdateCount(): number {
    return this.queue.length;
  }

  /** True while a getUpdates request is being held open. */
  get isPolling(): boolean {
    return this.pollActive;
  }

  /** Resolves once all queued updates have been confirmed (getUpdates with a higher offset). */
  async waitForUpdatesConfirmed(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length > 0) {
      if (this.stopped) throw new Error('FakeBotApi stopped');
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `FakeBotApi.waitForUpdatesConfirmed timed out after ${timeoutMs}ms; ` +
            `unconfirmed update_ids: ${this.queue.map((u) => u.update_id).join(', ')}\n${this.describeCalls()}`,
        );
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(t);
          this.confirmListeners.delete(done);
          resolve();
        };
        const t = setTimeout(done, left);
        t.unref();
        this.confirmListeners.add(done);
      });
    }
  }

  /** Resolves when a getUpdates request is being held (the bot is polling). */
  async waitForPolling(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.pollActive) {
      if (this.stopped) throw new Error('FakeBotApi stopped');
      if (Date.now() > deadline) {
        throw new Error(`FakeBotApi.waitForPolling timed out after ${timeoutMs}ms\n${this.describeCalls()}`);
      }
      await sleep(10, undefined, { ref: false });
    }
  }

  /** User sends a text message. A leading `/command` gets a `bot_command` entity. */
  sendText(user: FakeUser, text: string, opts: { replyToMessageId?: number } = {}): number {
    const msg = this.textMessage(user, text);
    if (opts.replyToMessageId !== undefined) {
      const replied = this.chats.get(String(user.id))?.messages.get(opts.replyToMessageId)?.message;
      msg.reply_to_message = replied ?? { message_id: opts.replyToMessageId, chat: this.chatFor(user.id), date: nowSec() };
    }
    return this.queueMessage(user, msg);
  }

  /**
   * The update `sendText` would queue, remembered by the fake (user, message) but not queued: for a
   * test or a benchmark that POSTs updates to a webhook itself.
   */
  textUpdate(user: FakeUser, text: string): Update {
    const msg = this.textMessage(user, text);
    this.storeUserMessage(user, msg);
    if (this.stopped) throw new Error('FakeBotApi is stopped');
    return { update_id: this.nextUpdateId++, message: structuredClone(msg) };
  }

  /** The update `pressButton` would queue (its callback query id is known to answerCallbackQuery), not queued. */
  buttonUpdate(user: FakeUser, messageId: number, data: string): Update {
    const body = this.callbackQueryBody(user, messageId, data);
    if (this.stopped) throw new Error('FakeBotApi is stopped');
    return { update_id: this.nextUpdateId++, ...body };
  }

  /** User presses an inline button with `callback_data = data` under message `messageId` (in the private chat). */
  pressButton(user: FakeUser, messageId: number, data: string): number {
    return this.enqueue(this.callbackQueryBody(user, messageId, data));
  }

  private callbackQueryBody(user: FakeUser, messageId: number, data: string): Json {
    this.rememberUser(user);
    const stored = this.chats.get(String(user.id))?.messages.get(messageId);
    const message: Json = stored
      ? structuredClone(stored.message)
      : // Telegram sends an InaccessibleMessage (date 0) when it can't give the message.
        { message_id: messageId, chat: this.chatFor(user.id), date: 0 };
    const id = String(BigInt.asUintN(63, randomBytes(8).readBigUInt64BE()));
    this.callbackQueries.set(id, { answered: false });
    return {
      callback_query: {
        id,
        from: this.userObject(user),
        message,
        chat_instance: this.chatInstance(user.id),
        data,
      },
    };
  }

  /** Presses the inline button whose text equals (or matches) `buttonText` on a stored bot message. */
  pressButtonByText(user: FakeUser, messageId: number, buttonText: string | RegExp): number {
    const msg = this.chats.get(String(user.id))?.messages.get(messageId)?.message;
    const markup = msg?.reply_markup;
    const rows = isRecord(markup) && Array.isArray(markup.inline_keyboard) ? (markup.inline_keyboard as unknown[]) : [];
    const buttons = rows.flatMap((r) => (Array.isArray(r) ? (r as unknown[]) : [])).filter(isRecord);
    const button = buttons.find((b) =>
      typeof buttonText === 'string' ? b.text === buttonText : buttonText.test(String(b.text)),
    );
    if (!button || typeof button.callback_data !== 'string') {
      throw new Error(
        `No callback button ${String(buttonText)} on message ${messageId} in chat ${user.id}; buttons: ` +
          JSON.stringify(buttons.map((b) => b.text)),
      );
    }
    return this.pressButton(user, messageId, button.callback_data);
  }

  /** User sends a photo. getFile/the /file route serve `bytes`. */
  sendPhoto(user: FakeUser, bytes: Buffer, opts: PhotoOptions = {}): number {
    const sizes = this.registerPhoto(bytes, opts.width, opts.height);
    const msg = this.userMessage(user);
    msg.photo = sizes;
    if (opts.caption !== undefined) msg.caption = opts.caption;
    return this.queueMessage(user, msg);
  }

  /** User sends a file as a document. */
  sendDocument(user: FakeUser, bytes: Buffer, fileName: string, mimeType: string, opts: { caption?: string } = {}): number {
    const rec = this.registerFile('document', bytes, { fileName, mimeType });
    const msg = this.userMessage(user);
    msg.document = documentObject(rec);
    if (opts.caption !== undefined) msg.caption = opts.caption;
    return this.queueMessage(user, msg);
  }

  /** User shares a contact; by default their own (contact.user_id = user.id), as via a request_contact button. */
  sendContact(
    user: FakeUser,
    phoneNumber: string,
    ownContact = true,
    opts: { firstName?: string; lastName?: string; userId?: number } = {},
  ): number {
    const msg = this.userMessage(user);
    const contact: Json = {
      phone_number: phoneNumber,
      first_name: opts.firstName ?? (ownContact ? user.first_name : 'Contact'),
    };
    const lastName = opts.lastName ?? (ownContact ? user.last_name : undefined);
    if (lastName !== undefined) contact.last_name = lastName;
    const contactUserId = ownContact ? user.id : opts.userId;
    if (contactUserId !== undefined) contact.user_id = contactUserId;
    msg.contact = contact;
    return this.queueMessage(user, msg);
  }

  /** Queue an arbitrary (possibly forged) update. `update_id` is assigned if missing. */
  injectRawUpdate(update: Json): number {
    const u: Json = { ...update };
    let id: number;
    if (typeof u.update_id === 'number') {
      id = u.update_id;
      this.nextUpdateId = Math.max(this.nextUpdateId, id + 1);
    } else {
      id = this.nextUpdateId++;
    }
    const cq = u.callback_query;
    if (isRecord(cq) && typeof cq.id === 'string' && !this.callbackQueries.has(cq.id)) {
      this.callbackQueries.set(cq.id, { answered: false });
    }
    const msg = u.message;
    if (isRecord(msg) && typeof msg.message_id === 'number' && isRecord(msg.chat) && msg.chat.id !== undefined) {
      const chat = this.chatState(msg.chat.id as ChatId);
      if (!chat.messages.has(msg.message_id)) {
        chat.messages.set(msg.message_id, {
          message: msg,
          fromBot: false,
          rawText: typeof msg.text === 'string' ? msg.text : undefined,
          parseMode: undefined,
          hasText: typeof msg.text === 'string',
        });
        chat.nextMessageId = Math.max(chat.nextMessageId, msg.message_id + 1);
      }
    }
    this.pushUpdate({ ...u, update_id: id });
    return id;
  }

  /** Commands stored by setMyCommands for a scope/language (default scope, no language by default). */
  getCommands(scope: Json = { type: 'default' }, languageCode = ''): Json[] | undefined {
    return this.commands.get(commandsKey(scope, languageCode));
  }

  /** Menu button set via setChatMenuButton (chatId omitted = default). */
  getMenuButton(chatId?: ChatId): Json | undefined {
    return this.menuButtons.get(chatId === undefined ? 'default' : String(chatId));
  }

  /** Bytes of a registered file (received from users or uploaded by the bot). */
  fileBytes(fileId: string): Buffer | undefined {
    return this.files.get(fileId)?.data;
  }

  /** Calls `listener` with every call as it is recorded; returns the unsubscribe function. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  // ─────────────────────────── webhook delivery ───────────────────────────

  /**
   * Where the public webhook URL "leads": while a webhook is set (setWebhook with an https URL),
   * every queued update is POSTed to `urls[pick(update, attempt)]` (default: a random one, and
   * for a retry the one after the target that failed) instead
   * of waiting for getUpdates. An empty list turns delivery off again (updates then wait, as on
   * Telegram while the webhook host is unreachable). Like Telegram: JSON body, header
   * X-Telegram-Bot-Api-Secret-Token = setWebhook's secret_token, at most max_connections POSTs at
   * once and one per chat (in update order); a 2xx removes the update, anything else (or no
   * answer) is retried 200–500 ms later.
   */
  deliverWebhooksTo(urls: string[], pick?: WebhookPick): void {
    for (const u of urls) if (!/^https?:\/\//i.test(u)) throw new Error(`webhook target must be an http(s) URL: ${u}`);
    this.webhookTargets = [...urls];
    this.webhookPick = pick;
    this.pumpWebhooks();
  }

  /** The secret_token given to the last setWebhook (undefined when none, or no webhook). */
  get webhookSecret(): string | undefined {
    return this.webhook?.secretToken;
  }

  /** Webhook POSTs waiting for an answer right now. */
  get webhookPending(): number {
    return this.webhookInFlight.size;
  }

  private get deliveringWebhooks(): boolean {
    return !this.stopped && this.webhook !== undefined && this.webhookTargets.length > 0;
  }

  /** Starts every POST that may start now; wakes itself for the earliest retry. */
  private pumpWebhooks(): void {
    const webhook = this.webhook;
    if (!this.deliveringWebhooks || !webhook) return;
    const allowed = Array.isArray(webhook.allowedUpdates) && webhook.allowedUpdates.length > 0
      ? new Set(webhook.allowedUpdates.filter((x): x is string => typeof x === 'string'))
      : undefined;
    const now = Date.now();
    let wakeAt = Infinity;
    // Only the oldest update of a chat may be in flight (or waiting for its retry); later ones wait behind it.
    const heads = new Set<string>();
    for (let i = 0; i < this.queue.length && this.webhookInFlight.size < webhook.maxConnections; ) {
      const u = this.queue[i];
      if (!u) break;
      if (!isDeliverable(u, allowed)) {
        this.queue.splice(i, 1);
        continue;
      }
      i++;
      const key = webhookQueueKey(u);
      if (heads.has(key)) continue;
      heads.add(key);
      if (this.webhookInFlight.has(u.update_id)) continue;
      const notBefore = this.webhookTries.get(u.update_id)?.notBefore ?? 0;
      if (notBefore > now) {
        wakeAt = Math.min(wakeAt, notBefore);
        continue;
      }
      void this.postWebhook(u);
    }
    if (wakeAt < Infinity && wakeAt < this.webhookTimerAt) {
      clearTimeout(this.webhookTimer);
      this.webhookTimerAt = wakeAt;
      this.webhookTimer = setTimeout(() => {
        this.webhookTimerAt = Infinity;
        this.pumpWebhooks();
      }, Math.max(0, wakeAt - now));
      this.webhookTimer.unref();
    }
  }

  private async postWebhook(u: Update): Promise<void> {
    const id = u.update_id;
    const tries = this.webhookTries.get(id) ?? { attempts: 0, notBefore: 0 };
    this.webhookTries.set(id, tries);
    const targets = this.webhookTargets;
    // By default a random target; a retry goes to the next one after the target that failed (as a
    // load balancer would move on), which is the same one when there is only one.
    const last = tries.lastTarget === undefined ? -1 : targets.indexOf(tries.lastTarget);
    let index = last >= 0 ? (last + 1) % targets.length : Math.floor(Math.random() * targets.length);
    if (this.webhookPick) {
      const picked = Math.trunc(this.webhookPick(structuredClone(u), tries.attempts));
      index = Number.isFinite(picked) ? ((picked % targets.length) + targets.length) % targets.length : 0;
    }
    const target = targets[index]!;
    tries.lastTarget = target;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const secret = this.webhook?.secretToken;
    if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
    const ac = new AbortController();
    // Telegram gives a webhook about 60 s to answer.
    const timer = setTimeout(() => ac.abort(new Error('ETIMEDOUT')), 60_000);
    timer.unref();
    this.webhookAborts.add(ac);
    this.webhookInFlight.add(id);
    const at = Date.now();
    let status = 0;
    let error: string | undefined;
    try {
      const response = await fetch(target, { method: 'POST', headers, body: JSON.stringify(u), signal: ac.signal });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      error = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    } finally {
      clearTimeout(timer);
      this.webhookAborts.delete(ac);
      this.webhookInFlight.delete(id);
    }
    this.webhookAttempts.push({ updateId: id, target, attempt: tries.attempts, status, ...(error ? { error } : {}), at, ms: Date.now() - at });
    if (status >= 200 && status < 300) {
      this.stats.webhookDeliveries++;
      this.webhookTries.delete(id);
      const i = this.queue.findIndex((q) => q.update_id === id);
      if (i >= 0) this.queue.splice(i, 1);
      for (const l of [...this.confirmListeners]) l();
    } else {
      this.stats.webhookFailures++;
      tries.attempts++;
      tries.notBefore = Date.now() + 200 + Math.floor(Math.random() * 300);
      this.webhookError = { date: nowSec(), message: status ? `Wrong response from the webhook: ${status}` : `Connection failed: ${error ?? 'unknown'}` };
    }
    if (!this.stopped) this.pumpWebhooks();
  }

  // ─────────────────────────── HTTP plumbing ───────────────────────────

  private async handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requests.total += 1;
    // A test proxy marks what it forwards: tells requests that came through it from direct ones.
    if (req.headers['x-through-proxy']) this.requests.viaProxy += 1;
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ac = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) ac.abort();
    });
    req.on('error', () => ac.abort());

    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      req.resume();
      this.serveFile(req, res, safeDecode(fileMatch[1] ?? ''), safeDecode(fileMatch[2] ?? ''));
      return;
    }
    const m = /^\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
    if (!m) {
      req.resume();
      this.stats.notFound++;
      sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    if (safeDecode(m[1] ?? '') !== this.token) {
      req.resume();
      this.stats.unauthorized++;
      sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    const requested = m[2] ?? '';
    const entry = this.handlers.get(requested.toLowerCase());

    let payload: Json;
    let files: UploadedFile[];
    try {
      ({ payload, files } = await parseRequest(req, url));
    } catch (err) {
      const code = err instanceof TgError ? err.code : 400;
      const description = err instanceof TgError ? err.description : `Bad Request: ${String(err)}`;
      const error: ApiErrorBody = { ok: false, error_code: code, description };
      this.record({ method: entry?.name ?? requested, payload: {}, files: [], at, ok: false, error, aborted: ac.signal.aborted });
      sendJson(res, code, error);
      return;
    }

    if (!entry) {
      this.stats.notFound++;
      const error: ApiErrorBody = { ok: false, error_code: 404, description: 'Not Found' };
      this.record({ method: requested, payload, files, at, ok: false, error, aborted: false });
      sendJson(res, 404, error);
      return;
    }

    let status = 200;
    let body: Json;
    try {
      this.checkInjectedFailure(entry.name, payload);
      this.checkRateLimit(entry.name, payload);
      let result = await entry.fn({ method: entry.name, payload, files, signal: ac.signal });
      if (result instanceof Described) {
        body = { ok: true, result: result.result, description: result.description };
        result = result.result;
      } else {
        body = { ok: true, result };
      }
      this.record({ method: entry.name, payload, files, at, ok: true, result, aborted: ac.signal.aborted });
    } catch (err) {
      const e = err instanceof TgError ? err : new TgError(500, `Internal Server Error: ${String(err)}`);
      const error: ApiErrorBody = { ok: false, error_code: e.code, description: e.description };
      if (e.parameters) error.parameters = e.parameters;
      status = e.code;
      body = { ...error };
      this.record({ method: entry.name, payload, files, at, ok: false, error, aborted: ac.signal.aborted });
    }
    sendJson(res, status, body);
  }

  private serveFile(_req: http.IncomingMessage, res: http.ServerResponse, token: string, filePath: string): void {
    if (token !== this.token) {
      this.stats.unauthorized++;
      sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    const rec = this.filesByPath.get(filePath);
    if (!rec) {
      sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    if (res.destroyed) return;
    res.writeHead(200, {
      'content-type': rec.mimeType ?? (rec.kind === 'photo' ? 'image/jpeg' : 'application/octet-stream'),
      'content-length': rec.data.length,
    });
    res.end(rec.data);
  }

  private record(c: Omit<RecordedCall, 'index' | 'finishedAt'>): void {
    const call: RecordedCall = { ...c, index: this.calls.length, finishedAt: Date.now() };
    this.calls.push(call);
    for (const listener of [...this.callListeners]) {
      try {
        listener(call);
      } catch {
        /* a listener's bug must not break the fake */
      }
    }
    for (const w of [...this.waiters]) {
      if (call.index >= w.after && safePredicate(w.predicate, call)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(call);
      }
    }
  }

  private canonical(method: string): string | undefined {
    return this.handlers.get(method.toLowerCase())?.name;
  }

  private checkInjectedFailure(method: string, payload: Json): void {
    const idx = this.failures.findIndex(
      (f) => f.method === method && f.remaining > 0 && (f.chatId === undefined || sameId(f.chatId, payload.chat_id)),
    );
    if (idx < 0) return;
    const f = this.failures[idx];
    if (!f) return;
    f.remaining--;
    if (f.remaining <= 0) this.failures.splice(idx, 1);
    this.stats.injectedFailures++;
    const parameters: { retry_after?: number; migrate_to_chat_id?: number } = {};
    const retryAfter = f.retry_after ?? (f.error_code === 429 ? 1 : undefined);
    if (retryAfter !== undefined) parameters.retry_after = retryAfter;
    if (f.migrate_to_chat_id !== undefined) parameters.migrate_to_chat_id = f.migrate_to_chat_id;
    if (f.error_code === 429) this.stats.tooManyRequests++;
    throw new TgError(
      f.error_code,
      f.description ?? defaultDescription(f.error_code, retryAfter),
      Object.keys(parameters).length ? parameters : undefined,
    );
  }

  private checkRateLimit(method: string, payload: Json): void {
    const rl = this.opts.rateLimit;
    if (!rl || !METHODS_WITH_RATE_LIMIT.has(method)) return;
    const now = Date.now();
    const prune = (arr: number[]): void => {
      while (arr.length > 0 && (arr[0] ?? 0) <= now - 1000) arr.shift();
    };
    prune(this.globalSends);
    const chatKey = payload.chat_id === undefined ? undefined : String(payload.chat_id);
    let perChat: number[] | undefined;
    if (chatKey !== undefined) {
      perChat = this.chatSends.get(chatKey);
      if (!perChat) {
        perChat = [];
        this.chatSends.set(chatKey, perChat);
      }
      prune(perChat);
    }
    const overGlobal = rl.perSecondGlobal !== undefined && this.globalSends.length >= rl.perSecondGlobal;
    const overChat = rl.perSecondPerChat !== undefined && perChat !== undefined && perChat.length >= rl.perSecondPerChat;
    if (overGlobal || overChat) {
      this.stats.tooManyRequests++;
      throw new TgError(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    }
    this.globalSends.push(now);
    perChat?.push(now);
  }

  // ─────────────────────────── state helpers ───────────────────────────

  private chatState(chatId: ChatId): ChatState {
    const key = String(chatId);
    let s = this.chats.get(key);
    if (!s) {
      s = { nextMessageId: 1, messages: new Map() };
      this.chats.set(key, s);
    }
    return s;
  }

  private rememberUser(user: FakeUser): void {
    this.users.set(user.id, { ...this.users.get(user.id), ...user });
  }

  private userObject(user: FakeUser): Json {
    const u: Json = { id: user.id, is_bot: false, first_name: user.first_name };
    if (user.last_name !== undefined) u.last_name = user.last_name;
    if (user.username !== undefined) u.username = user.username;
    if (user.language_code !== undefined) u.language_code = user.language_code;
    if (user.is_premium !== undefined) u.is_premium = user.is_premium;
    return u;
  }

  private chatFor(chatId: ChatId): Json {
    const n = typeof chatId === 'number' ? chatId : Number(chatId);
    if (!Number.isSafeInteger(n)) throw badRequest('chat not found');
    if (n < 0) {
      return { id: n, type: n <= -1_000_000_000_000 ? 'supergroup' : 'group', title: `Test group ${-n}` };
    }
    const user = this.users.get(n);
    const chat: Json = { id: n, type: 'private', first_name: user?.first_name ?? `User ${n}` };
    if (user?.last_name !== undefined) chat.last_name = user.last_name;
    if (user?.username !== undefined) chat.username = user.username;
    return chat;
  }

  private chatInstance(chatId: number): string {
    const key = String(chatId);
    let v = this.chatInstances.get(key);
    if (!v) {
      v = String(BigInt.asIntN(64, BigInt(`0x${randomBytes(8).toString('hex')}`)));
      this.chatInstances.set(key, v);
    }
    return v;
  }

  private userMessage(user: FakeUser): Json {
    this.rememberUser(user);
    const chat = this.chatState(user.id);
    return {
      message_id: chat.nextMessageId++,
      from: this.userObject(user),
      chat: this.chatFor(user.id),
      date: nowSec(),
    };
  }

  private textMessage(user: FakeUser, text: string): Json {
    const msg = this.userMessage(user);
    msg.text = text;
    const cmd = /^\/[^\s]+/.exec(text);
    if (cmd) msg.entities = [{ type: 'bot_command', offset: 0, length: cmd[0].length }];
    return msg;
  }

  private queueMessage(user: FakeUser, msg: Json): number {
    this.storeUserMessage(user, msg);
    return this.enqueue({ message: msg });
  }

  private storeUserMessage(user: FakeUser, msg: Json): void {
    const chat = this.chatState(user.id);
    const text = typeof msg.text === 'string' ? msg.text : typeof msg.caption === 'string' ? msg.caption : undefined;
    chat.messages.set(msg.message_id as number, {
      message: msg,
      fromBot: false,
      rawText: text,
      parseMode: undefined,
      hasText: typeof msg.text === 'string',
    });
  }

  private enqueue(body: Json): number {
    if (this.stopped) throw new Error('FakeBotApi is stopped');
    const id = this.nextUpdateId++;
    this.pushUpdate({ update_id: id, ...body });
    return id;
  }

  private pushUpdate(u: Update): void {
    if (this.stopped) throw new Error('FakeBotApi is stopped');
    this.queue.push(u);
    this.queue.sort((a, b) => a.update_id - b.update_id);
    for (const wake of [...this.updateListeners]) wake();
    this.pumpWebhooks();
  }

  private registerFile(kind: FileRecord['kind'], data: Buffer, extra: Partial<FileRecord> = {}): FileRecord {
    const n = ++this.fileCounter;
    const prefix: Record<FileRecord['kind'], string> = {
      photo: 'AgACAgIAAxkBAAI',
      document: 'BQACAgIAAxkBAAI',
      video: 'BAACAgIAAxkBAAI',
      audio: 'CQACAgIAAxkBAAI',
      voice: 'AwACAgIAAxkBAAI',
      animation: 'CgACAgIAAxkBAAI',
      sticker: 'CAACAgIAAxkBAAI',
      other: 'BQACAgIAAxkBAAI',
    };
    const dir: Record<FileRecord['kind'], string> = {
      photo: 'photos',
      document: 'documents',
      video: 'videos',
      audio: 'music',
      voice: 'voice',
      animation: 'animations',
      sticker: 'stickers',
      other: 'documents',
    };
    const ext = kind === 'photo' ? 'jpg' : extOf(extra.fileName) || 'dat';
    const rec: FileRecord = {
      fileId: `${prefix[kind]}${n.toString(36).padStart(3, '0')}${randomToken(36)}`,
      uniqueId: `AQAD${randomToken(12)}`,
      kind,
      data: Buffer.from(data),
      filePath: `${dir[kind]}/file_${n}.${ext}`,
      ...extra,
    };
    this.files.set(rec.fileId, rec);
    this.filesByPath.set(rec.filePath, rec);
    return rec;
  }

  /** Registers a photo in two sizes (thumbnail-ish and full) like Telegram's PhotoSize[]. */
  private registerPhoto(bytes: Buffer, width?: number, height?: number): Json[] {
    const detected = imageSize(bytes);
    const w = width ?? detected?.width ?? 1280;
    const h = height ?? detected?.height ?? 960;
    const scale = Math.min(1, 320 / Math.max(w, h));
    const small = this.registerFile('photo', bytes, {
      width: Math.max(1, Math.round(w * scale)),
      height: Math.max(1, Math.round(h * scale)),
      mimeType: 'image/jpeg',
    });
    const big = this.registerFile('photo', bytes, { width: w, height: h, mimeType: 'image/jpeg' });
    const sizes = [small, big].map((r) => ({
      file_id: r.fileId,
      file_unique_id: r.uniqueId,
      file_size: r.data.length,
      width: r.width,
      height: r.height,
    }));
    this.photoSets.set(small.fileId, sizes);
    this.photoSets.set(big.fileId, sizes);
    return sizes;
  }

  /** Resolves an InputFile-ish parameter (attach://, file_id, URL, or a direct multipart part). */
  private resolveInput(
    value: unknown,
    files: UploadedFile[],
    attachedTo: string,
    kind: FileRecord['kind'],
  ): { upload?: UploadedFile; existing?: FileRecord; url?: string } {
    if (typeof value === 'string' && value.startsWith('attach://')) {
      const name = value.slice('attach://'.length);
      const upload = files.find((f) => f.field === name);
      if (!upload) throw badRequest(`wrong file identifier/HTTP URL specified`);
      upload.attachedTo = attachedTo;
      return { upload };
    }
    const direct = files.find((f) => f.field === attachedTo);
    if (direct && (value === undefined || isRecord(value))) {
      direct.attachedTo = attachedTo;
      return { upload: direct };
    }
    if (typeof value === 'string' && value.length > 0) {
      if (/^https?:\/\//i.test(value)) return { url: value };
      const existing = this.files.get(value);
      if (!existing) throw badRequest('wrong file identifier/HTTP URL specified');
      if (existing.kind !== kind && !(kind === 'document' && existing.kind !== 'photo')) {
        throw badRequest('type of file mismatch');
      }
      return { existing };
    }
    throw badRequest(`there is no ${kind} in the request`);
  }

  // ─────────────────────────── message building ───────────────────────────

  private botMessage(chatId: ChatId, payload: Json): { msg: Json; chat: ChatState } {
    const chatObj = this.chatFor(chatId);
    const chat = this.chatState(chatObj.id as number);
    const msg: Json = {
      message_id: chat.nextMessageId++,
      from: { ...this.botUser },
      chat: chatObj,
      date: nowSec(),
    };
    if (typeof payload.message_thread_id === 'number') msg.message_thread_id = payload.message_thread_id;
    const replyParams = isRecord(payload.reply_parameters) ? payload.reply_parameters : undefined;
    const replyTo = replyParams?.message_id ?? payload.reply_to_message_id;
    if (replyTo !== undefined) {
      const replied = chat.messages.get(Number(replyTo));
      const allowMissing = replyParams?.allow_sending_without_reply === true || payload.allow_sending_without_reply === true;
      if (replied) {
        const copy = { ...replied.message };
        delete copy.reply_to_message;
        msg.reply_to_message = copy;
      } else if (!allowMissing) {
        chat.nextMessageId--;
        throw badRequest('message to be replied not found');
      }
    }
    return { msg, chat };
  }

  private storeBotMessage(chat: ChatState, msg: Json, rawText: string | undefined, parseMode: string | undefined, hasText: boolean): void {
    chat.messages.set(msg.message_id as number, { message: msg, fromBot: true, rawText, parseMode, hasText });
  }

  private renderText(text: string, parseMode: unknown): string {
    if (typeof parseMode === 'string' && parseMode.toLowerCase() === 'html') {
      return renderHtml(text, this.opts.validateHtml !== false);
    }
    return text;
  }

  private applyReplyMarkup(msg: Json, markup: unknown): void {
    validateReplyMarkup(markup);
    // Telegram only echoes inline keyboards in the returned Message.
    if (isRecord(markup) && Array.isArray(markup.inline_keyboard)) msg.reply_markup = markup;
  }

  private applyCaption(msg: Json, payload: Json): string | undefined {
    if (payload.caption === undefined) return undefined;
    const raw = String(payload.caption);
    const rendered = this.renderText(raw, payload.parse_mode);
    if (rendered.length > 1024) throw badRequest('message caption is too long');
    if (rendered.length > 0) msg.caption = rendered;
    return raw;
  }

  private requireChat(payload: Json): ChatId {
    const chatId = payload.chat_id;
    if (chatId === undefined || chatId === '') throw badRequest('chat_id is empty');
    if (typeof chatId !== 'number' && typeof chatId !== 'string') throw badRequest('chat not found');
    if (typeof chatId === 'string' && !/^-?\d+$/.test(chatId)) throw badRequest('chat not found');
    return Number(chatId);
  }

  private findEditable(payload: Json): { chat: ChatState; stored: StoredMessage } | 'inline' {
    if (payload.inline_message_id !== undefined) return 'inline';
    const chatId = this.requireChat(payload);
    if (payload.message_id === undefined) throw badRequest('message identifier is not specified');
    const chat = this.chats.get(String(chatId));
    const stored = chat?.messages.get(Number(payload.message_id));
    if (!chat || !stored) throw badRequest('message to edit not found');
    if (!stored.fromBot) throw badRequest("message can't be edited");
    return { chat, stored };
  }

  // ─────────────────────────── method handlers ───────────────────────────

  private registerHandlers(): void {
    const on = (name: string, fn: Handler): void => {
      this.handlers.set(name.toLowerCase(), { name, fn });
    };
    const trueFor = (...names: string[]): void => {
      for (const n of names) on(n, () => true);
    };

    on('getMe', () => ({ ...this.botUser }));
    trueFor(
      'logOut',
      'close',
      'setMyDescription',
      'setMyShortDescription',
      'setMyName',
      'setMyDefaultAdministratorRights',
      'pinChatMessage',
      'unpinChatMessage',
    );
    on('getMyDescription', () => ({ description: '' }));
    on('getMyShortDescription', () => ({ short_description: '' }));
    on('getMyName', () => ({ name: this.botUser.first_name }));

    on('setWebhook', ({ payload }) => {
      if (typeof payload.url !== 'string') throw badRequest('bad webhook: URL must be provided');
      if (payload.url === '') {
        this.webhook = undefined;
        return new Described(true, 'Webhook was deleted');
      }
      if (!/^https:\/\//i.test(payload.url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
      const secret = payload.secret_token;
      if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
        throw badRequest('secret token contains unallowed characters');
      }
      const max = typeof payload.max_connections === 'number' ? Math.trunc(payload.max_connections) : 40;
      this.webhook = { url: payload.url, allowedUpdates: payload.allowed_updates, secretToken: secret, maxConnections: Math.min(100, Math.max(1, max)) };
      if (payload.drop_pending_updates === true) this.queue.length = 0;
      // After this answer: Telegram starts delivering once the webhook is set.
      setImmediate(() => this.pumpWebhooks());
      return new Described(true, 'Webhook was set');
    });
    on('deleteWebhook', ({ payload }) => {
      const had = this.webhook !== undefined;
      this.webhook = undefined;
      if (payload.drop_pending_updates === true) {
        this.queue.length = 0;
        for (const l of [...this.confirmListeners]) l();
      }
      return new Described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
    });
    on('getWebhookInfo', () => {
      const info: Json = {
        url: this.webhook?.url ?? '',
        has_custom_certificate: false,
        pending_update_count: this.queue.length,
      };
      if (this.webhook) info.max_connections = this.webhook.maxConnections;
      if (this.webhook && this.webhookError) {
        info.last_error_date = this.webhookError.date;
        info.last_error_message = this.webhookError.message;
      }
      return info;
    });

    on('setMyCommands', ({ payload }) => {
      const commands = payload.commands;
      if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
      if (commands.length > 100) throw badRequest('too many commands');
      for (const c of commands) {
        if (!isRecord(c) || typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
          throw badRequest('BOT_COMMAND_INVALID');
        }
        if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
          throw badRequest('command description must be non-empty');
        }
      }
      const list = commands.filter(isRecord).map((c) => ({ command: c.command, description: c.description }));
      this.commands.set(commandsKey(payload.scope, payload.language_code), list);
      return true;
    });
    on('getMyCommands', ({ payload }) => this.commands.get(commandsKey(payload.scope, payload.language_code)) ?? []);
    on('deleteMyCommands', ({ payload }) => {
      this.commands.delete(commandsKey(payload.scope, payload.language_code));
      return true;
    });
    on('setChatMenuButton', ({ payload }) => {
      const button = isRecord(payload.menu_button) ? payload.menu_button : { type: 'default' };
      const type = button.type;
      if (type !== 'default' && type !== 'commands' && type !== 'web_app') throw badRequest('unsupported menu button type');
      this.menuButtons.set(payload.chat_id === undefined ? 'default' : String(payload.chat_id), button);
      return true;
    });
    on('getChatMenuButton', ({ payload }) => {
      const key = payload.chat_id === undefined ? 'default' : String(payload.chat_id);
      return this.menuButtons.get(key) ?? this.menuButtons.get('default') ?? { type: 'commands' };
    });

    on('getUpdates', (ctx) => this.getUpdates(ctx));

    on('sendMessage', ({ payload }) => {
      const chatId = this.requireChat(payload);
      if (payload.text === undefined || String(payload.text).length === 0) throw badRequest('message text is empty');
      const raw = String(payload.text);
      const rendered = this.renderText(raw, payload.parse_mode);
      if (rendered.trim().length === 0) throw badRequest('message text is empty');
      if (rendered.length > 4096) throw badRequest('message is too long');
      validateReplyMarkup(payload.reply_markup);
      const { msg, chat } = this.botMessage(chatId, payload);
      msg.text = rendered;
      if (isRecord(payload.link_preview_options)) msg.link_preview_options = payload.link_preview_options;
      this.applyReplyMarkup(msg, payload.reply_markup);
      this.storeBotMessage(chat, msg, raw, stringOr(payload.parse_mode), true);
      return msg;
    });

    on('editMessageText', ({ payload }) => {
      if (payload.text === undefined || String(payload.text).length === 0) throw badRequest('message text is empty');
      const raw = String(payload.text);
      const rendered = this.renderText(raw, payload.parse_mode);
      if (rendered.trim().length === 0) throw badRequest('message text is empty');
      if (rendered.length > 4096) throw badRequest('MESSAGE_TOO_LONG');
      validateReplyMarkup(payload.reply_markup);
      const target = this.findEditable(payload);
      if (target === 'inline') return true;
      const { stored } = target;
      if (!stored.hasText) throw badRequest('there is no text in the message to edit');
      const oldMarkup = stableStringify(stored.message.reply_markup);
      const newMarkup = stableStringify(inlineOnly(payload.reply_markup));
      if (stored.rawText === raw && stored.parseMode === stringOr(payload.parse_mode) && oldMarkup === newMarkup) {
        throw badRequest(
          'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      const msg: Json = { ...stored.message, text: rendered, edit_date: nowSec() };
      delete msg.reply_markup;
      this.applyReplyMarkup(msg, payload.reply_markup);
      stored.message = msg;
      stored.rawText = raw;
      stored.parseMode = stringOr(payload.parse_mode);
      return msg;
    });

    on('editMessageCaption', ({ payload }) => {
      validateReplyMarkup(payload.reply_markup);
      const target = this.findEditable(payload);
      if (target === 'inline') return true;
      const { stored } = target;
      if (stored.hasText) throw badRequest('there is no caption in the message to edit');
      const msg: Json = { ...stored.message, edit_date: nowSec() };
      delete msg.caption;
      const raw = this.applyCaption(msg, payload);
      if (raw === stored.rawText && stableStringify(stored.message.reply_markup) === stableStringify(inlineOnly(payload.reply_markup))) {
        throw badRequest(
          'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      delete msg.reply_markup;
      this.applyReplyMarkup(msg, payload.reply_markup);
      stored.message = msg;
      stored.rawText = raw;
      return msg;
    });

    on('editMessageReplyMarkup', ({ payload }) => {
      validateReplyMarkup(payload.reply_markup);
      const target = this.findEditable(payload);
      if (target === 'inline') return true;
      const { stored } = target;
      if (stableStringify(stored.message.reply_markup) === stableStringify(inlineOnly(payload.reply_markup))) {
        throw badRequest(
          'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      const msg: Json = { ...stored.message, edit_date: nowSec() };
      delete msg.reply_markup;
      this.applyReplyMarkup(msg, payload.reply_markup);
      stored.message = msg;
      return msg;
    });

    on('deleteMessage', ({ payload }) => {
      const chatId = this.requireChat(payload);
      const chat = this.chats.get(String(chatId));
      const id = Number(payload.message_id);
      if (!chat || !chat.messages.has(id)) throw badRequest('message to delete not found');
      chat.messages.delete(id);
      return true;
    });
    on('deleteMessages', ({ payload }) => {
      const chatId = this.requireChat(payload);
      const chat = this.chats.get(String(chatId));
      const ids = Array.isArray(payload.message_ids) ? payload.message_ids : [];
      for (const id of ids) chat?.messages.delete(Number(id));
      return true;
    });

    on('answerCallbackQuery', ({ payload }) => {
      const id = typeof payload.callback_query_id === 'string' ? payload.callback_query_id : String(payload.callback_query_id ?? '');
      const q = this.callbackQueries.get(id);
      if (!q || q.answered) {
        throw badRequest('query is too old and response timeout expired or query ID is invalid');
      }
      if (typeof payload.text === 'string' && payload.text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
      q.answered = true;
      return true;
    });

    on('sendChatAction', ({ payload }) => {
      const chatId = this.requireChat(payload);
      this.chatFor(chatId);
      if (typeof payload.action !== 'string' || !CHAT_ACTIONS.has(payload.action)) {
        throw badRequest('wrong parameter action in request');
      }
      return true;
    });

    on('sendPhoto', ({ payload, files }) => {
      const chatId = this.requireChat(payload);
      const input = this.resolveInput(payload.photo, files, 'photo', 'photo');
      validateReplyMarkup(payload.reply_markup);
      const { msg, chat } = this.botMessage(chatId, payload);
      try {
        msg.photo = this.photoFromInput(input);
        const raw = this.applyCaption(msg, payload);
        if (payload.has_spoiler === true) msg.has_media_spoiler = true;
        this.applyReplyMarkup(msg, payload.reply_markup);
        this.storeBotMessage(chat, msg, raw, stringOr(payload.parse_mode), false);
      } catch (err) {
        chat.nextMessageId--;
        throw err;
      }
      return msg;
    });

    on('sendDocument', ({ payload, files }) => {
      const chatId = this.requireChat(payload);
      const input = this.resolveInput(payload.document, files, 'document', 'document');
      validateReplyMarkup(payload.reply_markup);
      const { msg, chat } = this.botMessage(chatId, payload);
      try {
        msg.document = documentObject(this.documentFromInput(input));
        const raw = this.applyCaption(msg, payload);
        this.applyReplyMarkup(msg, payload.reply_markup);
        this.storeBotMessage(chat, msg, raw, stringOr(payload.parse_mode), false);
      } catch (err) {
        chat.nextMessageId--;
        throw err;
      }
      return msg;
    });

    on('sendMediaGroup', ({ payload, files }) => {
      const chatId = this.requireChat(payload);
      const media = payload.media;
      if (!Array.isArray(media)) throw badRequest("can't parse InputMedia JSON object");
      if (media.length < 2 || media.length > 10) throw badRequest('wrong number of media specified: must be 2-10');
      const items = media.map((m, i) => {
        if (!isRecord(m)) throw badRequest("can't parse InputMedia JSON object");
        const type = m.type;
        if (type !== 'photo' && type !== 'document' && type !== 'video' && type !== 'audio') {
          throw badRequest('unsupported media type');
        }
        const kind: 'photo' | 'document' | 'video' | 'audio' = type;
        return { item: m, type: kind, input: this.resolveInput(m.media, files, `media[${i}]`, kind) };
      });
      const groupId = `${Date.now()}${++this.mediaGroupCounter}`;
      const result: Json[] = [];
      for (const { item, type, input } of items) {
        const { msg, chat } = this.botMessage(chatId, payload);
        msg.media_group_id = groupId;
        if (type === 'photo') msg.photo = this.photoFromInput(input);
        else if (type === 'document') msg.document = documentObject(this.documentFromInput(input));
        else msg[type] = documentObject(this.documentFromInput(input, type));
        const raw = this.applyCaption(msg, item);
        this.storeBotMessage(chat, msg, raw, stringOr(item.parse_mode), false);
        result.push(msg);
      }
      return result;
    });

    on('getFile', ({ payload }) => {
      const id = typeof payload.file_id === 'string' ? payload.file_id : '';
      if (id === '') throw badRequest('file_id not specified');
      const rec = this.files.get(id);
      if (!rec) throw badRequest('invalid file_id');
      const result: Json = { file_id: rec.fileId, file_unique_id: rec.uniqueId, file_size: rec.data.length };
      if (rec.data.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
      result.file_path = rec.filePath;
      return result;
    });
  }

  private photoFromInput(input: { upload?: UploadedFile; existing?: FileRecord; url?: string }): Json[] {
    if (input.existing) {
      const set = this.photoSets.get(input.existing.fileId);
      if (set) return set;
      return this.registerPhoto(input.existing.data);
    }
    if (input.upload) return this.registerPhoto(input.upload.data);
    const sizes = this.registerPhoto(Buffer.alloc(0));
    for (const s of sizes) {
      const rec = this.files.get(String(s.file_id));
      if (rec && input.url) rec.sourceUrl = input.url;
    }
    return sizes;
  }

  private documentFromInput(
    input: { upload?: UploadedFile; existing?: FileRecord; url?: string },
    kind: FileRecord['kind'] = 'document',
  ): FileRecord {
    if (input.existing) return input.existing;
    if (input.upload) {
      return this.registerFile(kind, input.upload.data, {
        fileName: input.upload.fileName,
        mimeType: mimeFor(input.upload.fileName, input.upload.contentType),
      });
    }
    let fileName = 'file';
    try {
      if (input.url) fileName = safeDecode(new URL(input.url).pathname.split('/').pop() ?? '') || 'file';
    } catch {
      /* keep default */
    }
    return this.registerFile(kind, Buffer.alloc(0), { fileName, mimeType: mimeFor(fileName), sourceUrl: input.url });
  }

  private async getUpdates(ctx: CallContext): Promise<Json[]> {
    const { payload, signal } = ctx;
    this.stats.getUpdates++;
    if (this.webhook) {
      this.stats.conflicts++;
      throw new TgError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    // grammY's bot.stop() aborts the pending poll and immediately sends a final getUpdates; the
    // abort may reach us a moment later, so give a just-cancelled poll a short grace period.
    const deadline = Date.now() + 200;
    while (this.pollActive) {
      const left = deadline - Date.now();
      if (left <= 0 || !(await this.waitPollRelease(left))) {
        this.stats.conflicts++;
        throw new TgError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
      }
    }
    if (this.stopped) return [];
    this.pollActive = true;
    try {
      const offset = typeof payload.offset === 'number' ? Math.trunc(payload.offset) : 0;
      if (offset > 0) this.confirmBelow(offset);
      else if (offset < 0) this.confirmBelow((this.queue[this.queue.length + offset]?.update_id ?? 0));
      if (Array.isArray(payload.allowed_updates)) {
        this.allowedUpdates = payload.allowed_updates.filter((x): x is string => typeof x === 'string');
      }
      const limitRaw = typeof payload.limit === 'number' ? Math.trunc(payload.limit) : 100;
      const limit = Math.min(100, Math.max(1, limitRaw));
      const timeoutSec = typeof payload.timeout === 'number' && payload.timeout > 0 ? payload.timeout : 0;

      let batch = this.takeBatch(limit);
      if (batch.length === 0 && timeoutSec > 0 && !this.stopped && !signal.aborted) {
        const woke = await this.waitForUpdate(timeoutSec * 1000, signal);
        // Let updates injected in the same tick arrive together, like Telegram's batching.
        if (woke && !this.stopped) await tick();
        batch = this.takeBatch(limit);
      }
      return this.stopped ? [] : batch;
    } finally {
      this.pollActive = false;
      for (const l of [...this.pollReleaseListeners]) l();
    }
  }

  private confirmBelow(offset: number): void {
    const before = this.queue.length;
    while (this.queue.length > 0 && (this.queue[0]?.update_id ?? Infinity) < offset) this.queue.shift();
    if (this.queue.length !== before) for (const l of [...this.confirmListeners]) l();
  }

  private takeBatch(limit: number): Json[] {
    const allowed = this.allowedUpdates.length > 0 ? new Set(this.allowedUpdates) : undefined;
    const out: Json[] = [];
    for (let i = 0; i < this.queue.length && out.length < limit; ) {
      const u = this.queue[i];
      if (!u) break;
      if (!isDeliverable(u, allowed)) {
        // Telegram never delivers updates of types the bot didn't ask for.
        this.queue.splice(i, 1);
        continue;
      }
      out.push(structuredClone(u));
      i++;
    }
    return out;
  }

  private waitForUpdate(ms: number, signal: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const finish = (woke: boolean): void => {
        clearTimeout(timer);
        this.updateListeners.delete(onUpdate);
        signal.removeEventListener('abort', onAbort);
        resolve(woke);
      };
      const onUpdate = (): void => finish(true);
      const onAbort = (): void => finish(false);
      const timer = setTimeout(() => finish(false), ms);
      timer.unref();
      this.updateListeners.add(onUpdate);
      signal.addEventListener('abort', onAbort);
    });
  }

  private waitPollRelease(ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const finish = (released: boolean): void => {
        clearTimeout(timer);
        this.pollReleaseListeners.delete(onRelease);
        resolve(released);
      };
      const onRelease = (): void => finish(true);
      const timer = setTimeout(() => finish(false), ms);
      timer.unref();
      this.pollReleaseListeners.add(onRelease);
    });
  }
}

// ───────────────────────────── free helpers ─────────────────────────────

/** Whether Telegram would deliver `u` to a bot that asked for `allowed` (undefined: the default set). */
function isDeliverable(u: Json, allowed: Set<string> | undefined): boolean {
  const type = Object.keys(u).find((k) => k !== 'update_id');
  return type === undefined ? true : allowed ? allowed.has(type) : !DEFAULT_EXCLUDED_UPDATES.has(type);
}

/** The webhook queue an update is delivered in (its chat; else its sender; else its own). */
function webhookQueueKey(u: Update): string {
  for (const field of ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'business_message', 'message_reaction']) {
    const m = u[field];
    if (isRecord(m) && isRecord(m.chat) && m.chat.id !== undefined) return `chat:${String(m.chat.id)}`;
  }
  const cq = u.callback_query;
  if (isRecord(cq)) {
    if (isRecord(cq.message) && isRecord(cq.message.chat) && cq.message.chat.id !== undefined) return `chat:${String(cq.message.chat.id)}`;
    if (isRecord(cq.from) && cq.from.id !== undefined) return `user:${String(cq.from.id)}`;
  }
  return `update:${u.update_id}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function safePredicate<T>(predicate: (x: T) => boolean, x: T): boolean {
  try {
    return predicate(x);
  } catch {
    return false;
  }
}

function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function inlineOnly(markup: unknown): unknown {
  return isRecord(markup) && Array.isArray(markup.inline_keyboard) ? markup : undefined;
}

function commandsKey(scope: unknown, languageCode: unknown): string {
  const s = isRecord(scope) ? scope : { type: 'default' };
  return `${stableStringify(s)}|${typeof languageCode === 'string' ? languageCode : ''}`;
}

function defaultDescription(code: number, retryAfter: number | undefined): string {
  switch (code) {
    case 400:
      return 'Bad Request: chat not found';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden: bot was blocked by the user';
    case 404:
      return 'Not Found';
    case 409:
      return 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
    case 429:
      return `Too Many Requests: retry after ${retryAfter ?? 1}`;
    case 500:
      return 'Internal Server Error';
    case 502:
      return 'Bad Gateway';
    default:
      return `Error ${code}`;
  }
}

function documentObject(rec: FileRecord): Json {
  const d: Json = { file_id: rec.fileId, file_unique_id: rec.uniqueId };
  if (rec.fileName !== undefined) d.file_name = rec.fileName;
  if (rec.mimeType !== undefined) d.mime_type = rec.mimeType;
  d.file_size = rec.data.length;
  return d;
}

function validateReplyMarkup(markup: unknown): void {
  if (markup === undefined || markup === null) return;
  if (!isRecord(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in markup) {
    const rows = markup.inline_keyboard;
    if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) {
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    }
    for (const row of rows as unknown[][]) {
      for (const b of row) {
        if (!isRecord(b) || typeof b.text !== 'string') throw badRequest("can't parse inline keyboard button: Text must be a String");
        if (b.text.length === 0) throw badRequest('text buttons are unallowed in the inline keyboard');
        const actions = ['callback_data', 'url', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat', 'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay'];
        if (!actions.some((a) => b[a] !== undefined)) {
          throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
        if (b.callback_data !== undefined) {
          if (typeof b.callback_data !== 'string') throw badRequest('BUTTON_DATA_INVALID');
          const len = Buffer.byteLength(b.callback_data, 'utf8');
          if (len < 1 || len > 64) throw badRequest('BUTTON_DATA_INVALID');
        }
      }
    }
  } else if ('keyboard' in markup) {
    const rows = markup.keyboard;
    if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
    }
  }
}

function toSentMessages(call: RecordedCall): SentMessage[] {
  if (!call.ok) return [];
  const m = call.method;
  if (m !== 'sendMessage' && m !== 'sendPhoto' && m !== 'sendDocument' && m !== 'editMessageText') return [];
  const p = call.payload;
  const result = isRecord(call.result) ? call.result : undefined;
  const chat = result && isRecord(result.chat) ? result.chat : undefined;
  const chatId = (chat?.id as ChatId | undefined) ?? (p.chat_id as ChatId | undefined);
  const messageId = Number(result?.message_id ?? p.message_id);
  if (chatId === undefined || !Number.isFinite(messageId)) return []; // inline edits
  const rawText = m === 'sendMessage' || m === 'editMessageText' ? p.text : p.caption;
  return [
    {
      chatId,
      messageId,
      text: rawText === undefined ? undefined : String(rawText),
      replyMarkup: p.reply_markup,
      parseMode: stringOr(p.parse_mode),
      method: m,
      callIndex: call.index,
      call,
    },
  ];
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new TgError(413, 'Request Entity Too Large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', (err) => reject(err));
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

async function parseRequest(req: http.IncomingMessage, url: URL): Promise<{ payload: Json; files: UploadedFile[] }> {
  const payload: Json = {};
  for (const [k, v] of url.searchParams) payload[k] = coerceField(k, v);
  const files: UploadedFile[] = [];
  const body = await readBody(req);
  if (body.length === 0) return { payload, files };
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/json') || (!contentType && /^\s*\{/.test(body.toString('utf8', 0, 16)))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON");
    }
    if (!isRecord(parsed)) throw badRequest('JSON object expected');
    Object.assign(payload, parsed);
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) payload[k] = coerceField(k, v);
  } else if (contentType.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
    const b = boundary?.[1] ?? boundary?.[2];
    if (!b) throw badRequest('multipart boundary missing');
    let parts: MultipartPart[];
    try {
      parts = parseMultipart(body, b);
    } catch (err) {
      throw badRequest(`can't parse multipart body: ${String(err)}`);
    }
    for (const part of parts) {
      if (part.fileName !== undefined) {
        files.push({
          field: part.name,
          attachedTo: undefined,
          fileName: part.fileName,
          size: part.data.length,
          contentType: part.contentType ?? 'application/octet-stream',
          data: part.data,
        });
      } else {
        payload[part.name] = coerceField(part.name, part.data.toString('utf8'));
      }
    }
    // Resolve `attach://x` references (top-level and inside media arrays) to payload keys.
    for (const [k, v] of Object.entries(payload)) {
      if (typeof v === 'string' && v.startsWith('attach://')) {
        const f = files.find((x) => x.field === v.slice(9));
        if (f) f.attachedTo = k;
      }
      if (k === 'media' && Array.isArray(v)) {
        v.forEach((item, i) => {
          if (isRecord(item) && typeof item.media === 'string' && item.media.startsWith('attach://')) {
            const f = files.find((x) => x.field === (item.media as string).slice(9));
            if (f) f.attachedTo = `media[${i}]`;
          }
        });
      }
    }
    // Parts uploaded directly under the field name (e.g. `document`) belong to that field.
    for (const f of files) if (f.attachedTo === undefined && !(f.field in payload)) f.attachedTo = f.field;
  } else {
    throw badRequest(`unsupported content type ${contentType || '(none)'}`);
  }
  return { payload, files };
}
