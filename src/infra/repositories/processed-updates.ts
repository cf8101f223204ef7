import type { LocaleCode, Person } from '../../core/ports.js';
import { DRAFTS_OF_PERSON } from './drafts.js';
import { personCtes, ROLES_OF_PERSON, toPerson, type PersonRow } from './users.js';
import { hotPoolOf, type Db } from '../db/client.js';


/**
 * The door every update passes: remembers recently handled update ids (an update delivered twice
 * is handled once) and finds or creates the person who sent it — one statement, one commit,
 * because this runs for every single message (docs/decisions/003-hot-path-sql.md).
 */
export class ProcessedUpdates {
  constructor(private readonly db: Db) {}

  /**
   * Records the update and identifies its sender, with the stamps of their drafts; `fresh` is false
   * when the update was seen before.
   * `updateId` null: the inbound queue already recorded it (the update came through the queue).
   */
  async admit(channel: string, updateId: number | null, sender: { externalId: string; chatId: string; suggestedLocale: LocaleCode }): Promise<{ fresh: boolean; person: Person }> {
    const { rows } = await hotPoolOf(this.db).query<PersonRow & { fresh: boolean }>({
      name: 'admit-update',
      text: `WITH seen AS (
               INSERT INTO processed_updates (channel, update_id) SELECT $1, $2 WHERE $2::bigint IS NOT NULL ON CONFLICT DO NOTHING RETURNING 1),
             -- Writing to the bot again means they can be reached again (after a 403).
             revived AS (UPDATE users SET unreachable_at = NULL WHERE channel = $1 AND external_id = $3 AND unreachable_at IS NOT NULL RETURNING 1),
             ${personCtes('$1', '$3', '$4')}
           SELECT person.*, ${ROLES_OF_PERSON} AS roles, ${DRAFTS_OF_PERSON} AS drafts, ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM seen)) AS fresh FROM person`,
      values: [channel, updateId, sender.externalId, sender.chatId],
    });
    const row = rows[0]!;
    return { fresh: row.fresh, person: toPerson(row, channel, sender.suggestedLocale) };
  }

  /** Forgets ids older than `before` (Telegram redelivers within hours, not weeks). */
  async purgeOlderThan(before: Date): Promise<number> {
    return this.db.$executeRaw`DELETE FROM processed_updates WHERE received_at < ${before}`;
  }
}
