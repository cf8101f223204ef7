import type { UnitRepository } from '../../core/ports.js';
import type { UnitRecord } from '../../core/units.js';
import type { Db } from '../db/client.js';

export class PrismaUnitRepository implements UnitRepository {
  constructor(private readonly db: Db) {}

  async listActive(): Promise<UnitRecord[]> {
    return this.db.unit.findMany({
      where: { active: true },
      select: { id: true, code: true, name: true, kind: true, parentId: true, aliases: true, sortOrder: true },
      orderBy: { id: 'asc' },
    });
  }
}
