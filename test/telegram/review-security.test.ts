/**
 * What reviewers may not do, whatever callback data they send: open or move a nomination of a
 * unit they do not head, act in the council's place, act on a nomination whose status changed
 * since the button was drawn. And the bulk actions, which check each nomination on its own.
 */
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOutbox, flush, grant, historyOf, nominationRow, submitFor } from './review-flow.js';
import { createHarness, type Harness } from './support.js';

let h: Harness;
let xpHead: User;
let tmHead: User;
let council: User;

const NOT_FOUND = 'Không tìm thấy hồ sơ này trong phạm vi Quý vị phụ trách.';
const NOT_ALLOWED = 'Chức năng này dành cho lãnh đạo đơn vị và Hội đồng Thi đua – Khen thưởng.';

beforeAll(async () => {
  h = await createHarness();
  connectOutbox(h);
  xpHead = h.user(61_000_001, 'vi');
  tmHead = h.user(61_000_002, 'vi');
  council = h.user(61_000_003, 'vi');
  await grant(h, xpHead, 'head', 'HN-XUAN-PHUONG');
  await grant(h, tmHead, 'head', 'HN-TAY-MO');
  await grant(h, council, 'council');
});
afterAll(async () => {
  await h?.close();
});

let residents = 0;
const newResident = () => h.user(62_000_000 + ++residents, 'vi');

/** A snapshot of what must not change. */
async function snapshot(id: number) {
  const row = await nominationRow(h, id);
  return { row, history: (await historyOf(h, id)).length, notifications: await h.db.notification.count(), supplements: await h.db.supplement.count({ where: { nominationId: id } }) };
}

describe('a head of another ward (Phường Tây Mỗ)', () => {
  let nomination: { code: string; id: number };
  let resident: User;
  beforeAll(async () => {
    resident = newResident();
    nomination = await submitFor(h, resident, { name: 'Nguyễn Văn An' });
  });

  it('cannot open a Xuân Phương nomination (rv|o<id>): a polite refusal, nothing leaks', async () => {
    const before = await snapshot(nomination.id);
    const mark = h.mark();
    await h.send(h.press(tmHead, `rv|o${nomination.id}`));
    expect(h.textsSince(mark, tmHead.id)).toEqual([NOT_FOUND]);
    expect(h.calls.slice(mark).filter((call) => call.method === 'sendPhoto' || call.method === 'sendDocument')).toEqual([]);
    const seen = h.textsSince(0, tmHead.id).join('\n');
    for (const secret of [nomination.code, 'Nguyễn Văn An', 'Trần Thị Bình', '0912']) expect(seen).not.toContain(secret);
    expect(await snapshot(nomination.id)).toEqual(before);
  });

  it('cannot act on it (rv|a:accept, rv|a:request-info, rv|a:reject, rv|a:propose): refused, nothing changes', async () => {
    const before = await snapshot(nomination.id);
    for (const action of ['accept', 'request-info', 'reject', 'propose', 'merge']) {
      const mark = h.mark();
      await h.send(h.press(tmHead, `rv|a:${action}:${nomination.id}`));
      expect(h.textsSince(mark, tmHead.id)).toEqual([NOT_FOUND]);
    }
    // No prompt was opened: a reason typed now is not taken as one.
    await h.say(tmHead, 'Không xác minh được sự việc');
    await flush(h);
    expect(await snapshot(nomination.id)).toEqual(before);
    expect((await h.db.user.findFirstOrThrow({ where: { externalId: String(tmHead.id) } })).pending).toBeNull();
    expect(h.textsSince(0, resident.id).filter((text) => text.includes('đã chuyển sang trạng thái'))).toEqual([]);
  });

  it('does not see it in the overview or the queue', async () => {
    await h.say(tmHead, '/duyet');
    expect(h.lastText(tmHead.id)).toContain('Hồ sơ đề xuất của Phường Tây Mỗ:');
    expect(h.lastText(tmHead.id)).toContain('Mới tiếp nhận: 0');
    const mark = h.mark();
    await h.send(h.press(tmHead, 'rv|l:received:0'));
    expect(h.textsSince(mark, tmHead.id)).toEqual(['Không còn hồ sơ nào ở trạng thái "Mới tiếp nhận".']);
  });

  it('cannot tick it for a bulk action, nor apply one to it', async () => {
    // The Tây Mỗ head has a nomination of their own, so selecting is offered.
    const own1 = await submitFor(h, newResident(), { name: 'Bùi Văn Tâm', unitQuery: 'tay mo', unitLabel: 'Tổ dân phố số 1 – Phường Tây Mỗ' });
    const own2 = await submitFor(h, newResident(), { name: 'Bùi Thị Thu', unitQuery: 'tay mo', unitLabel: 'Tổ dân phố số 2 – Phường Tây Mỗ' });
    const before = await snapshot(nomination.id);
    await h.send(h.press(tmHead, 'rv|m:received:0'));
    let mark = h.mark();
    await h.send(h.press(tmHead, `rv|s${nomination.id}`));
    expect(h.textsSince(mark, tmHead.id)).toEqual([NOT_FOUND]);
    const pending = (await h.db.user.findFirstOrThrow({ where: { externalId: String(tmHead.id) } })).pending as { kind: string; ids: number[] };
    expect(pending).toMatchObject({ kind: 'select', ids: [] });

    mark = h.mark();
    await h.send(h.press(tmHead, 'rv|b:accept'));
    expect(h.textsSince(mark, tmHead.id)).toEqual(['Quý vị chưa chọn hồ sơ nào.']);

    // With one of their own ticked, a bulk accept moves only that one.
    await h.send(h.press(tmHead, `rv|m:received:0`));
    await h.send(h.press(tmHead, `rv|s${own1.id}`));
    await h.send(h.press(tmHead, `rv|s${nomination.id}`));
    await h.send(h.press(tmHead, 'rv|b:accept'));
    expect((await nominationRow(h, own1.id)).status).toBe('verifying');
    expect((await nominationRow(h, own2.id)).status).toBe('received');
    await flush(h);
    expect(await snapshot(nomination.id)).toEqual({ ...before, notifications: before.notifications + 1 });
  });
});

