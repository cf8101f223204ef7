/**
 * The council's list, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG": columns (versioned), one row per
 * nomination, Vietnamese sorting, and formula neutralisation. Pure: the writers only lay it out.
 */
import { t, type Text } from '../messages.js';
import { displayPhone } from '../text/phone.js';
import { STATUSES } from '../nomination/vocabulary.js';

/** The column set in force; a change of columns is a new version (files say which one they use). */
export const EXPORT_COLUMNS_VERSION = 2;

/**
 * Columns (domain.md), in order; headers are `export-col-<id>` in the locales. Version 2 added
 * "Nguồn" (source): a resident's nomination, or an entry of a unit's proposal list.
 */
export const EXPORT_COLUMNS = [
  'stt',
  'code',
  'kind',
  'name',
  'birth-year',
  'gender',
  'role',
  'unit',
  'category',
  'summary',
  'award',
  'nominator',
  'received',
  'status',
  'unit-opinion',
  'note',
  'source',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Suggested widths (characters) for spreadsheets. */
export const COLUMN_WIDTHS: Record<ExportColumn, number> = {
  stt: 5,
  code: 16,
  kind: 11,
  name: 26,
  'birth-year': 8,
  gender: 8,
  role: 18,
  unit: 30,
  category: 26,
  summary: 60,
  award: 20,
  nominator: 26,
  received: 12,
  status: 18,
  'unit-opinion': 30,
  note: 26,
  source: 18,
};

/** Where a row comes from: a resident's nomination, or an entry of a unit's submitted proposal list. */
export type ExportRowSource = 'resident' | 'unit';

/** Statuses of the summary sheet, in order: the residents' nominations', then the units' entries'. */
export const EXPORT_STATUSES = [...STATUSES, 'list-proposed', 'list-returned', 'list-accepted'] as const;

/**
 * A row as the export reads it from the database: a resident's nomination, or (source 'unit') an
 * entry of a unit's list — its title in `awardForm`, its achievement summary in `description`, its
 * status as `list-<entry status>`, no category and no nominator.
 */
export interface ExportSource {
  id: number;
  source: ExportRowSource;
  /** The nominee's gender where known (units' entries): "Ông …", "Bà …". */
  gender: string | null;
  /** A unit entry's workplace or residence, shown instead of the unit's name. */
  workplace: string | null;
  code: string;
  nomineeKind: string;
  nomineeName: string;
  nomineeBirthYear: number | null;
  nomineeRole: string | null;
  unitName: string;
  deedCategory: string;
  description: string;
  awardForm: string | null;
  nominatorName: string | null;
  nominatorPhone: string | null;
  submittedAt: Date;
  status: string;
  lastReason: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  duplicateOfCode: string | null;
}

/** A cell: text (literal or to translate), a whole number, or a date (written as a real date). */
export type Cell = { text: string } | { i18n: Text } | { number: number } | { date: Date } | null;

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
/** Names: tones matter ("Anh" and "Ánh" are different given names), letter case does not. */
const nameCollator = new Intl.Collator('vi', { sensitivity: 'accent' });

/** A name's sort key: given name (last word), middle names, family name. */
function nameKey(name: string): [string, string, string] {
  const words = name.normalize('NFC').trim().split(/\s+/);
  return [words.at(-1) ?? '', words.slice(1, -1).join(' '), words[0] ?? ''];
}

function compareKeys(ka: [string, string, string], kb: [string, string, string]): number {
  for (let index = 0; index < 3; index += 1) {
    const order = nameCollator.compare(ka[index]!, kb[index]!);
    if (order !== 0) return order;
  }
  return 0;
}

/** Vietnamese name order: given name (last word) first, then middle names, then the family name. */
export function compareVietnameseNames(a: string, b: string): number {
  return compareKeys(nameKey(a), nameKey(b));
}

/** Units in Vietnamese alphabetical order (a < ă < â, d < đ…), numbers as numbers. */
export const compareVietnamese = (a: string, b: string) => collator.compare(a, b);

const DANGEROUS_START = /^[=+\-@\t\r\n]/;

/**
 * Neutralises spreadsheet formulas: a value starting with =, +, -, @, tab, CR or LF gets a leading
 * apostrophe, so Excel and LibreOffice show it as text and never evaluate it (OWASP CSV injection).
 */
export function neutralise(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

const text = (value: string | null | undefined): Cell => (value ? { text: neutralise(value) } : null);

/** "Ông Nguyễn Văn An", "Gia đình bà …" where the gender is known; else the name ("Gia đình …" for a household). */
function nameCell(source: ExportSource): Cell {
  const name = neutralise(source.nomineeName);
  if (source.nomineeKind === 'collective') return text(source.nomineeName);
  if (source.gender) return { i18n: t(source.nomineeKind === 'household' ? `nominee-household-${source.gender}` : `nominee-${source.gender}`, { name }) };
  return source.nomineeKind === 'household' ? { i18n: t('export-household', { name }) } : text(source.nomineeName);
}

/** One row of the list. `n` is the running number within the sheet. */
export function exportRow(source: ExportSource, n: number): Record<ExportColumn, Cell> {
  const nominator = source.nominatorName
    ? source.nominatorPhone
      ? `${source.nominatorName} (${displayPhone(source.nominatorPhone)})`
      : source.nominatorName
    : null;
  const notes: Text[] = [];
  if (source.decisionNumber && source.decisionDate) notes.push(t('export-note-decision', { number: neutralise(source.decisionNumber), date: source.decisionDate.split('-').reverse().join('/') }));
  if (source.duplicateOfCode) notes.push(t('export-note-merged', { code: source.duplicateOfCode }));
  return {
    stt: { number: n },
    code: { text: source.code },
    kind: { i18n: t(`kind-${source.nomineeKind}`) },
    name: nameCell(source),
    'birth-year': source.nomineeBirthYear ? { number: source.nomineeBirthYear } : null,
    gender: source.gender ? { i18n: t(`gender-${source.gender}`) } : null,
    role: text(source.nomineeRole),
    unit: text(source.workplace ?? source.unitName),
    category: source.deedCategory ? { i18n: t(`category-${source.deedCategory}`) } : null,
    summary: text(source.description),
    award: source.awardForm ? { i18n: t(source.source === 'unit' ? `title-${source.awardForm}` : `award-${source.awardForm}`) } : null,
    nominator: source.source === 'unit' ? null : nominator ? { text: neutralise(nominator) } : { i18n: t('export-nominator-erased') },
    received: { date: source.submittedAt },
    status: { i18n: t(`status-${source.status}`) },
    'unit-opinion': source.lastReason ? (source.lastReason.startsWith('tmpl:') ? { i18n: t(source.lastReason.slice(5)) } : text(source.lastReason)) : null,
    note: notes.length ? { i18n: { lines: notes } } : null,
    source: { i18n: t(`export-source-${source.source}`) },
  };
}

/**
 * Ranks of strings in name order: the distinct values sorted once with the collator, values the
 * collator finds equal sharing a rank (they sort next to each other), so rows compare by integers.
 */
function nameRanks(values: string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort(nameCollator.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  distinct.forEach((value, index) => {
    if (index > 0 && nameCollator.compare(distinct[index - 1]!, value) !== 0) rank += 1;
    ranks.set(value, rank);
  });
  return ranks;
}

/** Sorts one unit's rows by Vietnamese name order, then by code. */
export function sortForList<T extends Pick<ExportSource, 'nomineeName' | 'code'>>(rows: T[]): T[] {
  // The same order as comparing name keys with the collator, but the collator sees each distinct
  // given, middle and family name once instead of on every comparison.
  const keys = rows.map((row) => nameKey(row.nomineeName));
  const ranks = [0, 1, 2].map((part) => nameRanks(keys.map((key) => key[part]!)));
  const entries = rows.map((row, index) => ({ row, given: ranks[0]!.get(keys[index]![0])!, middle: ranks[1]!.get(keys[index]![1])!, family: ranks[2]!.get(keys[index]![2])! }));
  return entries
    .sort((a, b) => a.given - b.given || a.middle - b.middle || a.family - b.family || (a.row.code < b.row.code ? -1 : a.row.code > b.row.code ? 1 : 0))
    .map((entry) => entry.row);
}

/** What to export. */
export interface ExportFilter {
  campaignId?: number | null;
  from?: string | null;
  to?: string | null;
  unitIds?: number[] | null;
  statuses?: string[] | null;
}

/** Statuses a council list shows by default (withdrawn and merged ones are left out). */
export const DEFAULT_EXPORT_STATUSES = ['received', 'needs-info', 'verifying', 'at-council', 'proposed', 'forwarded', 'rejected', 'decided', 'awarded'];
