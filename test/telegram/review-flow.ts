/**
 * Helpers for the reviewers' tests: a nomination submitted for a unit of choice (with evidence),
 * roles granted straight in the database, and the outbox drained through the Telegram sender into
 * the fake Bot API, so notifications land in the recipients' chats like any other message.
 */
import type { User } from 'grammy/types';
import { TelegramSender } from '../../src/channels/telegram/sender.js';
import type { GrantableRole } from '../../src/core/roles.js';
import { DESCRIPTION, userIdOf } from './flow.js';
import type { Harness } from './support.js';

export const XP_GROUP_LABEL = 'Tổ dân phố số 1 – Phường Xuân Phương';
export const TM_GROUP_LABEL = 'Tổ dân phố số 1 – Phường Tây Mỗ';

export interface SubmitOptions {
  /** The nominee's name as typed. */
  name?: string;
  /** What is typed at the unit question, and the button then pressed. */
  unitQuery?: string;
  unitLabel?: string;
  /** Evidence sent at the evidence step, in order. */
  files?: ('photo' | 'document')[];
  nominatorName?: string;
  phone?: string;
}

/** A whole nomination through the bot; returns its code and database id. */
export async function submitFor(h: Harness, user: User, options: SubmitOptions = {}): Promise<{ code: string; id: number }> {
  await h.say(user, '/start');
  await h.tap(user, 'Đề xuất người tốt, việc tốt');
  await h.tap(user, 'Đồng ý');
  await h.tap(user, 'Cá nhân');
  await h.say(user, options.name ?? 'Nguyễn Văn An');
  await h.say(user, options.unitQuery ?? 'xuan phuong');
  await h.tap(user, options.unitLabel ?? XP_GROUP_LABEL);
  await h.tap(user, 'Bỏ qua'); // year of birth
  await h.tap(user, 'Bỏ qua'); // role
  await h.tap(user, 'Nhặt được của rơi trả người mất');
  await h.tap(user, 'Hôm qua');
  await h.tap(user, 'Bỏ qua'); // place
  await h.say(user, DESCRIPTION);
  const files = options.files ?? [];
  if (files.length === 0) await h.tap(user, 'Không có');
  else {
    for (const kind of files) {
      if (kind === 'photo') await h.send(h.photo(user));
      else await h.send(h.document(user, 'giay-bien-nhan.pdf', 'application/pdf', 48_213));
    }
    await h.tap(user, 'Xong');
  }
  await h.say(user, options.nominatorName ?? 'Trần Thị Bình');
  await h.say(user, options.phone ?? '0912 345 678');
  await h.tap(user, 'Hàng xóm');
  await h.tap(user, 'Tôi xin cam đoan');
  await h.tap(user, 'Gửi đề xuất');
  const code = /NTV-\d{4}-\d{5}/.exec(h.lastText(user.id))?.[0];
  if (!code) throw new Error(`no reference code in: ${h.lastText(user.id)}`);
  const row = await h.db.nomination.findUniqueOrThrow({ where: { code }, select: { id: true } });
  return { code, id: row.id };
}

/** A Telegram user known to the bot (has written once), with a users row. */
export async function known(h: Harness, user: User): Promise<number> {
  await h.say(user, '/start');
  return userIdOf(h, user);
}

export async function unitId(h: Harness, code: string): Promise<number> {
  return (await h.db.unit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

/** Grants a role straight in the database (as the CLI would). */
export async function grant(h: Harness, user: User, role: GrantableRole, unitCode?: string): Promise<number> {
  const id = await known(h, user);
  await h.app.roles.grant(id, role, unitCode ? await unitId(h, unitCode) : null, h.clock.now);
  return id;
}

/** Sends outbox messages through the real Telegram sender into the fake Bot API. */
export function connectOutbox(h: Harness): void {
  h.app.outboxSender.register('telegram', new TelegramSender(h.bot.api, h.app.translator));
}

/** Waits for the drain the bot kicked off, then sends whatever is still due. */
export async function flush(h: Harness): Promise<void> {
  await h.app.outboxSender.idle();
  await h.app.outboxSender.drain();
}

export const nominationRow = (h: Harness, id: number) => h.db.nomination.findUniqueOrThrow({ where: { id } });
export const historyOf = (h: Harness, id: number) => h.db.statusChange.findMany({ where: { nominationId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