describe('a head of one residential group', () => {
  it('cannot open a nomination of another group of the same ward', async () => {
    const groupHead = h.user(61_000_010, 'vi');
    await grant(h, groupHead, 'head', 'HN-XUAN-PHUONG-TDP-01');
    const other = await submitFor(h, newResident(), { name: 'Mai Văn Kiên', unitLabel: 'Tổ dân phố số 2 – Phường Xuân Phương' });
    const mine = await submitFor(h, newResident(), { name: 'Mai Thị Hương' });
    let mark = h.mark();
    await h.send(h.press(groupHead, `rv|o${other.id}`));
    expect(h.textsSince(mark, groupHead.id)).toEqual([NOT_FOUND]);
    mark = h.mark();
    await h.send(h.press(groupHead, `rv|o${mine.id}`));
    expect(h.lastText(groupHead.id)).toContain(`Hồ sơ ${mine.code} · Mới tiếp nhận`);
    // The ward's head sees both.
    await h.send(h.press(xpHead, `rv|o${other.id}`));
    expect(h.lastText(xpHead.id)).toContain(`Hồ sơ ${other.code}`);
  });
});

describe('a resident', () => {
  it('pressing reviewer buttons or typing /duyet gets "Chức năng này dành cho…"', async () => {
    const resident = newResident();
    const nomination = await submitFor(h, resident, { name: 'Cao Văn Phúc' });
    const stranger = newResident();
    await h.say(stranger, '/start');
    const before = await snapshot(nomination.id);
    for (const person of [resident, stranger]) {
      for (const data of ['rv|h', 'rv|l:received:0', `rv|o${nomination.id}`, `rv|a:accept:${nomination.id}`, `rv|a:reject:${nomination.id}`, 'rv|m:received:0', `rv|s${nomination.id}`, 'rv|b:accept', 'rv|r:need-evidence', 'rv|f:giay-khen']) {
        const mark = h.mark();
        await h.send(h.press(person, data));
        expect(h.textsSince(mark, person.id)).toEqual([NOT_ALLOWED]);
      }
      const mark = h.mark();
      await h.say(person, '/duyet');
      expect(h.textsSince(mark, person.id)).toEqual([NOT_ALLOWED]);
    }
    expect(await snapshot(nomination.id)).toEqual(before);
  });

  it('a head whose role was revoked is a resident again', async () => {
    const former = h.user(61_000_020, 'vi');
    await grant(h, former, 'head', 'HN-XUAN-PHUONG');
    const nomination = await submitFor(h, newResident(), { name: 'Lý Văn Sơn' });
    await h.send(h.press(former, `rv|o${nomination.id}`));
    await h.tap(former, 'Không đủ điều kiện'); // a reason prompt is open…
    const [grantRow] = await h.app.roles.list({ userId: (await h.db.user.findFirstOrThrow({ where: { externalId: String(former.id) } })).id });
    expect(await h.app.roles.revoke(grantRow!.id, h.clock.now)).toBe(true);
    const before = await snapshot(nomination.id);
    // …and is not honoured after the revocation.
    await h.say(former, 'Không xác minh được sự việc');
    await h.send(h.press(former, 'rv|r:not-verified'));
    expect(h.lastText(former.id)).toBe(NOT_ALLOWED);
    await h.send(h.press(former, `rv|a:accept:${nomination.id}`));
    expect(h.lastText(former.id)).toBe(NOT_ALLOWED);
    expect(await snapshot(nomination.id)).toEqual(before);
  });
});

