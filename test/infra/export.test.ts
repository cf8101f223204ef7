/**
 * The council's list as files, on a real database: XLSX (read back with exceljs), CSV (parsed back)
 * and the ZIP bundle (its central directory read here), with the filters the council uses.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_WIDTHS, compareVietnameseNames, DEFAULT_EXPORT_STATUSES, EXPORT_COLUMNS, type ExportFilter } from '../../src/core/export/rows.js';
import { STATUSES } from '../../src/core/nomination/vocabulary.js';
import { poolOf, type Db } from '../../src/infra/db/client.js';
import { ExportSourceRepository } from '../../src/infra/export/source.js';
import { countRows, exportToFile, writeCsv, writeXlsx, writeZip, type ExportContext } from '../../src/infra/export/writers.js';
import { createTestApp } from '../support/db.js';
import { parseCsv, readZip, type ZipEntry } from '../support/read-files.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Phân loại',
  'Họ và tên / Tên tập thể',
  'Năm sinh',
  'Giới tính',
  'Chức vụ / nghề nghiệp',
  'Đơn vị / nơi cư trú',
  'Lĩnh vực',
  'Tóm tắt thành tích',
  'Hình thức đề nghị',
  'Người đề xuất',
  'Ngày tiếp nhận',
  'Trạng thái',
  'Ý kiến đơn vị',
  'Ghi chú',
  'Nguồn',
];

const DAI_MO = 'Phường Đại Mỗ';
const XUAN_PHUONG = 'Phường Xuân Phương';
const GROUP = 'Tổ dân phố số 1 – Phường Từ Liêm';
const SUBJECT = 'Đợt thi đua "Người tốt, việc tốt" cuối năm 2026';
/** 03:00 on 01/12/2026 in Hanoi. */
const NOW = new Date('2026-11-30T20:00:00Z');
const HYPERLINK = '=HYPERLINK("http://evil.example/?x=1","Bấm vào đây")';
const DDE = "@SUM(1+1)*cmd|' /C calc'!A0";
const DESCRIPTION = 'Nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tùy thân tại cổng chợ, đã mang đến Công an phường để trả lại người mất.';
const DANGEROUS = /^[=+\-@\t\r\n]/;

const code = (n: number) => `NTV-2026-${String(n).padStart(5, '0')}`;

let t: TestApp;
let db: Db;
let source: ExportSourceRepository;
let folder: string;
let unitId: Record<'daiMo' | 'xuanPhuong' | 'group' | 'tuLiem', number>;
let campaignId: number;
/** The bytes of the stored evidence files, by file unique id. */
const contents = {
  photo: Buffer.from('\xff\xd8\xff\xe0 ảnh hiện trường (not a real JPEG) '.repeat(200), 'utf8'),
  letter: Buffer.from('%PDF-1.4 Giấy xác nhận của tổ dân phố '.repeat(300), 'utf8'),
  withdrawn: Buffer.from('a file of a withdrawn nomination', 'utf8'),
} satisfies Record<string, Buffer>;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Fixture {
  n: number;
  unit: keyof typeof unitId;
  name: string;
  status: string;
  kind?: string;
  at?: string;
  extra?: Record<string, unknown>;
}

