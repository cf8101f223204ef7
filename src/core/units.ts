/**
 * The unit tree (wards, residential groups, schools…) as the form sees it: browse by level,
 * or search by part of the name with or without accents, former names included.
 */
import { foldVietnamese } from './text/normalize.js';

/** A unit as stored; `aliases` are former names that must still match. */
export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  aliases: string[];
  sortOrder: number;
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** An immutable, indexed view of the active units. */
export class UnitCatalog {
  private readonly byId = new Map<number, UnitRecord>();
  private readonly childrenOf = new Map<number | null, UnitRecord[]>();
  private readonly folded = new Map<number, FoldedNames>();

  constructor(units: readonly UnitRecord[]) {
    for (const unit of units) this.byId.set(unit.id, unit);
    for (const unit of units) {
      // A unit whose parent is not in the catalogue (inactive) is shown at the top level.
      const parent = unit.parentId !== null && this.byId.has(unit.parentId) ? unit.parentId : null;
      const siblings = this.childrenOf.get(parent) ?? [];
      siblings.push(unit);
      this.childrenOf.set(parent, siblings);
    }
    for (const siblings of this.childrenOf.values()) {
      siblings.sort((a, b) => a.sortOrder - b.sortOrder || collator.compare(a.name, b.name));
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: number): UnitRecord | undefined {
    return this.byId.get(id);
  }

  /** Units at the top level, or below `parentId`, in display order. */
  children(parentId: number | null): UnitRecord[] {
    return this.childrenOf.get(parentId) ?? [];
  }

  /** "Tổ dân phố số 3 – Phường Từ Liêm": the unit with its parent, for lists and summaries. */
  fullName(id: number): string | undefined {
    const unit = this.byId.get(id);
    if (!unit) return undefined;
    const parent = unit.parentId === null ? undefined : this.byId.get(unit.parentId);
    return parent ? `${unit.name} – ${parent.name}` : unit.name;
  }

  /** Units whose current name, or full name with its parent, is exactly what was typed (accents ignored). */
  exact(query: string): UnitRecord[] {
    const folded = foldVietnamese(query);
    if (!folded) return [];
    return [...this.byId.values()].filter((unit) => {
      const names = this.foldedNames(unit);
      return names.name === folded || names.full === folded;
    });
  }

  /** The former name through which `query` found this unit, when it did not match the current name. */
  matchedAlias(id: number, query: string): string | undefined {
    const unit = this.byId.get(id);
    if (!unit) return undefined;
    const terms = searchTerms(query);
    const names = this.foldedNames(unit);
    if (matchesTerms(names.name, terms) || matchesTerms(names.full, terms)) return undefined;
    const index = names.aliases.findIndex((alias) => matchesTerms(alias, terms));
    return index < 0 ? undefined : unit.aliases[index];
  }

  /**
   * Units whose name or a former name matches every word typed ("my dinh" → Phường Từ Liêm, which
   * took in Mỹ Đình 1 and 2). Exact names first, then current-name matches, then former names.
   */
  search(query: string): UnitRecord[] {
    const folded = foldVietnamese(query);
    if (!folded) return [];
    const terms = searchTerms(query);
    const scored: { unit: UnitRecord; score: number }[] = [];
    for (const unit of this.byId.values()) {
      const names = this.foldedNames(unit);
      let score = -1;
      if (names.name === folded || names.aliases.includes(folded)) score = 0;
      else if (matchesTerms(names.name, terms) || matchesTerms(names.full, terms)) score = 1;
      else if (names.aliases.some((alias) => matchesTerms(alias, terms))) score = 2;
      if (score >= 0) scored.push({ unit, score });
    }
    return scored
      .sort((a, b) => a.score - b.score || depth(this, a.unit) - depth(this, b.unit) || collator.compare(a.unit.name, b.unit.name))
      .map((entry) => entry.unit);
  }

  /**
   * A unit's names folded once (accents dropped, lower case), not on every search: a city has
   * thousands of residential groups and every typed unit name is compared with all of them.
   */
  private foldedNames(unit: UnitRecord): FoldedNames {
    let names = this.folded.get(unit.id);
    if (!names) {
      names = { name: foldVietnamese(unit.name), full: foldVietnamese(this.fullName(unit.id) ?? unit.name), aliases: unit.aliases.map(foldVietnamese) };
      this.folded.set(unit.id, names);
    }
    return names;
  }
}

interface FoldedNames {
  name: string;
  full: string;
  aliases: string[];
}

/** The folded words of a query, as {@link matchesSearch} reads them. */
const searchTerms = (query: string) => foldVietnamese(query).split(' ').filter(Boolean);
/** {@link matchesSearch} on an already folded candidate and query terms. */
const matchesTerms = (foldedCandidate: string, terms: string[]) => {
  if (terms.length === 0) return false;
  const words = foldedCandidate.split(' ');
  return terms.every((term) => words.some((word) => word.startsWith(term)));
};

function depth(catalog: UnitCatalog, unit: UnitRecord): number {
  let level = 0;
  let parentId = unit.parentId;
  while (parentId !== null && level < 10) {
    level += 1;
    parentId = catalog.get(parentId)?.parentId ?? null;
  }
  return level;
}

/** The unit and every unit above it (a head of the ward also heads its residential groups). */
export function unitAndAncestors(units: UnitCatalog, id: number): number[] {
  const result: number[] = [];
  let current: number | null = id;
  while (current !== null && !result.includes(current) && result.length < 20) {
    result.push(current);
    current = units.get(current)?.parentId ?? null;
  }
  return result;
}

/** The unit and every unit below it, each once (a ward with its residential groups and schools). */
export function unitAndBelow(units: UnitCatalog, id: number, into: Set<number> = new Set()): number[] {
  const visit = (current: number) => {
    if (into.has(current)) return;
    into.add(current);
    for (const child of units.children(current)) visit(child.id);
  };
  if (units.get(id)) visit(id);
  return [...into];
}
