/**
 * Mixed chat traffic for `bench:updates`: residents walking a nomination form in private chats,
 * about 60% typed form answers, 30% button presses and 10% `/start` (with deep-link payloads).
 *
 * Each chat follows a plan drawn in advance (seeded, so every run and every bot gets the same
 * shape), but presses are real: a press is a callback_query carrying the callback_data of a button
 * the bot actually sent to that chat (the latest message with an inline keyboard, read from the
 * outgoing calls), chosen by a pattern; when no button matches, the press is counted as missing.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import type { LocalCall } from './support.js';
import { percentile } from './support.js';

export type ActionKind = 'text' | 'press' | 'start';

/** One thing a resident does. `label` names the form step, for the per-step figures. */
export type Action =
  | { kind: 'text' | 'start'; label: string; text: string }
  | { kind: 'press'; label: string; data: RegExp; pick?: 'first' | 'random' };

/** A small deterministic generator (mulberry32): plans depend on the seed only. */
export function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}
export type Rng = ReturnType<typeof rng>;

// ───────────────────────────── what residents type ─────────────────────────────

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Ngọc', 'Quang', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Lan', 'Hùng', 'Mai', 'Tuấn', 'Hương', 'Dũng', 'Hà', 'Sơn'];
const ROLES = ['bảo vệ chợ', 'giáo viên tiểu học', 'tổ trưởng tổ dân phố', 'lái xe ôm', 'bác sĩ trạm y tế', 'sinh viên'];
const PLACES = ['cổng chợ Xuân Phương', 'ngã tư Cầu Diễn', 'trường tiểu học Tây Mỗ', 'bến xe Mỹ Đình', 'nhà văn hoá tổ dân phố số 2'];
const DESCRIPTIONS = [
  'Nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tùy thân ở cổng chợ, đã mang đến Công an phường trả lại người mất.',
  'Lao xuống hồ cứu một cháu bé bị đuối nước lúc chiều tối, sau đó đưa cháu đến trạm y tế phường kịp thời.',
  'Nhiều năm liền tự nguyện quét dọn, trồng hoa ở ngõ xóm và vận động các hộ gia đình giữ gìn vệ sinh chung.',
  'Giúp một cụ già bị lạc đường về đến nhà an toàn, trời mưa to nhưng vẫn đưa cụ đi hỏi từng nhà trong khu phố.',
];
const UNIT_QUERIES_UNIQUE = ['tổ dân phố số 2 xuân phương', 'tổ dân phố số 3 tây mỗ', 'tổ dân phố số 1 đại mỗ', 'tổ dân phố số 4 từ liêm'];
const UNIT_QUERIES_LIST = ['xuan phuong', 'tây mỗ', 'dai mo', 'từ liêm'];