/** Twelve nominations across three units; ids follow `n`, so id order is not name order. */
const FIXTURES: Fixture[] = [
  { n: 1, unit: 'daiMo', name: 'Vũ Thị Zung', status: 'rejected', extra: { lastReason: 'tmpl:reject-reason-not-verified' } },
  { n: 2, unit: 'daiMo', name: 'Phạm Văn Đạt', status: 'decided', at: '2026-11-21T03:00:00Z', extra: { awardForm: 'giay-khen', decisionNumber: '125/QĐ-UBND', decisionDate: new Date('2026-12-01') } },
  { n: 3, unit: 'daiMo', name: 'Lê Đức Bình', status: 'proposed', at: '2026-11-22T03:00:00Z', extra: { awardForm: 'nguoi-tot-viec-tot' } },
  // 01:30 on 26/11 in Hanoi: received on 26/11/2026.
  { n: 4, unit: 'daiMo', name: 'Nguyễn Văn Ánh', status: 'received', at: '2026-11-25T18:30:00Z', extra: { nominatorPhone: '+84912345678' } },
  // 23:59 on 25/11 in Hanoi.
  { n: 5, unit: 'daiMo', name: 'Trần Thị An', status: 'verifying', at: '2026-11-25T16:59:00Z', extra: { nominatorName: null, nominatorPhone: null } },
  // 00:00 on 27/11 in Hanoi.
  { n: 6, unit: 'daiMo', name: 'Đỗ Văn Dũng', status: 'needs-info', at: '2026-11-26T17:00:00Z', extra: { lastReason: 'Bổ sung ảnh hiện trường' } },
  { n: 7, unit: 'xuanPhuong', name: 'Tổ thanh niên tình nguyện', kind: 'collective', status: 'at-council', extra: { nomineeBirthYear: null, nomineeRole: null } },
  { n: 8, unit: 'xuanPhuong', name: 'Lê Văn Cường', kind: 'household', status: 'awarded', extra: { nomineeBirthYear: null, nomineeRole: null } },
  { n: 9, unit: 'xuanPhuong', name: HYPERLINK, status: 'received', extra: { description: DDE, nomineeRole: '\t-2+3', nominatorName: "=cmd|' /C calc'!A0" } },
  { n: 10, unit: 'xuanPhuong', name: 'Bùi Văn Rút', status: 'withdrawn' },
  { n: 11, unit: 'group', name: 'Hoàng Thị Ước', status: 'received' },
  { n: 12, unit: 'group', name: 'Đặng Văn Em', status: 'merged' },
];

/** Names in each unit's sheet, in Vietnamese name order (default statuses: no withdrawn, no merged). */
const EXPECTED_SHEETS: [string, string[]][] = [
  [DAI_MO, ['Trần Thị An', 'Nguyễn Văn Ánh', 'Lê Đức Bình', 'Đỗ Văn Dũng', 'Phạm Văn Đạt', 'Vũ Thị Zung']],
  [XUAN_PHUONG, ['Gia đình Lê Văn Cường', `'${HYPERLINK}`, 'Tổ thanh niên tình nguyện']],
  [GROUP, ['Hoàng Thị Ước']],
];

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'ntvt-export-test-'));
  t = await createTestApp({ DATA_DIR: path.join(folder, 'data') });
  db = t.db;
  source = new ExportSourceRepository(db);
  const idOf = async (unitCode: string) => (await db.unit.findUniqueOrThrow({ where: { code: unitCode } })).id;
  unitId = { daiMo: await idOf('HN-DAI-MO'), xuanPhuong: await idOf('HN-XUAN-PHUONG'), group: await idOf('HN-TU-LIEM-TDP-01'), tuLiem: await idOf('HN-TU-LIEM') };
  campaignId = (
    await db.campaign.create({
      data: { code: 'TK2026', name: SUBJECT, kind: 'year-end', opensOn: new Date('2026-11-01'), closesOn: new Date('2026-12-15'), deadline: new Date('2026-12-10') },
    })
  ).id;
  const ids = new Map<number, number>();
  for (const fixture of FIXTURES) {
    const created = await db.nomination.create({
      data: {
        code: code(fixture.n),
        draftId: randomUUID(),
        unitId: unitId[fixture.unit],
        status: fixture.status,
        nomineeKind: fixture.kind ?? 'individual',
        nomineeName: fixture.name,
        nomineeBirthYear: 1970 + fixture.n,
        nomineeRole: 'Bảo vệ tổ dân phố',
        deedCategory: 'lost-property',
        deedDate: new Date('2026-11-15'),
        description: DESCRIPTION,
        nominatorName: 'Trần Thị Hoa',
        nominatorRelation: 'neighbour',
        pledgedAt: new Date(fixture.at ?? '2026-11-20T03:00:00Z'),
        locale: 'vi',
        formVersion: 1,
        submittedAt: new Date(fixture.at ?? '2026-11-20T03:00:00Z'),
        campaignId: fixture.n === 4 || fixture.n === 11 ? campaignId : null,
        duplicateOfId: fixture.n === 12 ? ids.get(11)! : null,
        ...fixture.extra,
      },
    });
    ids.set(fixture.n, created.id);
  }

  // Evidence, stored through the app's evidence store from a test channel.
  t.app.evidence.register('test', async (file) => Readable.from([(contents as Record<string, Buffer>)[file.fileUniqueId]!]));
  const store = (fileUniqueId: string) => t.app.evidence.store({ kind: 'photo', channel: 'test', fileId: `id-${fileUniqueId}`, fileUniqueId });
  const photo = await store('photo');
  const letter = await store('letter');
  const withdrawn = await store('withdrawn');
  const evidence = (nomination: number, position: number, extra: { kind: string; fileName?: string | null; sha256?: string | null; storageKey?: string | null }) =>
    db.evidence.create({
      data: { nominationId: ids.get(nomination)!, position, channel: 'test', fileId: `f-${nomination}-${position}`, receivedAt: new Date('2026-11-20T03:05:00Z'), ...extra },
    });
  await evidence(11, 1, { kind: 'photo', sha256: photo.sha256, storageKey: photo.storageKey });
  await evidence(11, 2, { kind: 'document', fileName: 'Giấy xác nhận: số 1.pdf', sha256: letter.sha256, storageKey: letter.storageKey });
  // A file name that tries to climb out of the nomination's folder.
  await evidence(11, 4, { kind: 'document', fileName: '../../../etc/cron.d/x', sha256: letter.sha256, storageKey: letter.storageKey });
  // Not downloaded (yet): no copy of ours.
  await evidence(11, 3, { kind: 'photo' });
  // A copy that has gone missing from the disk.
  await evidence(4, 1, { kind: 'photo', sha256: 'f'.repeat(64), storageKey: `ff/${'f'.repeat(64)}` });
  // A withdrawn nomination's file: not in the default list, so not in its bundle.
  await evidence(10, 1, { kind: 'photo', sha256: withdrawn.sha256, storageKey: withdrawn.storageKey });
});

