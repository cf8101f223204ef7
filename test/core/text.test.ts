/**
 * Vietnamese text rules (shared/domain.md, "Vietnamese text, done right"): NFC first, invisible
 * characters out, names title-cased on composed text, accent-free search, phones, dates, codes.
 */
import { describe, expect, it } from 'vitest';
import { formatReferenceCode, parseReferenceCode } from '../../src/core/nomination/code.js';
import { formatDate, formatDateTime, parsePastDate, vietnamDate, vietnamYear } from '../../src/core/text/date.js';
import {
  capitaliseFirst,
  cleanLine,
  cleanText,
  foldVietnamese,
  matchesSearch,
  titleCaseName,
  visibleLength,
} from '../../src/core/text/normalize.js';
import { displayPhone, parsePhone } from '../../src/core/text/phone.js';

/** "Nguyễn" typed on a keyboard that sends decomposed text: e + circumflex + tilde. */
const NGUYEN_NFD = 'Nguye\u0302\u0303n';
const NGUYEN = 'Nguyễn';

const isNfc = (text: string) => text === text.normalize('NFC');

describe('cleanText', () => {
  it.each([
    ['NFD is composed', NGUYEN_NFD, NGUYEN],
    ['NFD of a whole name', 'Tra\u0302\u0300n Thi\u0323 Bi\u0300nh', 'Trần Thị Bình'],
    ['NUL and other C0 controls go', 'An\u0000 Bi\u0007nh', 'An Binh'],
    ['C1 controls go', 'a\u0085b\u009Fc', 'abc'],
    ['right-to-left override (U+202E) goes', '\u202EHoa', 'Hoa'],
    ['right-to-left mark (U+200F) goes', 'Hoa\u200F Mai', 'Hoa Mai'],
    ['left-to-right mark and isolates go', '\u200EHoa\u2066 Mai\u2069', 'Hoa Mai'],
    ['zero-width space goes', 'Mỹ\u200B Đình', 'Mỹ Đình'],
    ['zero-width joiner / non-joiner go', 'Mỹ\u200D\u200C Đình', 'Mỹ Đình'],
    ['word joiner goes', 'Mỹ\u2060Đình', 'MỹĐình'],
    ['byte order mark goes', '\uFEFFNguyễn Văn An', 'Nguyễn Văn An'],
    ['soft hyphen goes', 'Ng\u00ADuyễn', NGUYEN],
    ['a zero-width char between a letter and its marks still composes', 'Nguye\u200B\u0302\u0303n', NGUYEN],
    ['a BOM inside a decomposed letter still composes', 'Nguye\u0302\uFEFF\u0303n', NGUYEN],
    ['runs of spaces collapse', 'Nguyễn    Văn   An', 'Nguyễn Văn An'],
    ['tabs and no-break / wide spaces collapse', 'Nguyễn\t\u00A0Văn\u3000\u2003An', 'Nguyễn Văn An'],
    ['ends are trimmed', '   Nguyễn Văn An \n ', 'Nguyễn Văn An'],
    ['single line breaks are kept', 'Dòng một\nDòng hai', 'Dòng một\nDòng hai'],
    ['spaces around line breaks go', 'Dòng một   \n   Dòng hai', 'Dòng một\nDòng hai'],
    ['CRLF and CR become LF', 'Một\r\nHai\rBa', 'Một\nHai\nBa'],
    ['three or more line breaks become one blank line', 'Một\n\n\n\nHai', 'Một\n\nHai'],
    ['empty stays empty', ' \u200B\uFEFF ', ''],
  ])('%s', (_label, input, expected) => {
    const cleaned = cleanText(input);
    expect(cleaned).toBe(expected);
    expect(isNfc(cleaned)).toBe(true);
  });
});

describe('cleanLine', () => {
  it.each([
    ['line breaks become one space', 'Chợ\nMỹ Đình', 'Chợ Mỹ Đình'],
    ['blank lines too', 'Chợ \n\n Mỹ Đình', 'Chợ Mỹ Đình'],
    ['NFD composed, invisibles out', `\u202E${NGUYEN_NFD}\u200B  Văn`, 'Nguyễn Văn'],
  ])('%s', (_label, input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });
});

