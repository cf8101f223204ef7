/**
 * Invitations through the bot: /start <code> grants the role (and the menu then offers "Duyệt
 * hồ sơ"); used, expired, revoked and unknown codes grant nothing; guessing is rate-limited; an
 * admin creates invitations with /moi (a code, or a t.me link once the bot's username is known).
 */
import { GrammyError } from 'grammy';
import type { Update, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.js';
import { createBot } from '../../src/channels/telegram/bot.js';
import { compose } from '../../src/compose.js';
import type { GrantableRole } from '../../src/core/roles.js';
import { hashInvitationCode, newInvitationCode } from '../../src/infra/invitation-codes.js';
import { ProcessedUpdates } from '../../src/infra/repositories/processed-updates.js';
import { strictTranslator } from '../support/db.js';
import { userIdOf } from './flow.js';
import { grant, unitId } from './review-flow.js';
import { BOT_INFO, BOT_TOKEN, createHarness, type ApiCall, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: new Date('2026-11-20T03:00:00Z') });
});
afterAll(async () => {
  await h?.close();
});

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** An invitation stored as the CLI stores it; returns the code only the test knows. */
async function invite(role: GrantableRole, unitCode: string | null, options: { expiresAt?: Date; maxUses?: number } = {}) {
  const code = newInvitationCode();
  const { id } = await h.app.invitations.create({
    codeHash: hashInvitationCode(code),
    role,
    unitId: unitCode ? await unitId(h, unitCode) : null,
    maxUses: options.maxUses ?? 1,
    expiresAt: options.expiresAt ?? new Date(h.clock.now.getTime() + 7 * DAY),
    createdBy: 'test',
  });
  return { id, code };
}

const rolesOf = async (user: User) => (await h.app.roles.list({ userId: await userIdOf(h, user) })).map((grant) => ({ role: grant.role, unitCode: grant.unitCode }));

/**
 * The same bot on the same database and fake Telegram, built with options the harness does not
 * pass: admins from ADMIN_TELEGRAM_IDS, and the bot's username for deep links. Its Bot API calls
 * go through the harness's fake (so they are recorded and chats are kept).
 */
function variantBot(options: { adminIds?: number[]; botUsername?: string }) {
  const app = compose(h.config, h.db, silentLogger, { translator: strictTranslator(), ...(options.botUsername ? { botUsername: () => options.botUsername } : {}) });
  const bot = createBot(BOT_TOKEN, app, new ProcessedUpdates(h.db), silentLogger, { botInfo: BOT_INFO, retry: false, clock: () => h.clock.now, ...(options.adminIds ? { adminIds: options.adminIds } : {}) });
  const api = h.bot.api.raw as unknown as Record<string, (payload: unknown) => Promise<unknown>>;
  bot.api.config.use(async (_prev, method, payload) => {
    try {
      return { ok: true, result: await api[method]!(payload ?? {}) } as never;
    } catch (error) {
      if (error instanceof GrammyError) return { ok: false, error_code: error.error_code, description: error.description } as never;
      throw error;
    }
  });
  const send = async (update: Update): Promise<ApiCall[]> => {
    const mark = h.mark();
    await bot.handleUpdate(update);
    return h.calls.slice(mark);
  };
  return {
    say: (user: User, text: string) => send(h.text(user, text)),
    tap: (user: User, label: string) => {
      const button = h.findButton(label, user.id);
      return send(h.press(user, button.data, button.messageId));
    },
  };
}

const GRANTED_HEAD_XP =
  'Quý vị đã được giao vai trò lãnh đạo đơn vị Phường Xuân Phương. Quý vị có thể duyệt các đề xuất của đơn vị bằng nút "Duyệt hồ sơ" hoặc lệnh /duyet.';