afterAll(async () => {
  await t?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const context = (extra: Partial<ExportContext> = {}): ExportContext => ({ translator: t.app.translator, subject: SUBJECT, now: NOW, evidencePath: (key) => t.app.evidence.pathOf(key), ...extra });
const defaults: ExportFilter = { statuses: [...DEFAULT_EXPORT_STATUSES] };

/** The codes a filter selects, read the way the writers read them (one cursor, unit by unit). */
async function codesFor(filter: ExportFilter): Promise<string[]> {
  const codes: string[] = [];
  for await (const unit of source.rowsByUnit(filter, await source.groups(filter))) codes.push(...unit.rows.map((row) => row.code));
  return codes.sort();
}

/** A cell as the CSV shows it. */
function asText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${String(value.getUTCDate()).padStart(2, '0')}/${String(value.getUTCMonth() + 1).padStart(2, '0')}/${value.getUTCFullYear()}`;
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  throw new Error(`unexpected cell value ${JSON.stringify(value)}`);
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number) => Array.from({ length: EXPORT_COLUMNS.length }, (_, index) => sheet.getRow(row).getCell(index + 1).value);

/** The data rows of a unit's sheet (from row 7), as the sheet holds them. */
function dataRows(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  for (let row = 7; row <= sheet.rowCount; row += 1) rows.push(rowValues(sheet, row));
  return rows;
}

async function readXlsx(file: string | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  if (typeof file === 'string') await workbook.xlsx.readFile(file);
  else await workbook.xlsx.load(file as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** Every string in every cell of every sheet. */
function allStrings(workbook: ExcelJS.Workbook): { where: string; value: string; formula: boolean }[] {
  const found: { where: string; value: string; formula: boolean }[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const formula = cell.type === ExcelJS.ValueType.Formula;
        if (typeof cell.value === 'string') found.push({ where: `${sheet.name}!${cell.address}`, value: cell.value, formula });
        else if (formula) found.push({ where: `${sheet.name}!${cell.address}`, value: String(cell.formula), formula });
      }),
    ),
  );
  return found;
}

describe('XLSX (writeXlsx, read back with exceljs)', () => {
  let workbook: ExcelJS.Workbook;
  let total: number;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    const file = path.join(folder, 'danh-sach.xlsx');
    total = await writeXlsx(source, defaults, context({ onProgress: (done, all) => progress.push([done, all]) }), file);
    workbook = await readXlsx(file);
  });

  it('has the summary first, then one sheet per unit in Vietnamese order (Đ after D, not after X)', () => {
    expect(total).toBe(10);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names[0]).toBe('Tổng hợp');
    expect(names).toHaveLength(4);
    // Sheet names are cut to Excel's limit of 31 characters; the full name is in the title block.
    EXPECTED_SHEETS.forEach(([unit], index) => {
      const name = names[index + 1]!;
      expect(name.length).toBeLessThanOrEqual(31);
      expect(unit.startsWith(name)).toBe(true);
      expect(workbook.worksheets[index + 1]!.getCell('A3').value).toBe(unit);
    });
    expect(progress.at(-1)).toEqual([10, 10]);
  });

  it('counts per unit and status on the summary sheet, with a total', () => {
    const summary = workbook.worksheets[0]!;
    expect(summary.getCell('A1').value).toBe('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(summary.getCell('A2').value).toBe(SUBJECT);
    expect(summary.getCell('A3').value).toBe('Hà Nội, ngày 1 tháng 12 năm 2026');
    expect(summary.getCell('A4').value).toBe('Mẫu cột phiên bản 2');
    const values = (row: number) => (summary.getRow(row).values as ExcelJS.CellValue[]).slice(1);
    expect(values(5)).toEqual([
      'Đơn vị / nơi cư trú',
      'Mới tiếp nhận',
      'Cần bổ sung',
      'Đang xác minh',
      'Đã trình Hội đồng',
      'Đề nghị khen thưởng',
      'Không đủ điều kiện',
      'Đã có Quyết định',
      'Đã trao tặng',
      'Tổng',
    ]);
    expect(values(6)).toEqual([DAI_MO, 1, 1, 1, 0, 1, 1, 1, 0, 6]);
    expect(values(7)).toEqual([XUAN_PHUONG, 1, 0, 0, 1, 0, 0, 0, 1, 3]);
    expect(values(8)).toEqual([GROUP, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(values(9)).toEqual(['Tổng', 3, 1, 1, 1, 1, 1, 1, 1, 10]);
    expect(summary.rowCount).toBe(9);
  });

  it('lays out each unit sheet: title block, blank row, the 17 headers on row 6, frozen below them, widths, merges', () => {
    EXPECTED_SHEETS.forEach(([unit], index) => {
      const sheet = workbook.worksheets[index + 1]!;
      expect(sheet.getCell('A1').value).toBe('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
      expect(sheet.getCell('A2').value).toBe(SUBJECT);
      expect(sheet.getCell('A3').value).toBe(unit);
      expect(sheet.getCell('A4').value).toBe('Hà Nội, ngày 1 tháng 12 năm 2026');
      expect(sheet.getRow(5).cellCount).toBe(0);
      expect(rowValues(sheet, 6)).toEqual(HEADERS);
      expect(sheet.getCell('A6').font?.bold).toBe(true);
      const view = sheet.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state).toBe('frozen');
      expect(view.ySplit).toBe(6);
      EXPORT_COLUMNS.forEach((column, position) => expect(sheet.getColumn(position + 1).width).toBe(COLUMN_WIDTHS[column]));
      expect(sheet.model.merges).toEqual(expect.arrayContaining(['A1:Q1', 'A2:Q2', 'A3:Q3', 'A4:Q4']));
    });
  });

  it('sorts rows by Vietnamese name order and numbers them from 1 in each sheet, with diacritics intact', () => {
    EXPECTED_SHEETS.forEach(([, names], index) => {
      const rows = dataRows(workbook.worksheets[index + 1]!);
      expect(rows.map((row) => row[3])).toEqual(names);
      expect(rows.map((row) => row[0])).toEqual(names.map((_, n) => n + 1));
    });
    for (const { value } of allStrings(workbook)) expect(value).toBe(value.normalize('NFC'));
  });

  it('writes each field: codes, labels, the household, the phone, the erased nominator, opinions and notes', () => {
    const byCode = new Map(EXPECTED_SHEETS.flatMap((_, index) => dataRows(workbook.worksheets[index + 1]!)).map((row) => [row[1], row]));
    expect(byCode.size).toBe(10);
    expect([...byCode.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11].map(code));
    expect(byCode.get(code(4))).toEqual([
      2,
      code(4),
      'Cá nhân',
      'Nguyễn Văn Ánh',
      1974,
      null,
      'Bảo vệ tổ dân phố',
      DAI_MO,
      'Nhặt được của rơi trả người mất',
      DESCRIPTION,
      null,
      'Trần Thị Hoa (0912 345 678)',
      new Date('2026-11-26T00:00:00Z'),
      'Mới tiếp nhận',
      null,
      null,
      'Người dân đề xuất',
    ]);
    expect(byCode.get(code(5))![11]).toBe('(đã xóa theo yêu cầu)');
    expect(byCode.get(code(1))!.slice(13, 15)).toEqual(['Không đủ điều kiện', 'Không xác minh được sự việc']);
    expect(byCode.get(code(6))!.slice(13, 15)).toEqual(['Cần bổ sung', 'Bổ sung ảnh hiện trường']);
    expect(byCode.get(code(2))!.slice(10, 16)).toEqual(['Giấy khen', 'Trần Thị Hoa', new Date('2026-11-21T00:00:00Z'), 'Đã có Quyết định', null, 'Quyết định số 125/QĐ-UBND ngày 01/12/2026']);
    expect(byCode.get(code(3))![10]).toBe('Danh hiệu "Người tốt, việc tốt"');
    expect(byCode.get(code(7))!.slice(2, 5)).toEqual(['Tập thể', 'Tổ thanh niên tình nguyện', null]);
    expect(byCode.get(code(8))!.slice(2, 4)).toEqual(['Hộ gia đình', 'Gia đình Lê Văn Cường']);
    expect(byCode.get(code(11))![7]).toBe(GROUP);
  });

  it('writes "Ngày tiếp nhận" as a real date (dd/mm/yyyy) on the Vietnam calendar day of submission', () => {
    const sheet = workbook.worksheets[1]!;
    const expected: Record<string, string> = { [code(5)]: '2026-11-25', [code(4)]: '2026-11-26', [code(6)]: '2026-11-27', [code(1)]: '2026-11-20' };
    for (let row = 7; row <= sheet.rowCount; row += 1) {
      const cell = sheet.getRow(row).getCell(13);
      expect(cell.type).toBe(ExcelJS.ValueType.Date);
      expect(cell.numFmt).toBe('dd/mm/yyyy');
      const wanted = expected[String(sheet.getRow(row).getCell(2).value)];
      if (wanted) expect(cell.value).toEqual(new Date(`${wanted}T00:00:00Z`));
    }
  });

  it('wraps the text of data cells', () => {
    for (const [, index] of EXPECTED_SHEETS.map((entry, position) => [entry, position] as const)) {
      const sheet = workbook.worksheets[index + 1]!;
      for (let row = 7; row <= sheet.rowCount; row += 1) {
        sheet.getRow(row).eachCell({ includeEmpty: false }, (cell) => expect(cell.alignment?.wrapText, `${sheet.name}!${cell.address}`).toBe(true));
      }
      expect(sheet.getRow(7).getCell(10).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    }
  });

  it('neutralises formulas: no cell starts with = + - @ tab CR or LF, and no cell is a formula', () => {
    const strings = allStrings(workbook);
    expect(strings.length).toBeGreaterThan(100);
    expect(strings.filter((entry) => entry.formula)).toEqual([]);
    expect(strings.filter((entry) => DANGEROUS.test(entry.value))).toEqual([]);
    const injected = dataRows(workbook.worksheets[2]!).find((row) => row[1] === code(9))!;
    expect(injected[3]).toBe(`'${HYPERLINK}`);
    expect(injected[6]).toBe("'\t-2+3");
    expect(injected[9]).toBe(`'${DDE}`);
    expect(injected[11]).toBe("'=cmd|' /C calc'!A0");
  });
});

