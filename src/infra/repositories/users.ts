import type { LocaleCode, Person, UserRepository } from '../../core/ports.js';
import { poolOf, utc, type Db } from '../db/client.js';

const asLocale = (value: string | null | undefined, fallback: LocaleCode): LocaleCode => (value === 'vi' || value === 'en' ? value : fallback);

/** People by (channel, external id). The client's language is only a suggestion until the person picks one. */
export class PrismaUserRepository implements UserRepository {
  constructor(private readonly db: Db) {}

  async identify(channel: string, externalId: string, chatId: string, suggestedLocale: LocaleCode): Promise<Person> {
    // One round trip whether the person is new or known; concurrent first messages meet on the unique key.
    const { rows } = await poolOf(this.db).query<{ id: number; locale: string | null }>(
      `WITH found AS (SELECT id, locale FROM users WHERE channel = $1 AND external_id = $2),
            created AS (
              INSERT INTO users (channel, external_id, chat_id, updated_at)
              SELECT $1, $2, $3, now() WHERE NOT EXISTS (SELECT 1 FROM found)
              ON CONFLICT (channel, external_id) DO UPDATE SET chat_id = EXCLUDED.chat_id
              RETURNING id, locale)
       SELECT id, locale FROM found UNION ALL SELECT id, locale FROM created`,
      [channel, externalId, chatId],
    );
    const row = rows[0]!;
    return { id: row.id, channel, locale: asLocale(row.locale, suggestedLocale) };
  }

  async setLocale(userId: number, locale: LocaleCode): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { locale } });
  }

  async markConsentPrompted(userId: number, at: Date): Promise<void> {
    await poolOf(this.db).query({ name: 'consent-prompted', text: 'UPDATE users SET consent_prompted_at = $2 WHERE id = $1', values: [userId, utc(at)] });
  }

  async consentPromptedAt(userId: number): Promise<Date | null> {
    const row = await this.db.user.findUnique({ where: { id: userId }, select: { consentPromptedAt: true } });
    return row?.consentPromptedAt ?? null;
  }
}