const UNKNOWN = 'Mã mời không đúng. Xin kiểm tra lại đường dẫn đã nhận, hoặc liên hệ người gửi lời mời.';
const EXPIRED = 'Lời mời này đã hết hạn. Xin liên hệ người gửi để nhận lời mời mới.';
const USED = 'Lời mời này đã được sử dụng. Xin liên hệ người gửi để nhận lời mời mới.';
const REVOKED = 'Lời mời này đã bị thu hồi. Xin liên hệ người gửi nếu cần.';
const RATE_LIMITED = 'Quý vị đã nhập sai mã mời nhiều lần. Xin thử lại sau một giờ.';
const ADMIN_ONLY = 'Chỉ quản trị hệ thống và lãnh đạo đơn vị mới có thể mời cán bộ.';

describe('/start <code>', () => {
  it('grants the role, answers in Vietnamese, and the menu then offers "Duyệt hồ sơ"', async () => {
    const u = h.user(71_000_001, 'vi');
    const { id, code } = await invite('head', 'HN-XUAN-PHUONG');
    const mark = h.mark();
    await h.say(u, `/start ${code}`);
    const [granted, menu] = h.sentSince(mark, u.id);
    expect(granted!.payload.text).toBe(GRANTED_HEAD_XP);
    expect(menu!.payload.text).toBe('Xin mời chọn một mục bên dưới.');
    expect(h.buttonsOf(menu).map(([label]) => label)).toEqual(['Duyệt hồ sơ', 'Danh sách đề nghị', 'Xuất danh sách', 'Thống kê', 'Mời cán bộ', 'Đề xuất người tốt, việc tốt', 'Đề xuất của tôi', 'Hướng dẫn', 'Ngôn ngữ / Language']);

    expect(await rolesOf(u)).toEqual([{ role: 'head', unitCode: 'HN-XUAN-PHUONG' }]);
    const grantRow = await h.db.roleGrant.findFirstOrThrow({ where: { userId: await userIdOf(h, u) } });
    expect(grantRow.invitationId).toBe(id);
    expect((await h.db.invitation.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
    // The code itself is stored nowhere.
    expect(JSON.stringify(await h.db.invitation.findMany())).not.toContain(code);

    // From the next message on, the role is in effect.
    await h.say(u, '/start');
    expect(h.buttonsNow(u.id)).toContain('Duyệt hồ sơ');
    await h.tap(u, 'Duyệt hồ sơ');
    expect(h.lastText(u.id)).toContain('Hồ sơ đề xuất của Phường Xuân Phương:');
  });

  it('a council invitation makes a council member', async () => {
    const u = h.user(71_000_002, 'vi');
    const { code } = await invite('council', null);
    const mark = h.mark();
    await h.say(u, `/start ${code}`);
    expect(h.textsSince(mark, u.id)[0]).toBe(
      'Quý vị đã được giao vai trò thành viên Hội đồng Thi đua – Khen thưởng. Quý vị có thể theo dõi và xử lý các hồ sơ đề nghị khen thưởng bằng lệnh /duyet.',
    );
    expect(await rolesOf(u)).toEqual([{ role: 'council', unitCode: null }]);
    await h.say(u, '/duyet');
    expect(h.lastText(u.id)).toContain('Hồ sơ đề nghị khen thưởng của tất cả đơn vị:');
  });

  it('a used code grants nothing to a second person', async () => {
    const first = h.user(71_000_003, 'vi');
    const second = h.user(71_000_004, 'vi');
    const { id, code } = await invite('head', 'HN-TAY-MO');
    await h.say(first, `/start ${code}`);
    const mark = h.mark();
    await h.say(second, `/start ${code}`);
    const [answer, menu] = h.sentSince(mark, second.id);
    expect(answer!.payload.text).toBe(USED);
    expect(h.buttonsOf(menu).map(([label]) => label)).not.toContain('Duyệt hồ sơ');
    expect(await rolesOf(second)).toEqual([]);
    expect((await h.db.invitation.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
    // The first person opening it again is told it was used, and keeps one grant.
    await h.say(first, `/start ${code}`);
    expect(h.sentSince(0, first.id).at(-2)!.payload.text).toBe(USED);
    expect(await rolesOf(first)).toEqual([{ role: 'head', unitCode: 'HN-TAY-MO' }]);
  });

  it('expired, revoked and unknown codes grant nothing and say why', async () => {
    const u = h.user(71_000_005, 'vi');
    const expired = await invite('head', 'HN-DAI-MO', { expiresAt: new Date(h.clock.now.getTime() - 1) });
    const revoked = await invite('council', null);
    expect(await h.app.invitations.revoke(revoked.id, h.clock.now)).toBe(true);
    for (const [code, text] of [
      [expired.code, EXPIRED],
      [revoked.code, REVOKED],
      [newInvitationCode(), UNKNOWN],
    ] as const) {
      const mark = h.mark();
      await h.say(u, `/start ${code}`);
      expect(h.textsSince(mark, u.id)[0]).toBe(text);
    }
    expect(await rolesOf(u)).toEqual([]);
    expect(h.buttonsNow(u.id)).not.toContain('Duyệt hồ sơ');
  });

  it('a /start payload that is not a code (a short word) is an ordinary start, not a failed attempt', async () => {
    const u = h.user(71_000_006, 'vi');
    await h.say(u, '/start hello');
    expect(h.lastText(u.id)).toContain('Xin chào!');
    expect(await h.db.invitationAttempt.count({ where: { userId: await userIdOf(h, u) } })).toBe(0);
  });

  it('after 5 wrong codes the 6th attempt is refused even with a valid code; an hour later it works', async () => {
    const u = h.user(71_000_007, 'vi');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await h.say(u, `/start ${newInvitationCode()}`);
      expect(h.sentSince(0, u.id).at(-2)!.payload.text).toBe(UNKNOWN);
      h.clock.advance(60_000);
    }
    const { id, code } = await invite('head', 'HN-XUAN-PHUONG');
    const mark = h.mark();
    await h.say(u, `/start ${code}`);
    expect(h.textsSince(mark, u.id)[0]).toBe(RATE_LIMITED);
    expect(await rolesOf(u)).toEqual([]);
    expect((await h.db.invitation.findUniqueOrThrow({ where: { id } })).uses).toBe(0);

    // An hour after the first failure, that one no longer counts.
    h.clock.advance(HOUR - 4 * 60_000);
    await h.say(u, `/start ${code}`);
    expect(h.sentSince(0, u.id).at(-2)!.payload.text).toBe(GRANTED_HEAD_XP);
    expect(await rolesOf(u)).toEqual([{ role: 'head', unitCode: 'HN-XUAN-PHUONG' }]);
  });

  // Regression (was a bug): src/app/invitations.ts says "opening a deep link (or typing a code) grants a role", and the
  // invitation message tells the invitee "gõ /start rồi dán mã"; but a code sent as a message of
  // its own is not looked at (Conversation.respond only redeems the payload of /start), so the
  // person gets "not in a form" and no role.
  it('a code pasted as a message of its own (after /start) is redeemed too', async () => {
    const u = h.user(71_000_008, 'vi');
    const { code } = await invite('head', 'HN-XUAN-PHUONG');
    await h.say(u, '/start');
    const mark = h.mark();
    await h.say(u, code);
    expect(h.textsSince(mark, u.id)[0]).toBe(GRANTED_HEAD_XP);
    expect(await rolesOf(u)).toEqual([{ role: 'head', unitCode: 'HN-XUAN-PHUONG' }]);
  });
});

describe('/moi', () => {
  /** The code at the end of an "invite-created" answer (a bare code or a t.me link). */
  const codeIn = (text: string) => /(?:start=|: )([A-Za-z0-9_-]{22,64})$/.exec(text)?.[1];

  it('an admin (granted in the database) invites a unit head by picking a unit; another person redeems the code', async () => {
    const admin = h.user(72_000_001, 'vi');
    await grant(h, admin, 'admin');
    await h.say(admin, '/start');
    expect(h.buttonsNow(admin.id)).toEqual(expect.arrayContaining(['Duyệt hồ sơ', 'Mời cán bộ']));

    await h.say(admin, '/moi');
    expect(h.lastText(admin.id)).toBe('Quý vị muốn mời cán bộ với vai trò nào?');
    expect(h.buttonsNow(admin.id)).toEqual(['Lãnh đạo đơn vị', 'Cán bộ phụ trách thi đua', 'Thành viên Hội đồng Thi đua – Khen thưởng', 'Quản trị hệ thống', 'Hủy']);
    await h.tap(admin, 'Lãnh đạo đơn vị');
    expect(h.lastText(admin.id)).toMatch(/^Xin chọn đơn vị mà cán bộ được mời sẽ phụ trách:/);
    while (!h.buttonsNow(admin.id).includes('Phường Xuân Phương')) await h.tap(admin, 'Trang sau »');
    const mark = h.mark();
    await h.tap(admin, 'Phường Xuân Phương');
    const [created] = h.textsSince(mark, admin.id);
    expect(created).toMatch(
      /^Đã tạo lời mời: Lãnh đạo đơn vị Phường Xuân Phương\. Lời mời dùng một lần, có hiệu lực trong 7 ngày\. Xin gửi đường dẫn dưới đây cho đúng người được mời:\n\nMã mời \(trên Zalo, hoặc khi đường dẫn không mở được, người được mời dán mã này vào cuộc trò chuyện với hệ thống\): [A-Za-z0-9_-]{32}$/,
    );
    const code = codeIn(created!)!;
    const stored = await h.db.invitation.findFirstOrThrow({ where: { codeHash: hashInvitationCode(code) } });
    expect(stored).toMatchObject({ role: 'head', unitId: await unitId(h, 'HN-XUAN-PHUONG'), maxUses: 1, uses: 0, createdBy: `user:${await userIdOf(h, admin)}` });
    expect(stored.expiresAt.getTime()).toBe(h.clock.now.getTime() + 7 * DAY);

    const invitee = h.user(72_000_002, 'vi');
    const redeem = h.mark();
    await h.say(invitee, `/start ${code}`);
    expect(h.textsSince(redeem, invitee.id)[0]).toBe(GRANTED_HEAD_XP);
    expect(await rolesOf(invitee)).toEqual([{ role: 'head', unitCode: 'HN-XUAN-PHUONG' }]);
  });

  it('a council invitation needs no unit', async () => {
    const admin = h.user(72_000_001, 'vi');
    await h.say(admin, '/moi');
    const mark = h.mark();
    await h.tap(admin, 'Thành viên Hội đồng Thi đua – Khen thưởng');
    const created = h.textsSince(mark, admin.id).at(-1)!;
    expect(created).toContain('Đã tạo lời mời: Thành viên Hội đồng Thi đua – Khen thưởng');
    const invitee = h.user(72_000_003, 'vi');
    await h.say(invitee, `/start ${codeIn(created)}`);
    expect(await rolesOf(invitee)).toEqual([{ role: 'council', unitCode: null }]);
  });

  it('an admin from ADMIN_TELEGRAM_IDS, on a bot that knows its username, gets a t.me link that works', async () => {
    const adminId = 72_000_010;
    const bot = variantBot({ adminIds: [adminId], botUsername: BOT_INFO.username });
    const admin = h.user(adminId, 'vi');
    await bot.say(admin, '/start');
    expect(h.buttonsNow(admin.id)).toContain('Mời cán bộ');
    await bot.say(admin, '/moi');
    await bot.tap(admin, 'Lãnh đạo đơn vị');
    while (!h.buttonsNow(admin.id).includes('Tổ dân phố số 2 – Phường Tây Mỗ')) await bot.tap(admin, 'Trang sau »');
    const calls = await bot.tap(admin, 'Tổ dân phố số 2 – Phường Tây Mỗ');
    const created = calls.filter((call) => call.method === 'sendMessage' || call.method === 'editMessageText').map((call) => String(call.payload.text)).at(-1)!;
    expect(created).toMatch(new RegExp(`\\n\\nhttps://t\\.me/${BOT_INFO.username}\\?start=([A-Za-z0-9_-]{32})\\n\\nMã mời \\(trên Zalo[^)]*\\): \\1$`));
    expect(created).toContain('Đã tạo lời mời: Lãnh đạo đơn vị Tổ dân phố số 2 – Phường Tây Mỗ.');
    // No role row was needed for the admin from the environment.
    expect(await h.db.roleGrant.count({ where: { userId: await userIdOf(h, admin) } })).toBe(0);

    // Opening the link sends "/start <code>".
    const invitee = h.user(72_000_011, 'vi');
    const mark = h.mark();
    await h.say(invitee, `/start ${codeIn(created)}`);
    expect(h.textsSince(mark, invitee.id)[0]).toMatch(/^Quý vị đã được giao vai trò lãnh đạo đơn vị Tổ dân phố số 2 – Phường Tây Mỗ\./);
    expect(await rolesOf(invitee)).toEqual([{ role: 'head', unitCode: 'HN-TAY-MO-TDP-02' }]);
  });

  it('"Hủy" ends the wizard without creating anything', async () => {
    const admin = h.user(72_000_001, 'vi');
    const before = await h.db.invitation.count();
    await h.say(admin, '/moi');
    await h.tap(admin, 'Lãnh đạo đơn vị');
    await h.tap(admin, 'Hủy');
    expect(h.lastText(admin.id)).toBe('Đã hủy thao tác.');
    await h.send(h.press(admin, `inv|u:${await unitId(h, 'HN-XUAN-PHUONG')}`));
    expect(h.lastText(admin.id)).toBe('Nút này không còn dùng được. Xin mở lại danh sách bằng lệnh /duyet.');
    expect(await h.db.invitation.count()).toBe(before);
  });

  it("a resident's /moi is refused, and so are forged invitation buttons", async () => {
    const resident = h.user(72_000_020, 'vi');
    const before = await h.db.invitation.count();
    const mark = h.mark();
    await h.say(resident, '/moi');
    expect(h.textsSince(mark, resident.id)).toEqual([ADMIN_ONLY]);
    for (const data of ['inv|r:council', 'inv|r:admin', 'inv|r:head', 'inv|r:officer', `inv|u:${await unitId(h, 'HN-XUAN-PHUONG')}`]) {
      const pressed = h.mark();
      await h.send(h.press(resident, data));
      expect(h.textsSince(pressed, resident.id)).toEqual([ADMIN_ONLY]);
    }
    await h.say(resident, '/start');
    expect(h.buttonsNow(resident.id)).not.toContain('Mời cán bộ');
    expect(await h.db.invitation.count()).toBe(before);
    expect(await rolesOf(resident)).toEqual([]);
  });

  it('a unit head invites only the thi đua officer of their own unit; forged roles and other units are refused', async () => {
    const head = h.user(72_000_021, 'vi');
    await grant(h, head, 'head', 'HN-XUAN-PHUONG');
    const before = await h.db.invitation.count();
    await h.say(head, '/moi');
    expect(h.lastText(head.id)).toBe('Quý vị muốn mời cán bộ phụ trách thi đua cho đơn vị nào?');
    expect(h.buttonsNow(head.id)).toEqual(['Phường Xuân Phương', 'Hủy']);
    for (const data of ['inv|r:council', 'inv|r:admin', 'inv|r:head', `inv|u:${await unitId(h, 'HN-TAY-MO')}`]) {
      const pressed = h.mark();
      await h.send(h.press(head, data));
      expect(h.textsSince(pressed, head.id)).toEqual([ADMIN_ONLY]);
    }
    expect(await h.db.invitation.count()).toBe(before);
    await h.say(head, '/moi');
    const mark = h.mark();
    await h.tap(head, 'Phường Xuân Phương');
    const [created] = h.textsSince(mark, head.id);
    expect(created).toMatch(/^Đã tạo lời mời: Cán bộ phụ trách thi đua Phường Xuân Phương\./);
    const officer = h.user(72_000_022, 'vi');
    await h.say(officer, `/start ${codeIn(created!)!}`);
    expect(await rolesOf(officer)).toEqual([{ role: 'officer', unitCode: 'HN-XUAN-PHUONG' }]);
    expect(h.buttonsNow(officer.id)).toEqual(expect.arrayContaining(['Duyệt hồ sơ', 'Danh sách đề nghị']));
  });
});