describe("the council's actions", () => {
  let nomination: { code: string; id: number };
  beforeAll(async () => {
    nomination = await submitFor(h, newResident(), { name: 'Đinh Văn Quang' });
    await h.send(h.press(xpHead, `rv|a:propose:${nomination.id}`));
    await h.send(h.press(xpHead, 'rv|f:bang-khen'));
    await flush(h);
    expect((await nominationRow(h, nomination.id)).status).toBe('proposed');
  });

  it('a head pressing "Đưa ra Hội đồng" (rv|a:table) on a proposed nomination is refused', async () => {
    const before = await snapshot(nomination.id);
    const mark = h.mark();
    await h.send(h.press(xpHead, `rv|a:table:${nomination.id}`));
    expect(h.textsSince(mark, xpHead.id)[0]).toBe(`Quý vị không có quyền thực hiện thao tác này với hồ sơ ${nomination.code}.`);
    await flush(h);
    expect(await snapshot(nomination.id)).toEqual(before);
  });

  it('a head who types a decision after forging rv|a:decide changes nothing', async () => {
    const before = await snapshot(nomination.id);
    h.clock.set(new Date('2026-11-25T03:00:00Z'));
    const mark = h.mark();
    await h.send(h.press(xpHead, `rv|a:decide:${nomination.id}`));
    await h.say(xpHead, '123/QĐ-UBND ngày 20/11/2026');
    expect(h.textsSince(mark, xpHead.id)).toContain(`Quý vị không có quyền thực hiện thao tác này với hồ sơ ${nomination.code}.`);
    await flush(h);
    const after = await snapshot(nomination.id);
    expect(after).toEqual(before);
    expect(after.row.decisionNumber).toBeNull();
  });

  // Regression (was a bug): Review.startAction (src/app/review.ts) checks only the unit, not the role or the status,
  // before prompting: a head forging rv|a:decide:<id> is asked for the Quyết định's number and date
  // (a pending "decision" is stored) and is refused only after typing it.
  it('a head pressing a council-only action (rv|a:decide) is refused at once, without a prompt', async () => {
    const mark = h.mark();
    await h.send(h.press(xpHead, `rv|a:decide:${nomination.id}`));
    expect(h.textsSince(mark, xpHead.id)).toEqual([`Quý vị không có quyền thực hiện thao tác này với hồ sơ ${nomination.code}.`]);
    expect((await h.db.user.findFirstOrThrow({ where: { externalId: String(xpHead.id) } })).pending).toBeNull();
  });

  it('the council itself may', async () => {
    await h.send(h.press(council, `rv|a:table:${nomination.id}`));
    expect((await nominationRow(h, nomination.id)).status).toBe('at-council');
  });
});

