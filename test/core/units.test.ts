/**
 * The unit catalogue as the form sees it: browse by level, search with or without accents,
 * former ward names (aliases) included.
 */
import { describe, expect, it } from 'vitest';
import { UnitCatalog, type UnitRecord } from '../../src/core/units.js';

/** Builds unit records with ids; children come after their parent. */
function unit(id: number, name: string, extra: Partial<UnitRecord> = {}): UnitRecord {
  return { id, code: `U${id}`, name, kind: 'ward', parentId: null, aliases: [], sortOrder: 0, ...extra };
}

function groups(parentId: number, firstId: number, numbers: number[], sortOrder?: (n: number) => number): UnitRecord[] {
  return numbers.map((n, index) =>
    unit(firstId + index, `Tổ dân phố số ${n}`, { kind: 'residential-group', parentId, sortOrder: sortOrder ? sortOrder(n) : 0 }),
  );
}

const TU_LIEM = 1;
const XUAN_PHUONG = 2;
const TAY_MO = 3;
const DAI_MO = 4;

/** Like src/infra/seed/units.ts: four wards with the former wards as aliases, groups below. */
const WARDS: UnitRecord[] = [
  unit(DAI_MO, 'Phường Đại Mỗ', { aliases: ['Phường Trung Văn', 'Phường Đại Mỗ (cũ)'], sortOrder: 4 }),
  unit(TU_LIEM, 'Phường Từ Liêm', {
    aliases: ['Phường Cầu Diễn', 'Phường Mỹ Đình 1', 'Phường Mỹ Đình 2', 'Phường Phú Đô', 'Phường Mễ Trì', 'Quận Nam Từ Liêm'],
    sortOrder: 1,
  }),
  unit(TAY_MO, 'Phường Tây Mỗ', { aliases: ['Phường Tây Mỗ (cũ)'], sortOrder: 3 }),
  unit(XUAN_PHUONG, 'Phường Xuân Phương', { aliases: ['Phường Phương Canh', 'Phường Xuân Phương (cũ)'], sortOrder: 2 }),
];

const FIXTURE: UnitRecord[] = [
  ...WARDS,
  // Same sortOrder, listed out of order: the name decides, numbers compared as numbers.
  ...groups(TU_LIEM, 10, [3, 10, 1, 2]),
  ...groups(XUAN_PHUONG, 20, [1, 2, 3], (n) => n),
  ...groups(TAY_MO, 30, [1, 2, 3], (n) => n),
  ...groups(DAI_MO, 40, [1, 2, 3], (n) => n),
  unit(50, 'Trường THCS Mỹ Đình', { kind: 'school', parentId: TU_LIEM, sortOrder: 50 }),
  // Its ward is no longer active (not in the list): shown at the top level.
  unit(60, 'Tổ dân phố Phú Đô 7', { kind: 'residential-group', parentId: 999, sortOrder: 9 }),
  // A top-level unit whose name contains a group's name: an exact group name must still come first.
  unit(70, 'Nhà văn hoá Tổ dân phố số 1', { kind: 'agency', sortOrder: 10 }),
];

const catalog = new UnitCatalog(FIXTURE);
const names = (units: UnitRecord[]) => units.map((u) => u.name);
const ids = (units: UnitRecord[]) => units.map((u) => u.id);
const fullNames = (units: UnitRecord[]) => units.map((u) => catalog.fullName(u.id));

