/**
 * Nominations as reviewers see and move them. A status change, its audit row and the messages it
 * triggers (outbox) commit together; the nomination row is locked while the core decides.
 */
import type { OutMessage } from '../../core/messages.js';
import type { ActionDetails, ActorRole, TransitionCheck } from '../../core/nomination/status-machine.js';
import type { CardFile, QueueItem, ReviewCard, ReviewScope } from '../../core/review/types.js';
import { poolOf, type Db } from '../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { storedFileColumns, type StoredFileInput } from './stored-file.js';

/** A message to enqueue with a change: to a person's chat, rendered later in their locale. */
export interface OutgoingMessage {
  dedupeKey: string;
  userId: number | null;
  channel: string;
  chatId: string;
  locale: string;
  message: OutMessage;
}

/** What the caller decides once the row is locked: the core's verdict, and the messages to send. */
export interface TransitionPlan {
  check: TransitionCheck;
  messages?: (locked: LockedNomination) => Promise<OutgoingMessage[]> | OutgoingMessage[];
}

export interface LockedNomination {
  id: number;
  code: string;
  status: string;
  unitId: number;
  userId: number | null;
  residentChannel: string | null;
  residentChatId: string | null;
  residentLocale: string | null;
}

export type TransitionResult = { ok: true; nomination: LockedNomination; to: string } | { ok: false; reason: string; nomination?: LockedNomination };

const scopeSql = (scope: ReviewScope) => (scope.kind === 'all' ? { clause: 'TRUE', values: [] as unknown[] } : { clause: 'n.unit_id = ANY($1::int[])', values: [scope.unitIds] as unknown[] });

export class ReviewRepository {
  constructor(private readonly db: Db) {}