describe('replayed and stale buttons', () => {
  it('a replayed "Xác minh" on a nomination already moved is refused; nothing changes, nobody is told twice', async () => {
    const resident = newResident();
    const nomination = await submitFor(h, resident, { name: 'Tạ Văn Minh' });
    await h.send(h.press(xpHead, `rv|o${nomination.id}`));
    const card = h.findMessage(xpHead.id, `Hồ sơ ${nomination.code} · Mới tiếp nhận`);
    await h.tap(xpHead, 'Xác minh');
    await flush(h);
    expect((await nominationRow(h, nomination.id)).status).toBe('verifying');
    const before = await snapshot(nomination.id);
    const residentMark = h.mark();

    // The same button again (an old message, or a forged press).
    const mark = h.mark();
    await h.send(h.press(xpHead, `rv|a:accept:${nomination.id}`, card));
    expect(h.textsSince(mark, xpHead.id)[0]).toBe(`Hồ sơ ${nomination.code} đã thay đổi trạng thái nên không thể thực hiện thao tác này. Xin mở lại hồ sơ.`);
    await flush(h);
    expect(await snapshot(nomination.id)).toEqual(before);
    expect(h.textsSince(residentMark, resident.id)).toEqual([]);
  });

  it('a ready-made reason pressed again after the action was done is stale', async () => {
    const nomination = await submitFor(h, newResident(), { name: 'Tạ Thị Nga' });
    await h.send(h.press(xpHead, `rv|a:reject:${nomination.id}`));
    const prompt = h.findMessage(xpHead.id, 'Xin chọn hoặc gõ lý do không đủ điều kiện');
    await h.send(h.press(xpHead, 'rv|r:not-verified', prompt));
    expect((await nominationRow(h, nomination.id)).status).toBe('rejected');
    const before = await snapshot(nomination.id);
    await h.send(h.press(xpHead, 'rv|r:out-of-area', prompt));
    expect(h.lastText(xpHead.id)).toBe('Nút này không còn dùng được. Xin mở lại danh sách bằng lệnh /duyet.');
    expect(await snapshot(nomination.id)).toEqual(before);
  });

  it('a press delivered twice by Telegram (same update id) is handled once', async () => {
    const nomination = await submitFor(h, newResident(), { name: 'Tạ Văn Hùng' });
    const update = h.press(xpHead, `rv|a:accept:${nomination.id}`);
    await h.send(update);
    await flush(h);
    const mark = h.mark();
    await h.send(update);
    await flush(h);
    expect(h.calls.slice(mark)).toEqual([]);
    expect(await historyOf(h, nomination.id)).toHaveLength(2);
  });

  it('a forged award form or reason template is stale', async () => {
    const nomination = await submitFor(h, newResident(), { name: 'Tạ Văn Dũng' });
    await h.send(h.press(xpHead, `rv|a:propose:${nomination.id}`));
    await h.send(h.press(xpHead, 'rv|f:kim-cuong'));
    expect(h.lastText(xpHead.id)).toBe('Nút này không còn dùng được. Xin mở lại danh sách bằng lệnh /duyet.');
    await h.send(h.press(xpHead, `rv|a:request-info:${nomination.id}`));
    await h.send(h.press(xpHead, 'rv|r:not-verified')); // a reject template offered for request-info
    expect(h.lastText(xpHead.id)).toBe('Nút này không còn dùng được. Xin mở lại danh sách bằng lệnh /duyet.');
    expect((await nominationRow(h, nomination.id)).status).toBe('received');
    await h.send(h.press(xpHead, 'rv|x'));
  });
});