describe('CSV (writeCsv)', () => {
  let text: string;
  let bytes: Buffer;
  let xlsxRows: string[][];

  beforeAll(async () => {
    const file = path.join(folder, 'danh-sach.csv');
    expect(await writeCsv(source, defaults, context(), createWriteStream(file))).toBe(10);
    bytes = await readFile(file);
    text = bytes.toString('utf8');
    const xlsx = path.join(folder, 'for-csv.xlsx');
    await writeXlsx(source, defaults, context(), xlsx);
    const workbook = await readXlsx(xlsx);
    xlsxRows = workbook.worksheets.slice(1).flatMap((sheet) => dataRows(sheet).map((row) => row.map(asText)));
  });

  it('starts with the UTF-8 byte order mark and uses CRLF records', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith('\uFEFFSTT,')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${HEADERS.join(',')}`);
  });

  it('holds the 17 headers and the same rows in the same order as the XLSX, dates as dd/mm/yyyy', () => {
    const [header, ...records] = parseCsv(text.slice(1));
    expect(header).toEqual(HEADERS);
    expect(records).toHaveLength(10);
    expect(records).toEqual(xlsxRows);
    expect(records.map((record) => record[3])).toEqual(EXPECTED_SHEETS.flatMap(([, names]) => names));
    const ánh = records.find((record) => record[1] === code(4))!;
    expect(ánh[12]).toBe('26/11/2026');
    expect(ánh[11]).toBe('Trần Thị Hoa (0912 345 678)');
    expect(records.find((record) => record[1] === code(6))![12]).toBe('27/11/2026');
    for (const record of records) expect(record[12]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it('neutralises formulas in every field', () => {
    const records = parseCsv(text.slice(1));
    for (const record of records) for (const field of record) expect(field, JSON.stringify(field)).not.toMatch(DANGEROUS);
    const injected = records.find((record) => record[1] === code(9))!;
    expect([injected[3], injected[6], injected[9], injected[11]]).toEqual([`'${HYPERLINK}`, "'\t-2+3", `'${DDE}`, "'=cmd|' /C calc'!A0"]);
  });
});