  async counts(scope: ReviewScope): Promise<Record<string, number>> {
    const { clause, values } = scopeSql(scope);
    const { rows } = await poolOf(this.db).query<{ status: string; count: string }>(`SELECT n.status, count(*) FROM nominations n WHERE ${clause} GROUP BY n.status`, values);
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  /** A status's queue, oldest first. */
  async queue(scope: ReviewScope, status: string, offset: number, limit: number): Promise<{ items: QueueItem[]; total: number }> {
    const { clause, values } = scopeSql(scope);
    const at = values.length;
    const { rows } = await poolOf(this.db).query<{ id: number; code: string; nominee_name: string; unit_name: string; parent_name: string | null; status: string; submitted_at: Date; supplemented: boolean; possible: string | null; total: string }>(
      `SELECT n.id, n.code, n.nominee_name, u.name AS unit_name, p.name AS parent_name, n.status, n.submitted_at,
              (n.status = 'received' AND EXISTS (SELECT 1 FROM supplements s WHERE s.nomination_id = n.id)) AS supplemented,
              d.code AS possible, count(*) OVER () AS total
         FROM nominations n JOIN units u ON u.id = n.unit_id LEFT JOIN units p ON p.id = u.parent_id
         LEFT JOIN nominations d ON d.id = n.possible_duplicate_of_id
        WHERE ${clause} AND n.status = $${at + 1}
        ORDER BY n.submitted_at, n.id OFFSET $${at + 2} LIMIT $${at + 3}`,
      [...values, status, offset, limit],
    );
    return {
      total: rows[0] ? Number(rows[0].total) : await this.countOf(scope, status),
      items: rows.map((row) => ({
        id: row.id,
        code: row.code,
        nomineeName: row.nominee_name,
        unitName: row.parent_name ? `${row.unit_name} – ${row.parent_name}` : row.unit_name,
        status: row.status,
        submittedAt: row.submitted_at,
        supplemented: row.supplemented,
        possibleDuplicateCode: row.possible,
      })),
    };
  }

  private async countOf(scope: ReviewScope, status: string): Promise<number> {
    return (await this.counts(scope))[status] ?? 0;
  }

  async findByCode(code: string): Promise<{ id: number; unitId: number; status: string } | null> {
    return this.db.nomination.findUnique({ where: { code }, select: { id: true, unitId: true, status: true } });
  }

  async stateOf(nominationId: number): Promise<{ unitId: number; status: string; code: string } | null> {
    return this.db.nomination.findUnique({ where: { id: nominationId }, select: { unitId: true, status: true, code: true } });
  }

  async unitOf(nominationId: number): Promise<number | null> {
    return (await this.db.nomination.findUnique({ where: { id: nominationId }, select: { unitId: true } }))?.unitId ?? null;
  }

  /** Everything about one nomination, for a reviewer. */
  async card(nominationId: number): Promise<ReviewCard | null> {
    const row = await this.db.nomination.findUnique({
      where: { id: nominationId },
      include: {
        unit: { select: { name: true, parent: { select: { name: true } } } },
        evidence: { orderBy: { position: 'asc' } },
        supplements: { orderBy: { createdAt: 'asc' }, include: { _count: { select: { evidence: true } } } },
        statusChanges: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
        duplicateOf: { select: { code: true } },
        _count: { select: { duplicates: true } },
      },
    });
    if (!row) return null;
    const possible = row.possibleDuplicateOfId ? await this.db.nomination.findUnique({ where: { id: row.possibleDuplicateOfId }, select: { code: true } }) : null;
    const files: CardFile[] = row.evidence.map((file) => ({
      id: file.id,
      kind: file.kind === 'document' ? 'document' : 'photo',
      channel: file.channel,
      fileId: file.fileId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      storageKey: file.storageKey,
      fromSupplement: file.supplementId !== null,
    }));
    return {
      id: row.id,
      code: row.code,
      status: row.status,
      unitId: row.unitId,
      unitName: row.unit.parent ? `${row.unit.name} – ${row.unit.parent.name}` : row.unit.name,
      nomineeKind: row.nomineeKind,
      nomineeName: row.nomineeName,
      nomineeBirthYear: row.nomineeBirthYear,
      nomineeRole: row.nomineeRole,
      deedCategory: row.deedCategory,
      deedDate: row.deedDate.toISOString().slice(0, 10),
      deedPlace: row.deedPlace,
      description: row.description,
      nominatorName: row.nominatorName,
      nominatorPhone: row.nominatorPhone,
      nominatorRelation: row.nominatorRelation,
      submittedAt: row.submittedAt,
      awardForm: row.awardForm,
      decisionNumber: row.decisionNumber,
      decisionDate: row.decisionDate ? row.decisionDate.toISOString().slice(0, 10) : null,
      lastReason: row.lastReason,
      duplicateOfCode: row.duplicateOf?.code ?? null,
      possibleDuplicateCode: possible?.code ?? null,
      endorsements: row._count.duplicates,
      files,
      supplements: row.supplements.map((supplement) => ({ text: supplement.text, createdAt: supplement.createdAt, files: supplement._count.evidence })),
      history: row.statusChanges.map((change) => ({ from: change.fromStatus, to: change.toStatus, at: change.at, actorRole: change.actorRole, reason: change.reason })),
    };
  }

  /**
   * Moves a nomination: locks the row, lets `plan` decide with the core (role, scope, allowed
   * transition, details), then updates it, writes the audit row and enqueues the messages.
   */
  async transition(
    nominationId: number,
    actor: { userId: number | null; role: ActorRole },
    details: ActionDetails,
    now: Date,
    plan: (locked: LockedNomination) => TransitionPlan | Promise<TransitionPlan>,
  ): Promise<TransitionResult> {
    return this.db.$transaction(async (tx) => {
      const locked = await lockNomination(tx, nominationId);
      if (!locked) return { ok: false, reason: 'not-found' };
      const decision = await plan(locked);
      if (!decision.check.ok) return { ok: false, reason: decision.check.reason, nomination: locked };
      const to = decision.check.transition.to;
      await tx.nomination.update({
        where: { id: nominationId },
        data: {
          status: to,
          lastReason: details.reason ?? null,
          ...(details.awardForm ? { awardForm: details.awardForm } : {}),
          ...(details.decision ? { decisionNumber: details.decision.number, decisionDate: new Date(`${details.decision.date}T00:00:00Z`) } : {}),
          ...(details.duplicateOfId ? { duplicateOfId: details.duplicateOfId } : {}),
        },
      });
      await tx.statusChange.create({
        data: { nominationId, fromStatus: locked.status, toStatus: to, actorUserId: actor.userId, actorRole: actor.role, reason: details.reason ?? null, at: now },
      });
      const messages = decision.messages ? await decision.messages(locked) : [];
      await enqueue(tx, messages, now);
      return { ok: true, nomination: locked, to };
    });
  }

  /** The resident's answer to "Cần bổ sung": a supplement with its files, and the nomination back in the queue. */
  async addSupplement(
    nominationId: number,
    userId: number,
    supplement: { text: string | null; files: StoredFileInput[] },
    now: Date,
    plan: (locked: LockedNomination) => TransitionPlan | Promise<TransitionPlan>,
  ): Promise<TransitionResult> {
    return this.db.$transaction(async (tx) => {
      const locked = await lockNomination(tx, nominationId);
      if (!locked || locked.userId !== userId) return { ok: false, reason: 'not-found' };
      const decision = await plan(locked);
      if (!decision.check.ok) return { ok: false, reason: decision.check.reason, nomination: locked };
      const to = decision.check.transition.to;
      const created = await tx.supplement.create({ data: { nominationId, text: supplement.text, createdAt: now }, select: { id: true } });
      const last = await tx.evidence.aggregate({ where: { nominationId }, _max: { position: true } });
      let position = last._max.position ?? 0;
      for (const file of supplement.files) {
        position += 1;
        await tx.evidence.create({
          data: {
            nominationId,
            supplementId: created.id,
            position,
            ...storedFileColumns(file),
          },
        });
      }
      await tx.nomination.update({ where: { id: nominationId }, data: { status: to } });
      await tx.statusChange.create({ data: { nominationId, fromStatus: locked.status, toStatus: to, actorUserId: userId, actorRole: 'resident', reason: null, at: now } });
      await enqueue(tx, decision.messages ? await decision.messages(locked) : [], now);
      return { ok: true, nomination: locked, to };
    });
  }
}

async function lockNomination(tx: Prisma.TransactionClient, nominationId: number): Promise<LockedNomination | null> {
  const [row] = await tx.$queryRaw<{ id: number; code: string; status: string; unit_id: number; user_id: number | null; channel: string | null; chat_id: string | null; locale: string | null }[]>`
    SELECT n.id, n.code, n.status, n.unit_id, n.user_id, u.channel, u.chat_id, COALESCE(u.locale, n.locale) AS locale
      FROM nominations n LEFT JOIN users u ON u.id = n.user_id
     WHERE n.id = ${nominationId} FOR UPDATE OF n`;
  if (!row) return null;
  return { id: row.id, code: row.code, status: row.status, unitId: row.unit_id, userId: row.user_id, residentChannel: row.channel, residentChatId: row.chat_id, residentLocale: row.locale };
}

/** Writes messages to the outbox in the caller's transaction; a repeated dedupe key is ignored. */
export async function enqueue(tx: Prisma.TransactionClient, messages: OutgoingMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  await tx.notification.createMany({
    data: messages.map((message) => ({
      dedupeKey: message.dedupeKey,
      userId: message.userId,
      channel: message.channel,
      chatId: message.chatId,
      locale: message.locale,
      payload: message.message as unknown as Prisma.InputJsonValue,
      createdAt: now,
      notBefore: now,
    })),
    skipDuplicates: true,
  });
}
