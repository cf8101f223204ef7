import type { ConsentRepository } from '../../core/ports.js';
import type { Db } from '../db/client.js';

/** Timestamped consent records (Luật 91/2025/QH15: keep a record of each consent). */
export class PrismaConsentRepository implements ConsentRepository {
  constructor(private readonly db: Db) {}

  async record(userId: number, purpose: string, textVersion: number, locale: string, at: Date): Promise<number> {
    const row = await this.db.consent.create({ data: { userId, purpose, textVersion, locale, givenAt: at }, select: { id: true } });
    return row.id;
  }

  async latest(userId: number, purpose: string): Promise<{ id: number } | null> {
    return this.db.consent.findFirst({
      where: { userId, purpose, withdrawnAt: null },
      orderBy: { givenAt: 'desc' },
      select: { id: true },
    });
  }
}
