import { z } from 'zod';
import type { Draft } from '../../core/form/types.js';
import type { DraftRepository, DraftStamps } from '../../core/ports.js';
import { hotPoolOf, jsonForPostgres, utc, type Db } from '../db/client.js';
import { draftCacheOf, type DraftCache } from './draft-cache.js';

/**
 * A draft row's version token: the writing transaction's id and the saved-at millisecond. The id
 * alone can come back after a database crash (transaction ids not yet on disk are handed out
 * again), and a save in that same millisecond with that same id is not a real case.
 */
const draftVersion = (alias: string) => `${alias}.xmin::text || ':' || floor(extract(epoch from ${alias}.updated_at) * 1000)::bigint`;

/**
 * The person's drafts as stamps (form id → [draft id, row version]), selected next to `person`:
 * the draft repository answers from its own copy when the stamp matches (decision 012).
 */
export const DRAFTS_OF_PERSON = `(SELECT json_object_agg(d.form_id, json_build_array(d.id, ${draftVersion('d')}))
  FROM drafts d WHERE d.user_id = person.id)`;

/** The JSON column of a draft, checked on the way in: a row written by an older or broken build is dropped, never trusted. */
const draftState = z.object({
  answers: z.record(z.string(), z.unknown()),
  attachments: z.array(
    z.object({
      kind: z.enum(['photo', 'document']),
      channel: z.string(),
      fileId: z.string(),
      fileUniqueId: z.string(),
      fileName: z.string().optional(),
      mimeType: z.string().optional(),
      sizeBytes: z.number().optional(),
      receivedAt: z.string(),
      sha256: z.string().optional(),
      storageKey: z.string().optional(),
    }),
  ),
  ui: z
    .object({
      unitParentId: z.number().nullable().optional(),
      unitPage: z.number().optional(),
      unitMatches: z.array(z.number()).nullable().optional(),
      unitQuery: z.string().nullable().optional(),
      pendingCancel: z.boolean().optional(),
      editMenu: z.boolean().optional(),
      reachedSummary: z.boolean().optional(),
      heldInput: z.any().optional(),
      lastInput: z.string().optional(),
      context: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    })
    .catch({}),
});

/** Drafts in PostgreSQL, one per person and form, written at every step. */
export class PrismaDraftRepository implements DraftRepository {
  private readonly cache: DraftCache;

  constructor(private readonly db: Db) {
    this.cache = draftCacheOf(db);
  }

  async load(userId: number, formId: string, known?: DraftStamps): Promise<Draft | null> {
    const copy = this.cache.current(userId, formId, known);
    // Parsed afresh, with dates of its own: whatever the caller changes, the copy stays as written.
    if (copy) return this.fromStored(userId, formId, { ...copy, state: JSON.parse(copy.stateJson) as unknown, createdAt: new Date(copy.createdAt.getTime()), updatedAt: new Date(copy.updatedAt.getTime()) });
    const { rows } = await hotPoolOf(this.db).query<{ id: string; form_version: number; step_id: string; state: unknown; created_at: Date; updated_at: Date }>({
      name: 'load-draft',
      text: 'SELECT id, form_version, step_id, state, created_at, updated_at FROM drafts WHERE user_id = $1 AND form_id = $2',
      values: [userId, formId],
    });
    const row = rows[0];
    if (!row) return null;
    return this.fromStored(userId, formId, { id: row.id, formVersion: row.form_version, stepId: row.step_id, state: row.state, createdAt: row.created_at, updatedAt: row.updated_at });
  }

  /** A stored draft, its state checked: a row written by an older or broken build is dropped, never trusted. */
  private async fromStored(userId: number, formId: string, stored: { id: string; formVersion: number; stepId: string; state: unknown; createdAt: Date; updatedAt: Date }): Promise<Draft | null> {
    const state = draftState.safeParse(stored.state);
    if (!state.success) {
      await this.delete(userId, formId);
      return null;
    }
    return {
      id: stored.id,
      formId,
      formVersion: stored.formVersion,
      stepId: stored.stepId,
      answers: state.data.answers,
      attachments: state.data.attachments,
      ui: state.data.ui,
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    };
  }

  async save(userId: number, draft: Draft): Promise<void> {
    const stateJson = jsonForPostgres({ answers: draft.answers, attachments: draft.attachments, ui: draft.ui });
    const createdAt = utc(draft.createdAt);
    const updatedAt = utc(draft.updatedAt);
    const { rows } = await hotPoolOf(this.db).query<{ version: string; created_at: Date }>({
      name: 'save-draft',
      text: `INSERT INTO drafts (id, user_id, form_id, form_version, step_id, state, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
       ON CONFLICT (user_id, form_id) DO UPDATE SET id = EXCLUDED.id, form_version = EXCLUDED.form_version,
         step_id = EXCLUDED.step_id, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at, revision = drafts.revision + 1
       RETURNING ${draftVersion('drafts')} AS version, created_at`,
      values: [draft.id, userId, draft.formId, draft.formVersion, draft.stepId, stateJson, createdAt, updatedAt],
    });
    const row = rows[0]!;
    // What a read of the row would give back: created_at stays the first write's.
    this.cache.remember(userId, draft.formId, { id: draft.id, version: row.version, formVersion: draft.formVersion, stepId: draft.stepId, stateJson, createdAt: row.created_at, updatedAt: new Date(draft.updatedAt.getTime()) });
  }

  async delete(userId: number, formId: string): Promise<void> {
    this.cache.forget(userId, formId);
    await this.db.draft.deleteMany({ where: { userId, formId } });
  }

  async purgeUntouchedSince(before: Date): Promise<number> {
    const { count } = await this.db.draft.deleteMany({ where: { updatedAt: { lt: before } } });
    this.cache.clear();
    return count;
  }
}
