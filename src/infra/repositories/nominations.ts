import { NOMINATION_CODE_PREFIX } from '../../core/nomination/code.js';
import type { NewNomination, NominationView } from '../../core/nomination/records.js';
import { canWithdraw } from '../../core/nomination/vocabulary.js';
import type { NominationRepository, SubmitResult } from '../../core/ports.js';
import { vietnamYear } from '../../core/text/date.js';
import { foldVietnamese } from '../../core/text/normalize.js';
import { poolOf, utc, type Db } from '../db/client.js';
import { NOMINATION_FORM_ID } from '../../core/nomination/form.js';
import { draftCacheOf } from './draft-cache.js';

const RESIDENT_ROLE = 'resident';

const viewSelect = {
  id: true,
  code: true,
  status: true,
  nomineeKind: true,
  nomineeName: true,
  deedCategory: true,
  deedDate: true,
  description: true,
  nominatorPhone: true,
  submittedAt: true,
  unit: { select: { name: true, parent: { select: { name: true } } } },
  _count: { select: { evidence: true } },
} as const;

type ViewRow = {
  id: number;
  code: string;
  status: string;
  nomineeKind: string;
  nomineeName: string;
  deedCategory: string;
  deedDate: Date;
  description: string;
  nominatorPhone: string | null;
  submittedAt: Date;
  unit: { name: string; parent: { name: string } | null };
  _count: { evidence: number };
};

function toView(row: ViewRow): NominationView {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    nomineeKind: row.nomineeKind,
    nomineeName: row.nomineeName,
    unitName: row.unit.parent ? `${row.unit.name} – ${row.unit.parent.name}` : row.unit.name,
    deedCategory: row.deedCategory,
    deedDate: row.deedDate.toISOString().slice(0, 10),
    description: row.description,
    nominatorPhone: row.nominatorPhone,
    evidenceCount: row._count.evidence,
    submittedAt: row.submittedAt,
  };
}

/** Prisma's and PostgreSQL's codes for a unique violation. */
const isUniqueViolation = (error: unknown) => ['P2002', '23505'].includes((error as { code?: string }).code ?? '');

/** Residents' nominations, their evidence and their status history. */
export class PrismaNominationRepository implements NominationRepository {
  constructor(private readonly db: Db) {}

