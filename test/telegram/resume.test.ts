/**
 * Coming back to a half-filled nomination: after an hour away, after the bot restarted, or after
 * the draft expired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support.js';
import { draftOf, fillUntil, userIdOf } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});


async function pushBack(user: { id: number }, interval: string) {
  const id = await userIdOf(h, user);
  await h.db.$executeRawUnsafe(`UPDATE drafts SET updated_at = updated_at - interval '${interval}' WHERE user_id = $1`, id);
}

describe('a draft left for a while', () => {
  it('typed text gets "Làm tiếp"/"Làm lại" first; "Làm tiếp" then answers with what was typed, so nothing is lost', async () => {
    const u = h.user(86_000_001, 'vi');
    await fillUntil(h, u, 'unit');
    await pushBack(u, '2 hours');

    await h.say(u, 'tu liem');
    expect(h.lastText(u.id)).toBe(
      'Quý vị đang có một đề xuất điền dở (lưu lúc 20/05/2026 08:00, đang ở mục "Đơn vị"). Quý vị muốn làm tiếp hay làm lại từ đầu?',
    );
    expect(h.buttonsNow(u.id)).toEqual(['Làm tiếp', 'Làm lại']);
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'unit', answers: { nomineeKind: 'individual', nomineeName: 'Nguyễn Văn An' } });
    expect((await draftOf(h, u))?.answers.unit).toBeUndefined();

    // "Làm tiếp" answers the question with the text typed before it.
    await h.tap(u, 'Làm tiếp');
    expect(h.lastText(u.id)).toContain('Tìm thấy 7 đơn vị phù hợp');
    await h.tap(u, 'Tổ dân phố số 5 – Phường Từ Liêm');
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'nomineeBirthYear', answers: { nomineeName: 'Nguyễn Văn An' } });
  });

  it('"Làm lại" deletes the old draft and shows the consent screen again', async () => {
    const u = h.user(86_000_002, 'vi');
    await fillUntil(h, u, 'deedCategory');
    await pushBack(u, '3 hours');
    await h.say(u, 'xin chào');
    const replies = await h.tap(u, 'Làm lại');
    const [notice, consent] = h.textsSince(replies[0]!.index, u.id);
    expect(notice).toBe('Đã xóa bản đề xuất cũ.');
    expect(consent).toMatch(/^Trước khi bắt đầu/);
    expect(h.buttonsNow(u.id)).toEqual(['Đồng ý', 'Không đồng ý']);
    expect(await draftOf(h, u)).toBeNull();
  });

  it('less than an hour away, the text is simply the answer', async () => {
    const u = h.user(86_000_003, 'vi');
    await fillUntil(h, u, 'nomineeName');
    await pushBack(u, '50 minutes');
    await h.say(u, 'Đỗ Minh Tuấn');
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'unit', answers: { nomineeName: 'Đỗ Minh Tuấn' } });
  });

  it('/start and "Đề xuất người tốt, việc tốt" offer the draft instead of starting over', async () => {
    const u = h.user(86_000_004, 'vi');
    await fillUntil(h, u, 'description');
    const replies = await h.say(u, '/start');
    expect(replies.map((call) => String(call.payload.text).split('\n')[0])).toEqual([
      'Xin chào! Đây là kênh tiếp nhận đề xuất "Người tốt, việc tốt" của Ủy ban nhân dân phường.',
      expect.stringContaining('Quý vị đang có một đề xuất điền dở') as unknown as string,
    ]);
    expect(replies[1]!.payload.text).toContain('đang ở mục "Nội dung việc tốt"');

    await h.say(u, '/decu');
    expect(h.lastText(u.id)).toContain('Quý vị đang có một đề xuất điền dở');
    await h.tap(u, 'Làm tiếp');
    expect(h.lastText(u.id)).toContain('Xin kể lại việc làm tốt');
    expect((await draftOf(h, u))?.answers.nomineeName).toBe('Nguyễn Văn An');
  });

  it('is deleted once it has been untouched for longer than the promised 30 days', async () => {
    const u = h.user(86_000_005, 'vi');
    await fillUntil(h, u, 'deedDate');
    await pushBack(u, '31 days');
    await h.say(u, 'hôm qua');
    expect(h.lastText(u.id)).toBe('Xin chọn một mục bên dưới để bắt đầu.');
    expect(await draftOf(h, u)).toBeNull();
  });
});

describe('after the bot restarts', () => {
  it('a draft goes on where it stopped, without a question: with several instances a restart is invisible to people', async () => {
    const u = h.user(86_000_006, 'vi');
    await fillUntil(h, u, 'deedDate');
    h.clock.advance(5 * 60 * 1000);
    h.restart(); // a new process on the same database
    h.clock.advance(60 * 1000);

    await h.say(u, '15/05/2026');
    expect(h.lastText(u.id)).toContain('Việc làm tốt diễn ra ở đâu?');
    expect(await draftOf(h, u)).toMatchObject({
      stepId: 'deedPlace',
      answers: { nomineeName: 'Nguyễn Văn An', deedCategory: 'lost-property', deedDate: '2026-05-15' },
    });
  });
});
