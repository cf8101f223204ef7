/**
 * Data rights through the bot: /dulieu shows what is held about the person, /xoadulieu erases it
 * after a confirmation. After erasing, the person's name and phone number are nowhere in the
 * database (every text, varchar, jsonb and array column of every table is searched), while the
 * nominations they sent keep their content for the council.
 */
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../src/core/text/normalize.js';
import { userIdOf } from './flow.js';
import { connectOutbox, flush, grant, submitFor } from './review-flow.js';
import { createHarness, type Harness } from './support.js';

let h: Harness;
let head: User;
beforeAll(async () => {
  h = await createHarness();
  connectOutbox(h);
  head = h.user(81_000_100, 'vi');
  await grant(h, head, 'head', 'HN-XUAN-PHUONG');
});
afterAll(async () => {
  await h?.close();
});

const NAME = 'Phùng Thị Thanh Xuân';
const PHONE_TYPED = '0903 456 789';
const PHONE_E164 = '+84903456789';

/** Every (table, column) of the public schema holding text in which `needle` appears (case-insensitive). */
async function occurrences(needle: string): Promise<string[]> {
  const columns = await h.db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public'
       AND (c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY') OR c.udt_name IN ('text', 'varchar', 'jsonb', 'json'))
     ORDER BY c.table_name, c.column_name`;
  expect(columns.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await h.db.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${table_name}" WHERE position(lower($1) in lower("${column_name}"::text)) > 0`, needle);
    if (Number(row!.count) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

describe('/dulieu and /xoadulieu', () => {
  let resident: User;
  let first: { code: string; id: number };
  let second: { code: string; id: number };

  beforeAll(async () => {
    resident = h.user(81_000_001, 'vi');
    first = await submitFor(h, resident, { nominatorName: NAME, phone: PHONE_TYPED, files: ['photo'] });
    h.clock.advance(60_000);
    second = await submitFor(h, resident, { name: 'Lò Văn Pháo', nominatorName: NAME, phone: PHONE_TYPED, unitLabel: 'Tổ dân phố số 2 – Phường Xuân Phương' });
    // The head moves the first: the resident gets a notification (one sent, and one still waiting).
    await h.send(h.press(head, `rv|a:accept:${first.id}`));
    await flush(h);
    h.app.outboxSender.register('telegram', { send: async () => ({ status: 'retry', afterMs: 3600_000, error: 'Too Many Requests' }) });
    await h.send(h.press(head, `rv|a:request-info:${second.id}`));
    await h.say(head, 'Xin gửi thêm ảnh chụp giấy biên nhận');
    await h.app.outboxSender.idle();
    connectOutbox(h);
    // A draft in progress: the nominee's name typed, the unit still to answer.
    await h.say(resident, '/start');
    await h.tap(resident, 'Đề xuất người tốt, việc tốt');
    await h.tap(resident, 'Đồng ý');
    await h.tap(resident, 'Cá nhân');
    await h.say(resident, 'Hà Văn Tư');
  });

  it('/dulieu lists the account, the consent, the draft and the nominations with name and phone', async () => {
    const mark = h.mark();
    await h.say(resident, '/dulieu');
    const [report] = h.textsSince(mark, resident.id);
    const lines = report!.split('\n');
    expect(lines[0]).toBe('Dữ liệu hệ thống đang lưu về Quý vị:');
    expect(report).toMatch(new RegExp(`Tài khoản: Telegram ${resident.id}, từ \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d; ngôn ngữ: Tiếng Việt\\.`));
    expect(report).toMatch(/Đồng ý xử lý dữ liệu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\./);
    expect(report).toContain('Một đề xuất đang điền dở (mục "Đơn vị").');
    expect(report).toContain('Đề xuất đã gửi: 2');
    expect(report).toContain(`${first.code} · Đang xác minh · người đề xuất: ${NAME} · điện thoại: ${PHONE_TYPED}`);
    expect(report).toContain(`${second.code} · Cần bổ sung · người đề xuất: ${NAME} · điện thoại: ${PHONE_TYPED}`);
    expect(report).toContain('xóa toàn bộ dữ liệu cá nhân bằng lệnh /xoadulieu');
  });

  it('/xoadulieu asks first; "Không xóa" keeps everything', async () => {
    const userId = await userIdOf(h, resident);
    const before = {
      nominations: await h.db.nomination.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
      drafts: await h.db.draft.count({ where: { userId } }),
      consents: await h.db.consent.findMany({ where: { userId } }),
      notifications: await h.db.notification.count({ where: { userId } }),
    };
    expect(before.nominations).toHaveLength(2);
    expect(before.drafts).toBe(1);
    expect(before.notifications).toBeGreaterThanOrEqual(2);

    await h.say(resident, '/xoadulieu');
    expect(h.lastText(resident.id)).toMatch(/^Quý vị có chắc muốn xóa dữ liệu cá nhân\?/);
    expect(h.buttonsNow(resident.id)).toEqual(['Xóa dữ liệu', 'Không xóa']);
    await h.tap(resident, 'Không xóa');
    expect(h.lastText(resident.id)).toBe('Dữ liệu của Quý vị được giữ nguyên.');

    expect({
      nominations: await h.db.nomination.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
      drafts: await h.db.draft.count({ where: { userId } }),
      consents: await h.db.consent.findMany({ where: { userId } }),
      notifications: await h.db.notification.count({ where: { userId } }),
    }).toEqual(before);
    // A forged "erase" press without the question is not an erasure either.
    await h.send(h.press(resident, 'data|erase'));
    expect(await h.db.user.count({ where: { id: userId } })).toBe(1);
  });

  it('"Xóa dữ liệu" erases: no account, no draft, anonymised nominations, withdrawn consents, no notifications', async () => {
    const userId = await userIdOf(h, resident);
    const nominationsBefore = await h.db.nomination.findMany({ where: { userId }, orderBy: { id: 'asc' }, include: { evidence: true, statusChanges: true } });
    const consentIds = (await h.db.consent.findMany({ where: { userId } })).map((consent) => consent.id);
    expect(consentIds.length).toBeGreaterThan(0);

    await h.say(resident, '/xoadulieu');
    await h.tap(resident, 'Xóa dữ liệu');
    expect(h.lastText(resident.id)).toBe('Đã xóa dữ liệu cá nhân của Quý vị (2 đề xuất đã được ẩn danh). Xin cảm ơn Quý vị đã đồng hành.');

    expect(await h.db.user.count({ where: { channel: 'telegram', externalId: String(resident.id) } })).toBe(0);
    expect(await h.db.user.count({ where: { id: userId } })).toBe(0);
    expect(await h.db.draft.count({ where: { userId } })).toBe(0);
    expect(await h.db.notification.count({ where: { OR: [{ userId }, { chatId: String(resident.id) }] } })).toBe(0);
    expect(await h.db.invitationAttempt.count({ where: { userId } })).toBe(0);

    const consents = await h.db.consent.findMany({ where: { id: { in: consentIds } } });
    expect(consents).toHaveLength(consentIds.length);
    for (const consent of consents) {
      expect(consent.userId).toBeNull();
      expect(consent.withdrawnAt).toEqual(h.clock.now);
    }

    for (const before of nominationsBefore) {
      const after = await h.db.nomination.findUniqueOrThrow({ where: { id: before.id }, include: { evidence: true, statusChanges: true } });
      expect(after.nominatorName).toBeNull();
      expect(after.nominatorPhone).toBeNull();
      expect(after.nominatorRelation).toBeNull();
      expect(after.userId).toBeNull();
      // The content and its history stay for the council.
      expect({ ...after, nominatorName: before.nominatorName, nominatorPhone: before.nominatorPhone, nominatorRelation: before.nominatorRelation, userId: before.userId, updatedAt: before.updatedAt }).toEqual(before);
    }
  });

  it("the person's name and phone (as typed and as E.164) are in no text, varchar or jsonb column of any table", async () => {
    const needles = [NAME, NAME.normalize('NFD'), foldVietnamese(NAME), PHONE_TYPED, PHONE_E164, PHONE_E164.slice(1), '0903456789', '903456789'];
    const found: Record<string, string[]> = {};
    for (const needle of needles) {
      const where = await occurrences(needle);
      if (where.length) found[needle] = where;
    }
    expect(found).toEqual({});
    // The search does find what is still there (the nominee's name, the description).
    expect(await occurrences('Lò Văn Pháo')).toContain('nominations.nominee_name');
  });

  it('the reviewers see the nomination without the nominator', async () => {
    await h.send(h.press(head, `rv|o${first.id}`));
    const card = h.lastText(head.id);
    expect(card).toContain('Người đề xuất: (người đề xuất đã xóa dữ liệu)');
    expect(card).toContain('Số điện thoại: (người đề xuất đã xóa dữ liệu)');
    expect(card).not.toContain(NAME);
    // Moving it still works; there is nobody to tell.
    await h.tap(head, 'Đề nghị khen thưởng');
    await h.tap(head, 'Giấy khen');
    expect((await h.db.nomination.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('proposed');
  });
});