describe('ZIP (writeZip)', () => {
  let entries: ZipEntry[];

  beforeAll(async () => {
    const file = path.join(folder, 'ho-so.zip');
    expect(await writeZip(source, defaults, context(), createWriteStream(file))).toBe(10);
    entries = readZip(await readFile(file));
  });

  it('holds the XLSX, the stored evidence files as <code>/<n>-<name>, and a manifest (UTF-8 names)', () => {
    expect(entries.map((entry) => entry.name)).toEqual([
      'danh-sach-de-nghi-khen-thuong.xlsx',
      `${code(11)}/1-photo.jpg`,
      `${code(11)}/2-Giấy xác nhận_ số 1.pdf`,
      `${code(11)}/4-.._.._.._etc_cron.d_x`,
      'manifest-sha256.csv',
    ]);
    for (const entry of entries) expect(entry.name.split('/')).not.toContain('..');
    for (const entry of entries) expect(entry.utf8 || /^[\x20-\x7e]*$/.test(entry.name)).toBe(true);
    expect(entries[1]!.data).toEqual(contents.photo);
    expect(entries[2]!.data).toEqual(contents.letter);
  });

  it('has a manifest whose SHA-256 match the bytes in the bundle and the stored files', () => {
    const manifest = entries.find((entry) => entry.name === 'manifest-sha256.csv')!.data.toString('utf8');
    expect(manifest.startsWith('\uFEFFfile,sha256\r\n')).toBe(true);
    const [header, ...lines] = parseCsv(manifest.slice(1));
    expect(header).toEqual(['file', 'sha256']);
    expect(lines.map(([name]) => name)).toEqual([`${code(11)}/1-photo.jpg`, `${code(11)}/2-Giấy xác nhận_ số 1.pdf`, `${code(11)}/4-.._.._.._etc_cron.d_x`]);
    for (const [name, hash] of lines) {
      const entry = entries.find((candidate) => candidate.name === name)!;
      expect(hash).toBe(sha256(entry.data));
    }
    expect(lines.map(([, hash]) => hash)).toEqual([sha256(contents.photo), sha256(contents.letter), sha256(contents.letter)]);
  });

  it('bundles the same list as the XLSX export', async () => {
    const workbook = await readXlsx(entries[0]!.data);
    expect(workbook.worksheets.map((sheet) => sheet.getCell('A3').value)).toEqual(['Hà Nội, ngày 1 tháng 12 năm 2026', ...EXPECTED_SHEETS.map(([unit]) => unit)]);
    expect(workbook.worksheets.slice(1).map((sheet) => dataRows(sheet).map((row) => row[3]))).toEqual(EXPECTED_SHEETS.map(([, names]) => names));
  });

  it('refuses to start without a way to find the evidence files', async () => {
    await expect(writeZip(source, defaults, { translator: t.app.translator, subject: SUBJECT, now: NOW }, createWriteStream(path.join(folder, 'never.zip')))).rejects.toThrow(/evidencePath/);
  });
});

