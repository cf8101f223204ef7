/**
 * The unit tree (wards, residential groups, schools…) as the form sees it: browse by level,
 * or search by part of the name with or without accents, former names included.
 */
import { foldVietnamese, matchesSearch } from './text/normalize.js';

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
    return [...this.byId.values()].filter(
      (unit) => foldVietnamese(unit.name) === folded || foldVietnamese(this.fullName(unit.id) ?? '') === folded,
    );
  }

  /** The former name through which `query` found this unit, when it did not match the current name. */
  matchedAlias(id: number, query: string): string | undefined {
    const unit = this.byId.get(id);
    if (!unit || matchesSearch(unit.name, query) || matchesSearch(this.fullName(id) ?? '', query)) return undefined;
    return unit.aliases.find((alias) => matchesSearch(alias, query));
  }

  /**
   * Units whose name or a former name matches every word typed ("my dinh" → Phường Từ Liêm, which
   * took in Mỹ Đình 1 and 2). Exact names first, then current-name matches, then former names.
   */
  search(query: string): UnitRecord[] {
    const folded = foldVietnamese(query);
    if (!folded) return [];
    const scored: { unit: UnitRecord; score: number }[] = [];
    for (const unit of this.byId.values()) {
      const names = [unit.name, this.fullName(unit.id) ?? unit.name];
      let score = -1;
      if (foldVietnamese(unit.name) === folded || unit.aliases.some((alias) => foldVietnamese(alias) === folded)) score = 0;
      else if (names.some((name) => matchesSearch(name, query))) score = 1;
      else if (unit.aliases.some((alias) => matchesSearch(alias, query))) score = 2;
      if (score >= 0) scored.push({ unit, score });
    }
    return scored
      .sort((a, b) => a.score - b.score || depth(this, a.unit) - depth(this, b.unit) || collator.compare(a.unit.name, b.unit.name))
      .map((entry) => entry.unit);
  }
}

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
