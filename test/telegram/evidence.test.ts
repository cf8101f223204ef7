/**
 * Photos and documents as evidence: duplicates, clearing, the limit on the number of files, and
 * our own copy (sha256) even when the first download failed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sha256Of, type Harness } from './support.js';
import { draftOf, fillUntil, userIdOf } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const attachmentsOf = async (user: { id: number }) => ((await draftOf(h, user))?.attachments ?? []) as { fileUniqueId: string; sha256?: string; kind: string }[];

describe('evidence', () => {
  it('the same photo sent twice is kept once', async () => {
    const u = h.user(90_000_001, 'vi');
    await fillUntil(h, u, 'evidence');
    await h.send(h.photo(u, 'AgADsamePhoto1'));
    await h.send(h.photo(u, 'AgADsamePhoto1'));
    expect(h.lastText(u.id)).toBe('Tệp này đã được gửi trước đó, hệ thống không nhận lại.');
    expect(await attachmentsOf(u)).toHaveLength(1);
  });

  it('"Xóa tệp đã gửi" removes the files and asks again', async () => {
    const u = h.user(90_000_002, 'vi');
    await fillUntil(h, u, 'evidence');
    await h.send(h.photo(u));
    await h.send(h.document(u, 'bao-tuoi-tre.png', 'image/png', 300_000));
    await h.say(u, 'đây là ảnh');
    expect(h.lastText(u.id)).toMatch(/^Ở bước này, xin gửi ảnh hoặc tệp tài liệu.*\n\nĐã nhận 2\/10 tệp minh chứng\./s);
    expect(h.buttonsNow(u.id)).toEqual(['Xong', 'Xóa tệp đã gửi']);

    const replies = await h.tap(u, 'Xóa tệp đã gửi');
    expect(replies.map((call) => call.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(h.lastText(u.id)).toMatch(/^Đã xóa các tệp đã gửi\.\n\nQuý vị có ảnh hoặc tài liệu minh chứng không/);
    expect(h.buttonsNow(u.id)).toEqual(['Không có']);
    expect(await attachmentsOf(u)).toEqual([]);

    await h.say(u, 'xong');
    expect(h.lastText(u.id)).toContain('Xin cho biết họ và tên của Quý vị (người đề xuất).');
  });

  it('a file sent at a question that wants text gets a polite message and the question again', async () => {
    const u = h.user(90_000_003, 'vi');
    await fillUntil(h, u, 'nomineeName');
    await h.send(h.photo(u));
    expect(h.lastText(u.id)).toBe('Ở bước này, xin gõ câu trả lời bằng chữ.\n\nXin cho biết họ và tên người được đề xuất.\nVí dụ: Nguyễn Văn An');
    expect(await attachmentsOf(u)).toEqual([]);
  });

  it('a file outside any nomination is not kept', async () => {
    const u = h.user(90_000_004, 'vi');
    const mark = h.mark();
    await h.send(h.photo(u));
    expect(h.lastText(u.id)).toBe('Để gửi ảnh hoặc tài liệu, xin bắt đầu một đề xuất trước; hệ thống sẽ hỏi minh chứng ở bước phù hợp.');
    expect(h.calls.slice(mark).filter((call) => call.method === 'getFile')).toEqual([]);
  });

  it('a download that fails at first is retried when the nomination is sent', async () => {
    const u = h.user(90_000_005, 'vi');
    await fillUntil(h, u, 'evidence');
    h.failNext('getFile', 'Bad Request: file is temporarily unavailable');
    await h.send(h.photo(u));
    expect(h.lastText(u.id)).toContain('Đã nhận tệp thứ 1'); // the resident is not bothered
    const [pending] = await attachmentsOf(u);
    expect(pending!.sha256).toBeUndefined();
    await h.send(h.document(u, 'don-cam-on.pdf', 'application/pdf', 80_000));
    expect((await attachmentsOf(u))[1]!.sha256).toBeDefined();

    await h.tap(u, 'Xong');
    await h.say(u, 'Trần Thị Bình');
    await h.say(u, '0912345678');
    await h.tap(u, 'Người được giúp');
    await h.tap(u, 'Tôi xin cam đoan');
    expect(h.lastText(u.id)).toContain('Minh chứng: 2 tệp');
    await h.tap(u, 'Gửi đề xuất');

    const evidence = await h.db.evidence.findMany({ where: { nomination: { userId: await userIdOf(h, u) } }, orderBy: { position: 'asc' } });
    expect(evidence.map((file) => [file.position, file.kind, file.sha256])).toEqual([
      [1, 'photo', sha256Of(evidence[0]!.fileUniqueId!)],
      [2, 'document', sha256Of(evidence[1]!.fileUniqueId!)],
    ]);
  });
});

describe('with at most two files', () => {
  let small: Harness;
  beforeAll(async () => {
    small = await createHarness({ env: { MAX_ATTACHMENTS: '2' } });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('says when the limit is reached and refuses a third file', async () => {
    const u = small.user(90_000_006, 'vi');
    await fillUntil(small, u, 'evidence');
    expect(small.lastText(u.id)).toContain('tối đa 2 tệp');
    await small.send(small.photo(u));
    await small.send(small.photo(u));
    expect(small.lastText(u.id)).toBe('Đã nhận đủ 2 tệp. Xin bấm "Xong" để tiếp tục.');
    await small.send(small.photo(u));
    expect(small.lastText(u.id)).toMatch(/^Mỗi đề xuất nhận tối đa 2 tệp\. Xin bấm "Xong" để tiếp tục\.\n\nĐã nhận 2\/2 tệp minh chứng\./);
    const draft = await small.db.draft.findFirstOrThrow({ where: { user: { externalId: String(u.id) } } });
    expect((draft.state as { attachments: unknown[] }).attachments).toHaveLength(2);
  });
});