describe('filters', () => {
  it('by statuses (default: all but withdrawn and merged; or every status)', async () => {
    expect(await codesFor(defaults)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11].map(code));
    expect(await codesFor({ statuses: ['rejected'] })).toEqual([code(1)]);
    expect(await codesFor({ statuses: ['withdrawn', 'merged'] })).toEqual([code(10), code(12)]);
    expect(await codesFor({ statuses: [...STATUSES] })).toHaveLength(12);
    expect(await codesFor({})).toHaveLength(12);
    expect(await countRows(source, { statuses: ['received'] })).toBe(3);
  });

  it('notes the merged one as a duplicate of its original when merged ones are asked for', async () => {
    const file = path.join(folder, 'merged.csv');
    await writeCsv(source, { statuses: ['merged'] }, context(), createWriteStream(file));
    const [, record] = parseCsv((await readFile(file, 'utf8')).slice(1));
    expect(record!.slice(13)).toEqual(['Đã gộp với đề xuất khác', '', `Trùng với hồ sơ ${code(11)}`, 'Người dân đề xuất']);
  });

  it("by unitIds: a head's own unit only (not its parent's, not its siblings')", async () => {
    const filter: ExportFilter = { ...defaults, unitIds: [unitId.daiMo] };
    expect(await codesFor(filter)).toEqual([1, 2, 3, 4, 5, 6].map(code));
    expect(await countRows(source, { ...defaults, unitIds: [unitId.group] })).toBe(1);
    // The ward itself has no nomination of its own: its residential group's are not included.
    expect(await countRows(source, { ...defaults, unitIds: [unitId.tuLiem] })).toBe(0);
    // A head with no unit in scope sees nothing, never everything.
    expect(await countRows(source, { ...defaults, unitIds: [] })).toBe(0);
    expect(await countRows(source, { ...defaults, unitIds: null })).toBe(10);
    const file = path.join(folder, 'dai-mo.xlsx');
    expect(await writeXlsx(source, filter, context(), file)).toBe(6);
    const workbook = await readXlsx(file);
    expect(workbook.worksheets).toHaveLength(2);
    expect(workbook.worksheets[1]!.getCell('A3').value).toBe(DAI_MO);
    expect(dataRows(workbook.worksheets[1]!).map((row) => row[3])).toEqual(EXPECTED_SHEETS[0]![1]);
  });

  it('by campaignId', async () => {
    expect(await codesFor({ ...defaults, campaignId })).toEqual([code(4), code(11)]);
    expect((await source.groups({ ...defaults, campaignId })).map((group) => group.unitName).sort()).toEqual([DAI_MO, GROUP].sort());
  });

  it('by date range, on Vietnam calendar days (the day starts at 00:00 in Hanoi, 17:00 UTC the day before)', async () => {
    expect(await codesFor({ ...defaults, from: '2026-11-26', to: '2026-11-26' })).toEqual([code(4)]);
    expect(await codesFor({ ...defaults, from: '2026-11-25', to: '2026-11-25' })).toEqual([code(5)]);
    expect(await codesFor({ ...defaults, from: '2026-11-27' })).toEqual([code(6)]);
    expect(await codesFor({ ...defaults, from: '2026-11-21', to: '2026-11-22' })).toEqual([code(2), code(3)]);
    expect(await codesFor({ ...defaults, to: '2026-11-20' })).toEqual([1, 7, 8, 9, 11].map(code));
    expect(await codesFor({ statuses: null, from: '2026-11-20', to: '2026-11-20' })).toEqual([1, 7, 8, 9, 10, 11, 12].map(code));
  });

  it('combines filters', async () => {
    expect(await codesFor({ statuses: ['received'], unitIds: [unitId.daiMo, unitId.group], campaignId, from: '2026-11-20', to: '2026-11-30' })).toEqual([code(4), code(11)]);
  });

  it('an empty selection counts 0 rows and has no unit', async () => {
    for (const filter of [{ statuses: ['forwarded'] }, { ...defaults, from: '2027-01-01' }, { ...defaults, campaignId: campaignId + 1000 }, { ...defaults, campaignId, unitIds: [unitId.xuanPhuong] }]) {
      expect(await countRows(source, filter)).toBe(0);
      expect(await source.groups(filter)).toEqual([]);
    }
  });
});

