/**
 * /xuat and /thongke through the bot (bot.handleUpdate on the fake Bot API): the council exports
 * every unit's list as an XLSX file (checked byte for byte: the upload is read as it leaves the
 * bot, since the temporary file is gone right after), a ward head only their own units whatever
 * the buttons say, residents are refused, an empty selection makes no file, and the statistics
 * come as a text and a chart.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { InputFile } from 'grammy';
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, submitFor, TM_GROUP_LABEL, unitId } from './review-flow.js';
import { createHarness, type ApiCall, type Harness } from './support.js';

let h: Harness;
let council: User;
let xpHead: User;
let resident: User;
let residents = 0;
const newResident = () => h.user(71_000_000 + ++residents, 'vi');

const NOT_ALLOWED = 'Chức năng này dành cho lãnh đạo đơn vị và Hội đồng Thi đua – Khen thưởng.';
const STALE = 'Nút này không còn dùng được. Xin bắt đầu lại bằng lệnh /xuat.';
const EMPTY = 'Không có hồ sơ nào phù hợp với lựa chọn này, nên không tạo tệp.';
const ready = (count: number) => `Đã tạo danh sách gồm ${count} hồ sơ. Tệp được gửi ngay sau đây.`;
const ALL_TIME = 'Tất cả đề xuất (không theo đợt)';
const ALL_UNITS = 'Tất cả đơn vị';
const ALL_STATUSES = 'Tất cả (trừ đã rút, đã gộp)';
const XLSX = 'Excel (XLSX), mỗi đơn vị một trang';
const FILE_NAME = 'danh-sach-de-xuat-2026-05-20.xlsx';
const XP_GROUP_1 = 'Tổ dân phố số 1 – Phường Xuân Phương';
const XP_GROUP_2 = 'Tổ dân phố số 2 – Phường Xuân Phương';

/** A file the bot uploaded, read as it was handed to the Bot API (before the temporary file is removed). */
interface Upload {
  method: string;
  field: string;
  fileName: string | undefined;
  /** The local path, for a file sent from disk. */
  path: string | undefined;
  bytes: Buffer;
}
const uploads: Upload[] = [];

