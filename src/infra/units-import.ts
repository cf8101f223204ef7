/**
 * Importing units from a file an official can prepare in a spreadsheet: CSV (header row; columns
 * code, name, kind, parent, aliases, sort_order; aliases separated by "|") or JSON (an array of
 * objects with the same fields, aliases as an array). Every problem is reported with its line or
 * entry; nothing is written unless the whole file is valid. Loading is an upsert by code, so
 * importing the same file twice changes nothing and former names listed as aliases are kept.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from './db/client.js';
import { upsertUnits, type UnitSeed } from './seed/units.js';

export const UNIT_KINDS = ['ward', 'commune', 'residential-group', 'school', 'agency', 'enterprise', 'other'] as const satisfies readonly UnitSeed['kind'][];

const COLUMNS = ['code', 'name', 'kind', 'parent', 'aliases', 'sort_order'] as const;
const REQUIRED_COLUMNS = ['code', 'name', 'kind'] as const;

export class UnitsFileError extends Error {}

export interface ParseOptions {
  /** Codes of units already in the database: a parent may be one of them instead of a row of the file. */
  existingCodes?: Iterable<string>;
}

/** A row or entry before validation, with where it came from ("line 4", "entry 2"). */
interface RawUnit {
  where: string;
  code: string;
  name: string;
  kind: string;
  parent: string;
  aliases: string[];
  sortOrder: string | number | undefined;
}

const clean = (value: string) => value.normalize('NFC').trim();

/** Reads a .csv or .json file of units, checked and ordered parents before children. */
export async function parseUnitsFile(file: string, options: ParseOptions = {}): Promise<UnitSeed[]> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.json') throw new UnitsFileError(`${file}: unsupported file type "${extension || '(none)'}"; use a .csv or .json file`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnitsFileError(`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`);
  }
  const name = path.basename(file);
  return extension === '.csv' ? parseUnitsCsv(text, options, name) : parseUnitsJson(text, options, name);
}

/** Units from CSV text (UTF-8, with or without a byte-order mark). */
export function parseUnitsCsv(text: string, options: ParseOptions = {}, source = 'CSV'): UnitSeed[] {
  const records = csvRecords(text.replace(/^\uFEFF/, ''), source).filter((record) => record.fields.some((field) => field.trim() !== ''));
  const header = records.shift();
  if (!header) throw new UnitsFileError(`${source}: the file is empty; expected a header row ${COLUMNS.join(',')}`);
  const columns = header.fields.map((field) => clean(field).toLowerCase());
  for (const column of columns) {
    if (!(COLUMNS as readonly string[]).includes(column)) throw new UnitsFileError(`${source} line ${header.line}: unknown column "${column}" (columns: ${COLUMNS.join(', ')})`);
    if (columns.indexOf(column) !== columns.lastIndexOf(column)) throw new UnitsFileError(`${source} line ${header.line}: column "${column}" appears twice`);
  }
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.includes(column)) throw new UnitsFileError(`${source} line ${header.line}: the header has no "${column}" column (columns: ${COLUMNS.join(', ')})`);
  }
  const raws = records.map(({ line, fields }): RawUnit => {
    if (fields.length !== columns.length) throw new UnitsFileError(`${source} line ${line}: ${fields.length} fields, but the header has ${columns.length}`);
    const get = (column: string) => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : clean(fields[index]!);
    };
    return { where: `line ${line}`, code: get('code'), name: get('name'), kind: get('kind'), parent: get('parent'), aliases: get('aliases').split('|').map(clean), sortOrder: get('sort_order') };
  });
  return checkUnits(raws, options, source);
}