describe('exportToFile', () => {
  it.each([
    ['xlsx', [0x50, 0x4b, 0x03, 0x04]],
    ['csv', [0xef, 0xbb, 0xbf]],
    ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ] as const)('writes %s by its format', async (format, magic) => {
    const file = path.join(folder, `by-format.${format}`);
    expect(await exportToFile(format, source, { ...defaults, campaignId }, context(), file)).toBe(2);
    expect((await stat(file)).size).toBeGreaterThan(0);
    expect([...(await readFile(file)).subarray(0, magic.length)]).toEqual([...magic]);
  });
});

describe('a unit larger than one page of the reader', () => {
  it('reads 2,005 nominations of one unit in one COPY stream and sorts them all by Vietnamese name order', async () => {
    const tayMo = (await db.unit.findUniqueOrThrow({ where: { code: 'HN-TAY-MO' } })).id;
    await poolOf(db).query(
      `INSERT INTO nominations (code, draft_id, unit_id, status, nominee_kind, nominee_name, deed_category, deed_date, description,
         pledged_at, locale, form_version, submitted_at, updated_at)
       SELECT 'NTV-2025-' || lpad(g::text, 5, '0'), gen_random_uuid(), $1, 'forwarded', 'individual',
         (ARRAY['Nguyễn','Trần','Lê','Phạm','Đỗ','Vũ','Đặng'])[1 + g % 7] || ' ' || (ARRAY['Văn','Thị','Đức','Minh'])[1 + g % 4] || ' ' ||
         (ARRAY['An','Ánh','Ăn','Bình','Dũng','Đạt','Ước','Zung','Hòa'])[1 + g % 9],
         'lost-property', DATE '2026-11-15', 'Mô tả', now(), 'vi', 1, now(), now()
       FROM generate_series(1, 2005) AS g`,
      [tayMo],
    );
    try {
      const filter: ExportFilter = { statuses: ['forwarded'], unitIds: [tayMo] };
      expect(await countRows(source, filter)).toBe(2005);
      // However many batches the cursor needs, a unit's rows arrive together, once.
      const units: number[] = [];
      for await (const unit of source.rowsByUnit(filter, await source.groups(filter))) units.push(unit.rows.length);
      expect(units).toEqual([2005]);
      const file = path.join(folder, 'large.csv');
      expect(await writeCsv(source, filter, context(), createWriteStream(file))).toBe(2005);
      const records = parseCsv((await readFile(file, 'utf8')).slice(1)).slice(1);
      expect(records).toHaveLength(2005);
      expect(new Set(records.map((record) => record[1])).size).toBe(2005);
      expect(records.map((record) => Number(record[0]))).toEqual(records.map((_, index) => index + 1));
      for (let index = 1; index < records.length; index += 1) {
        const [before, after] = [records[index - 1]!, records[index]!];
        const order = compareVietnameseNames(before[3]!, after[3]!) || before[1]!.localeCompare(after[1]!);
        expect(order, `${before[3]} (${before[1]}) before ${after[3]} (${after[1]})`).toBeLessThan(0);
      }
    } finally {
      await db.nomination.deleteMany({ where: { unitId: tayMo } });
    }
  });
});
