/**
 * Drives the nomination form through the bot as a resident would (Vietnamese labels), for tests
 * that need a draft at some step or a submitted nomination.
 */
import type { User } from 'grammy/types';
import type { Harness } from './support.js';

export const DESCRIPTION =
  'Sáng 19/05, anh An nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tại chợ Mỹ Đình, đã mang đến Công an phường để trả lại người mất.';
export const UNIT_LABEL = 'Tổ dân phố số 3 – Phường Từ Liêm';

/** /start → "Đề xuất người tốt, việc tốt" → "Đồng ý": the draft now waits for the nominee's kind. */
export async function beginNomination(h: Harness, user: User): Promise<void> {
  await h.say(user, '/start');
  await h.tap(user, 'Đề xuất người tốt, việc tốt');
  await h.tap(user, 'Đồng ý');
}

/** The steps in order, each answered with a plain valid answer; `until` stops before that step. */
const STEPS: [string, (h: Harness, user: User, name: string) => Promise<unknown>][] = [
  ['nomineeKind', (h, u) => h.tap(u, 'Cá nhân')],
  ['nomineeName', (h, u, name) => h.say(u, name)],
  ['unit', async (h, u) => (await h.say(u, 'tu liem'), h.tap(u, UNIT_LABEL))],
  ['nomineeBirthYear', (h, u) => h.tap(u, 'Bỏ qua')],
  ['nomineeRole', (h, u) => h.tap(u, 'Bỏ qua')],
  ['deedCategory', (h, u) => h.tap(u, 'Nhặt được của rơi trả người mất')],
  ['deedDate', (h, u) => h.tap(u, 'Hôm qua')],
  ['deedPlace', (h, u) => h.tap(u, 'Bỏ qua')],
  ['description', (h, u) => h.say(u, DESCRIPTION)],
  ['evidence', (h, u) => h.tap(u, 'Không có')],
  ['nominatorName', (h, u) => h.say(u, 'Trần Thị Bình')],
  ['nominatorPhone', (h, u) => h.say(u, '0912 345 678')],
  ['nominatorRelation', (h, u) => h.tap(u, 'Hàng xóm')],
  ['pledge', (h, u) => h.tap(u, 'Tôi xin cam đoan')],
];

/** Starts a nomination and answers every step before `until` (default: up to the summary). */
export async function fillUntil(h: Harness, user: User, until = 'summary', options: { name?: string } = {}): Promise<void> {
  await beginNomination(h, user);
  for (const [step, answer] of STEPS) {
    if (step === until) return;
    await answer(h, user, options.name ?? 'Nguyễn Văn An');
  }
}

/** A whole nomination, submitted; returns its reference code. */
export async function submitNomination(h: Harness, user: User, options: { name?: string } = {}): Promise<string> {
  await fillUntil(h, user, 'summary', options);
  await h.tap(user, 'Gửi đề xuất');
  const code = /NTV-\d{4}-\d{5}/.exec(h.lastText(user.id))?.[0];
  if (!code) throw new Error(`no reference code in: ${h.lastText(user.id)}`);
  return code;
}

/** The user's draft row (step and answers), or null. */
export async function draftOf(h: Harness, user: Pick<User, 'id'>) {
  const row = await h.db.draft.findFirst({ where: { user: { channel: 'telegram', externalId: String(user.id) } } });
  if (!row) return null;
  const state = row.state as { answers: Record<string, unknown>; attachments: unknown[]; ui: Record<string, unknown> };
  return { stepId: row.stepId, answers: state.answers, attachments: state.attachments, ui: state.ui, updatedAt: row.updatedAt };
}

/** The database id of a Telegram user. */
export async function userIdOf(h: Harness, user: Pick<User, 'id'>): Promise<number> {
  const row = await h.db.user.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: String(user.id) } } });
  return row.id;
}