/** Units from JSON text: an array of { code, name, kind, parent?, aliases?: string[], sort_order? }. */
export function parseUnitsJson(text: string, options: ParseOptions = {}, source = 'JSON'): UnitSeed[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UnitsFileError(`${source}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(data)) throw new UnitsFileError(`${source}: expected an array of units, e.g. [{"code": "HN-TU-LIEM", "name": "Phường Từ Liêm", "kind": "ward"}]`);
  const raws = data.map((entry: unknown, index): RawUnit => {
    const where = `entry ${index + 1}`;
    const fail = (problem: string): never => {
      throw new UnitsFileError(`${source} ${where}: ${problem}`);
    };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail('expected an object with code, name and kind');
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(COLUMNS as readonly string[]).includes(key) && key !== 'sortOrder') fail(`unknown field "${key}" (fields: ${COLUMNS.join(', ')})`);
    }
    const text = (key: string): string => {
      const value = record[key];
      if (value === undefined || value === null) return '';
      return typeof value === 'string' ? clean(value) : fail(`"${key}" must be a string`);
    };
    const aliases = record.aliases ?? [];
    if (!Array.isArray(aliases) || aliases.some((alias) => typeof alias !== 'string')) fail('"aliases" must be an array of strings');
    const sortOrder = record.sort_order ?? record.sortOrder;
    if (sortOrder !== undefined && sortOrder !== null && typeof sortOrder !== 'number' && typeof sortOrder !== 'string') fail('"sort_order" must be a whole number');
    return { where, code: text('code'), name: text('name'), kind: text('kind'), parent: text('parent'), aliases: (aliases as string[]).map(clean), sortOrder: (sortOrder ?? undefined) as string | number | undefined };
  });
  return checkUnits(raws, options, source);
}

/** Validates the rows, then orders them parents before children (file order otherwise). */
function checkUnits(raws: RawUnit[], options: ParseOptions, source: string): UnitSeed[] {
  const existing = new Set(options.existingCodes ?? []);
  const seen = new Map<string, { seed: UnitSeed; where: string }>();
  for (const raw of raws) {
    const fail = (problem: string): never => {
      throw new UnitsFileError(`${source} ${raw.where}: ${problem}`);
    };
    if (!raw.code) fail('missing code');
    if (/\s/.test(raw.code)) fail(`code "${raw.code}" contains spaces`);
    const unit = `unit ${raw.code}`;
    if (!raw.name) fail(`${unit}: missing name`);
    const kind = raw.kind.toLowerCase();
    if (!kind) fail(`${unit}: missing kind (one of ${UNIT_KINDS.join(', ')})`);
    if (!(UNIT_KINDS as readonly string[]).includes(kind)) fail(`${unit}: unknown kind "${raw.kind}" (allowed: ${UNIT_KINDS.join(', ')})`);
    const first = seen.get(raw.code);
    if (first) fail(`duplicate code ${raw.code} (first on ${first.where})`);
    if (raw.parent === raw.code) fail(`${unit}: a unit cannot be its own parent`);
    let sortOrder: number | undefined;
    if (raw.sortOrder !== undefined && raw.sortOrder !== '') {
      sortOrder = typeof raw.sortOrder === 'number' ? raw.sortOrder : /^[+-]?\d+$/.test(raw.sortOrder) ? Number(raw.sortOrder) : NaN;
      if (!Number.isSafeInteger(sortOrder) || Math.abs(sortOrder) > 2_147_483_647) fail(`${unit}: sort_order "${raw.sortOrder}" is not a whole number`);
    }
    const aliases = [...new Set(raw.aliases.filter((alias) => alias !== ''))];
    const seed: UnitSeed = { code: raw.code, name: raw.name, kind: kind as UnitSeed['kind'] };
    if (raw.parent) seed.parent = raw.parent;
    if (aliases.length > 0) seed.aliases = aliases;
    if (sortOrder !== undefined) seed.sortOrder = sortOrder;
    seen.set(raw.code, { seed, where: raw.where });
  }
  for (const { seed, where } of seen.values()) {
    if (seed.parent && !seen.has(seed.parent) && !existing.has(seed.parent)) {
      throw new UnitsFileError(`${source} ${where}: unit ${seed.code}: parent ${seed.parent} is neither in the file nor an existing unit`);
    }
  }
  // Parents first: a depth-first walk up each unit's parents, in file order.
  const ordered: UnitSeed[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string, trail: string[]) => {
    const entry = seen.get(code);
    if (!entry || state.get(code) === 'done') return;
    if (state.get(code) === 'visiting') throw new UnitsFileError(`${source} ${entry.where}: unit ${code}: parents form a loop (${[...trail.slice(trail.indexOf(code)), code].join(' → ')})`);
    state.set(code, 'visiting');
    if (entry.seed.parent) visit(entry.seed.parent, [...trail, code]);
    state.set(code, 'done');
    ordered.push(entry.seed);
  };
  for (const code of seen.keys()) visit(code, []);
  return ordered;
}

/** CSV records (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks), each with its first line number. */
export function csvRecords(text: string, source: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let closed = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
        closed = true;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === ',') {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endField();
      records.push({ line: recordLine, fields });
      fields = [];
      line += 1;
      recordLine = line;
    } else if (char === '"') {
      if (field.trim() !== '' || closed) throw new UnitsFileError(`${source} line ${line}: a quote inside an unquoted field (quote the whole field and double the quote: "a ""b"" c")`);
      field = '';
      quoted = true;
      quoteLine = line;
    } else if (closed) {
      if (char.trim() !== '') throw new UnitsFileError(`${source} line ${line}: text after a closing quote (quote the whole field)`);
    } else {
      field += char;
    }
  }
  if (quoted) throw new UnitsFileError(`${source} line ${quoteLine}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0 || closed) {
    endField();
    records.push({ line: recordLine, fields });
  }
  return records;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Loads checked units into the database. Units whose name, kind, parent, order and aliases are
 * already as in the file are left untouched; aliases are merged, never dropped.
 */
export async function importUnits(db: Db, seeds: readonly UnitSeed[]): Promise<ImportResult> {
  const stored = await db.unit.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true, aliases: true, sortOrder: true } });
  const codeById = new Map(stored.map((unit) => [unit.id, unit.code]));
  const byCode = new Map(stored.map((unit) => [unit.code, unit]));
  // A file may move a unit under one that, in the database, sits below it: refuse the loop.
  const parentOf = new Map(stored.map((unit) => [unit.code, unit.parentId === null ? undefined : codeById.get(unit.parentId)]));
  for (const seed of seeds) parentOf.set(seed.code, seed.parent);
  for (const seed of seeds) {
    const trail = [seed.code];
    for (let parent = parentOf.get(seed.code); parent !== undefined; parent = parentOf.get(parent)) {
      trail.push(parent);
      if (parent === seed.code) throw new UnitsFileError(`unit ${seed.code}: parents would form a loop with the units already stored (${trail.join(' → ')})`);
      if (trail.length > stored.length + seeds.length + 1) break;
    }
  }
  const changed = seeds.filter((seed) => {
    const unit = byCode.get(seed.code);
    if (!unit) return true;
    const parent = unit.parentId === null ? undefined : codeById.get(unit.parentId);
    return (
      unit.name !== seed.name ||
      unit.kind !== seed.kind ||
      parent !== seed.parent ||
      unit.sortOrder !== (seed.sortOrder ?? 0) ||
      (seed.aliases ?? []).some((alias) => !unit.aliases.includes(alias))
    );
  });
  const created = await upsertUnits(db, changed);
  return { created, updated: changed.length - created, unchanged: seeds.length - changed.length };
}
