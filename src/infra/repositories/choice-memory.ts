/**
 * The numbered choices a person on a channel without buttons saw last (Zalo), kept with the person
 * so that "2" or a typed label is read the same by any instance, after a restart, and after a
 * reminder sent by the outbox.
 */
import { z } from 'zod';
import type { NumberedChoice } from '../../channels/text/render.js';
import { hotPoolOf, type Db } from '../db/client.js';

const stored = z.array(z.object({ step: z.string(), value: z.string(), labels: z.array(z.string()) }));

export class ChoiceMemory {
  constructor(private readonly db: Db) {}

  /** Remembers the choices shown last in a chat (an empty list forgets them). */
  async remember(channel: string, chatId: string, choices: readonly NumberedChoice[]): Promise<void> {
    await hotPoolOf(this.db).query({
      name: 'remember-choices',
      text: 'UPDATE users SET numbered_choices = $3::jsonb WHERE channel = $1 AND chat_id = $2',
      values: [channel, chatId, choices.length ? JSON.stringify(choices) : null],
    });
  }

  async recall(channel: string, chatId: string): Promise<NumberedChoice[]> {
    const { rows } = await hotPoolOf(this.db).query<{ numbered_choices: unknown }>({
      name: 'recall-choices',
      text: 'SELECT numbered_choices FROM users WHERE channel = $1 AND chat_id = $2 LIMIT 1',
      values: [channel, chatId],
    });
    const parsed = stored.safeParse(rows[0]?.numbered_choices ?? []);
    return parsed.success ? parsed.data : [];
  }
}