async function bytesOf(raw: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Buffer> {
  if (raw instanceof Uint8Array) return Buffer.from(raw);
  const chunks: Buffer[] = [];
  for await (const chunk of raw) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * The harness records calls with structuredClone, which keeps an InputFile's name and path but not
 * its bytes; this outer transformer reads them first (grammY copies transformers into every
 * update's context API, so ctx.replyWithDocument passes through it).
 */
function captureUploads(harness: Harness): void {
  harness.bot.api.config.use(async (prev, method, payload, signal) => {
    for (const [field, value] of Object.entries((payload ?? {}) as Record<string, unknown>)) {
      if (!(value instanceof InputFile)) continue;
      const source = (value as unknown as { fileData: unknown }).fileData;
      uploads.push({ method, field, fileName: value.filename, path: typeof source === 'string' ? source : undefined, bytes: await bytesOf(await value.toRaw()) });
    }
    return prev(method, payload, signal);
  });
}

/** The codes (column "Mã hồ sơ", the second) on every unit sheet of an XLSX, by sheet name. */
async function readXlsx(bytes: Buffer): Promise<{ sheets: string[]; codes: Map<string, string[]>; summary: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = workbook.worksheets.map((sheet) => sheet.name);
  const codes = new Map<string, string[]>();
  for (const sheet of workbook.worksheets.slice(1)) {
    const found: string[] = [];
    sheet.eachRow((row) => {
      const value = row.getCell(2).value;
      if (typeof value === 'string' && /^NTV-\d{4}-\d{5}$/.test(value)) found.push(value);
    });
    codes.set(sheet.name, found);
  }
  const summary: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    summary.push((row.values as unknown[]).slice(1).map((value) => String(value ?? '')));
  });
  return { sheets, codes, summary };
}

const documentsSince = (mark: number): ApiCall[] => h.calls.slice(mark).filter((call) => call.method === 'sendDocument');
const photosSince = (mark: number): ApiCall[] => h.calls.slice(mark).filter((call) => call.method === 'sendPhoto');
const allCodes = (codes: Map<string, string[]>) => [...codes.values()].flat().sort();

/** Lets the export's progress reports (not awaited by the exporter) reach the fake API. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** /xuat → "Tất cả đề xuất" → (unit, for the council) → statuses → format; returns the mark before the format press. */
async function exportAs(user: User, options: { unit?: string; statuses?: string; format?: string } = {}): Promise<number> {
  await h.say(user, '/xuat');
  await h.tap(user, ALL_TIME);
  if (options.unit) await h.tap(user, options.unit);
  await h.tap(user, options.statuses ?? ALL_STATUSES);
  const mark = h.mark();
  await h.tap(user, options.format ?? XLSX);
  await settle();
  return mark;
}

let xp1: { code: string; id: number };
let xp2: { code: string; id: number };
let tm: { code: string; id: number };
let withdrawn: { code: string; id: number };
let tayMoWard: number;

beforeAll(async () => {
  h = await createHarness();
  captureUploads(h);
  council = h.user(73_000_001, 'vi');
  xpHead = h.user(73_000_002, 'vi');
  resident = h.user(73_000_003, 'vi');
  await grant(h, council, 'council');
  await grant(h, xpHead, 'head', 'HN-XUAN-PHUONG');
  tayMoWard = await unitId(h, 'HN-TAY-MO');

  xp1 = await submitFor(h, newResident(), { name: 'Nguyễn Văn An' });
  xp2 = await submitFor(h, newResident(), { name: 'Lê Thị Hoa', unitLabel: XP_GROUP_2 });
  tm = await submitFor(h, newResident(), { name: 'Bùi Văn Tâm', unitQuery: 'tay mo', unitLabel: TM_GROUP_LABEL });
  const withdrawer = newResident();
  withdrawn = await submitFor(h, withdrawer, { name: 'Đỗ Văn Rút' });
  await h.send(h.press(withdrawer, `my|x${withdrawn.id}`));
  expect((await h.db.nomination.findUniqueOrThrow({ where: { id: withdrawn.id } })).status).toBe('withdrawn');
});
afterAll(async () => {
  await h?.close();
});

describe('/xuat for the council', () => {
  let mark: number;
  let end: number;
  let upload: Upload;
  /** The calls made in answer to the format press. */
  const answer = () => h.calls.slice(mark, end);
  const answerTexts = () => answer().filter((call) => call.ok && ['sendMessage', 'editMessageText'].includes(call.method) && Number(call.payload.chat_id) === council.id).map((call) => String(call.payload.text));

  beforeAll(async () => {
    uploads.length = 0;
    mark = await exportAs(council, { unit: ALL_UNITS });
    end = h.mark();
    expect(uploads.filter((file) => file.method === 'sendDocument')).toHaveLength(1);
    upload = uploads.find((file) => file.method === 'sendDocument')!;
  });

  it('asks the campaign, then the unit, then the statuses, then the format', async () => {
    const replies = await h.say(council, '/xuat');
    const sent = replies.filter((call) => call.method === 'sendMessage');
    expect(sent.map((call) => call.payload.text)).toEqual(['Quý vị muốn xuất danh sách của đợt thi đua nào?']);
    expect(h.buttonsOf(sent[0])).toEqual([
      [ALL_TIME, 'xp|c0'],
      ['Hủy', 'xp|x'],
    ]);

    await h.tap(council, ALL_TIME);
    expect(h.lastText(council.id)).toBe('Xuất cho đơn vị nào?');
    const units = h.buttonsNow(council.id);
    expect(units[0]).toBe(ALL_UNITS);
    expect(units).toEqual(expect.arrayContaining(['Phường Từ Liêm', 'Phường Xuân Phương', 'Phường Tây Mỗ', 'Phường Đại Mỗ']));

    await h.tap(council, ALL_UNITS);
    expect(h.lastText(council.id)).toBe('Những hồ sơ ở trạng thái nào?');
    expect(h.buttonsNow(council.id)).toEqual([ALL_STATUSES, 'Đã đề nghị khen thưởng trở lên', 'Đang chờ xử lý (mới, cần bổ sung, đang xác minh)']);

    await h.tap(council, ALL_STATUSES);
    expect(h.lastText(council.id)).toBe('Xin chọn định dạng tệp:');
    expect(h.buttonsNow(council.id)).toEqual([XLSX, 'CSV (mở được bằng Excel)', 'ZIP: Excel kèm toàn bộ minh chứng']);
    // Leave nothing pending for the next tests.
    await h.send(h.press(council, 'xp|x'));
    expect(h.lastText(council.id)).toBe('Đã hủy thao tác.');
  });

  it('answers "Đã tạo danh sách gồm 3 hồ sơ" (the withdrawn one left out), then uploads the file', () => {
    expect(answerTexts().filter((text) => !text.startsWith('Đang tạo tệp… '))).toEqual([ready(3)]);
    const readyCall = answer().find((call) => call.method === 'sendMessage' && call.payload.text === ready(3))!;
    const documents = answer().filter((call) => call.method === 'sendDocument');
    expect(documents).toHaveLength(1);
    expect(documents[0]!.ok).toBe(true);
    expect(documents[0]!.index).toBeGreaterThan(readyCall.index);
    expect(Number(documents[0]!.payload.chat_id)).toBe(council.id);
    expect(answer().filter((call) => call.method === 'sendPhoto')).toEqual([]);
    // The format question loses its buttons once answered.
    expect(h.keyboardOf(council.id, h.findMessage(council.id, 'Xin chọn định dạng tệp:'))).toBeUndefined();
  });

  it('shows "đang gửi tệp" (upload_document) before the upload, and reports progress as "Đang tạo tệp… N%"', () => {
    const document = answer().find((call) => call.method === 'sendDocument')!;
    expect(h.calls[document.index - 1]).toMatchObject({ method: 'sendChatAction', payload: { action: 'upload_document' } });
    // Two unit sheets (Tây Mỗ: 1 of 3 rows, then Xuân Phương: 3 of 3): 20%, then 60%; 100% is never shown.
    const texts = answerTexts();
    const progress = texts.filter((text) => text.startsWith('Đang tạo tệp… '));
    expect(progress.length).toBeGreaterThan(0);
    for (const text of progress) expect(text).toMatch(/^Đang tạo tệp… (0|20|40|60|80)%$/);
    const percents = progress.map((text) => Number(/(\d+)%/.exec(text)![1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(texts.indexOf(ready(3))).toBeGreaterThan(texts.lastIndexOf(progress.at(-1)!));
    // One progress message, edited in place as the export advances.
    const progressCalls = answer().filter((call) => call.ok && String(call.payload.text ?? '').startsWith('Đang tạo tệp… '));
    expect(progressCalls[0]!.method).toBe('sendMessage');
    const progressId = (progressCalls[0]!.result as { message_id: number }).message_id;
    for (const call of progressCalls.slice(1)) expect(call).toMatchObject({ method: 'editMessageText', payload: { message_id: progressId } });
    for (const call of answer().filter((call) => call.method === 'sendChatAction')) expect(call.payload.action).toBe('upload_document');
  });

  it('the file is named danh-sach-de-xuat-<date>.xlsx and is a real XLSX (a ZIP package)', () => {
    // What the harness itself recorded: the InputFile's name and path, not its bytes.
    const document = answer().find((call) => call.method === 'sendDocument')!;
    expect(document.payload.document.filename).toBe(FILE_NAME);
    expect(upload.field).toBe('document');
    expect(upload.fileName).toBe(FILE_NAME);
    expect(upload.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(upload.bytes.includes(Buffer.from('xl/workbook.xml'))).toBe(true);
  });

  it('has a summary sheet and one sheet per unit, with every non-withdrawn nomination', async () => {
    const { sheets, codes, summary } = await readXlsx(upload.bytes);
    expect(sheets).toHaveLength(1 + 3);
    expect(allCodes(codes)).toEqual([xp1.code, xp2.code, tm.code].sort());
    expect(allCodes(codes)).not.toContain(withdrawn.code);
    expect(summary.flat().join('\n')).toContain(XP_GROUP_1);
    expect(summary.flat().join('\n')).toContain(TM_GROUP_LABEL);
  });

  it('removes the temporary file (and its folder) once sent', () => {
    expect(upload.path).toBeDefined();
    expect(path.basename(upload.path!)).toBe(FILE_NAME);
    expect(existsSync(upload.path!)).toBe(false);
    expect(existsSync(path.dirname(upload.path!))).toBe(false);
  });

  it('a ward chosen at the unit question narrows the list to it (Phường Tây Mỗ: 1 hồ sơ)', async () => {
    uploads.length = 0;
    const mark = await exportAs(council, { unit: 'Phường Tây Mỗ' });
    expect(h.textsSince(mark, council.id)).toContain(ready(1));
    expect(documentsSince(mark)).toHaveLength(1);
    const { codes } = await readXlsx(uploads.find((file) => file.method === 'sendDocument')!.bytes);
    expect(allCodes(codes)).toEqual([tm.code]);
  });

  it('the format button pressed again after the export is answered politely, and no second file is made', async () => {
    await exportAs(council, { unit: ALL_UNITS });
    const mark = h.mark();
    await h.send(h.press(council, 'xp|f:xlsx'));
    expect(h.textsSince(mark, council.id)).toEqual([STALE]);
    expect(documentsSince(mark)).toEqual([]);
  });

  it('the temporary file is removed even when Telegram refuses the upload', async () => {
    uploads.length = 0;
    h.failNext('sendDocument', 'Bad Request: file is too big', 400);
    await h.say(council, '/xuat');
    await h.tap(council, ALL_TIME);
    await h.tap(council, ALL_UNITS);
    await h.tap(council, ALL_STATUSES);
    const mark = h.mark();
    // The error reaches grammY's error handler (bot.catch under the runner); handleUpdate rethrows it.
    await expect(h.tap(council, XLSX)).rejects.toThrow(/file is too big/);
    expect(h.textsSince(mark, council.id)).toContain(ready(3));
    const [document] = documentsSince(mark);
    expect(document?.ok).toBe(false);
    const upload = uploads.find((file) => file.method === 'sendDocument')!;
    expect(existsSync(upload.path!)).toBe(false);
    expect(existsSync(path.dirname(upload.path!))).toBe(false);
  });
});

describe('/xuat for a ward head (Phường Xuân Phương)', () => {
  it('skips the unit question and exports only the ward\'s nominations', async () => {
    uploads.length = 0;
    await h.say(xpHead, '/xuat');
    expect(h.lastText(xpHead.id)).toBe('Quý vị muốn xuất danh sách của đợt thi đua nào?');
    await h.tap(xpHead, ALL_TIME);
    expect(h.lastText(xpHead.id)).toBe('Những hồ sơ ở trạng thái nào?');
    await h.tap(xpHead, ALL_STATUSES);
    const mark = h.mark();
    await h.tap(xpHead, XLSX);
    await settle();
    expect(h.textsSince(mark, xpHead.id)).toContain(ready(2));
    const documents = documentsSince(mark);
    expect(documents).toHaveLength(1);
    expect(documents[0]!.payload.document.filename).toBe(FILE_NAME);
    const { sheets, codes, summary } = await readXlsx(uploads.find((file) => file.method === 'sendDocument')!.bytes);
    expect(sheets).toHaveLength(1 + 2);
    expect(allCodes(codes)).toEqual([xp1.code, xp2.code].sort());
    expect(summary.flat().join('\n')).not.toContain('Tây Mỗ');
  });

  it('a group of the ward forged at the unit step (xp|u<id>) narrows the list to that group', async () => {
    uploads.length = 0;
    const group2 = (await h.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố số 2', parent: { code: 'HN-XUAN-PHUONG' } }, select: { id: true } })).id;
    await h.say(xpHead, '/xuat');
    await h.tap(xpHead, ALL_TIME);
    await h.send(h.press(xpHead, `xp|u${group2}`));
    await h.tap(xpHead, ALL_STATUSES);
    const mark = h.mark();
    await h.tap(xpHead, XLSX);
    await settle();
    expect(h.textsSince(mark, xpHead.id)).toContain(ready(1));
    const { codes } = await readXlsx(uploads.find((file) => file.method === 'sendDocument')!.bytes);
    expect(allCodes(codes)).toEqual([xp2.code]);
  });

  // Regression (was a bug): Exports.filterFor keeps only the head's units out of the forged ward's subtree, which
  // leaves an empty list; ExportSourceRepository's where() skips an empty unitIds filter
  // (`filter.unitIds?.length`), so the head gets every unit's nominations (3 hồ sơ, Tây Mỗ's too).
  it('another ward forged at the unit step (xp|u<Tây Mỗ>) exports nothing of that ward', async () => {
    uploads.length = 0;
    await h.say(xpHead, '/xuat');
    await h.tap(xpHead, ALL_TIME);
    await h.send(h.press(xpHead, `xp|u${tayMoWard}`));
    await h.tap(xpHead, ALL_STATUSES);
    const mark = h.mark();
    await h.tap(xpHead, XLSX);
    await settle();
    const texts = h.textsSince(mark, xpHead.id);
    expect(texts).not.toContain(ready(3));
    for (const upload of uploads) {
      const { codes } = await readXlsx(upload.bytes);
      expect(allCodes(codes)).not.toContain(tm.code);
    }
    // Nothing of the ward matches within the head's scope: the polite "nothing to export".
    expect(texts).toContain(EMPTY);
    expect(documentsSince(mark)).toEqual([]);
  });
});

describe('refusals and dead ends', () => {
  it('a resident\'s /xuat and /thongke get "Chức năng này dành cho…", and no file or chart', async () => {
    for (const command of ['/xuat', '/thongke']) {
      const replies = await h.say(resident, command);
      expect(replies.filter((call) => call.method === 'sendMessage').map((call) => call.payload.text)).toEqual([NOT_ALLOWED]);
      expect(replies.filter((call) => ['sendDocument', 'sendPhoto'].includes(call.method))).toEqual([]);
    }
  });

  it('a resident pressing forged export buttons is refused too', async () => {
    for (const data of ['xp|c0', 'xp|u0', 'xp|s:all', 'xp|f:xlsx']) {
      const mark = h.mark();
      await h.send(h.press(resident, data));
      expect(h.textsSince(mark, resident.id)).toEqual([NOT_ALLOWED]);
      expect(documentsSince(mark)).toEqual([]);
    }
  });

  it('the menu offers "Xuất danh sách" and "Thống kê" to the council and heads, not to residents', async () => {
    await h.say(council, '/start');
    expect(h.buttonsNow(council.id)).toEqual(expect.arrayContaining(['Xuất danh sách', 'Thống kê']));
    await h.say(xpHead, '/start');
    expect(h.buttonsNow(xpHead.id)).toEqual(expect.arrayContaining(['Xuất danh sách', 'Thống kê']));
    await h.say(resident, '/start');
    expect(h.buttonsNow(resident.id)).not.toContain('Xuất danh sách');
    expect(h.buttonsNow(resident.id)).not.toContain('Thống kê');
  });

  it('an empty selection says "Không có hồ sơ nào phù hợp…" and sends no document', async () => {
    uploads.length = 0;
    const mark = await exportAs(council, { unit: ALL_UNITS, statuses: 'Đã đề nghị khen thưởng trở lên' });
    expect(h.textsSince(mark, council.id)).toEqual([EMPTY]);
    expect(documentsSince(mark)).toEqual([]);
    expect(h.calls.slice(mark).filter((call) => call.method === 'sendChatAction')).toEqual([]);
    expect(uploads).toEqual([]);
  });

  it('a forged xp|f:xlsx without the earlier steps is answered "Nút này không còn dùng được…"', async () => {
    const fresh = h.user(73_000_009, 'vi');
    await grant(h, fresh, 'council');
    const mark = h.mark();
    await h.send(h.press(fresh, 'xp|f:xlsx'));
    expect(h.textsSince(mark, fresh.id)).toEqual([STALE]);
    expect(documentsSince(mark)).toEqual([]);
    expect(h.calls.slice(mark).filter((call) => call.method === 'sendMessage' && String(call.payload.text).includes('lỗi'))).toEqual([]);
  });

  it('"Hủy" at the campaign question cancels; the format button afterwards is stale', async () => {
    await h.say(council, '/xuat');
    let mark = h.mark();
    await h.tap(council, 'Hủy');
    expect(h.textsSince(mark, council.id)).toEqual(['Đã hủy thao tác.']);
    mark = h.mark();
    await h.send(h.press(council, 'xp|f:xlsx'));
    expect(h.textsSince(mark, council.id)).toEqual([STALE]);
    expect(documentsSince(mark)).toEqual([]);
  });
});

describe('/thongke', () => {
  it('sends the council the statistics by status, unit and category, then the chart', async () => {
    uploads.length = 0;
    const mark = h.mark();
    await h.say(council, '/thongke');
    const texts = h.textsSince(mark, council.id);
    expect(texts).toHaveLength(1);
    const text = texts[0]!;
    expect(text).toContain('Thống kê đến ngày 20/05/2026: 4 đề xuất.');
    expect(text).toContain('Theo trạng thái:\nMới tiếp nhận: 3\nĐã rút: 1');
    expect(text).toContain('Theo đơn vị:');
    expect(text).toContain(`${XP_GROUP_1}: 2`);
    expect(text).toContain(`${XP_GROUP_2}: 1`);
    expect(text).toContain(`${TM_GROUP_LABEL}: 1`);
    expect(text).toContain('Theo lĩnh vực:\nNhặt được của rơi trả người mất: 4');

    const photos = photosSince(mark);
    expect(photos).toHaveLength(1);
    expect(photos[0]!.ok).toBe(true);
    expect(photos[0]!.payload.caption).toBe('Biểu đồ đề xuất theo đơn vị và trạng thái.');
    expect(photos[0]!.index).toBeGreaterThan(h.sentSince(mark, council.id)[0]!.index);
    const chart = uploads.find((file) => file.method === 'sendPhoto')!;
    expect(chart.fileName).toBe('thong-ke.png');
    expect(chart.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(documentsSince(mark)).toEqual([]);
  });

  it('for a ward head only the ward\'s units appear', async () => {
    const mark = h.mark();
    await h.say(xpHead, '/thongke');
    const [text] = h.textsSince(mark, xpHead.id);
    expect(text).toContain('Thống kê đến ngày 20/05/2026: 3 đề xuất.');
    expect(text).toContain(`${XP_GROUP_1}: 2`);
    expect(text).toContain(`${XP_GROUP_2}: 1`);
    expect(text).not.toContain('Tây Mỗ');
    expect(text).toContain('Theo lĩnh vực:\nNhặt được của rơi trả người mất: 3');
    const photos = photosSince(mark);
    expect(photos).toHaveLength(1);
    expect(photos[0]!.payload.caption).toBe('Biểu đồ đề xuất theo đơn vị và trạng thái.');
  });

  it('the menu button "Thống kê" does the same as /thongke', async () => {
    await h.say(xpHead, '/start');
    const mark = h.mark();
    await h.tap(xpHead, 'Thống kê');
    expect(h.textsSince(mark, xpHead.id).join('\n')).toContain('Thống kê đến ngày 20/05/2026: 3 đề xuất.');
    expect(photosSince(mark)).toHaveLength(1);
  });
});