  /**
   * One SQL statement, so one transaction: the next reference code of the year, the nomination,
   * its evidence, its first status and the removal of the draft commit together or not at all.
   * A single statement also holds the year's counter row only for an instant, where an interactive
   * transaction made every concurrent submission queue behind it.
   */
  async submit(userId: number, nomination: NewNomination, context: { consentId: number | null; locale: string; now: Date; campaignId?: number | null }): Promise<SubmitResult> {
    // The statement below deletes the draft: this process's copy of it goes first.
    draftCacheOf(this.db).forget(userId, NOMINATION_FORM_ID);
    const evidence = nomination.attachments.map((file, index) => ({
      position: index + 1,
      kind: file.kind,
      channel: file.channel,
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_name: file.fileName ?? null,
      mime_type: file.mimeType ?? null,
      size_bytes: file.sizeBytes ?? null,
      sha256: file.sha256 ?? null,
      storage_key: file.storageKey ?? null,
      received_at: file.receivedAt,
    }));
    const year = vietnamYear(context.now);
    try {
      const { rows } = await poolOf(this.db).query<{ id: number; code: string }>({
        name: 'submit-nomination',
        text: `WITH counter AS (
                 INSERT INTO code_counters (prefix, year, last)
                 SELECT $1, $2, 1 WHERE NOT EXISTS (SELECT 1 FROM nominations WHERE draft_id = $3)
                 ON CONFLICT (prefix, year) DO UPDATE SET last = code_counters.last + 1
                 RETURNING last),
               nomination AS (
                 INSERT INTO nominations (code, draft_id, user_id, unit_id, consent_id, status, nominee_kind, nominee_name,
                   nominee_birth_year, nominee_role, deed_category, deed_date, deed_place, description, nominator_name,
                   nominator_phone, nominator_relation, pledged_at, locale, form_version, submitted_at, updated_at,
                   nominee_name_key, possible_duplicate_of_id, campaign_id)
                 SELECT $1 || '-' || $2::text || '-' || lpad(counter.last::text, greatest(5, length(counter.last::text)), '0'),
                   $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::date, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22, $26,
                   -- Possibly the same nominee: same unit, same name (accents and tone placement ignored), deeds within 30 days.
                   (SELECT o.id FROM nominations o
                     WHERE o.unit_id = $5 AND o.nominee_name_key = $26 AND abs(o.deed_date - $13::date) <= 30
                       AND o.status NOT IN ('withdrawn', 'merged')
                     ORDER BY o.submitted_at, o.id LIMIT 1),
                   $27
                 FROM counter
                 ON CONFLICT (draft_id) DO NOTHING
                 RETURNING id, code),
               -- (received_at below is an ISO instant; cast to timestamp it keeps its UTC digits)
               files AS (
                 INSERT INTO evidence (nomination_id, position, kind, channel, file_id, file_unique_id, file_name, mime_type,
                   size_bytes, sha256, storage_key, received_at)
                 SELECT nomination.id, e.position, e.kind, e.channel, e.file_id, e.file_unique_id, e.file_name, e.mime_type,
                   e.size_bytes, e.sha256, e.storage_key, e.received_at
                 FROM nomination, jsonb_to_recordset($23::jsonb) AS e(position int, kind text, channel text, file_id text,
                   file_unique_id text, file_name text, mime_type text, size_bytes int, sha256 text, storage_key text, received_at timestamp)
                 RETURNING 1),
               history AS (
                 INSERT INTO status_changes (nomination_id, from_status, to_status, actor_user_id, actor_role, at)
                 SELECT nomination.id, NULL, $7, $4, $24, $22 FROM nomination
                 RETURNING 1),
               cleared AS (
                 DELETE FROM drafts WHERE id = $3 AND user_id = $4 AND form_id = $25 AND EXISTS (SELECT 1 FROM nomination)
                 RETURNING 1)
               SELECT id, code FROM nomination`,
        values: [
          NOMINATION_CODE_PREFIX,
          year,
          nomination.draftId,
          userId,
          nomination.unitId,
          context.consentId,
          nomination.status,
          nomination.nomineeKind,
          nomination.nomineeName,
          nomination.nomineeBirthYear,
          nomination.nomineeRole,
          nomination.deedCategory,
          nomination.deedDate,
          nomination.deedPlace,
          nomination.description,
          nomination.nominatorName,
          nomination.nominatorPhone,
          nomination.nominatorRelation,
          utc(nomination.pledgedAt),
          context.locale,
          nomination.formVersion,
          utc(context.now),
          JSON.stringify(evidence),
          RESIDENT_ROLE,
          NOMINATION_FORM_ID,
          foldVietnamese(nomination.nomineeName),
          context.campaignId ?? null,
        ],
      });
      if (rows[0]) return { ...rows[0], created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // This draft was submitted already (a double tap, a redelivered update): report that code.
    const existing = await this.findByDraftId(nomination.draftId);
    if (!existing) throw new Error('submission neither stored nor found');
    return { ...existing, created: false };
  }

  async findByDraftId(draftId: string): Promise<{ id: number; code: string } | null> {
    // Asked before every submission: a named statement, not a Prisma call (decision 003).
    const { rows } = await poolOf(this.db).query<{ id: number; code: string }>({ name: 'nomination-by-draft', text: 'SELECT id, code FROM nominations WHERE draft_id = $1', values: [draftId] });
    return rows[0] ?? null;
  }

  async listForUser(userId: number, offset: number, limit: number): Promise<{ items: NominationView[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.nomination.findMany({ where: { userId }, orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }], skip: offset, take: limit, select: viewSelect }),
      this.db.nomination.count({ where: { userId } }),
    ]);
    return { items: rows.map(toView), total };
  }

  async getForUser(userId: number, nominationId: number): Promise<NominationView | null> {
    const row = await this.db.nomination.findFirst({ where: { id: nominationId, userId }, select: viewSelect });
    return row ? toView(row) : null;
  }

  async withdraw(userId: number, nominationId: number, now: Date): Promise<'withdrawn' | 'not-allowed' | 'not-found'> {
    return this.db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status FROM nominations WHERE id = ${nominationId} AND user_id = ${userId} FOR UPDATE`;
      if (!row) return 'not-found';
      if (!canWithdraw(row.status)) return 'not-allowed';
      await tx.nomination.update({ where: { id: nominationId }, data: { status: 'withdrawn' } });
      await tx.statusChange.create({
        data: { nominationId, fromStatus: row.status, toStatus: 'withdrawn', actorUserId: userId, actorRole: RESIDENT_ROLE, at: now },
      });
      return 'withdrawn';
    });
  }
}
