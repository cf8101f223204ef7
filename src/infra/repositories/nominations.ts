import { NOMINATION_CODE_PREFIX, formatReferenceCode } from '../../core/nomination/code.js';
import type { NewNomination, NominationView } from '../../core/nomination/records.js';
import { canWithdraw } from '../../core/nomination/vocabulary.js';
import type { NominationRepository, SubmitResult } from '../../core/ports.js';
import { vietnamYear } from '../../core/text/date.js';
import type { Db } from '../db/client.js';
import { NOMINATION_FORM_ID } from '../../core/nomination/form.js';

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

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/** Residents' nominations, their evidence and their status history. */
export class PrismaNominationRepository implements NominationRepository {
  constructor(private readonly db: Db) {}

  async submit(userId: number, nomination: NewNomination, context: { consentId: number | null; locale: string; now: Date }): Promise<SubmitResult> {
    try {
      return await this.db.$transaction(async (tx) => {
        const existing = await tx.nomination.findUnique({ where: { draftId: nomination.draftId }, select: { id: true, code: true } });
        if (existing) return { ...existing, created: false };
        const year = vietnamYear(context.now);
        const [counter] = await tx.$queryRaw<{ last: number }[]>`
          INSERT INTO code_counters (prefix, year, last) VALUES (${NOMINATION_CODE_PREFIX}, ${year}, 1)
          ON CONFLICT (prefix, year) DO UPDATE SET last = code_counters.last + 1
          RETURNING last`;
        const code = formatReferenceCode(NOMINATION_CODE_PREFIX, year, counter!.last);
        const created = await tx.nomination.create({
          data: {
            code,
            draftId: nomination.draftId,
            userId,
            unitId: nomination.unitId,
            consentId: context.consentId,
            status: nomination.status,
            nomineeKind: nomination.nomineeKind,
            nomineeName: nomination.nomineeName,
            nomineeBirthYear: nomination.nomineeBirthYear,
            nomineeRole: nomination.nomineeRole,
            deedCategory: nomination.deedCategory,
            deedDate: new Date(`${nomination.deedDate}T00:00:00Z`),
            deedPlace: nomination.deedPlace,
            description: nomination.description,
            nominatorName: nomination.nominatorName,
            nominatorPhone: nomination.nominatorPhone,
            nominatorRelation: nomination.nominatorRelation,
            pledgedAt: nomination.pledgedAt,
            locale: context.locale,
            formVersion: nomination.formVersion,
            submittedAt: context.now,
            evidence: {
              create: nomination.attachments.map((file, index) => ({
                position: index + 1,
                kind: file.kind,
                channel: file.channel,
                fileId: file.fileId,
                fileUniqueId: file.fileUniqueId,
                fileName: file.fileName ?? null,
                mimeType: file.mimeType ?? null,
                sizeBytes: file.sizeBytes ?? null,
                sha256: file.sha256 ?? null,
                storageKey: file.storageKey ?? null,
                receivedAt: new Date(file.receivedAt),
              })),
            },
            statusChanges: {
              create: { fromStatus: null, toStatus: nomination.status, actorUserId: userId, actorRole: RESIDENT_ROLE, at: context.now },
            },
          },
          select: { id: true, code: true },
        });
        await tx.draft.deleteMany({ where: { userId, formId: NOMINATION_FORM_ID, id: nomination.draftId } });
        return { ...created, created: true };
      });
    } catch (error) {
      // Two deliveries of the same "Gửi" raced: the loser reports the winner's code.
      if (isUniqueViolation(error)) {
        const existing = await this.findByDraftId(nomination.draftId);
        if (existing) return { ...existing, created: false };
      }
      throw error;
    }
  }

  async findByDraftId(draftId: string): Promise<{ id: number; code: string } | null> {
    return this.db.nomination.findUnique({ where: { draftId }, select: { id: true, code: true } });
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