describe('supplements', () => {
  it("another resident cannot open the supplement of someone else's nomination (sup|s<id>)", async () => {
    const owner = newResident();
    const nomination = await submitFor(h, owner, { name: 'Ông Văn Bảy' });
    await h.send(h.press(xpHead, `rv|a:request-info:${nomination.id}`));
    await h.send(h.press(xpHead, 'rv|r:need-details'));
    const stranger = newResident();
    await h.say(stranger, '/start');
    const before = await snapshot(nomination.id);
    await h.send(h.press(stranger, `sup|s${nomination.id}`));
    expect(h.lastText(stranger.id)).toBe('Không tìm thấy đề xuất này trong danh sách của Quý vị.');
    await h.say(stranger, 'Tôi bổ sung thay');
    await h.send(h.press(stranger, 'sup|send'));
    expect(await snapshot(nomination.id)).toEqual(before);
    expect((await h.db.user.findFirstOrThrow({ where: { externalId: String(stranger.id) } })).pending).toBeNull();
  });

  it('a supplement sent after the nomination left "Cần bổ sung" is refused and stores nothing', async () => {
    const owner = newResident();
    const nomination = await submitFor(h, owner, { name: 'Ông Văn Tám' });
    await h.send(h.press(xpHead, `rv|a:request-info:${nomination.id}`));
    await h.send(h.press(xpHead, 'rv|r:need-witness'));
    await flush(h);
    await h.tap(owner, 'Bổ sung thông tin');
    await h.say(owner, 'Người chứng kiến: anh Tư, xe ôm đầu ngõ.');
    // Meanwhile the head decides it is not eligible.
    await h.send(h.press(xpHead, `rv|a:reject:${nomination.id}`));
    await h.send(h.press(xpHead, 'rv|r:not-verified'));
    await flush(h);
    const before = await snapshot(nomination.id);
    await h.tap(owner, 'Gửi bổ sung');
    expect(h.lastText(owner.id)).toBe(`Hồ sơ ${nomination.code} đang ở trạng thái "Không đủ điều kiện", hiện không cần bổ sung.`);
    expect(await snapshot(nomination.id)).toEqual(before);
    expect(before.supplements).toBe(0);
    // The button of the notice, pressed again, says the same.
    await h.send(h.press(owner, `sup|s${nomination.id}`));
    expect(h.lastText(owner.id)).toBe(`Hồ sơ ${nomination.code} đang ở trạng thái "Không đủ điều kiện", hiện không cần bổ sung.`);
  });
});

