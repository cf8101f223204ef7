/**
 * Importing the unit list an official prepared in a spreadsheet: Excel's CSV (byte-order mark,
 * quotes, Vietnamese in any Unicode form) or JSON, with errors that say which line is wrong, and
 * re-imports that never lose a unit's former names.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitCatalog } from '../../src/core/units.js';
import { openDatabase, type Db } from '../../src/infra/db/client.js';
import { PrismaUnitRepository } from '../../src/infra/repositories/units.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { importUnits, parseUnitsCsv, parseUnitsFile, parseUnitsJson } from '../../src/infra/units-import.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let folder: string;
let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let db: Db;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'units-import-'));
  database = await createTestDatabase();
  connection = openDatabase(database.url, { max: 4 });
  db = connection.db;
  await upsertUnits(db, SEED_UNITS);
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const full = path.join(folder, name);
  await writeFile(full, content);
  return full;
}

const HEADER = 'code,name,kind,parent,aliases,sort_order';

describe('parseUnitsFile: CSV', () => {
  it('reads Excel CSV with a byte-order mark, CRLF, quoted commas and quotes, aliases, and NFC-normalises', async () => {
    const decomposed = 'Phường Cầu Giấy'.normalize('NFD');
    const csv = [
      HEADER,
      // A child before its parent: the result is ordered parents first.
      'CG-TDP-01,"Tổ dân phố số 1, khu A",residential-group,HN-CAU-GIAY,,1',
      `HN-CAU-GIAY,${decomposed},ward,,"Phường Dịch Vọng|Phường Quan Hoa | Phường Dịch Vọng",10`,
      '"CG-SCHOOL","Trường THCS ""Nghĩa Tân""",School,HN-CAU-GIAY,,',
      '',
    ].join('\r\n');
    const units = await parseUnitsFile(await file('units.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')])));
    expect(units).toEqual([
      { code: 'HN-CAU-GIAY', name: 'Phường Cầu Giấy', kind: 'ward', aliases: ['Phường Dịch Vọng', 'Phường Quan Hoa'], sortOrder: 10 },
      { code: 'CG-TDP-01', name: 'Tổ dân phố số 1, khu A', kind: 'residential-group', parent: 'HN-CAU-GIAY', sortOrder: 1 },
      { code: 'CG-SCHOOL', name: 'Trường THCS "Nghĩa Tân"', kind: 'school', parent: 'HN-CAU-GIAY' },
    ]);
    expect(units[0]!.name).toBe('Phường Cầu Giấy'.normalize('NFC'));
    expect(units[0]!.name).not.toBe(decomposed);
  });

  it('accepts columns in any order, optional columns left out, a quoted line break, and a parent that already exists', () => {
    const units = parseUnitsCsv('name,code,kind,parent\n"Tổ dân phố\nsố 9",TL-TDP-09,residential-group,HN-TU-LIEM\n', { existingCodes: ['HN-TU-LIEM'] });
    expect(units).toEqual([{ code: 'TL-TDP-09', name: 'Tổ dân phố\nsố 9', kind: 'residential-group', parent: 'HN-TU-LIEM' }]);
  });

  it.each([
    ['a missing code', `${HEADER}\nA,Phường A,ward,,,\n,Phường B,ward,,,`, 'units.csv line 3: missing code'],
    ['a missing name', `${HEADER}\nA,,ward,,,`, 'units.csv line 2: unit A: missing name'],
    ['an unknown kind', `${HEADER}\nA,Phường A,phuong,,,`, 'units.csv line 2: unit A: unknown kind "phuong" (allowed: ward, commune, residential-group, school, agency, enterprise, other)'],
    ['a duplicate code', `${HEADER}\nA,Phường A,ward,,,\nB,Phường B,ward,,,\nA,Phường A2,ward,,,`, 'units.csv line 4: duplicate code A (first on line 2)'],
    ['an unknown parent', `${HEADER}\nA,Phường A,ward,,,\nA-1,Tổ 1,residential-group,NOPE,,`, 'units.csv line 3: unit A-1: parent NOPE is neither in the file nor an existing unit'],
    ['a parent loop', `${HEADER}\nA,Phường A,ward,B,,\nB,Phường B,ward,A,,`, 'parents form a loop'],
    ['a bad sort order', `${HEADER}\nA,Phường A,ward,,,first`, 'units.csv line 2: unit A: sort_order "first" is not a whole number'],
    ['too many fields', `${HEADER}\nA,Phường A,ward,,,,extra`, 'units.csv line 2: 7 fields, but the header has 6'],
    ['an unclosed quote', `${HEADER}\nA,"Phường A,ward,,,\n`, 'units.csv line 2: a quoted field is never closed'],
    ['a stray quote', `${HEADER}\nA,Phường "A",ward,,,`, 'units.csv line 2: a quote inside an unquoted field'],
    ['a missing column', 'code,name\nA,Phường A', 'units.csv line 1: the header has no "kind" column'],
    ['an unknown column', 'code,name,kind,phone\nA,Phường A,ward,0241', 'units.csv line 1: unknown column "phone"'],
    ['an empty file', '\uFEFF\r\n', 'units.csv: the file is empty'],
  ])('names the line and the problem: %s', async (_what, content, message) => {
    await expect(parseUnitsFile(await file('units.csv', content))).rejects.toThrow(message);
  });

  it('refuses other file types and missing files clearly', async () => {
    await expect(parseUnitsFile(await file('units.xlsx', 'x'))).rejects.toThrow(/unsupported file type "\.xlsx"; use a \.csv or \.json file/);
    await expect(parseUnitsFile(path.join(folder, 'absent.csv'))).rejects.toThrow(/absent\.csv: cannot read the file \(no such file\)/);
  });
});

describe('parseUnitsFile: JSON', () => {
  it('reads an array of units with aliases as arrays, parents first', async () => {
    const json = JSON.stringify([
      { code: 'DM-TDP-01', name: 'Tổ dân phố số 1'.normalize('NFD'), kind: 'residential-group', parent: 'HN-DAI-MO', sort_order: 1 },
      { code: 'HN-DAI-MO', name: 'Phường Đại Mỗ', kind: 'ward', aliases: ['Phường Trung Văn', ' ', 'Phường Đại Mỗ (cũ)'], parent: null },
    ]);
    const units = await parseUnitsFile(await file('units.json', `\uFEFF${json}`));
    expect(units).toEqual([
      { code: 'HN-DAI-MO', name: 'Phường Đại Mỗ', kind: 'ward', aliases: ['Phường Trung Văn', 'Phường Đại Mỗ (cũ)'] },
      { code: 'DM-TDP-01', name: 'Tổ dân phố số 1', kind: 'residential-group', parent: 'HN-DAI-MO', sortOrder: 1 },
    ]);
  });

  it.each([
    ['not JSON', '[{"code": "A",', 'units.json: not valid JSON'],
    ['not an array', '{"code": "A"}', 'units.json: expected an array of units'],
    ['a missing name', '[{"code": "A", "kind": "ward"}]', 'units.json entry 1: unit A: missing name'],
    ['a missing code', '[{"code": "A", "name": "A", "kind": "ward"}, {"name": "B", "kind": "ward"}]', 'units.json entry 2: missing code'],
    ['aliases as text', '[{"code": "A", "name": "A", "kind": "ward", "aliases": "B|C"}]', 'units.json entry 1: "aliases" must be an array of strings'],
    ['an unknown field', '[{"code": "A", "nmae": "A", "kind": "ward"}]', 'units.json entry 1: unknown field "nmae"'],
    ['an unknown kind', '[{"code": "A", "name": "A", "kind": "district"}]', 'units.json entry 1: unit A: unknown kind "district"'],
    ['a duplicate code', '[{"code": "A", "name": "A", "kind": "ward"}, {"code": "A", "name": "B", "kind": "ward"}]', 'units.json entry 2: duplicate code A (first on entry 1)'],
    ['an unknown parent', '[{"code": "A", "name": "A", "kind": "ward", "parent": "Z"}]', 'units.json entry 1: unit A: parent Z is neither in the file nor an existing unit'],
  ])('names the entry and the problem: %s', async (_what, content, message) => {
    await expect(parseUnitsFile(await file('units.json', content))).rejects.toThrow(message);
  });
});

describe('importUnits (into the database)', () => {
  const csv = (rows: string[]) => [HEADER, ...rows].join('\n');
  const firstImport = csv([
    'HN-NGHIA-DO,Phường Nghĩa Đô,ward,,Phường Nghĩa Tân,20',
    'ND-TDP-01,Tổ dân phố số 1,residential-group,HN-NGHIA-DO,,1',
    'ND-TDP-02,Tổ dân phố số 2,residential-group,HN-NGHIA-DO,,2',
    'TL-TDP-99,Tổ dân phố số 99,residential-group,HN-TU-LIEM,,99',
  ]);
  const existingCodes = async () => (await db.unit.findMany({ select: { code: true } })).map((unit) => unit.code);
  const load = async (text: string) => importUnits(db, parseUnitsCsv(text, { existingCodes: await existingCodes() }));

  it('creates, then importing the same file again changes nothing', async () => {
    expect(await load(firstImport)).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const before = await db.unit.findMany({ orderBy: { id: 'asc' } });
    expect(await load(firstImport)).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await db.unit.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    const ward = before.find((unit) => unit.code === 'HN-NGHIA-DO')!;
    expect(before.find((unit) => unit.code === 'ND-TDP-01')?.parentId).toBe(ward.id);
    const tuLiem = await db.unit.findUniqueOrThrow({ where: { code: 'HN-TU-LIEM' } });
    expect(before.find((unit) => unit.code === 'TL-TDP-99')?.parentId).toBe(tuLiem.id);
  });

  it('a renamed unit stays findable under its former name when the file lists it; aliases are never dropped', async () => {
    const renamed = csv(['HN-NGHIA-DO,Phường Nghĩa Đô Mới,ward,,Phường Nghĩa Đô,20', 'ND-TDP-02,Tổ dân phố số 2,residential-group,HN-NGHIA-DO,,5']);
    expect(await load(renamed)).toEqual({ created: 0, updated: 2, unchanged: 0 });
    const ward = await db.unit.findUniqueOrThrow({ where: { code: 'HN-NGHIA-DO' } });
    expect(ward.name).toBe('Phường Nghĩa Đô Mới');
    expect(ward.aliases).toEqual(['Phường Nghĩa Tân', 'Phường Nghĩa Đô']);
    const catalog = new UnitCatalog(await new PrismaUnitRepository(db).listActive());
    expect(catalog.search('nghia do').map((unit) => unit.code)).toContain('HN-NGHIA-DO');
    expect(catalog.search('Phường Nghĩa Tân').map((unit) => unit.code)).toContain('HN-NGHIA-DO');
    // A later file without the aliases keeps them.
    expect(await load(csv(['HN-NGHIA-DO,Phường Nghĩa Đô Mới,ward,,,20']))).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await db.unit.findUniqueOrThrow({ where: { code: 'HN-NGHIA-DO' } })).aliases).toEqual(['Phường Nghĩa Tân', 'Phường Nghĩa Đô']);
  });

  it('imports JSON the same way, and refuses a move that would make a loop with stored units', async () => {
    const units = parseUnitsJson(JSON.stringify([{ code: 'ND-TDP-03', name: 'Tổ dân phố số 3', kind: 'residential-group', parent: 'HN-NGHIA-DO', aliases: ['Tổ 3'] }]), { existingCodes: await existingCodes() });
    expect(await importUnits(db, units)).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const loop = parseUnitsCsv(csv(['HN-NGHIA-DO,Phường Nghĩa Đô Mới,ward,ND-TDP-01,,20']), { existingCodes: await existingCodes() });
    await expect(importUnits(db, loop)).rejects.toThrow('unit HN-NGHIA-DO: parents would form a loop with the units already stored (HN-NGHIA-DO → ND-TDP-01 → HN-NGHIA-DO)');
    expect((await db.unit.findUniqueOrThrow({ where: { code: 'HN-NGHIA-DO' } })).parentId).toBeNull();
  });
});