describe('titleCaseName', () => {
  it.each([
    ['spaces and capitals tidied', 'nguyễn  văn AN', 'Nguyễn Văn An'],
    ['all capitals', 'ĐẶNG THỊ ĐÀO', 'Đặng Thị Đào'],
    ['NFD input never yields "NguyễN"', 'nguye\u0302\u0303n va\u0306n an', 'Nguyễn Văn An'],
    ['NFD capitals', 'NGUYE\u0302\u0303N THI\u0323 HOA', 'Nguyễn Thị Hoa'],
    ['NFD with a zero-width char inside', 'nguye\u200B\u0302\u0303n văn an', 'Nguyễn Văn An'],
    ['hyphenated parts', 'lê-thị hoa', 'Lê-Thị Hoa'],
    ['apostrophe parts', "o'brien mai", "O'Brien Mai"],
    ['bracketed nickname', 'nguyễn văn an (tý)', 'Nguyễn Văn An (Tý)'],
    ['đ at the start of a word', 'đỗ đức đạt', 'Đỗ Đức Đạt'],
  ])('%s', (_label, input, expected) => {
    const name = titleCaseName(input);
    expect(name).toBe(expected);
    expect(isNfc(name)).toBe(true);
    expect(name).not.toMatch(/\p{Ll}\p{Lu}/u);
  });
});

describe('capitaliseFirst', () => {
  it.each([
    ['keeps acronyms', 'trường THCS Mỹ Đình', 'Trường THCS Mỹ Đình'],
    ['first letter after digits', '  12 ngõ 34', '12 Ngõ 34'],
    ['đ', 'đội thanh niên tình nguyện', 'Đội thanh niên tình nguyện'],
    ['NFD', 'e\u0302\u0301 con', 'Ế con'],
  ])('%s', (_label, input, expected) => {
    expect(capitaliseFirst(input)).toBe(expected);
  });
});

describe('foldVietnamese', () => {
  it.each([
    ['Phường Mỹ Đình 1', 'phuong my dinh 1'],
    ['Phường Đại Mỗ', 'phuong dai mo'],
    ['ĐẠI MỖ', 'dai mo'],
    [NGUYEN_NFD, 'nguyen'],
    ['đường', 'duong'],
    ['  Xuân-Phương (cũ) ', 'xuan phuong cu'],
    ['Tổ dân phố số 10', 'to dan pho so 10'],
  ])('%s → %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it.each([
    ['hoà', 'hòa'],
    ['Hoà Bình', 'Hòa Bình'],
    ['thuý', 'thúy'],
    ['Thuỷ', 'Thủy'],
    ['khoẻ', 'khỏe'],
    ['Đình', 'Dinh'],
    ['đ', 'd'],
  ])('old and new tone placement fold alike: %s = %s', (a, b) => {
    expect(foldVietnamese(a)).toBe(foldVietnamese(b));
  });
});

describe('matchesSearch', () => {
  it.each([
    ['Phường Mỹ Đình 1', 'my dinh', true],
    ['Phường Mỹ Đình 1', 'Mỹ Đình', true],
    ['Phường Mỹ Đình 1', 'MY DINH 1', true],
    ['Phường Mỹ Đình 1', 'dinh my', true],
    ['Phường Mỹ Đình 1', 'my di', true],
    ['Phường Mỹ Đình 1', 'my dinh 2', false],
    ['Phường Mỹ Đình 1', 'inh', false],
    ['Phường Đại Mỗ', 'đại mỗ', true],
    ['Phường Đại Mỗ', 'dai mo', true],
    ['Phường Đại Mỗ', 'tay mo', false],
    ['Phường Hoà Bình', 'hòa bình', true],
    ['Phường Hòa Bình', 'hoà', true],
    ['Khu Thuý Lĩnh', 'thúy', true],
    ['Phường Mỹ Đình 1', NGUYEN_NFD, false],
    ['Phường Mỹ Đình 1', '', false],
    ['Phường Mỹ Đình 1', ' - ', false],
  ])('%j ~ %j → %s', (candidate, query, expected) => {
    expect(matchesSearch(candidate, query)).toBe(expected);
  });
});

describe('visibleLength', () => {
  it.each([
    ['Nguyễn', 6],
    [NGUYEN_NFD, 6],
    ['ễ', 1],
    ['e\u0302\u0303', 1],
    ['', 0],
    ['Dòng một\nhai', 12],
  ])('%j has %i letters', (input, expected) => {
    expect(visibleLength(input)).toBe(expected);
  });
});