describe('UnitCatalog', () => {
  it('indexes every unit', () => {
    expect(catalog.size).toBe(FIXTURE.length);
    expect(catalog.get(TU_LIEM)?.name).toBe('Phường Từ Liêm');
    expect(catalog.get(12)?.name).toBe('Tổ dân phố số 1');
    expect(catalog.get(12345)).toBeUndefined();
  });

  describe('children', () => {
    it('lists the top level by sortOrder, with units of an inactive parent among them', () => {
      expect(names(catalog.children(null))).toEqual([
        'Phường Từ Liêm',
        'Phường Xuân Phương',
        'Phường Tây Mỗ',
        'Phường Đại Mỗ',
        'Tổ dân phố Phú Đô 7',
        'Nhà văn hoá Tổ dân phố số 1',
      ]);
    });

    it('orders equal sortOrder by name, numbers as numbers (số 2 before số 10), then by sortOrder', () => {
      expect(names(catalog.children(TU_LIEM))).toEqual([
        'Tổ dân phố số 1',
        'Tổ dân phố số 2',
        'Tổ dân phố số 3',
        'Tổ dân phố số 10',
        'Trường THCS Mỹ Đình',
      ]);
    });

    it('follows sortOrder before the name', () => {
      const reordered = new UnitCatalog([
        unit(1, 'Phường A'),
        unit(2, 'Tổ dân phố số 1', { parentId: 1, sortOrder: 3 }),
        unit(3, 'Tổ dân phố số 2', { parentId: 1, sortOrder: 1 }),
        unit(4, 'Tổ dân phố số 3', { parentId: 1, sortOrder: 2 }),
      ]);
      expect(names(reordered.children(1))).toEqual(['Tổ dân phố số 2', 'Tổ dân phố số 3', 'Tổ dân phố số 1']);
    });

    it('sorts names with a Vietnamese collator (a < ă < â, d < đ < e), not by code point', () => {
      const wards = new UnitCatalog(
        ['Phường Xuân La', 'Phường Ân Thi', 'Phường Đống Đa', 'Phường Ăn Lành', 'Phường Dịch Vọng', 'Phường An Khánh', 'Phường Em', 'Phường Bạch Mai'].map(
          (name, index) => unit(index + 1, name),
        ),
      );
      expect(names(wards.children(null))).toEqual([
        'Phường An Khánh',
        'Phường Ăn Lành',
        'Phường Ân Thi',
        'Phường Bạch Mai',
        'Phường Dịch Vọng',
        'Phường Đống Đa',
        'Phường Em',
        'Phường Xuân La',
      ]);
    });

    it('lists groups of each ward, and nothing under a leaf or an unknown id', () => {
      expect(ids(catalog.children(XUAN_PHUONG))).toEqual([20, 21, 22]);
      expect(ids(catalog.children(DAI_MO))).toEqual([40, 41, 42]);
      expect(catalog.children(20)).toEqual([]);
      expect(catalog.children(999)).toEqual([]);
    });
  });

  describe('fullName', () => {
    it.each([
      [TU_LIEM, 'Phường Từ Liêm'],
      [21, 'Tổ dân phố số 2 – Phường Xuân Phương'],
      [11, 'Tổ dân phố số 10 – Phường Từ Liêm'],
      [50, 'Trường THCS Mỹ Đình – Phường Từ Liêm'],
      [60, 'Tổ dân phố Phú Đô 7'],
    ])('%i → %s', (id, fullName) => {
      expect(catalog.fullName(id)).toBe(fullName);
    });

    it('is undefined for an unknown id', () => {
      expect(catalog.fullName(12345)).toBeUndefined();
    });
  });

  describe('search', () => {
    it.each([
      ['xuan phuong', ['Phường Xuân Phương', 'Tổ dân phố số 1 – Phường Xuân Phương', 'Tổ dân phố số 2 – Phường Xuân Phương', 'Tổ dân phố số 3 – Phường Xuân Phương']],
      ['Xuân Phương', ['Phường Xuân Phương', 'Tổ dân phố số 1 – Phường Xuân Phương', 'Tổ dân phố số 2 – Phường Xuân Phương', 'Tổ dân phố số 3 – Phường Xuân Phương']],
      ['XUAN PHUONG 2', ['Tổ dân phố số 2 – Phường Xuân Phương']],
      ['đại mỗ 3', ['Tổ dân phố số 3 – Phường Đại Mỗ']],
      ['dai mo 3', ['Tổ dân phố số 3 – Phường Đại Mỗ']],
      ['Xua\u0302n Phu\u031Bo\u031Bng 1', ['Tổ dân phố số 1 – Phường Xuân Phương']],
      ['thcs', ['Trường THCS Mỹ Đình – Phường Từ Liêm']],
    ])('accent-free: %j', (query, expected) => {
      expect(fullNames(catalog.search(query))).toEqual(expected);
    });

    it.each([
      ['my dinh 1', [TU_LIEM]],
      ['Mỹ Đình 2', [TU_LIEM]],
      ['phuong canh', [XUAN_PHUONG]],
      ['trung văn', [DAI_MO]],
      ['cau dien', [TU_LIEM]],
      ['nam tu liem', [TU_LIEM]],
    ])('by a former name (alias): %j', (query, expected) => {
      expect(ids(catalog.search(query))).toEqual(expected);
    });

    it('puts current names before former names ("my dinh": the school, then the ward that took in Mỹ Đình 1 and 2)', () => {
      expect(ids(catalog.search('my dinh'))).toEqual([50, TU_LIEM]);
    });

    it('puts a ward before its groups', () => {
      const found = catalog.search('tay mo');
      expect(ids(found)).toEqual([TAY_MO, 30, 31, 32]);
    });

    it('puts exact names first, before shallower partial matches', () => {
      const found = catalog.search('to dan pho so 1');
      // The four groups named exactly "Tổ dân phố số 1" (one per ward, at depth 1) come before the
      // top-level "Nhà văn hoá Tổ dân phố số 1" and before "Tổ dân phố số 10".
      expect(names(found.slice(0, 4))).toEqual(Array(4).fill('Tổ dân phố số 1'));
      expect(ids(found.slice(0, 4)).sort()).toEqual([12, 20, 30, 40]);
      expect(ids(found.slice(4))).toEqual([70, 11]);
    });

    it('an exact former name counts as exact', () => {
      expect(ids(catalog.search('Phường Trung Văn'))).toEqual([DAI_MO]);
      expect(ids(catalog.search('phuong xuan phuong cu'))).toEqual([XUAN_PHUONG]);
    });

    it('finds a unit whose parent is inactive', () => {
      expect(ids(catalog.search('phu do 7'))).toEqual([60]);
    });

    it.each([['hoàn kiếm'], ['xuan mo'], ['my dinh 3'], [''], ['  '], ['—']])('nothing for %j', (query) => {
      expect(catalog.search(query)).toEqual([]);
    });

    it('exact(): the current name or the full name with its parent, accents ignored', () => {
      expect(ids(catalog.exact('phường xuân phương'))).toEqual([XUAN_PHUONG]);
      expect(ids(catalog.exact('PHUONG XUAN PHUONG'))).toEqual([XUAN_PHUONG]);
      expect(ids(catalog.exact('tổ dân phố số 2 – phường đại mỗ'))).toEqual([41]);
      expect(ids(catalog.exact('to dan pho so 3 phuong tay mo'))).toEqual([32]);
      expect(ids(catalog.exact('Tổ dân phố số 1')).sort()).toEqual([12, 20, 30, 40]);
    });

    it.each([['xuan phuong'], ['Phường Trung Văn'], ['Tổ dân phố số'], [''], ['--']])('exact(%j) finds nothing', (query) => {
      expect(catalog.exact(query)).toEqual([]);
    });

    it.each([
      [TU_LIEM, 'my dinh', 'Phường Mỹ Đình 1'],
      [TU_LIEM, 'mỹ đình 2', 'Phường Mỹ Đình 2'],
      [XUAN_PHUONG, 'phuong canh', 'Phường Phương Canh'],
      [DAI_MO, 'trung van', 'Phường Trung Văn'],
      [TU_LIEM, 'tu liem', undefined],
      [TU_LIEM, 'hoàn kiếm', undefined],
      [DAI_MO, 'dai mo', undefined],
      [12345, 'my dinh', undefined],
    ])('matchedAlias(%i, %j) = %j (only when the current name does not match)', (id, query, alias) => {
      expect(catalog.matchedAlias(id, query)).toBe(alias);
    });

    it('matches old and new tone placement alike', () => {
      const hoa = new UnitCatalog([unit(1, 'Phường Hoà Bình'), unit(2, 'Phường Thuỵ Khuê', { aliases: ['Phường Thụy Khuê (cũ)'] })]);
      expect(ids(hoa.search('hòa bình'))).toEqual([1]);
      expect(ids(hoa.search('Phường Hòa Bình'))).toEqual([1]);
      expect(ids(hoa.search('thụy khuê'))).toEqual([2]);
    });
  });
});
