/**
 * "Đề xuất của tôi" (/cuatoi): the resident's nominations with status and date, the details of
 * one, and withdrawing a nomination that nobody has started on yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support.js';
import { DESCRIPTION, submitNomination, userIdOf } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const DAY = 24 * 60 * 60 * 1000;

describe('/cuatoi', () => {
  it('lists, shows, and withdraws a nomination, leaving an audit row', async () => {
    const u = h.user(87_000_001, 'vi');
    const first = await submitNomination(h, u);
    h.clock.advance(DAY);
    const second = await submitNomination(h, u, { name: 'Trần Văn Bảo' });

    await h.say(u, '/cuatoi');
    expect(h.lastText(u.id)).toBe(
      [
        'Đề xuất của Quý vị (2 hồ sơ, trang 1/1). Chọn một hồ sơ để xem chi tiết:',
        `${second} · Trần Văn Bảo · Mới tiếp nhận · ngày gửi 21/05/2026`,
        `${first} · Nguyễn Văn An · Mới tiếp nhận · ngày gửi 20/05/2026`,
      ].join('\n\n'),
    );
    expect(h.buttonsNow(u.id)).toEqual([`${second} · Trần Văn Bảo`, `${first} · Nguyễn Văn An`]);

    // The details replace the list in the same message.
    let replies = await h.tap(u, `${first} · Nguyễn Văn An`);
    expect(replies.map((call) => call.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    const detail = h.lastText(u.id);
    for (const line of [
      `Mã hồ sơ: ${first}`,
      'Trạng thái: Mới tiếp nhận',
      'Gửi lúc: 20/05/2026 10:00',
      'Đối tượng: Cá nhân, Nguyễn Văn An',
      'Đơn vị: Tổ dân phố số 3 – Phường Từ Liêm',
      'Lĩnh vực: Nhặt được của rơi trả người mất',
      'Ngày diễn ra: 19/05/2026',
      'Số điện thoại liên hệ: 0912 345 678',
      DESCRIPTION,
    ]) {
      expect(detail).toContain(line);
    }
    expect(h.buttonsNow(u.id)).toEqual(['Rút đề xuất', '« Danh sách']);

    await h.tap(u, 'Rút đề xuất');
    expect(h.lastText(u.id)).toBe(`Quý vị có chắc muốn rút đề xuất ${first}? Sau khi rút, hồ sơ sẽ không được xem xét nữa.`);
    expect(h.buttonsNow(u.id)).toEqual(['Rút đề xuất', 'Không rút']);
    const confirm = h.findButton('Rút đề xuất', u.id);

    replies = await h.tap(u, 'Rút đề xuất');
    expect(h.lastText(u.id)).toBe(`Đã rút đề xuất ${first}. Trạng thái: Đã rút.`);

    const userId = await userIdOf(h, u);
    const stored = await h.db.nomination.findUniqueOrThrow({ where: { code: first }, include: { statusChanges: { orderBy: { id: 'asc' } } } });
    expect(stored.status).toBe('withdrawn');
    expect(stored.statusChanges.map((change) => [change.fromStatus, change.toStatus, change.actorUserId, change.actorRole])).toEqual([
      [null, 'received', userId, 'resident'],
      ['received', 'withdrawn', userId, 'resident'],
    ]);
    expect(stored.statusChanges[1]!.at).toEqual(h.clock.now);
    expect((await h.db.nomination.findUniqueOrThrow({ where: { code: second } })).status).toBe('received');

    // Afterwards: "Đã rút" in the list, and no withdraw button any more.
    await h.say(u, '/cuatoi');
    expect(h.lastText(u.id)).toContain(`${first} · Nguyễn Văn An · Đã rút · ngày gửi 20/05/2026`);
    await h.tap(u, `${first} · Nguyễn Văn An`);
    expect(h.lastText(u.id)).toContain('Trạng thái: Đã rút');
    expect(h.buttonsNow(u.id)).toEqual(['« Danh sách']);

    // The old confirmation pressed again changes nothing.
    await h.send(h.press(u, confirm.data, confirm.messageId));
    expect(h.lastText(u.id)).toBe('Đề xuất đang ở trạng thái "Đã rút" nên không thể rút qua kênh này. Xin liên hệ UBND phường nếu cần.');
    expect(await h.db.statusChange.count({ where: { nominationId: stored.id } })).toBe(2);

    // The refusal ends with the main menu, the way back to the list.
    await h.tap(u, 'Đề xuất của tôi');
    expect(h.lastText(u.id)).toMatch(/^Đề xuất của Quý vị \(2 hồ sơ, trang 1\/1\)/);
  });

  it('"Không rút" goes back to the details and keeps the nomination', async () => {
    const u = h.user(87_000_002, 'vi');
    const code = await submitNomination(h, u);
    await h.say(u, '/cuatoi');
    await h.tap(u, `${code} · Nguyễn Văn An`);
    await h.tap(u, 'Rút đề xuất');
    await h.tap(u, 'Không rút');
    expect(h.lastText(u.id)).toContain(`Mã hồ sơ: ${code}`);
    expect(h.buttonsNow(u.id)).toEqual(['Rút đề xuất', '« Danh sách']);
    expect((await h.db.nomination.findUniqueOrThrow({ where: { code } })).status).toBe('received');
  });

  it('cannot withdraw once the ward has started on it', async () => {
    const u = h.user(87_000_003, 'vi');
    const code = await submitNomination(h, u);
    await h.db.nomination.update({ where: { code }, data: { status: 'verifying' } });
    await h.say(u, '/cuatoi');
    expect(h.lastText(u.id)).toContain(`${code} · Nguyễn Văn An · Đang xác minh`);
    await h.tap(u, `${code} · Nguyễn Văn An`);
    expect(h.buttonsNow(u.id)).toEqual(['« Danh sách']);
    const id = (await h.db.nomination.findUniqueOrThrow({ where: { code } })).id;
    await h.send(h.press(u, `my|x${id}`));
    expect(h.lastText(u.id)).toBe('Đề xuất đang ở trạng thái "Đang xác minh" nên không thể rút qua kênh này. Xin liên hệ UBND phường nếu cần.');
    expect((await h.db.nomination.findUniqueOrThrow({ where: { code } })).status).toBe('verifying');
  });

  it('with no nominations, says so and offers to start one', async () => {
    const u = h.user(87_000_004, 'vi');
    await h.say(u, '/start');
    await h.tap(u, 'Đề xuất của tôi');
    expect(h.lastText(u.id)).toBe('Quý vị chưa gửi đề xuất nào.');
    expect(h.buttonsNow(u.id)).toEqual(['Đề xuất người tốt, việc tốt']);
    await h.tap(u, 'Đề xuất người tốt, việc tốt');
    expect(h.lastText(u.id)).toMatch(/^Trước khi bắt đầu/);
  });

  it('pages by eight, newest first', async () => {
    const u = h.user(87_000_005, 'vi');
    await h.say(u, '/start');
    const userId = await userIdOf(h, u);
    const unit = await h.db.unit.findUniqueOrThrow({ where: { code: 'HN-DAI-MO' } });
    for (let index = 1; index <= 9; index += 1) {
      await h.db.nomination.create({
        data: {
          code: `NTV-2026-${String(900 + index).padStart(5, '0')}`,
          draftId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
          userId,
          unitId: unit.id,
          status: 'received',
          nomineeKind: 'individual',
          nomineeName: `Người Thứ ${index}`,
          deedCategory: 'charity',
          deedDate: new Date('2026-05-01T00:00:00Z'),
          description: DESCRIPTION,
          pledgedAt: new Date(Date.UTC(2026, 4, index)),
          locale: 'vi',
          formVersion: 1,
          submittedAt: new Date(Date.UTC(2026, 4, index, 3)),
        },
      });
    }
    await h.say(u, '/cuatoi');
    expect(h.lastText(u.id)).toMatch(/^Đề xuất của Quý vị \(9 hồ sơ, trang 1\/2\)/);
    expect(h.buttonsNow(u.id)).toHaveLength(9); // eight nominations and "Trang sau »"
    expect(h.buttonsNow(u.id)[0]).toBe('NTV-2026-00909 · Người Thứ 9');
    expect(h.buttonsNow(u.id).at(-1)).toBe('Trang sau »');
    await h.tap(u, 'Trang sau »');
    expect(h.lastText(u.id)).toMatch(/^Đề xuất của Quý vị \(9 hồ sơ, trang 2\/2\)/);
    expect(h.buttonsNow(u.id)).toEqual(['NTV-2026-00901 · Người Thứ 1', '« Trang trước']);
  });
});
