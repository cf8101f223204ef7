import type { ConsentRepository } from '../../core/ports.js';
import { poolOf, utc, type Db } from '../db/client.js';

/**
 * Timestamped consent records (Luật 91/2025/QH15: keep a record of each consent). Both run once in
 * every resident's form, so they are named statements on the pg pool rather than Prisma calls
 * (docs/decisions/003-hot-path-sql.md); consents commit synchronously, like every legal record.
 */
export class PrismaConsentRepository implements ConsentRepository {
  constructor(private readonly db: Db) {}

  async record(userId: number, purpose: string, textVersion: number, locale: string, at: Date): Promise<number> {
    const { rows } = await poolOf(this.db).query<{ id: number }>({
      name: 'record-consent',
      text: 'INSERT INTO consents (user_id, purpose, text_version, locale, given_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      values: [userId, purpose, textVersion, locale, utc(at)],
    });
    return rows[0]!.id;
  }

  async latest(userId: number, purpose: string): Promise<{ id: number } | null> {
    const { rows } = await poolOf(this.db).query<{ id: number }>({
      name: 'latest-consent',
      text: 'SELECT id FROM consents WHERE user_id = $1 AND purpose = $2 AND withdrawn_at IS NULL ORDER BY given_at DESC, id DESC LIMIT 1',
      values: [userId, purpose],
    });
    return rows[0] ?? null;
  }
}
