import { z } from 'zod';
import type { Draft } from '../../core/form/types.js';
import type { DraftRepository } from '../../core/ports.js';
import type { Db } from '../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';

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
    })
    .catch({}),
});

/** Drafts in PostgreSQL, one per person and form, written at every step. */
export class PrismaDraftRepository implements DraftRepository {
  constructor(private readonly db: Db) {}

  async load(userId: number, formId: string): Promise<Draft | null> {
    const row = await this.db.draft.findUnique({ where: { userId_formId: { userId, formId } } });
    if (!row) return null;
    const state = draftState.safeParse(row.state);
    if (!state.success) {
      await this.delete(userId, formId);
      return null;
    }
    return {
      id: row.id,
      formId: row.formId,
      formVersion: row.formVersion,
      stepId: row.stepId,
      answers: state.data.answers,
      attachments: state.data.attachments,
      ui: state.data.ui,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  async save(userId: number, draft: Draft): Promise<void> {
    const state = { answers: draft.answers, attachments: draft.attachments, ui: draft.ui } as unknown as Prisma.InputJsonValue;
    await this.db.draft.upsert({
      where: { userId_formId: { userId, formId: draft.formId } },
      create: { id: draft.id, userId, formId: draft.formId, formVersion: draft.formVersion, stepId: draft.stepId, state, createdAt: draft.createdAt, updatedAt: draft.updatedAt },
      update: { id: draft.id, formVersion: draft.formVersion, stepId: draft.stepId, state, updatedAt: draft.updatedAt, revision: { increment: 1 } },
    });
  }

  async delete(userId: number, formId: string): Promise<void> {
    await this.db.draft.deleteMany({ where: { userId, formId } });
  }

  async purgeUntouchedSince(before: Date): Promise<number> {
    const { count } = await this.db.draft.deleteMany({ where: { updatedAt: { lt: before } } });
    return count;
  }
}
