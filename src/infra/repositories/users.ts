import type { DraftStamp, LocaleCode, PendingState, Person, UserRepository } from '../../core/ports.js';
import type { RoleGrantView } from '../../core/roles.js';
import { jsonForPostgres, poolOf, utc, type Db } from '../db/client.js';

const asLocale = (value: string | null | undefined, fallback: LocaleCode): LocaleCode => (value === 'vi' || value === 'en' ? value : fallback);

/**
 * SQL common table expressions that find or create the person behind (channel, external id) in one
 * round trip: `person` holds the row. Concurrent first messages meet on the unique key.
 */
export const personCtes = (channel: string, externalId: string, chatId: string) => `
  found AS (SELECT id, locale, pending FROM users WHERE channel = ${channel} AND external_id = ${externalId}),
  created AS (
    INSERT INTO users (channel, external_id, chat_id, updated_at)
    SELECT ${channel}, ${externalId}, ${chatId}, now() WHERE NOT EXISTS (SELECT 1 FROM found)
    ON CONFLICT (channel, external_id) DO UPDATE SET chat_id = EXCLUDED.chat_id
    RETURNING id, locale, pending),
  person AS (SELECT * FROM found UNION ALL SELECT * FROM created)`;

/** The person's active roles as JSON, selected next to `person`. */
export const ROLES_OF_PERSON = `(SELECT json_agg(json_build_object('id', g.id, 'role', g.role, 'unitId', g.unit_id))
  FROM role_grants g WHERE g.user_id = person.id AND g.revoked_at IS NULL)`;

export interface PersonRow {
  id: number;
  locale: string | null;
  pending: PendingState | null;
  roles: RoleGrantView[] | null;
  /** Present when the statement selected DRAFTS_OF_PERSON (drafts.ts). */
  drafts?: Record<string, [string, string]> | null;
}

export const toPerson = (row: PersonRow, channel: string, suggestedLocale: LocaleCode): Person => {
  const person: Person = { id: row.id, channel, locale: asLocale(row.locale, suggestedLocale), roles: row.roles ?? [], pending: row.pending };
  if (row.drafts !== undefined) {
    const stamps: Record<string, DraftStamp> = {};
    for (const [formId, [id, version]] of Object.entries(row.drafts ?? {})) stamps[formId] = { id, version };
    person.drafts = stamps;
  }
  return person;
};

/** People by (channel, external id). The client's language is only a suggestion until the person picks one. */
export class PrismaUserRepository implements UserRepository {
  constructor(private readonly db: Db) {}

  /**
   * The language the person of this chat chose (/ngonngu), if they did: for the few messages sent
   * outside a conversation (a flood notice, the apology for an update given up).
   */
  async chosenLocale(channel: string, chatId: string): Promise<LocaleCode | undefined> {
    const { rows } = await poolOf(this.db).query<{ locale: string }>({
      name: 'chosen-locale',
      text: 'SELECT locale FROM users WHERE channel = $1 AND chat_id = $2 AND locale IS NOT NULL LIMIT 1',
      values: [channel, chatId],
    });
    const locale = rows[0]?.locale;
    return locale === 'vi' || locale === 'en' ? locale : undefined;
  }

  async identify(channel: string, externalId: string, chatId: string, suggestedLocale: LocaleCode): Promise<Person> {
    // One round trip whether the person is new or known; concurrent first messages meet on the unique key.
    const { rows } = await poolOf(this.db).query<PersonRow>(`WITH ${personCtes('$1', '$2', '$3')} SELECT person.*, ${ROLES_OF_PERSON} AS roles FROM person`, [channel, externalId, chatId]);
    return toPerson(rows[0]!, channel, suggestedLocale);
  }

  async setLocale(userId: number, locale: LocaleCode): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { locale } });
  }

  async markConsentPrompted(userId: number, at: Date): Promise<void> {
    await poolOf(this.db).query({ name: 'consent-prompted', text: 'UPDATE users SET consent_prompted_at = $2 WHERE id = $1', values: [userId, utc(at)] });
  }

  async setPending(userId: number, pending: PendingState | null): Promise<void> {
    await poolOf(this.db).query({ name: 'set-pending', text: 'UPDATE users SET pending = $2::jsonb WHERE id = $1', values: [userId, pending === null ? null : jsonForPostgres(pending)] });
  }

  async consentPromptedAt(userId: number): Promise<Date | null> {
    const { rows } = await poolOf(this.db).query<{ consent_prompted_at: Date | null }>({ name: 'consent-prompted-at', text: 'SELECT consent_prompted_at FROM users WHERE id = $1', values: [userId] });
    return rows[0]?.consent_prompted_at ?? null;
  }
}
