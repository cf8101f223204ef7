/**
 * The peer baseline of `bench:updates`: the nomination form written the way a grammY bot usually
 * writes a form, with @grammyjs/conversations (v2, replay-based) and its state kept in PostgreSQL
 * by @grammyjs/storage-prisma (bench/prisma/schema.prisma, table bench_sessions).
 *
 * The plugin replays the conversation function from its start on every update, from a state that
 * holds every update and Bot API result of the conversation so far: its cost per update grows
 * along the form, as the per-step figures of `bench:updates` show.
 *
 * The form has 10 steps: consent, kind of nominee, nominee's name, unit (buttons, or typed and
 * searched), deed category, date, description, nominator's name, phone, submit. Like ours, it
 * - runs one update at a time per chat (@grammyjs/runner's sequentialize);
 * - validates with the app's own functions (readPersonName, parsePastDate, parsePhone,
 *   cleanText/visibleLength, UnitCatalog.search), asks again on a wrong answer, takes typed
 *   "đồng ý" / "gửi" for the consent and submit buttons;
 * - answers every button press, takes the buttons off an answered question, and replies;
 * - keeps the answers in the conversation's state (read and written in PostgreSQL on every update
 *   by the plugin, with `synchronous_commit = off` like our hot path), and on submit inserts one
 *   row (bench_submissions) through `conversation.external`;
 * - answers `/start` (any payload) with a welcome and the menu, leaving a form in progress to be
 *   continued by the next answer.
 * It does not: deduplicate redelivered updates, keep a user record (upsert per update), check
 * roles, record the consent in its own table, resolve invitation codes, number nominations
 * (NTV-YYYY-NNNNN), render texts through Fluent, nor ask our longer form's optional steps
 * (birth year, role, place, evidence, relation, pledge). Its unit list is loaded once at start.
 */
import { conversations, createConversation, type Conversation, type ConversationFlavor } from '@grammyjs/conversations';
import { sequentialize } from '@grammyjs/runner';
import { PrismaAdapter } from '@grammyjs/storage-prisma';
import { Bot, Context, InlineKeyboard, type ApiClientOptions } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { readPersonName } from '../src/core/form/steps.js';
import { DEFAULT_DEED_CATEGORIES } from '../src/core/nomination/vocabulary.js';
import { parsePastDate } from '../src/core/text/date.js';
import { cleanText, foldVietnamese, visibleLength } from '../src/core/text/normalize.js';
import { parsePhone } from '../src/core/text/phone.js';
import type { UnitCatalog } from '../src/core/units.js';
import type { BenchPrisma } from './bench-prisma.js';

type Outer = ConversationFlavor<Context>;
type Inner = Context;

const DESCRIPTION_MIN = 30;
const DESCRIPTION_MAX = 2000;
const MAX_DEED_AGE_YEARS = 5;
const KINDS: Record<string, string> = { individual: 'Cá nhân', collective: 'Tập thể', household: 'Hộ gia đình' };

export interface BaselineOptions {
  botInfo: UserFromGetMe;
  client: ApiClientOptions;
  prisma: BenchPrisma;
  units: UnitCatalog;
  /** Vietnamese label of a deed category. */
  categoryLabel: (id: string) => string;
  onError: (error: unknown) => void;
}

/** An answer read from an update, or the reason it was refused (asked again). */
type Read<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = <T>(error: string): Read<T> => ({ ok: false, error });