describe('parsePhone', () => {
  it.each([
    ['0912 345 678', '+84912345678', '0912 345 678', 'mobile'],
    ['0912345678', '+84912345678', '0912 345 678', 'mobile'],
    ['+84 912.345.678', '+84912345678', '0912 345 678', 'mobile'],
    ['+84912345678', '+84912345678', '0912 345 678', 'mobile'],
    ['84-912-345-678', '+84912345678', '0912 345 678', 'mobile'],
    ['84912345678', '+84912345678', '0912 345 678', 'mobile'],
    ['0912-345-678', '+84912345678', '0912 345 678', 'mobile'],
    ['  0345 678 901 ', '+84345678901', '0345 678 901', 'mobile'],
    ['0567.890.123', '+84567890123', '0567 890 123', 'mobile'],
    ['0789 012 345', '+84789012345', '0789 012 345', 'mobile'],
    ['0868 123 456', '+84868123456', '0868 123 456', 'mobile'],
    ['０９１２ ３４５ ６７８', '+84912345678', '0912 345 678', 'mobile'],
    ['(024) 3825 1234', '+842438251234', '024 3825 1234', 'landline'],
    ['0243 825 1234', '+842438251234', '024 3825 1234', 'landline'],
    ['024.3825.1234', '+842438251234', '024 3825 1234', 'landline'],
    ['+84 24 3825 1234', '+842438251234', '024 3825 1234', 'landline'],
    ['(028) 3829 5555', '+842838295555', '028 3829 5555', 'landline'],
  ])('%j → %s (%s)', (input, e164, display, kind) => {
    expect(parsePhone(input)).toEqual({ ok: true, e164, display, kind });
  });

  it.each([
    ['091234567', 'length'],
    ['09123456789', 'length'],
    ['+84 91234567', 'length'],
    ['024 3825 123', 'length'],
    ['12345', 'prefix'],
    ['+1 555 123 4567', 'prefix'],
    ['+1-555-123-4567', 'prefix'],
    ['0012345678', 'prefix'],
    ['0112345678', 'prefix'],
    ['0612345678', 'prefix'],
    ['abc', 'format'],
    ['0912abc678', 'format'],
    ['số 0912345678', 'format'],
    ['', 'format'],
    ['++84912345678', 'format'],
  ])('%j is refused: %s', (input, reason) => {
    expect(parsePhone(input)).toEqual({ ok: false, reason });
  });
});

describe('displayPhone', () => {
  it.each([
    ['+84912345678', '0912 345 678'],
    ['+842438251234', '024 3825 1234'],
    ['+842838295555', '028 3829 5555'],
    ['+15551234567', '+15551234567'],
  ])('%s → %s', (e164, shown) => {
    expect(displayPhone(e164)).toBe(shown);
  });

  it('round-trips whatever parsePhone stored', () => {
    const parsed = parsePhone('+84 912.345.678');
    expect(parsed.ok && displayPhone(parsed.e164)).toBe('0912 345 678');
  });
});

describe('parsePastDate', () => {
  // 09:00 on 26/11/2026 in Vietnam.
  const NOW = new Date('2026-11-26T02:00:00Z');
  const parse = (input: string, maxAgeYears = 5, now = NOW) => parsePastDate(input, now, maxAgeYears);

  it.each([
    ['26/11/2026', '2026-11-26'],
    ['20/11/2026', '2026-11-20'],
    ['01/02/2026', '2026-02-01'],
    ['1/2/2026', '2026-02-01'],
    ['5-3-2025', '2025-03-05'],
    ['05.03.2025', '2025-03-05'],
    ['5 / 3 / 2025', '2025-03-05'],
    ['20/11/26', '2026-11-20'],
    ['１５/１１/２０２６', '2026-11-15'],
    ['29/02/2024', '2024-02-29'],
    ['26/11/2021', '2021-11-26'],
    ['hôm nay', '2026-11-26'],
    ['hom nay', '2026-11-26'],
    ['Hôm nay', '2026-11-26'],
    ['ho\u0302m nay', '2026-11-26'],
    ['  HÔM NAY ', '2026-11-26'],
    ['today', '2026-11-26'],
    ['Hôm qua', '2026-11-25'],
    ['hom qua', '2026-11-25'],
    ['yesterday', '2026-11-25'],
  ])('%j → %s', (input, date) => {
    expect(parse(input)).toEqual({ ok: true, date });
  });

  it.each([
    ['31/02/2026', 'invalid'],
    ['29/02/2026', 'invalid'],
    ['31/04/2026', 'invalid'],
    ['00/11/2026', 'invalid'],
    ['15/13/2026', 'invalid'],
    ['27/11/2026', 'future'],
    ['ngày mai', 'format'],
    ['01/01/2027', 'future'],
    ['25/11/2021', 'too-old'],
    ['01/01/2000', 'too-old'],
    ['abc', 'format'],
    ['', 'format'],
    ['2026-11-20', 'format'],
    ['20/11', 'format'],
    ['20/11/202', 'format'],
    ['20112026', 'format'],
  ])('%j is refused: %s', (input, reason) => {
    expect(parse(input)).toEqual({ ok: false, reason });
  });

  it('knows that "qua" is yesterday across a month boundary', () => {
    expect(parse('hôm qua', 5, new Date('2026-12-01T03:00:00Z'))).toEqual({ ok: true, date: '2026-11-30' });
  });

  it('maxAgeYears moves the limit', () => {
    expect(parse('01/01/2020', 10)).toEqual({ ok: true, date: '2020-01-01' });
    expect(parse('25/11/2025', 1)).toEqual({ ok: false, reason: 'too-old' });
    expect(parse('26/11/2025', 1)).toEqual({ ok: true, date: '2025-11-26' });
  });

  describe('in Vietnam time (UTC+7)', () => {
    // 00:30 on 27/11/2026 in Vietnam, still 26/11 in UTC.
    const AFTER_MIDNIGHT = new Date('2026-11-26T17:30:00Z');
    // 23:59 on 26/11/2026 in Vietnam.
    const BEFORE_MIDNIGHT = new Date('2026-11-26T16:59:00Z');

    it('27/11 is not in the future once it is 27/11 in Vietnam', () => {
      expect(parse('27/11/2026', 5, AFTER_MIDNIGHT)).toEqual({ ok: true, date: '2026-11-27' });
      expect(parse('hôm nay', 5, AFTER_MIDNIGHT)).toEqual({ ok: true, date: '2026-11-27' });
      expect(parse('hôm qua', 5, AFTER_MIDNIGHT)).toEqual({ ok: true, date: '2026-11-26' });
      expect(parse('28/11/2026', 5, AFTER_MIDNIGHT)).toEqual({ ok: false, reason: 'future' });
    });

    it('27/11 is still in the future at 23:59 on 26/11 in Vietnam', () => {
      expect(parse('27/11/2026', 5, BEFORE_MIDNIGHT)).toEqual({ ok: false, reason: 'future' });
      expect(parse('hôm nay', 5, BEFORE_MIDNIGHT)).toEqual({ ok: true, date: '2026-11-26' });
    });

    it.each([
      ['2026-11-26T02:00:00Z', '2026-11-26', 2026],
      ['2026-11-26T16:59:59Z', '2026-11-26', 2026],
      ['2026-11-26T17:00:00Z', '2026-11-27', 2026],
      ['2026-12-31T17:00:00Z', '2027-01-01', 2027],
    ])('vietnamDate(%s) = %s', (instant, date, year) => {
      expect(vietnamDate(new Date(instant))).toBe(date);
      expect(vietnamYear(new Date(instant))).toBe(year);
    });
  });
});

