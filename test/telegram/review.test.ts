/**
 * Reviewing through the bot (bot.handleUpdate on the fake Bot API): a ward head and a council
 * member, with roles granted in the database, take a resident's nomination from "Mới tiếp nhận"
 * to "Đã trao tặng"; the resident is told at each step through the outbox. Also rejecting,
 * merging a duplicate, and the automatic "có thể trùng" flag.
 */
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTION, userIdOf } from './flow.js';
import { connectOutbox, flush, grant, historyOf, nominationRow, submitFor, TM_GROUP_LABEL } from './review-flow.js';
import { createHarness, type Harness } from './support.js';

let h: Harness;
const resident = { id: 51_000_001 } as User;
const head = { id: 52_000_001 } as User;
const council = { id: 53_000_001 } as User;
let headId: number;
let councilId: number;

beforeAll(async () => {
  h = await createHarness();
  connectOutbox(h);
  Object.assign(resident, h.user(resident.id, 'vi'));
  Object.assign(head, h.user(head.id, 'vi'));
  Object.assign(council, h.user(council.id, 'vi'));
  headId = await grant(h, head, 'head', 'HN-XUAN-PHUONG');
  councilId = await grant(h, council, 'council');
});
afterAll(async () => {
  await h?.close();
});

/** Texts the bot sent (or edited in) a chat since a mark, after the outbox was drained. */
async function toldSince(mark: number, user: User): Promise<string[]> {
  await flush(h);
  return h.textsSince(mark, user.id);
}

const cardButton = (code: string, name = 'Nguyễn Văn An') => `${code} · ${name}`;

/** /duyet → the status's queue → the nomination's card. */
async function openFromQueue(reviewer: User, statusButton: string, code: string, name?: string): Promise<number> {
  await h.say(reviewer, '/duyet');
  await h.tap(reviewer, statusButton);
  const mark = h.mark();
  await h.tap(reviewer, cardButton(code, name));
  return mark;
}