export function createBaselineBot(options: BaselineOptions): Bot<Outer> {
  const { units, prisma } = options;
  const bot = new Bot<Outer>('1:baseline', { botInfo: options.botInfo, client: options.client });
  const menu = new InlineKeyboard().text('Đề xuất người tốt, việc tốt', 'menu|nominate');
  const categories = DEFAULT_DEED_CATEGORIES.map((id) => ({ id, label: options.categoryLabel(id) }));
  const topUnits = units.children(null).slice(0, 8);

  async function nomination(conversation: Conversation<Outer, Inner>, ctx: Inner) {
    /** Asks `question` until `read` accepts an answer; presses are answered and their buttons taken off. */
    async function ask<T>(question: string, keyboard: InlineKeyboard | undefined, read: (answer: Inner) => Read<T> | Promise<Read<T>>): Promise<T> {
      await ctx.reply(question, keyboard ? { reply_markup: keyboard } : {});
      for (;;) {
        const answer = await conversation.wait();
        if (answer.callbackQuery) await answer.answerCallbackQuery();
        const result = await read(answer);
        if (result.ok) {
          if (answer.callbackQuery?.message) await answer.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
          return result.value;
        }
        await answer.reply(`${result.error}\n\n${question}`, keyboard ? { reply_markup: keyboard } : {});
      }
    }
    const typed = (answer: Inner) => answer.message?.text;
    const pressed = (answer: Inner, step: string) => {
      const data = answer.callbackQuery?.data;
      return data?.startsWith(`${step}|`) ? data.slice(step.length + 1) : undefined;
    };

    await ask('Để gửi đề xuất, Quý vị đồng ý cho phường xử lý các thông tin sẽ nhập (họ tên, số điện thoại)?', new InlineKeyboard().text('Đồng ý', 'consent|agree').text('Không đồng ý', 'consent|decline'), (answer) => {
      const value = pressed(answer, 'consent') ?? (foldVietnamese(typed(answer) ?? '') === 'dong y' ? 'agree' : undefined);
      return value === 'agree' ? ok(true) : no('Vui lòng bấm "Đồng ý" để tiếp tục.');
    });
    const kind = await ask<string>('Người được đề xuất là cá nhân, tập thể hay hộ gia đình?', new InlineKeyboard().text(KINDS.individual!, 'kind|individual').text(KINDS.collective!, 'kind|collective').text(KINDS.household!, 'kind|household'), (answer) => {
      const value = pressed(answer, 'kind');
      return value && value in KINDS ? ok(value) : no('Vui lòng chọn bằng các nút bên dưới.');
    });
    const nomineeName = await ask<string>('Họ và tên người được đề xuất?', undefined, (answer) => {
      const read = readPersonName({ kind: 'text', text: typed(answer) ?? '' }, 'nominee-name');
      return read.ok ? ok(read.name) : no('Vui lòng nhập đầy đủ họ và tên (chỉ gồm chữ cái).');
    });
    const unitKeyboard = (ids: number[]) => {
      const keyboard = new InlineKeyboard();
      for (const id of ids) keyboard.text(units.fullName(id) ?? String(id), `unit|u${id}`).row();
      return keyboard;
    };
    const unitId = await ask<number>('Người được đề xuất thuộc phường, tổ dân phố hay đơn vị nào? Chọn hoặc gõ tên để tìm.', unitKeyboard(topUnits.map((unit) => unit.id)), async (answer) => {
      const value = pressed(answer, 'unit');
      if (value) return /^u\d+$/.test(value) && units.get(Number(value.slice(1))) ? ok(Number(value.slice(1))) : no('Đơn vị không còn trong danh sách.');
      const query = typed(answer)?.trim() ?? '';
      if (foldVietnamese(query).length < 2) return no('Vui lòng gõ ít nhất 2 chữ của tên đơn vị.');
      const exact = units.exact(query);
      const found = exact.length === 1 ? exact : units.search(query);
      if (found.length === 1) return ok(found[0]!.id);
      if (found.length === 0) return no(`Không tìm thấy đơn vị "${query}".`);
      // Several: show them, and wait for a press on one of them (or another search).
      await answer.reply(`Tìm thấy ${found.length} đơn vị phù hợp:`, { reply_markup: unitKeyboard(found.slice(0, 8).map((unit) => unit.id)) });
      const choice = await conversation.waitForCallbackQuery(/^unit\|u\d+$/, { otherwise: (other) => other.reply('Vui lòng chọn một đơn vị bên trên.') });
      await choice.answerCallbackQuery();
      await choice.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
      const id = Number(choice.callbackQuery.data.slice('unit|u'.length));
      return units.get(id) ? ok(id) : no('Đơn vị không còn trong danh sách.');
    });
    const categoryKeyboard = new InlineKeyboard();
    for (const category of categories) categoryKeyboard.text(category.label, `category|${category.id}`).row();
    const category = await ask<string>('Việc làm tốt thuộc lĩnh vực nào?', categoryKeyboard, (answer) => {
      const value = pressed(answer, 'category');
      return value && categories.some((item) => item.id === value) ? ok(value) : no('Vui lòng chọn bằng các nút bên dưới.');
    });
    const now = new Date(await conversation.now());
    const deedDate = await ask<string>('Việc làm tốt diễn ra vào ngày nào? (ví dụ: 15/3/2025, "hôm qua")', undefined, (answer) => {
      const parsed = parsePastDate(typed(answer) ?? '', now, MAX_DEED_AGE_YEARS);
      return parsed.ok ? ok(parsed.date) : no('Ngày chưa đúng (ngày/tháng/năm, không ở tương lai, trong vòng 5 năm).');
    });
    const description = await ask<string>(`Xin kể lại việc làm tốt (${DESCRIPTION_MIN}–${DESCRIPTION_MAX} ký tự).`, undefined, (answer) => {
      const text = cleanText(typed(answer) ?? '');
      const length = visibleLength(text);
      return length >= DESCRIPTION_MIN && length <= DESCRIPTION_MAX ? ok(text) : no(`Nội dung cần từ ${DESCRIPTION_MIN} đến ${DESCRIPTION_MAX} ký tự (hiện có ${length}).`);
    });
    const nominatorName = await ask<string>('Họ và tên của Quý vị (người đề xuất)?', undefined, (answer) => {
      const read = readPersonName({ kind: 'text', text: typed(answer) ?? '' }, 'nominator-name');
      return read.ok ? ok(read.name) : no('Vui lòng nhập đầy đủ họ và tên (chỉ gồm chữ cái).');
    });
    const phone = await ask<string>('Số điện thoại của Quý vị?', undefined, (answer) => {
      const parsed = parsePhone(typed(answer) ?? '');
      return parsed.ok ? ok(parsed.e164) : no('Số điện thoại chưa đúng (ví dụ 0912 345 678).');
    });
    const summary = [
      'Kiểm tra lại đề xuất:',
      `Người được đề xuất: ${nomineeName} (${KINDS[kind]})`,
      `Đơn vị: ${units.fullName(unitId) ?? ''}`,
      `Lĩnh vực: ${options.categoryLabel(category)}`,
      `Ngày: ${deedDate}`,
      `Nội dung: ${description}`,
      `Người đề xuất: ${nominatorName}, ${phone}`,
    ].join('\n');
    await ask(summary, new InlineKeyboard().text('Gửi đề xuất', 'submit|yes'), (answer) =>
      pressed(answer, 'submit') === 'yes' || foldVietnamese(typed(answer) ?? '') === 'gui' ? ok(true) : no('Bấm "Gửi đề xuất" (hoặc gõ "gửi") để gửi.'),
    );
    const answers = { kind, nomineeName, unitId, category, deedDate, description, nominatorName, phone };
    const chatId = ctx.chatId ?? 0;
    const stored = await conversation.external(() => prisma.submission.create({ data: { chatId: BigInt(chatId), answers: JSON.stringify(answers) }, select: { id: true } }));
    await ctx.reply(`Đã nhận đề xuất số ${stored.id}. Cảm ơn Quý vị!`);
  }

  bot.use(sequentialize((ctx) => (ctx.chat ?? ctx.from)?.id.toString()));
  bot.use(
    conversations<Outer, Inner>({
      storage: { type: 'key', adapter: new PrismaAdapter(prisma.session) },
    }),
  );
  bot.command('start', async (ctx) => {
    const inForm = ctx.conversation.active('nomination') > 0;
    await ctx.reply(inForm ? 'Xin chào! Quý vị đang điền dở một đề xuất: trả lời câu hỏi cuối cùng để tiếp tục.' : 'Xin chào! Quý vị muốn làm gì?', { reply_markup: menu });
  });
  bot.use(createConversation(nomination, 'nomination'));
  bot.callbackQuery('menu|nominate', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
    await ctx.conversation.enter('nomination');
  });
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  bot.on('message', (ctx) => ctx.reply('Bấm nút bên dưới để bắt đầu.', { reply_markup: menu }));
  bot.catch((error) => options.onError(error.error));
  return bot;
}