describe('formatDate / formatDateTime', () => {
  it.each([
    ['2026-11-26', '26/11/2026'],
    ['2024-02-29', '29/02/2024'],
    ['2026-01-05', '05/01/2026'],
  ])('formatDate(%s) = %s', (iso, shown) => {
    expect(formatDate(iso)).toBe(shown);
  });

  it.each([
    ['2026-11-26T02:00:00Z', '26/11/2026 09:00'],
    ['2026-11-26T17:30:00Z', '27/11/2026 00:30'],
    ['2026-12-31T16:59:00Z', '31/12/2026 23:59'],
    ['2026-12-31T17:05:00Z', '01/01/2027 00:05'],
  ])('formatDateTime(%s) = %s (Vietnam time)', (instant, shown) => {
    expect(formatDateTime(new Date(instant))).toBe(shown);
  });
});

describe('reference codes', () => {
  it.each([
    [2026, 42, 'NTV-2026-00042'],
    [2026, 1, 'NTV-2026-00001'],
    [2027, 99999, 'NTV-2027-99999'],
    [2027, 123456, 'NTV-2027-123456'],
  ])('formatReferenceCode(NTV, %i, %i) = %s', (year, sequence, code) => {
    expect(formatReferenceCode('NTV', year, sequence)).toBe(code);
  });

  it.each([
    ['ntv 2026 42', 'NTV-2026-00042'],
    ['NTV-2026-00042', 'NTV-2026-00042'],
    ['  ntv-2026-42  ', 'NTV-2026-00042'],
    ['Ntv.2026.042', 'NTV-2026-00042'],
    ['ntv_2026_42', 'NTV-2026-00042'],
    ['NTV202600042', 'NTV-2026-00042'],
    ['NTV-2027-123456', 'NTV-2027-123456'],
  ])('parseReferenceCode(%j) = %s', (input, code) => {
    expect(parseReferenceCode(input)).toBe(code);
  });

  it.each([['abc'], ['NTV-26-42'], ['XYZ-2026-00042'], ['NTV-2026-'], ['NTV-2026-00042 x'], ['']])('parseReferenceCode(%j) is undefined', (input) => {
    expect(parseReferenceCode(input)).toBeUndefined();
  });

  it('reads back whatever it formats', () => {
    expect(parseReferenceCode(formatReferenceCode('NTV', 2026, 7))).toBe('NTV-2026-00007');
  });
});