describe('a nomination from "Mới tiếp nhận" to "Đã trao tặng"', () => {
  let nomination: { code: string; id: number };
  let originalEvidence: { id: number; position: number; fileId: string; supplementId: number | null }[];

  beforeAll(async () => {
    nomination = await submitFor(h, resident, { files: ['photo', 'document'] });
    originalEvidence = await h.db.evidence.findMany({ where: { nominationId: nomination.id }, orderBy: { position: 'asc' }, select: { id: true, position: true, fileId: true, supplementId: true } });
  });

  it('/duyet shows the head the counts per status of the ward and a button for the non-empty one', async () => {
    const mark = h.mark();
    await h.say(head, '/duyet');
    const [overview] = h.sentSince(mark, head.id);
    expect(overview!.payload.text).toBe(
      [
        'Hồ sơ đề xuất của Phường Xuân Phương:',
        'Mới tiếp nhận: 1\nCần bổ sung: 0\nĐang xác minh: 0\nĐề nghị khen thưởng: 0\nĐã trình Hội đồng: 0\nKhông đủ điều kiện: 0',
        'Chọn một nhóm để xem danh sách, hồ sơ cũ nhất ở trên cùng.',
      ].join('\n\n'),
    );
    expect(h.buttonsOf(overview)).toEqual([['Mới tiếp nhận (1)', 'rv|l:received:0']]);
  });

  it('the menu of a head offers "Duyệt hồ sơ"; a resident has no such entry', async () => {
    await h.say(head, '/start');
    expect(h.buttonsNow(head.id)).toContain('Duyệt hồ sơ');
    await h.say(resident, '/start');
    expect(h.buttonsNow(resident.id)).not.toContain('Duyệt hồ sơ');
  });

  it('the queue lists the nomination; its card shows everything, with the nominator\'s name and phone', async () => {
    await h.say(head, '/duyet');
    await h.tap(head, 'Mới tiếp nhận (1)');
    expect(h.lastText(head.id)).toBe(
      `Mới tiếp nhận: 1 hồ sơ, trang 1/1. Hồ sơ cũ nhất ở trên cùng.\n\n1. ${nomination.code} · Nguyễn Văn An · Tổ dân phố số 1 – Phường Xuân Phương · ngày gửi 20/05/2026`,
    );
    await h.tap(head, cardButton(nomination.code));
    const card = h.lastText(head.id);
    for (const line of [
      `Hồ sơ ${nomination.code} · Mới tiếp nhận · gửi lúc 20/05/2026 10:00`,
      'Đối tượng: Cá nhân',
      'Họ tên, tên tập thể: Nguyễn Văn An',
      'Đơn vị: Tổ dân phố số 1 – Phường Xuân Phương',
      'Lĩnh vực: Nhặt được của rơi trả người mất',
      'Ngày diễn ra: 19/05/2026',
      'Người đề xuất: Trần Thị Bình',
      'Số điện thoại: 0912 345 678',
      'Quan hệ: Hàng xóm',
      'Minh chứng: 2 tệp',
      DESCRIPTION,
    ]) {
      expect(card).toContain(line);
    }
    expect(h.buttonsNow(head.id)).toEqual(['Xác minh', 'Yêu cầu bổ sung', 'Đề nghị khen thưởng', 'Không đủ điều kiện', 'Trùng hồ sơ', '« Danh sách', '« Tổng quan']);
  });

  // Regression (was a bug): deliver() in src/channels/telegram/bot.ts edits the pressed message in place and returns
  // before `reply.files` are sent, so a card opened from a button (the queue, "Xem hồ sơ") never
  // re-sends the evidence: no sendPhoto / sendDocument at all.
  it('opening the card re-sends the evidence (sendPhoto for the photo, sendDocument for the PDF)', async () => {
    const mark = await openFromQueue(head, 'Mới tiếp nhận (1)', nomination.code);
    const sent = h.calls.slice(mark).filter((call) => call.method === 'sendPhoto' || call.method === 'sendDocument');
    expect(sent.map((call) => call.method)).toEqual(['sendPhoto', 'sendDocument']);
    expect(sent.map((call) => call.payload.chat_id)).toEqual([head.id, head.id]);
    expect(sent.map((call) => String(call.payload.photo ?? call.payload.document))).toEqual(originalEvidence.map((file) => file.fileId));
  });

  it('"Xác minh" moves it to "Đang xác minh", audited as the head, and the resident is told', async () => {
    await openFromQueue(head, 'Mới tiếp nhận (1)', nomination.code);
    const residentMark = h.mark();
    await h.tap(head, 'Xác minh');
    expect(h.textsSince(residentMark, head.id)).toContain(`Đã chuyển 1 hồ sơ (${nomination.code}) sang trạng thái "Đang xác minh". Người đề xuất sẽ được thông báo.`);

    expect((await nominationRow(h, nomination.id)).status).toBe('verifying');
    const history = await historyOf(h, nomination.id);
    expect(history.map((change) => [change.fromStatus, change.toStatus, change.actorRole, change.actorUserId])).toEqual([
      [null, 'received', 'resident', await userIdOf(h, resident)],
      ['received', 'verifying', 'head', headId],
    ]);
    expect(await toldSince(residentMark, resident)).toEqual([`Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Đang xác minh.`]);
    expect(await h.app.outbox.pending()).toBe(0);
  });

  it('"Yêu cầu bổ sung" with a ready-made reason: "Cần bổ sung", and the resident gets a "Bổ sung thông tin" button', async () => {
    h.clock.advance(60_000);
    await openFromQueue(head, 'Đang xác minh (1)', nomination.code);
    await h.tap(head, 'Yêu cầu bổ sung');
    expect(h.lastText(head.id)).toBe('Xin chọn hoặc gõ nội dung cần người đề xuất bổ sung (áp dụng cho 1 hồ sơ):');
    expect(h.buttonsNow(head.id)).toEqual([
      'Bổ sung ảnh hoặc giấy tờ minh chứng',
      'Bổ sung thông tin liên hệ của người được đề xuất',
      'Mô tả cụ thể hơn thời gian, địa điểm, sự việc',
      'Cho biết người chứng kiến và cách liên hệ',
      'Hủy',
    ]);
    const mark = h.mark();
    await h.tap(head, 'Bổ sung ảnh hoặc giấy tờ minh chứng');

    const row = await nominationRow(h, nomination.id);
    expect(row.status).toBe('needs-info');
    expect((await historyOf(h, nomination.id)).at(-1)).toMatchObject({ fromStatus: 'verifying', toStatus: 'needs-info', actorRole: 'head', reason: expect.stringContaining('need-evidence') });
    expect(await toldSince(mark, resident)).toEqual([
      `Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Cần bổ sung.\n\nNội dung cần bổ sung: Bổ sung ảnh hoặc giấy tờ minh chứng\n\nXin bấm "Bổ sung thông tin" rồi gửi nội dung hoặc ảnh, tài liệu cần bổ sung.`,
    ]);
    expect(h.buttonsNow(resident.id)).toEqual(['Bổ sung thông tin']);
  });

  // Regression (was a bug): cardMessage (src/core/review/messages.ts) shows `card.lastReason` raw, so a ready-made
  // reason appears to the reviewer as its storage key "tmpl:info-reason-need-evidence" instead of
  // its label (reasonText() in src/app/review.ts is not used for the card).
  it('the card shows a ready-made reason by its label, not its storage key', async () => {
    await h.send(h.press(head, `rv|o${nomination.id}`));
    const card = h.lastText(head.id);
    expect(card).not.toContain('tmpl:');
    expect(card).toContain('Lý do, ý kiến gần nhất: Bổ sung ảnh hoặc giấy tờ minh chứng');
  });

  it('the resident adds a text and a photo with "Bổ sung thông tin" → "Gửi bổ sung"; nothing earlier is overwritten and the head is told', async () => {
    h.clock.advance(60_000);
    const before = await nominationRow(h, nomination.id);
    await h.tap(resident, 'Bổ sung thông tin');
    expect(h.lastText(resident.id)).toBe(`Xin gửi thông tin bổ sung cho hồ sơ ${nomination.code}: gõ nội dung và/hoặc gửi ảnh, tài liệu. Khi xong, xin bấm "Gửi bổ sung".`);
    await h.say(resident, 'Người chứng kiến: chị Hoa, bán rau ở cổng chợ Mỹ Đình.');
    expect(h.lastText(resident.id)).toBe('Đã ghi nhận nội dung. Quý vị có thể gửi thêm, hoặc bấm "Gửi bổ sung".');
    await h.send(h.photo(resident, 'AgADsupplementPhoto1'));
    expect(h.lastText(resident.id)).toBe('Đã nhận 1 tệp. Quý vị có thể gửi thêm, hoặc bấm "Gửi bổ sung".');
    expect(h.buttonsNow(resident.id)).toEqual(['Gửi bổ sung', 'Hủy']);
    const mark = h.mark();
    await h.tap(resident, 'Gửi bổ sung');
    expect(h.lastText(resident.id)).toBe(`Đã gửi thông tin bổ sung cho hồ sơ ${nomination.code}. Hồ sơ trở lại trạng thái "Mới tiếp nhận" để đơn vị xem xét.`);

    const supplements = await h.db.supplement.findMany({ where: { nominationId: nomination.id } });
    expect(supplements).toHaveLength(1);
    expect(supplements[0]!.text).toBe('Người chứng kiến: chị Hoa, bán rau ở cổng chợ Mỹ Đình.');
    const evidence = await h.db.evidence.findMany({ where: { nominationId: nomination.id }, orderBy: { position: 'asc' } });
    expect(evidence).toHaveLength(3);
    // The original files are untouched; the new one comes after them, tied to the supplement.
    expect(evidence.slice(0, 2).map((file) => ({ id: file.id, position: file.position, fileId: file.fileId, supplementId: file.supplementId }))).toEqual(originalEvidence);
    expect(evidence[2]).toMatchObject({ position: 3, supplementId: supplements[0]!.id, fileUniqueId: 'AgADsupplementPhoto1', kind: 'photo' });
    expect(evidence[2]!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const after = await nominationRow(h, nomination.id);
    expect(after.status).toBe('received');
    expect({ ...after, status: before.status, updatedAt: before.updatedAt }).toEqual(before);
    expect((await historyOf(h, nomination.id)).at(-1)).toMatchObject({ fromStatus: 'needs-info', toStatus: 'received', actorRole: 'resident' });

    expect(await toldSince(mark, head)).toEqual([`Người đề xuất đã bổ sung thông tin cho hồ sơ ${nomination.code}. Hồ sơ đã trở lại danh sách chờ duyệt.`]);
    expect(h.buttonsNow(head.id)).toEqual(['Xem hồ sơ']);
    // The council is not bothered with it.
    expect(h.textsSince(mark, council.id)).toEqual([]);
  });

  it('the queue flags it "đã bổ sung" and the card shows the supplement', async () => {
    await h.say(head, '/duyet');
    await h.tap(head, 'Mới tiếp nhận (1)');
    expect(h.lastText(head.id)).toContain(`1. ${nomination.code} · Nguyễn Văn An · Tổ dân phố số 1 – Phường Xuân Phương · ngày gửi 20/05/2026 · đã bổ sung`);
    await h.tap(head, cardButton(nomination.code));
    const card = h.lastText(head.id);
    expect(card).toContain('Bổ sung ngày 20/05/2026 10:02: Người chứng kiến: chị Hoa, bán rau ở cổng chợ Mỹ Đình. (kèm 1 tệp)');
    expect(card).toContain('Minh chứng: 3 tệp');
  });

  it('"Yêu cầu bổ sung" with a typed reason: the resident reads it as typed', async () => {
    h.clock.advance(60_000);
    await h.send(h.press(head, `rv|o${nomination.id}`));
    await h.tap(head, 'Yêu cầu bổ sung');
    // Too short first: asked again.
    await h.say(head, 'ok');
    expect(h.lastText(head.id)).toBe('Lý do quá ngắn. Xin ghi rõ hơn.\n\nXin chọn hoặc gõ nội dung cần người đề xuất bổ sung (áp dụng cho 1 hồ sơ):');
    expect((await nominationRow(h, nomination.id)).status).toBe('received');
    const mark = h.mark();
    await h.say(head, 'Xin cho biết số điện thoại của anh An để xác minh');
    const row = await nominationRow(h, nomination.id);
    expect(row.status).toBe('needs-info');
    expect(row.lastReason).toBe('Xin cho biết số điện thoại của anh An để xác minh');
    expect((await historyOf(h, nomination.id)).at(-1)).toMatchObject({ fromStatus: 'received', toStatus: 'needs-info', actorRole: 'head', reason: 'Xin cho biết số điện thoại của anh An để xác minh' });
    expect(await toldSince(mark, resident)).toEqual([
      `Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Cần bổ sung.\n\nNội dung cần bổ sung: Xin cho biết số điện thoại của anh An để xác minh\n\nXin bấm "Bổ sung thông tin" rồi gửi nội dung hoặc ảnh, tài liệu cần bổ sung.`,
    ]);

    // The resident answers with text only.
    h.clock.advance(60_000);
    await h.tap(resident, 'Bổ sung thông tin');
    await h.say(resident, 'Số của anh An: 0987 654 321');
    await h.tap(resident, 'Gửi bổ sung');
    await flush(h);
    expect(await h.db.supplement.count({ where: { nominationId: nomination.id } })).toBe(2);
    expect((await nominationRow(h, nomination.id)).status).toBe('received');
    expect(await h.db.evidence.count({ where: { nominationId: nomination.id } })).toBe(3);
  });

  it('"Đề nghị khen thưởng" → "Giấy khen": proposed, the form stored, the council and the resident told', async () => {
    h.clock.advance(60_000);
    await openFromQueue(head, 'Mới tiếp nhận (1)', nomination.code);
    await h.tap(head, 'Đề nghị khen thưởng');
    expect(h.lastText(head.id)).toBe('Xin chọn hình thức khen thưởng đề nghị:');
    expect(h.buttonsNow(head.id)).toEqual(['Giấy khen', 'Danh hiệu "Người tốt, việc tốt"', 'Bằng khen', 'Thư khen, biểu dương', 'Hủy']);
    const mark = h.mark();
    await h.tap(head, 'Giấy khen');

    const row = await nominationRow(h, nomination.id);
    expect(row.status).toBe('proposed');
    expect(row.awardForm).toBe('giay-khen');
    expect((await historyOf(h, nomination.id)).at(-1)).toMatchObject({ fromStatus: 'received', toStatus: 'proposed', actorRole: 'head', actorUserId: headId });
    expect(await toldSince(mark, council)).toEqual([`Tổ dân phố số 1 – Phường Xuân Phương đề nghị khen thưởng hồ sơ ${nomination.code}, hình thức: Giấy khen.`]);
    expect(h.buttonsNow(council.id)).toEqual(['Xem hồ sơ']);
    expect(h.textsSince(mark, resident.id)).toEqual([
      `Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Đề nghị khen thưởng.\n\nĐơn vị đã đề nghị hình thức khen thưởng: Giấy khen. Hồ sơ được chuyển lên Hội đồng Thi đua – Khen thưởng.`,
    ]);
  });

  it('the council opens it from the notice, "Ghi Quyết định", types "123/QĐ-UBND ngày 20/11/2026" → decided', async () => {
    h.clock.set(new Date('2026-11-25T03:00:00Z'));
    await h.tap(council, 'Xem hồ sơ');
    const card = h.lastText(council.id);
    expect(card).toContain(`Hồ sơ ${nomination.code} · Đề nghị khen thưởng`);
    expect(card).toContain('Hình thức đề nghị: Giấy khen');
    expect(card).toContain('Người đề xuất: Trần Thị Bình');
    expect(h.buttonsNow(council.id)).toEqual(['Không đủ điều kiện', 'Đưa ra Hội đồng', 'Chuyển cấp trên', 'Ghi Quyết định', 'Trả về đơn vị', '« Danh sách', '« Tổng quan']);

    await h.tap(council, 'Ghi Quyết định');
    expect(h.lastText(council.id)).toBe('Xin gõ số và ngày của Quyết định khen thưởng, ví dụ: 123/QĐ-UBND ngày 20/11/2026');
    // A date after today, then no number: asked again, nothing recorded.
    await h.say(council, '123/QĐ-UBND ngày 20/12/2026');
    expect(h.lastText(council.id)).toContain('Ngày của Quyết định chưa đúng (không được sau hôm nay).');
    await h.say(council, 'Quyết định ngày 20/11/2026');
    expect(h.lastText(council.id)).toContain('Chưa đọc được số và ngày Quyết định.');
    expect((await nominationRow(h, nomination.id)).status).toBe('proposed');

    const mark = h.mark();
    await h.say(council, '123/QĐ-UBND ngày 20/11/2026');
    const row = await nominationRow(h, nomination.id);
    expect(row.status).toBe('decided');
    expect(row.decisionNumber).toBe('123/QĐ-UBND');
    expect(row.decisionDate?.toISOString().slice(0, 10)).toBe('2026-11-20');
    expect((await historyOf(h, nomination.id)).at(-1)).toMatchObject({ fromStatus: 'proposed', toStatus: 'decided', actorRole: 'council', actorUserId: councilId });
    expect(h.textsSince(mark, council.id)).toContain(`Đã chuyển 1 hồ sơ (${nomination.code}) sang trạng thái "Đã có Quyết định". Người đề xuất sẽ được thông báo.`);
    expect(await toldSince(mark, resident)).toEqual([
      `Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Đã có Quyết định.\n\nQuyết định khen thưởng số 123/QĐ-UBND ngày 20/11/2026.`,
    ]);
  });

  it('"Đã trao tặng" → awarded, and the resident is told', async () => {
    h.clock.advance(60_000);
    await h.say(council, '/duyet');
    expect(h.lastText(council.id)).toContain('Hồ sơ đề nghị khen thưởng của tất cả đơn vị:');
    expect(h.lastText(council.id)).toContain('Đã có Quyết định: 1');
    await h.tap(council, 'Đã có Quyết định (1)');
    await h.tap(council, cardButton(nomination.code));
    expect(h.lastText(council.id)).toContain('Quyết định số 123/QĐ-UBND ngày 20/11/2026');
    const mark = h.mark();
    await h.tap(council, 'Đã trao tặng');
    expect((await nominationRow(h, nomination.id)).status).toBe('awarded');
    expect(await toldSince(mark, resident)).toEqual([`Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Đã trao tặng.`]);

    const history = await historyOf(h, nomination.id);
    expect(history.map((change) => change.toStatus)).toEqual(['received', 'verifying', 'needs-info', 'received', 'needs-info', 'received', 'proposed', 'decided', 'awarded']);
    expect(history.map((change) => change.actorRole)).toEqual(['resident', 'head', 'head', 'resident', 'head', 'resident', 'head', 'council', 'council']);
    // Every message went out; none failed.
    expect(await h.db.notification.count({ where: { sentAt: null } })).toBe(0);
    expect(await h.db.notification.count({ where: { userId: await userIdOf(h, resident) } })).toBe(6);
  });
});

describe('rejecting', () => {
  it('"Không đủ điều kiện" with a typed reason: rejected, and the resident reads the reason', async () => {
    h.clock.set(new Date('2026-06-01T03:00:00Z'));
    const someone = h.user(51_000_002, 'vi');
    const nomination = await submitFor(h, someone, { name: 'Phạm Văn Cường', unitQuery: 'xuan phuong', unitLabel: 'Tổ dân phố số 2 – Phường Xuân Phương' });
    await h.send(h.press(head, `rv|o${nomination.id}`));
    await h.tap(head, 'Không đủ điều kiện');
    expect(h.lastText(head.id)).toBe('Xin chọn hoặc gõ lý do không đủ điều kiện (áp dụng cho 1 hồ sơ):');
    expect(h.buttonsNow(head.id)).toEqual(['Không xác minh được sự việc', 'Không thuộc phạm vi đơn vị', 'Chưa đủ tiêu chuẩn biểu dương, khen thưởng', 'Đã được khen thưởng cho việc này', 'Hủy']);
    const mark = h.mark();
    await h.say(head, 'Người mất đã xác nhận không nhận lại được ví');
    const row = await nominationRow(h, nomination.id);
    expect(row.status).toBe('rejected');
    expect(row.lastReason).toBe('Người mất đã xác nhận không nhận lại được ví');
    expect((await historyOf(h, nomination.id)).at(-1)).toMatchObject({ fromStatus: 'received', toStatus: 'rejected', actorRole: 'head', reason: 'Người mất đã xác nhận không nhận lại được ví' });
    expect(await toldSince(mark, someone)).toEqual([
      `Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Không đủ điều kiện.\n\nLý do: Người mất đã xác nhận không nhận lại được ví`,
    ]);
  });

  it('with a ready-made reason, the resident reads its label', async () => {
    h.clock.advance(60_000);
    const someone = h.user(51_000_003, 'vi');
    const nomination = await submitFor(h, someone, { name: 'Đỗ Thị Lan', unitLabel: 'Tổ dân phố số 2 – Phường Xuân Phương' });
    await h.send(h.press(head, `rv|o${nomination.id}`));
    await h.tap(head, 'Không đủ điều kiện');
    const mark = h.mark();
    await h.tap(head, 'Không xác minh được sự việc');
    expect((await nominationRow(h, nomination.id)).status).toBe('rejected');
    expect(await toldSince(mark, someone)).toEqual([`Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Không đủ điều kiện.\n\nLý do: Không xác minh được sự việc`]);
  });

  it('"Hủy" at the reason prompt changes nothing', async () => {
    h.clock.advance(60_000);
    const someone = h.user(51_000_004, 'vi');
    const nomination = await submitFor(h, someone, { name: 'Vũ Văn Hải', unitLabel: 'Tổ dân phố số 2 – Phường Xuân Phương' });
    await h.send(h.press(head, `rv|o${nomination.id}`));
    await h.tap(head, 'Không đủ điều kiện');
    await h.tap(head, 'Hủy');
    expect(h.lastText(head.id)).toBe('Đã hủy thao tác.');
    // A reason typed afterwards is not taken as one.
    await h.say(head, 'Không xác minh được');
    expect((await nominationRow(h, nomination.id)).status).toBe('received');
    expect(await historyOf(h, nomination.id)).toHaveLength(1);
  });
});

describe("the council's other moves", () => {
  it('"Trả về đơn vị" with a reason: back to "Đang xác minh", the ward\'s head and the resident are told', async () => {
    h.clock.set(new Date('2026-06-10T03:00:00Z'));
    const someone = h.user(51_000_005, 'vi');
    const nomination = await submitFor(h, someone, { name: 'Hồ Văn Thắng', unitLabel: 'Tổ dân phố số 2 – Phường Xuân Phương' });
    await h.send(h.press(head, `rv|a:propose:${nomination.id}`));
    await h.send(h.press(head, 'rv|f:bieu-duong'));
    await flush(h);
    await h.send(h.press(council, `rv|o${nomination.id}`));
    await h.tap(council, 'Trả về đơn vị');
    expect(h.lastText(council.id)).toBe('Xin gõ lý do trả hồ sơ về đơn vị:');
    const mark = h.mark();
    await h.say(council, 'Cần xác nhận của Công an phường');
    const row = await nominationRow(h, nomination.id);
    expect(row.status).toBe('verifying');
    expect(row.awardForm).toBe('bieu-duong');
    expect((await historyOf(h, nomination.id)).at(-1)).toMatchObject({ fromStatus: 'proposed', toStatus: 'verifying', actorRole: 'council', reason: 'Cần xác nhận của Công an phường' });
    expect(await toldSince(mark, head)).toEqual([`Hội đồng đã trả hồ sơ ${nomination.code} về đơn vị để xác minh thêm.\n\nLý do: Cần xác nhận của Công an phường`]);
    expect(h.buttonsNow(head.id)).toEqual(['Xem hồ sơ']);
    expect(h.textsSince(mark, someone.id)).toEqual([`Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Đang xác minh.\n\nLý do: Cần xác nhận của Công an phường`]);
  });

  it('"Đưa ra Hội đồng" then "Chuyển cấp trên": at-council, then forwarded', async () => {
    h.clock.advance(60_000);
    const someone = h.user(51_000_006, 'vi');
    const nomination = await submitFor(h, someone, { name: 'Hồ Thị Xuân', unitLabel: 'Tổ dân phố số 2 – Phường Xuân Phương' });
    await h.send(h.press(head, `rv|a:propose:${nomination.id}`));
    await h.send(h.press(head, 'rv|f:bang-khen'));
    await h.send(h.press(council, `rv|o${nomination.id}`));
    await h.tap(council, 'Đưa ra Hội đồng');
    expect((await nominationRow(h, nomination.id)).status).toBe('at-council');
    // Deliver the notices first, so the card is the last keyboard the council member sees.
    await flush(h);
    await h.send(h.press(council, `rv|o${nomination.id}`));
    expect(h.buttonsNow(council.id)).toEqual(['Không đủ điều kiện', 'Chuyển cấp trên', 'Ghi Quyết định', 'Trả về đơn vị', '« Danh sách', '« Tổng quan']);
    const mark = h.mark();
    await h.tap(council, 'Chuyển cấp trên');
    expect((await nominationRow(h, nomination.id)).status).toBe('forwarded');
    expect(await toldSince(mark, someone)).toEqual([`Hồ sơ ${nomination.code} của Quý vị đã chuyển sang trạng thái: Chuyển cấp trên.`]);
  });
});

describe('duplicates', () => {
  it('"Trùng hồ sơ" + the original\'s code merges it; the original counts one endorsement', async () => {
    h.clock.set(new Date('2026-07-01T03:00:00Z'));
    const first = h.user(51_000_010, 'vi');
    const second = h.user(51_000_011, 'vi');
    const original = await submitFor(h, first, { name: 'Lê Thị Mai', unitLabel: 'Tổ dân phố số 3 – Phường Xuân Phương' });
    h.clock.advance(3600_000);
    const duplicate = await submitFor(h, second, { name: 'Lê Thị Mai', unitLabel: 'Tổ dân phố số 3 – Phường Xuân Phương', nominatorName: 'Hoàng Văn Nam', phone: '0988 111 222' });

    await h.send(h.press(head, `rv|o${duplicate.id}`));
    await h.tap(head, 'Trùng hồ sơ');
    expect(h.lastText(head.id)).toBe('Hồ sơ này trùng với hồ sơ nào? Xin gõ mã hồ sơ gốc, ví dụ: NTV-2026-00042');
    // An unknown code, and the nomination itself: asked again.
    await h.say(head, 'NTV-2026-99999');
    expect(h.lastText(head.id)).toContain('Không tìm thấy hồ sơ "NTV-2026-99999" trong phạm vi Quý vị phụ trách.');
    await h.say(head, duplicate.code);
    expect(h.lastText(head.id)).toContain(`Không tìm thấy hồ sơ "${duplicate.code}"`);
    expect((await nominationRow(h, duplicate.id)).status).toBe('received');

    const mark = h.mark();
    // Typed loosely, lower case with spaces.
    await h.say(head, original.code.toLowerCase().replace(/-/g, ' '));
    const row = await nominationRow(h, duplicate.id);
    expect(row.status).toBe('merged');
    expect(row.duplicateOfId).toBe(original.id);
    expect((await historyOf(h, duplicate.id)).at(-1)).toMatchObject({ fromStatus: 'received', toStatus: 'merged', actorRole: 'head' });
    expect((await nominationRow(h, original.id)).status).toBe('received');
    expect(await toldSince(mark, second)).toEqual([
      `Hồ sơ ${duplicate.code} của Quý vị đã chuyển sang trạng thái: Đã gộp với đề xuất khác.\n\nHồ sơ được gộp với hồ sơ ${original.code} về cùng một việc tốt; ý kiến của Quý vị được ghi nhận như một lời ủng hộ.`,
    ]);
    expect(h.textsSince(mark, first.id)).toEqual([]);

    await h.send(h.press(head, `rv|o${original.id}`));
    expect(h.lastText(head.id)).toContain('Có 1 đề xuất khác trùng, được tính là ủng hộ hồ sơ này.');
    await h.send(h.press(head, `rv|o${duplicate.id}`));
    expect(h.lastText(head.id)).toContain(`Đã gộp vào hồ sơ ${original.code}.`);
    expect(h.buttonsNow(head.id)).toEqual(['« Danh sách', '« Tổng quan']);
  });

  // Regression (was a bug): Review.text (src/app/review.ts) accepts any nomination in scope as the original, whatever
  // its status: B can be merged into A although A was already merged into B (a cycle where neither
  // is left to review), or into a withdrawn or rejected nomination.
  it('the original of a merge must not itself be merged (no cycles)', async () => {
    h.clock.advance(3600_000);
    const a = await submitFor(h, h.user(51_000_014, 'vi'), { name: 'Quách Văn Tín', unitLabel: 'Tổ dân phố số 3 – Phường Xuân Phương' });
    const b = await submitFor(h, h.user(51_000_015, 'vi'), { name: 'Quách Văn Tín', unitLabel: 'Tổ dân phố số 3 – Phường Xuân Phương' });
    await h.send(h.press(head, `rv|a:merge:${a.id}`));
    await h.say(head, b.code);
    expect((await nominationRow(h, a.id)).duplicateOfId).toBe(b.id);
    await h.send(h.press(head, `rv|a:merge:${b.id}`));
    await h.say(head, a.code);
    await h.send(h.press(head, 'rv|x'));
    const row = await nominationRow(h, b.id);
    expect(row.status).toBe('received');
    expect(row.duplicateOfId).toBeNull();
  });

  it('a code from a unit the head does not cover is "not found"', async () => {
    h.clock.advance(3600_000);
    const here = h.user(51_000_012, 'vi');
    const elsewhere = h.user(51_000_013, 'vi');
    const mine = await submitFor(h, here, { name: 'Trịnh Văn Long', unitLabel: 'Tổ dân phố số 3 – Phường Xuân Phương' });
    const foreign = await submitFor(h, elsewhere, { name: 'Trịnh Văn Long', unitQuery: 'tay mo', unitLabel: TM_GROUP_LABEL });
    await h.send(h.press(head, `rv|o${mine.id}`));
    await h.tap(head, 'Trùng hồ sơ');
    await h.say(head, foreign.code);
    expect(h.lastText(head.id)).toContain(`Không tìm thấy hồ sơ "${foreign.code}" trong phạm vi Quý vị phụ trách.`);
    expect((await nominationRow(h, mine.id)).status).toBe('received');
    expect((await nominationRow(h, mine.id)).duplicateOfId).toBeNull();
    await h.tap(head, 'Hủy');
  });

  it('a second nomination of the same person with another tone placement ("Hoà"/"Hòa"), same unit, within 30 days, is flagged', async () => {
    h.clock.set(new Date('2026-08-01T03:00:00Z'));
    const first = h.user(51_000_020, 'vi');
    const second = h.user(51_000_021, 'vi');
    const third = h.user(51_000_022, 'vi');
    const fourth = h.user(51_000_023, 'vi');
    const older = await submitFor(h, first, { name: 'Nguyễn Văn Hòa', unitLabel: 'Tổ dân phố số 4 – Phường Xuân Phương' });
    h.clock.advance(5 * 24 * 3600_000);
    const newer = await submitFor(h, second, { name: 'Nguyễn Văn Hoà', unitLabel: 'Tổ dân phố số 4 – Phường Xuân Phương' });
    // Same name in another ward: not flagged.
    const otherWard = await submitFor(h, third, { name: 'Nguyễn Văn Hoà', unitQuery: 'tay mo', unitLabel: TM_GROUP_LABEL });

    const older_ = await nominationRow(h, older.id);
    const newer_ = await nominationRow(h, newer.id);
    expect(older_.nomineeName).toBe('Nguyễn Văn Hòa');
    expect(newer_.nomineeName).toBe('Nguyễn Văn Hoà');
    expect(older_.possibleDuplicateOfId).toBeNull();
    expect(newer_.possibleDuplicateOfId).toBe(older.id);
    expect((await nominationRow(h, otherWard.id)).possibleDuplicateOfId).toBeNull();

    // More than 30 days later: not flagged.
    h.clock.advance(40 * 24 * 3600_000);
    const muchLater = await submitFor(h, fourth, { name: 'Nguyễn Văn Hòa', unitLabel: 'Tổ dân phố số 4 – Phường Xuân Phương' });
    expect((await nominationRow(h, muchLater.id)).possibleDuplicateOfId).toBeNull();

    // The head sees the flag in the queue and on the card.
    await h.say(head, '/duyet');
    await h.tap(head, h.buttonsNow(head.id).find((label) => label.startsWith('Mới tiếp nhận ('))!);
    const pages = [h.lastText(head.id)];
    while (h.buttonsNow(head.id).includes('Trang sau »')) {
      await h.tap(head, 'Trang sau »');
      pages.push(h.lastText(head.id));
    }
    const line = pages.join('\n').split('\n').find((text) => text.includes(newer.code));
    expect(line).toContain(`· có thể trùng ${older.code}`);
    await h.send(h.press(head, `rv|o${newer.id}`));
    expect(h.lastText(head.id)).toContain(`Lưu ý: có thể trùng với hồ sơ ${older.code} (cùng người, cùng đơn vị, thời gian gần nhau).`);
  });
});
