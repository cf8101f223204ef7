import type { LocaleCode, PendingState, Person } from '../../core/ports.js';
import type { RoleGrantView } from '../../core/roles.js';
import { hotPoolOf, type Db } from '../db/client.js';

const asLocale = (value: string | null, fallback: LocaleCode): LocaleCode => (value === 'vi' || value === 'en' ? value : fallback);

/**
 * The door every update passes: remembers recently handled update ids (an update delivered twice
 * is handled once) and finds or creates the person who sent it — one statement, one commit,
 * because this runs for every single message (docs/decisions/003-hot-path-sql.md).
 */
export class ProcessedUpdates {
  constructor(private readonly db: Db) {}

  /** Records the update and identifies its sender; `fresh` is false when the update was seen before. */
  async admit(channel: string, updateId: number, sender: { externalId: string; chatId: string; suggestedLocale: LocaleCode }): Promise<{ fresh: boolean; person: Person }> {
    const { rows } = await hotPoolOf(this.db).query<{ id: number; locale: string | null; pending: PendingState | null; fresh: boolean; roles: RoleGrantView[] | null }>({
      name: 'admit-update',
      text: `WITH seen AS (
               INSERT INTO processed_updates (channel, update_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1),
             found AS (SELECT id, locale, pending FROM users WHERE channel = $1 AND external_id = $3),
             -- Writing to the bot again means they can be reached again (after a 403).
             revived AS (UPDATE users SET unreachable_at = NULL WHERE channel = $1 AND external_id = $3 AND unreachable_at IS NOT NULL RETURNING 1),
             created AS (
               INSERT INTO users (channel, external_id, chat_id, updated_at)
               SELECT $1, $3, $4, now() WHERE NOT EXISTS (SELECT 1 FROM found)
               ON CONFLICT (channel, external_id) DO UPDATE SET chat_id = EXCLUDED.chat_id
               RETURNING id, locale, pending),
             person AS (SELECT * FROM found UNION ALL SELECT * FROM created)
           SELECT person.id, person.locale, person.pending, EXISTS (SELECT 1 FROM seen) AS fresh,
             (SELECT json_agg(json_build_object('id', g.id, 'role', g.role, 'unitId', g.unit_id))
                FROM role_grants g WHERE g.user_id = person.id AND g.revoked_at IS NULL) AS roles
           FROM person`,
      values: [channel, updateId, sender.externalId, sender.chatId],
    });
    const row = rows[0]!;
    return {
      fresh: row.fresh,
      person: { id: row.id, channel, locale: asLocale(row.locale, sender.suggestedLocale), roles: row.roles ?? [], pending: row.pending },
    };
  }

  /** True the first time an update id is seen on a channel. */
  async firstTime(channel: string, updateId: number): Promise<boolean> {
    const { rowCount } = await hotPoolOf(this.db).query(
      'INSERT INTO processed_updates (channel, update_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [channel, updateId],
    );
    return rowCount === 1;
  }

  /** Forgets ids older than `before` (Telegram redelivers within hours, not weeks). */
  async purgeOlderThan(before: Date): Promise<number> {
    return this.db.$executeRaw`DELETE FROM processed_updates WHERE received_at < ${before}`;
  }
}