describe('bulk actions (Phường Đại Mỗ)', () => {
  let dmHead: User;
  beforeAll(async () => {
    dmHead = h.user(61_000_030, 'vi');
    await grant(h, dmHead, 'head', 'HN-DAI-MO');
  });
  const DM = { unitQuery: 'dai mo', unitLabel: 'Tổ dân phố số 1 – Phường Đại Mỗ' };

  it('"Chọn nhiều hồ sơ" → tick two → "Xác minh (2)" moves both; both residents are told', async () => {
    const [r1, r2] = [newResident(), newResident()];
    const n1 = await submitFor(h, r1, { name: 'Kiều Văn Một', ...DM });
    const n2 = await submitFor(h, r2, { name: 'Kiều Văn Hai', ...DM });
    await h.say(dmHead, '/duyet');
    await h.tap(dmHead, 'Mới tiếp nhận (2)');
    await h.tap(dmHead, 'Chọn nhiều hồ sơ');
    expect(h.lastText(dmHead.id)).toContain('Bấm vào từng hồ sơ để chọn, rồi chọn thao tác áp dụng cho tất cả.');
    await h.tap(dmHead, `☐ ${n1.code}`);
    await h.tap(dmHead, `☐ ${n2.code}`);
    expect(h.buttonsNow(dmHead.id)).toEqual([`☑ ${n1.code}`, `☑ ${n2.code}`, 'Xác minh (2)', 'Yêu cầu bổ sung (2)', 'Thôi chọn', '« Tổng quan']);
    const mark = h.mark();
    await h.tap(dmHead, 'Xác minh (2)');
    expect(h.textsSince(mark, dmHead.id)).toContain(`Đã chuyển 2 hồ sơ (${n1.code}, ${n2.code}) sang trạng thái "Đang xác minh". Người đề xuất sẽ được thông báo.`);
    for (const n of [n1, n2]) {
      expect((await nominationRow(h, n.id)).status).toBe('verifying');
      expect((await historyOf(h, n.id)).at(-1)).toMatchObject({ fromStatus: 'received', toStatus: 'verifying', actorRole: 'head' });
    }
    await flush(h);
    expect(h.textsSince(mark, r1.id)).toEqual([`Hồ sơ ${n1.code} của Quý vị đã chuyển sang trạng thái: Đang xác minh.`]);
    expect(h.textsSince(mark, r2.id)).toEqual([`Hồ sơ ${n2.code} của Quý vị đã chuyển sang trạng thái: Đang xác minh.`]);
  });

  it('"Yêu cầu bổ sung (2)" with one typed reason applies it to both', async () => {
    h.clock.advance(60_000);
    const [r1, r2] = [newResident(), newResident()];
    const n1 = await submitFor(h, r1, { name: 'Kiều Văn Ba', ...DM });
    const n2 = await submitFor(h, r2, { name: 'Kiều Văn Bốn', ...DM });
    await h.say(dmHead, '/duyet');
    await h.tap(dmHead, 'Mới tiếp nhận (2)');
    await h.tap(dmHead, 'Chọn nhiều hồ sơ');
    await h.tap(dmHead, `☐ ${n1.code}`);
    await h.tap(dmHead, `☐ ${n2.code}`);
    await h.tap(dmHead, 'Yêu cầu bổ sung (2)');
    expect(h.lastText(dmHead.id)).toBe('Xin chọn hoặc gõ nội dung cần người đề xuất bổ sung (áp dụng cho 2 hồ sơ):');
    const mark = h.mark();
    await h.say(dmHead, 'Xin gửi ảnh chụp giấy biên nhận của Công an phường');
    for (const n of [n1, n2]) {
      const row = await nominationRow(h, n.id);
      expect(row.status).toBe('needs-info');
      expect(row.lastReason).toBe('Xin gửi ảnh chụp giấy biên nhận của Công an phường');
      expect((await historyOf(h, n.id)).at(-1)).toMatchObject({ toStatus: 'needs-info', reason: 'Xin gửi ảnh chụp giấy biên nhận của Công an phường' });
    }
    await flush(h);
    for (const [resident, n] of [[r1, n1], [r2, n2]] as const) {
      expect(h.textsSince(mark, resident.id)).toEqual([
        `Hồ sơ ${n.code} của Quý vị đã chuyển sang trạng thái: Cần bổ sung.\n\nNội dung cần bổ sung: Xin gửi ảnh chụp giấy biên nhận của Công an phường\n\nXin bấm "Bổ sung thông tin" rồi gửi nội dung hoặc ảnh, tài liệu cần bổ sung.`,
      ]);
      expect(h.buttonsNow(resident.id)).toEqual(['Bổ sung thông tin']);
    }
  });

  it('a bulk accept where one was moved meanwhile moves the other and says which was refused', async () => {
    h.clock.advance(60_000);
    const n1 = await submitFor(h, newResident(), { name: 'Kiều Văn Năm', ...DM });
    const n2 = await submitFor(h, newResident(), { name: 'Kiều Văn Sáu', ...DM });
    await h.send(h.press(dmHead, 'rv|m:received:0'));
    await h.send(h.press(dmHead, `rv|s${n1.id}`));
    await h.send(h.press(dmHead, `rv|s${n2.id}`));
    // Meanwhile the council asks the resident of n2 for more information.
    await h.send(h.press(council, `rv|a:request-info:${n2.id}`));
    await h.say(council, 'Xin bổ sung người chứng kiến');
    expect((await nominationRow(h, n2.id)).status).toBe('needs-info');
    const mark = h.mark();
    await h.send(h.press(dmHead, 'rv|b:accept'));
    const texts = h.textsSince(mark, dmHead.id);
    expect(texts).toContain(`Đã chuyển 1 hồ sơ (${n1.code}) sang trạng thái "Đang xác minh". Người đề xuất sẽ được thông báo.`);
    expect(texts).toContain(`Hồ sơ ${n2.code} đã thay đổi trạng thái nên không thể thực hiện thao tác này. Xin mở lại hồ sơ.`);
    expect((await nominationRow(h, n1.id)).status).toBe('verifying');
    expect((await nominationRow(h, n2.id)).status).toBe('needs-info');
  });
});