export const personName = (r: Rng) => `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`.toLowerCase();
const phone = (r: Rng) => `09${r.int(1, 9)}${r.int(0, 9)} ${String(r.int(0, 999)).padStart(3, '0')} ${String(r.int(0, 999)).padStart(3, '0')}`;
/** A past date as people type it: "hôm qua", or dd/mm/yyyy some days back (Vietnam time). */
function typedDate(r: Rng): string {
  if (r.chance(0.3)) return 'hôm qua';
  const day = new Date(Date.now() + 7 * 3_600_000 - r.int(2, 600) * 86_400_000);
  return `${day.getUTCDate()}/${day.getUTCMonth() + 1}/${day.getUTCFullYear()}`;
}
/** 22–64 characters of [A-Za-z0-9_-]: read as an invitation code (and not found). */
const invitationLike = (r: Rng) => Array.from({ length: 32 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789_-'[r.int(0, 57)]).join('');
/** The first message: /start from the bot's link, its "decu" deep link, or an invitation link. */
function firstStart(r: Rng): Action {
  const x = r.next();
  if (x < 0.4) return start('/start', '/start');
  if (x < 0.8) return start('/start decu', '/start decu');
  return start('/start <invitation>', `/start ${invitationLike(r)}`);
}

const text = (label: string, value: string): Action => ({ kind: 'text', label, text: value });
const press = (label: string, data: RegExp, pick: 'first' | 'random' = 'first'): Action => ({ kind: 'press', label, data, pick });
const start = (label: string, value: string): Action => ({ kind: 'start', label, text: value });

/** Inserts a later `/start` (the resident opening the bot's link again) before one of the typed answers. */
function withReturn(plan: Action[], r: Rng, probability: number): Action[] {
  if (!r.chance(probability)) return plan;
  const typed = plan.map((action, index) => (index > 3 && action.kind === 'text' ? index : -1)).filter((index) => index > 0);
  if (!typed.length) return plan;
  const at = r.pick(typed);
  return [...plan.slice(0, at), start('/start again (form open)', r.chance(0.7) ? '/start decu' : '/start'), ...plan.slice(at)];
}

/**
 * Our resident's form (src/core/nomination/form.ts), the way people answer it: the steps that
 * take typed words (consent, dates, optional fields, the pledge, "gửi") are mostly typed, as they
 * are on Zalo; some answers are wrong first (a one-word name, a short story, a bad phone) and are
 * asked again.
 */
export function ourPlan(r: Rng): Action[] {
  const plan: Action[] = [firstStart(r), press('menu', /^menu\|nominate$/)];
  plan.push(r.chance(0.8) ? text('consent', 'đồng ý') : press('consent', /^consent\|agree$/));
  plan.push(press('kind', /^nomineeKind\|individual$/));
  if (r.chance(0.2)) plan.push(text('name (rejected)', r.pick(GIVEN).toLowerCase()));
  plan.push(text('nominee name', personName(r)));
  if (r.chance(0.6)) plan.push(text('unit search', r.pick(UNIT_QUERIES_UNIQUE)));
  else plan.push(text('unit search', r.pick(UNIT_QUERIES_LIST)), press('unit', /^unit\|u\d+$/, 'random'));
  plan.push(r.chance(0.9) ? text('birth year', String(r.int(1950, 2005))) : press('birth year', /^nomineeBirthYear\|_skip$/));
  plan.push(r.chance(0.9) ? text('role', r.pick(ROLES)) : press('role', /^nomineeRole\|_skip$/));
  plan.push(press('category', /^deedCategory\|/, 'random'));
  if (r.chance(0.1)) plan.push(text('date (rejected)', '31/02/2025'));
  plan.push(r.chance(0.9) ? text('date', typedDate(r)) : press('date', /^deedDate\|yesterday$/));
  plan.push(r.chance(0.9) ? text('place', r.pick(PLACES)) : press('place', /^deedPlace\|_skip$/));
  if (r.chance(0.3)) plan.push(text('description (rejected)', 'Nhặt được ví.'));
  plan.push(text('description', r.pick(DESCRIPTIONS)));
  plan.push(press('evidence', /^evidence\|none$/));
  plan.push(text('nominator name', personName(r)));
  if (r.chance(0.2)) plan.push(text('phone (rejected)', '12345'));
  plan.push(text('phone', phone(r)));
  plan.push(press('relation', /^nominatorRelation\|/, 'random'));
  plan.push(r.chance(0.8) ? text('pledge', 'xác nhận') : press('pledge', /^pledge\|confirm$/));
  plan.push(r.chance(0.8) ? text('submit', 'gửi') : press('submit', /^summary\|submit$/));
  return withReturn(plan, r, 0.95);
}

/**
 * The 10-step form of the conversations baseline (bench/conversations-baseline.ts): consent,
 * kind, nominee name, unit, deed category, date, description, nominator name, phone, submit.
 * Answered the same way; a shorter form needs fewer returns for the same share of /start.
 */
export function baselinePlan(r: Rng): Action[] {
  const plan: Action[] = [firstStart(r), press('menu', /^menu\|nominate$/)];
  plan.push(r.chance(0.8) ? text('consent', 'đồng ý') : press('consent', /^consent\|agree$/));
  plan.push(press('kind', /^kind\|individual$/));
  if (r.chance(0.2)) plan.push(text('name (rejected)', r.pick(GIVEN).toLowerCase()));
  plan.push(text('nominee name', personName(r)));
  if (r.chance(0.6)) plan.push(text('unit search', r.pick(UNIT_QUERIES_UNIQUE)));
  else plan.push(text('unit search', r.pick(UNIT_QUERIES_LIST)), press('unit', /^unit\|u\d+$/, 'random'));
  plan.push(press('category', /^category\|/, 'random'));
  if (r.chance(0.1)) plan.push(text('date (rejected)', '31/02/2025'));
  plan.push(text('date', typedDate(r)));
  if (r.chance(0.3)) plan.push(text('description (rejected)', 'Nhặt được ví.'));
  plan.push(text('description', r.pick(DESCRIPTIONS)));
  plan.push(text('nominator name', personName(r)));
  if (r.chance(0.2)) plan.push(text('phone (rejected)', '12345'));
  plan.push(text('phone', phone(r)));
  plan.push(r.chance(0.8) ? text('submit', 'gửi') : press('submit', /^submit\|yes$/));
  return withReturn(plan, r, 0.35);
}

/** Share of each kind of update in a set of plans. */
export function mixOf(plans: Action[][]): Record<ActionKind, number> {
  const counts = { text: 0, press: 0, start: 0 };
  for (const plan of plans) for (const action of plan) counts[action.kind]++;
  const total = counts.text + counts.press + counts.start || 1;
  return { text: counts.text / total, press: counts.press / total, start: counts.start / total };
}

// ───────────────────────────── chats and updates ─────────────────────────────

interface Keyboard {
  messageId: number;
  text: string;
  markup: InlineKeyboardMarkup;
}

export class Chat {
  next = 0;
  keyboard: Keyboard | undefined;
  constructor(
    readonly id: number,
    readonly plan: Action[],
  ) {}
}

/** The chats of one run, by id; `observe` reads the bot's outgoing calls into each chat's latest keyboard. */
export class ChatBook {
  private readonly chats = new Map<number, Chat>();

  add(chat: Chat) {
    this.chats.set(chat.id, chat);
    return chat;
  }

  observe = (call: LocalCall) => {
    const chat = this.chats.get(Number(call.payload.chat_id));
    if (!chat) return;
    const markup = call.payload.reply_markup as Partial<InlineKeyboardMarkup> | undefined;
    const messageId = (call.result as { message_id?: number } | undefined)?.message_id ?? (call.payload.message_id as number | undefined);
    if ((call.method === 'sendMessage' || call.method === 'editMessageText') && markup?.inline_keyboard?.length && messageId !== undefined) {
      chat.keyboard = { messageId, text: String(call.payload.text ?? ''), markup: markup as InlineKeyboardMarkup };
    } else if (call.method === 'editMessageReplyMarkup' && chat.keyboard?.messageId === call.payload.message_id && !markup?.inline_keyboard?.length) {
      chat.keyboard = undefined;
    } else if (call.method === 'editMessageText' && chat.keyboard?.messageId === call.payload.message_id) {
      chat.keyboard = undefined; // edited into a message without buttons
    }
  };
}

let updateId = 1;
const now = () => Math.floor(Date.now() / 1000);
const person = (id: number) => ({ id, is_bot: false, first_name: 'Người dùng', language_code: 'vi' });
const privateChat = (id: number) => ({ id, type: 'private' as const, first_name: 'Người dùng' });

export function textUpdate(chatId: number, value: string): Update {
  const id = updateId++;
  const command = /^\/\S+/.exec(value);
  return {
    update_id: id,
    message: {
      message_id: id,
      date: now(),
      chat: privateChat(chatId),
      from: person(chatId),
      text: value,
      ...(command ? { entities: [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] } : {}),
    },
  };
}

export function pressUpdate(chatId: number, data: string, keyboard?: Keyboard): Update {
  const id = updateId++;
  return {
    update_id: id,
    callback_query: {
      id: String(id),
      from: person(chatId),
      chat_instance: String(chatId),
      data,
      message: {
        message_id: keyboard?.messageId ?? 1,
        date: now(),
        chat: privateChat(chatId),
        from: { id: 7000000001, is_bot: true, first_name: 'Bench' },
        text: keyboard?.text ?? 'q',
        ...(keyboard ? { reply_markup: keyboard.markup } : {}),
      },
    } as Update['callback_query'],
  };
}

/** The update for a chat's next action; undefined (counted as missing) when no button matches a press. */
function updateFor(chat: Chat, action: Action, r: Rng, blind: boolean): Update | undefined {
  if (action.kind !== 'press') return textUpdate(chat.id, action.text);
  if (blind) return pressUpdate(chat.id, 'bench|blind');
  const buttons = (chat.keyboard?.markup.inline_keyboard ?? []).flat().flatMap((button) => ('callback_data' in button && action.data.test(button.callback_data) ? [button.callback_data] : []));
  if (!buttons.length) return undefined;
  return pressUpdate(chat.id, action.pick === 'random' ? r.pick(buttons) : buttons[0]!, chat.keyboard);
}

// ───────────────────────────── the driver ─────────────────────────────

export interface RunResult {
  updates: number;
  wallMs: number;
  latencies: Float64Array;
  /** Event-loop delay p99 in ms over the run (perf_hooks.monitorEventLoopDelay). */
  loopP99: number;
  mix: Record<ActionKind, number>;
  /** Presses whose button was not on the chat's latest keyboard (the walk went off the form). */
  missing: Map<string, number>;
  /** Latencies by step label. */
  byStep: Map<string, number[]>;
  /** SQL statements by step label (exact only with one update in flight). */
  sqlByStep: Map<string, number>;
}

/**
 * Walks every chat's plan through `handle`, `concurrency` updates in flight (each from a different
 * chat; one chat's updates are sent in order, each after the previous was handled). Chats are
 * opened progressively, at most `window` at a time, and the next update is taken from a random open
 * chat, so the traffic interleaves chats at every stage of their forms.
 */
export async function drive(options: {
  chats: Chat[];
  handle: (update: Update) => Promise<unknown>;
  concurrency: number;
  window: number;
  seed: number;
  /** Presses carry made-up data (for a bot that sends no buttons). */
  blind?: boolean;
  onUpdate?: (chat: Chat, action: Action, update: Update) => void;
  /** A running count of SQL statements, read around each update. */
  sql?: () => number;
}): Promise<RunResult> {
  const r = rng(options.seed);
  const pending = [...options.chats];
  const idle: Chat[] = [];
  let open = 0;
  const latencies = new Float64Array(options.chats.reduce((sum, chat) => sum + chat.plan.length, 0));
  let count = 0;
  const kinds = { text: 0, press: 0, start: 0 };
  const missing = new Map<string, number>();
  const byStep = new Map<string, number[]>();
  const sqlByStep = new Map<string, number>();
  const take = (): Chat | undefined => {
    while (open < options.window && pending.length) {
      idle.push(pending.shift()!);
      open++;
    }
    if (!idle.length) return undefined;
    const index = Math.floor(r.next() * idle.length);
    const chat = idle[index]!;
    idle[index] = idle[idle.length - 1]!;
    idle.pop();
    return chat;
  };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let chat = take(); chat; chat = take()) {
        const action = chat.plan[chat.next++]!;
        const update = updateFor(chat, action, r, options.blind ?? false);
        if (update) {
          options.onUpdate?.(chat, action, update);
          const sqlBefore = options.sql?.() ?? 0;
          const t0 = performance.now();
          await options.handle(update);
          const ms = performance.now() - t0;
          sqlByStep.set(action.label, (sqlByStep.get(action.label) ?? 0) + (options.sql?.() ?? 0) - sqlBefore);
          latencies[count++] = ms;
          kinds[action.kind]++;
          let step = byStep.get(action.label);
          if (!step) byStep.set(action.label, (step = []));
          step.push(ms);
        } else {
          missing.set(action.label, (missing.get(action.label) ?? 0) + 1);
        }
        if (chat.next < chat.plan.length) idle.push(chat);
        else open--;
      }
    }),
  );
  const wallMs = performance.now() - started;
  loop.disable();
  const total = count || 1;
  return {
    updates: count,
    wallMs,
    latencies: latencies.subarray(0, count),
    loopP99: loop.percentile(99) / 1e6,
    mix: { text: kinds.text / total, press: kinds.press / total, start: kinds.start / total },
    missing,
    byStep,
    sqlByStep,
  };
}

/** updates/s, p50, p99 (ms), event-loop delay p99 (ms) and the mix, as a table row. */
export function row(label: string, concurrency: number, result: RunResult) {
  const sorted = Float64Array.from(result.latencies).sort();
  const asArray = sorted as unknown as number[];
  return {
    bot: label,
    chatsInFlight: concurrency,
    updates: result.updates,
    'updates/s': Math.round((result.updates / result.wallMs) * 1000),
    'p50 ms': Number(percentile(asArray, 50).toFixed(2)),
    'p99 ms': Number(percentile(asArray, 99).toFixed(2)),
    'mean ms': Number((sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)).toFixed(2)),
    'loop p99 ms': Number(result.loopP99.toFixed(1)),
    'text/press/start %': `${Math.round(result.mix.text * 100)}/${Math.round(result.mix.press * 100)}/${Math.round(result.mix.start * 100)}`,
  };
}
