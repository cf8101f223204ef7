/**
 * The seed of real units: the Hanoi wards that replaced the former Nam Từ Liêm district on
 * 01/07/2025 (NQ 1656/NQ-UBTVQH15), with the former wards kept as aliases so old names still
 * match, and a few residential groups (tổ dân phố) each. Loading is idempotent (upsert by code).
 */
import type { Db } from '../db/client.js';

export interface UnitSeed {
  code: string;
  name: string;
  kind: 'ward' | 'commune' | 'residential-group' | 'school' | 'agency' | 'enterprise' | 'other';
  parent?: string;
  aliases?: string[];
  sortOrder?: number;
}

const wards: UnitSeed[] = [
  { code: 'HN-TU-LIEM', name: 'Phường Từ Liêm', kind: 'ward', aliases: ['Phường Cầu Diễn', 'Phường Mỹ Đình 1', 'Phường Mỹ Đình 2', 'Phường Phú Đô', 'Phường Mễ Trì', 'Quận Nam Từ Liêm'], sortOrder: 1 },
  { code: 'HN-XUAN-PHUONG', name: 'Phường Xuân Phương', kind: 'ward', aliases: ['Phường Phương Canh', 'Phường Xuân Phương (cũ)'], sortOrder: 2 },
  { code: 'HN-TAY-MO', name: 'Phường Tây Mỗ', kind: 'ward', aliases: ['Phường Tây Mỗ (cũ)'], sortOrder: 3 },
  { code: 'HN-DAI-MO', name: 'Phường Đại Mỗ', kind: 'ward', aliases: ['Phường Trung Văn', 'Phường Đại Mỗ (cũ)'], sortOrder: 4 },
];

function residentialGroups(ward: string, count: number): UnitSeed[] {
  return Array.from({ length: count }, (_, index) => ({
    code: `${ward}-TDP-${String(index + 1).padStart(2, '0')}`,
    name: `Tổ dân phố số ${index + 1}`,
    kind: 'residential-group' as const,
    parent: ward,
    sortOrder: index + 1,
  }));
}

/** The seed list, parents before children. */
export const SEED_UNITS: UnitSeed[] = [
  ...wards,
  ...residentialGroups('HN-TU-LIEM', 5),
  ...residentialGroups('HN-XUAN-PHUONG', 4),
  ...residentialGroups('HN-TAY-MO', 4),
  ...residentialGroups('HN-DAI-MO', 4),
  { code: 'HN-TU-LIEM-THCS-MY-DINH', name: 'Trường THCS Mỹ Đình', kind: 'school', parent: 'HN-TU-LIEM', sortOrder: 50 },
];

/** Inserts or updates units by code; aliases are merged, never lost. Returns how many were created. */
export async function upsertUnits(db: Db, units: readonly UnitSeed[]): Promise<number> {
  let created = 0;
  const idByCode = new Map<string, number>();
  for (const unit of units) {
    const parentId = unit.parent ? (idByCode.get(unit.parent) ?? (await db.unit.findUnique({ where: { code: unit.parent } }))?.id) : null;
    if (unit.parent && parentId === undefined) throw new Error(`unit ${unit.code}: unknown parent ${unit.parent}`);
    const existing = await db.unit.findUnique({ where: { code: unit.code } });
    const aliases = [...new Set([...(existing?.aliases ?? []), ...(unit.aliases ?? [])])];
    const row = await db.unit.upsert({
      where: { code: unit.code },
      create: { code: unit.code, name: unit.name, kind: unit.kind, parentId: parentId ?? null, aliases, sortOrder: unit.sortOrder ?? 0 },
      update: { name: unit.name, kind: unit.kind, parentId: parentId ?? null, aliases, sortOrder: unit.sortOrder ?? 0 },
    });
    if (!existing) created += 1;
    idByCode.set(unit.code, row.id);
  }
  return created;
}
