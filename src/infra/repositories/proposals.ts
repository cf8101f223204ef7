/**
 * Units' proposal lists. Every change locks the list's row, lets the core decide on what it
 * reads under the lock, and writes the change, its audit row and its messages in one transaction.
 */
import type { EntryInput } from '../../core/proposals/entry-form.js';
import type { ElsewhereEntry, EntryStatus, EntryView, Gender, ListStatus, ProposalView } from '../../core/proposals/rules.js';
import type { EntryKind } from '../../core/proposals/titles.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { poolOf, type Db } from '../db/client.js';
import { enqueue, type OutgoingMessage } from './review.js';
import { storedFileColumns, type StoredFileInput } from './stored-file.js';

/** Who acts on a list, for the audit log. */
export interface ProposalActor {
  userId: number | null;
  role: string;
}

/** A file kept with a list (minutes) or an entry (achievement report): Zalo and Telegram both give a unique id. */
export type ProposalFileInput = StoredFileInput & { fileUniqueId: string };

/** An entry to store: the form's answers, the resident's nomination it came from, its files. */
export interface NewEntry extends Omit<EntryInput, 'title' | 'gender'> {
  title: string | null;
  gender: Gender | null;
  nominationId?: number | null;
}

/**
 * What the caller decides once the list is locked: `ok: false` with a reason leaves it untouched;
 * otherwise the change is applied with the messages to send.
 */
export type Decision<T = object> = ({ ok: true; messages?: OutgoingMessage[] } & T) | { ok: false; reason: string };

/** The caller's decision on the list as read under its lock. */
export type Decider<T = object> = (view: ProposalView) => Decision<T> | Promise<Decision<T>>;

/** An entry change applies only to an entry of this list (never one of another list, by id). */
function inList<T extends object>(entryId: number, decide: Decider<T>): Decider<T> {
  return (view) => (view.entries.some((entry) => entry.id === entryId) ? decide(view) : { ok: false, reason: 'not-found' });
}

export type ChangeResult = { ok: true; view: ProposalView } | { ok: false; reason: string };

type Tx = Prisma.TransactionClient;

const include = { entries: { orderBy: { position: 'asc' }, include: { nomination: { select: { code: true } }, _count: { select: { files: true } } } }, files: { where: { purpose: 'minutes' }, select: { id: true } } } as const;
type Loaded = Prisma.ProposalGetPayload<{ include: typeof include }>;

function toView(row: Loaded): ProposalView {
  return {
    id: row.id,
    campaignId: row.campaignId,
    unitId: row.unitId,
    status: row.status as ListStatus,
    late: row.late,
    submittedAt: row.submittedAt,
    submissions: row.submissions,
    returnReason: row.returnReason,
    minutes: row.files.length,
    entries: row.entries.map(
      (entry): EntryView => ({
        id: entry.id,
        position: entry.position,
        kind: entry.kind as EntryKind,
        name: entry.name,
        gender: entry.gender as Gender | null,
        birthYear: entry.birthYear,
        role: entry.role,
        workplace: entry.workplace,
        title: entry.title,
        summary: entry.summary,
        nominationId: entry.nominationId,
        nominationCode: entry.nomination?.code ?? null,
        status: entry.status as EntryStatus,
        returnReason: entry.returnReason,
        files: entry._count.files,
      }),
    ),
  };
}

const fileData = (proposalId: number, entryId: number | null, purpose: 'minutes' | 'report', file: ProposalFileInput) => ({
  proposalId,
  entryId,
  purpose,
  ...storedFileColumns(file),
  fileUniqueId: file.fileUniqueId,
});

const entryData = (entry: NewEntry) => ({
  kind: entry.kind,
  name: entry.name,
  gender: entry.gender,
  birthYear: entry.birthYear,
  role: entry.role,
  workplace: entry.workplace,
  title: entry.title,
  summary: entry.summary,
});

export class ProposalRepository {
  constructor(private readonly db: Db) {}

  /** The list of a unit for a campaign, created empty on first use. */
  async ensure(campaignId: number, unitId: number): Promise<ProposalView> {
    await poolOf(this.db).query('INSERT INTO proposals (campaign_id, unit_id, updated_at) VALUES ($1, $2, now()) ON CONFLICT (campaign_id, unit_id) DO NOTHING', [campaignId, unitId]);
    const row = await this.db.proposal.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId, unitId } }, include });
    return toView(row);
  }

  async view(proposalId: number): Promise<ProposalView | null> {
    const row = await this.db.proposal.findUnique({ where: { id: proposalId }, include });
    return row ? toView(row) : null;
  }

  /**
   * Runs `decide` on the list as it is under a row lock, then `apply` in the same transaction,
   * writes the audit row and enqueues the decision's messages.
   */
  private async change<T extends object>(
    proposalId: number,
    actor: ProposalActor,
    action: string,
    now: Date,
    decide: Decider<T>,
    apply: (tx: Tx, view: ProposalView, decision: T) => Promise<{ entryId?: number | null; reason?: string | null } | void>,
  ): Promise<ChangeResult> {
    return this.db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM proposals WHERE id = ${proposalId} FOR UPDATE`;
      if (locked.length === 0) return { ok: false, reason: 'not-found' };
      const before = toView(await tx.proposal.findUniqueOrThrow({ where: { id: proposalId }, include }));
      const decision = await decide(before);
      if (!decision.ok) return { ok: false, reason: decision.reason };
      const audit = (await apply(tx, before, decision)) ?? {};
      await tx.proposalEvent.create({ data: { proposalId, entryId: audit.entryId ?? null, action, actorUserId: actor.userId, actorRole: actor.role, reason: audit.reason ?? null, at: now } });
      await tx.proposal.update({ where: { id: proposalId }, data: { updatedAt: now } });
      await enqueue(tx, decision.messages ?? [], now);
      return { ok: true, view: toView(await tx.proposal.findUniqueOrThrow({ where: { id: proposalId }, include })) };
    });
  }

  /**
   * Adds an entry at the end of the list. A resident's nomination is held by one entry of a list at
   * most: a second one (two officials tapping at once) is refused as 'already-listed'.
   */
  async addEntry(proposalId: number, entry: NewEntry, files: ProposalFileInput[], actor: ProposalActor, now: Date, decide: Decider): Promise<ChangeResult> {
    const once: Decider = (view) =>
      entry.nominationId && view.entries.some((existing) => existing.nominationId === entry.nominationId) ? { ok: false, reason: 'already-listed' } : decide(view);
    return this.change(proposalId, actor, 'entry-added', now, once, async (tx, view) => {
      const position = view.entries.reduce((max, item) => Math.max(max, item.position), 0) + 1;
      const created = await tx.proposalEntry.create({ data: { proposalId, position, ...entryData(entry), nominationId: entry.nominationId ?? null }, select: { id: true } });
      if (files.length) await tx.proposalFile.createMany({ data: files.map((file) => fileData(proposalId, created.id, 'report', file)) });
      return { entryId: created.id };
    });
  }

  /** Replaces an entry's answers and adds files to it. */
  async updateEntry(proposalId: number, entryId: number, entry: NewEntry, files: ProposalFileInput[], actor: ProposalActor, now: Date, decide: Decider): Promise<ChangeResult> {
    return this.change(proposalId, actor, 'entry-changed', now, inList(entryId, decide), async (tx) => {
      await tx.proposalEntry.update({ where: { id: entryId }, data: entryData(entry) });
      if (files.length) await tx.proposalFile.createMany({ data: files.map((file) => fileData(proposalId, entryId, 'report', file)) });
      return { entryId };
    });
  }

  /** Removes an entry; the ones after it move up, so positions stay 1…n. */
  async removeEntry(proposalId: number, entryId: number, actor: ProposalActor, now: Date, decide: Decider): Promise<ChangeResult> {
    return this.change(proposalId, actor, 'entry-removed', now, inList(entryId, decide), async (tx, view) => {
      const removed = view.entries.find((entry) => entry.id === entryId)!;
      await tx.proposalEntry.delete({ where: { id: entryId } });
      await tx.proposalEntry.updateMany({ where: { proposalId, position: { gt: removed.position } }, data: { position: { decrement: 1 } } });
      return { entryId };
    });
  }

  /** Adds a page or file of the meeting minutes (a file sent twice is kept once). */
  async addMinutes(proposalId: number, file: ProposalFileInput, actor: ProposalActor, now: Date, decide: Decider): Promise<ChangeResult> {
    return this.change(proposalId, actor, 'minutes-added', now, decide, async (tx) => {
      const existing = await tx.proposalFile.findFirst({ where: { proposalId, purpose: 'minutes', fileUniqueId: file.fileUniqueId }, select: { id: true } });
      if (!existing) await tx.proposalFile.create({ data: fileData(proposalId, null, 'minutes', file) });
    });
  }

  /**
   * Submits the list: frozen, the unit counted as reported for the campaign (its reminders
   * withdrawn), returned entries back to "proposed".
   */
  async submit(proposalId: number, actor: ProposalActor, now: Date, decide: Decider<{ late: boolean }>): Promise<ChangeResult> {
    return this.change(proposalId, actor, 'submitted', now, decide, async (tx, view, decision) => {
      await tx.proposal.update({ where: { id: proposalId }, data: { status: 'submitted', late: decision.late, submissions: { increment: 1 }, submittedAt: now, submittedBy: actor.userId, returnReason: null } });
      await tx.proposalEntry.updateMany({ where: { proposalId, status: 'returned' }, data: { status: 'proposed', returnReason: null } });
      // A unit that had reported "no nominations" and then files a list has submitted after all.
      await tx.campaignUnit.updateMany({
        where: { campaignId: view.campaignId, unitId: view.unitId, OR: [{ reportedAt: null }, { reportKind: { not: 'submitted' } }] },
        data: { reportedAt: now, reportKind: 'submitted', reportedBy: actor.userId },
      });
      await tx.$executeRaw`UPDATE notifications SET failed_at = ${now}, last_error = 'unit reported'
                             WHERE group_key LIKE ${`reminder:${view.campaignId}:${view.unitId}:%`} AND sent_at IS NULL AND failed_at IS NULL`;
      return { reason: decision.late ? 'late' : null };
    });
  }

  /** The council returns the whole list, or one entry, with a reason; the list opens for the unit again. */
  async giveBack(proposalId: number, entryId: number | null, reason: string, actor: ProposalActor, now: Date, decide: Decider): Promise<ChangeResult> {
    return this.change(proposalId, actor, entryId === null ? 'returned' : 'entry-returned', now, entryId === null ? decide : inList(entryId, decide), async (tx) => {
      if (entryId === null) await tx.proposal.update({ where: { id: proposalId }, data: { status: 'returned', returnReason: reason } });
      else {
        await tx.proposalEntry.update({ where: { id: entryId }, data: { status: 'returned', returnReason: reason } });
        await tx.proposal.update({ where: { id: proposalId }, data: { status: 'returned' } });
      }
      return { entryId, reason };
    });
  }

  /** The council accepts the whole list, or one entry (the last one accepts the list). */
  async accept(proposalId: number, entryId: number | null, actor: ProposalActor, now: Date, decide: Decider<{ status: ListStatus }>): Promise<ChangeResult> {
    return this.change(proposalId, actor, entryId === null ? 'accepted' : 'entry-accepted', now, entryId === null ? decide : inList(entryId, decide), async (tx, _view, decision) => {
      await tx.proposalEntry.updateMany({ where: { proposalId, status: 'proposed', ...(entryId === null ? {} : { id: entryId }) }, data: { status: 'accepted' } });
      await tx.proposal.update({ where: { id: proposalId }, data: { status: decision.status } });
      return { entryId };
    });
  }

  /** Each covered unit of a campaign with its list's state (null when the unit has not started one). */
  async campaignLists(campaignId: number): Promise<{ unitId: number; deadlineOverride: string | null; proposalId: number | null; status: string | null; late: boolean; entries: number }[]> {
    const { rows } = await poolOf(this.db).query<{ unit_id: number; deadline_override: string | null; id: number | null; status: string | null; late: boolean | null; entries: string }>(
      `SELECT cu.unit_id, to_char(cu.deadline_override, 'YYYY-MM-DD') AS deadline_override, p.id, p.status, p.late,
              (SELECT count(*) FROM proposal_entries e WHERE e.proposal_id = p.id) AS entries
         FROM campaign_units cu LEFT JOIN proposals p ON p.campaign_id = cu.campaign_id AND p.unit_id = cu.unit_id
        WHERE cu.campaign_id = $1 ORDER BY cu.unit_id`,
      [campaignId],
    );
    return rows.map((row) => ({ unitId: row.unit_id, deadlineOverride: row.deadline_override, proposalId: row.id, status: row.status, late: row.late ?? false, entries: Number(row.entries) }));
  }

  /** Entries of the other units' lists of the campaign that have been submitted (the same person proposed twice). */
  async elsewhere(campaignId: number, proposalId: number): Promise<(Omit<ElsewhereEntry, 'unit'> & { unitId: number })[]> {
    const { rows } = await poolOf(this.db).query<{ kind: EntryKind; name: string; birth_year: number | null; unit_id: number }>(
      `SELECT e.kind, e.name, e.birth_year, p.unit_id FROM proposal_entries e JOIN proposals p ON p.id = e.proposal_id
        WHERE p.campaign_id = $1 AND p.id <> $2 AND p.status <> 'draft'`,
      [campaignId, proposalId],
    );
    return rows.map((row) => ({ kind: row.kind, name: row.name, birthYear: row.birth_year, unitId: row.unit_id }));
  }

  /** Residents' nominations of these units that a head proposed for a commendation and no list of the campaign holds yet. */
  async proposedNominations(unitIds: number[], campaignId: number): Promise<{ id: number; code: string; name: string; kind: EntryKind; birthYear: number | null; role: string | null; description: string; awardForm: string | null; unitId: number }[]> {
    const { rows } = await poolOf(this.db).query<{ id: number; code: string; nominee_name: string; nominee_kind: EntryKind; nominee_birth_year: number | null; nominee_role: string | null; description: string; award_form: string | null; unit_id: number }>(
      `SELECT n.id, n.code, n.nominee_name, n.nominee_kind, n.nominee_birth_year, n.nominee_role, n.description, n.award_form, n.unit_id
         FROM nominations n
        WHERE n.unit_id = ANY($1::int[]) AND n.status = 'proposed'
          AND NOT EXISTS (SELECT 1 FROM proposal_entries e JOIN proposals p ON p.id = e.proposal_id WHERE e.nomination_id = n.id AND p.campaign_id = $2)
        ORDER BY n.submitted_at LIMIT 30`,
      [unitIds, campaignId],
    );
    return rows.map((row) => ({ id: row.id, code: row.code, name: row.nominee_name, kind: row.nominee_kind, birthYear: row.nominee_birth_year, role: row.nominee_role, description: row.description, awardForm: row.award_form, unitId: row.unit_id }));
  }

  /** The residents behind the entries that came from their nominations (told when the list is submitted). */
  async residentsOf(proposalId: number): Promise<{ entryId: number; code: string; userId: number; channel: string; chatId: string; locale: string }[]> {
    const { rows } = await poolOf(this.db).query<{ entry_id: number; code: string; user_id: number; channel: string; chat_id: string; locale: string }>(
      `SELECT e.id AS entry_id, n.code, u.id AS user_id, u.channel, u.chat_id, COALESCE(u.locale, n.locale) AS locale
         FROM proposal_entries e JOIN nominations n ON n.id = e.nomination_id JOIN users u ON u.id = n.user_id
        WHERE e.proposal_id = $1 AND u.unreachable_at IS NULL`,
      [proposalId],
    );
    return rows.map((row) => ({ entryId: row.entry_id, code: row.code, userId: row.user_id, channel: row.channel, chatId: row.chat_id, locale: row.locale }));
  }

  /** Submitted lists of a campaign (of these units, or all) and their entries by title, for the statistics. */
  async titleCounts(campaignId: number, unitIds: number[] | null): Promise<{ lists: number; late: number; byTitle: { title: string; count: number }[] }> {
    const pool = poolOf(this.db);
    const scope = unitIds === null ? '' : 'AND p.unit_id = ANY($2::int[])';
    const values = unitIds === null ? [campaignId] : [campaignId, unitIds];
    const lists = await pool.query<{ lists: string; late: string }>(`SELECT count(*) AS lists, count(*) FILTER (WHERE p.late) AS late FROM proposals p WHERE p.campaign_id = $1 AND p.status <> 'draft' ${scope}`, values);
    const titles = await pool.query<{ title: string; count: string }>(
      `SELECT e.title, count(*) FROM proposal_entries e JOIN proposals p ON p.id = e.proposal_id
        WHERE p.campaign_id = $1 AND p.status <> 'draft' AND e.title IS NOT NULL ${scope} GROUP BY e.title ORDER BY count(*) DESC, e.title`,
      values,
    );
    return { lists: Number(lists.rows[0]?.lists ?? 0), late: Number(lists.rows[0]?.late ?? 0), byTitle: titles.rows.map((row) => ({ title: row.title, count: Number(row.count) })) };
  }

  /** The audit log of a list, oldest first. */
  async events(proposalId: number): Promise<{ action: string; entryId: number | null; actorUserId: number | null; actorRole: string; reason: string | null; at: Date }[]> {
    return this.db.proposalEvent.findMany({ where: { proposalId }, orderBy: { id: 'asc' }, select: { action: true, entryId: true, actorUserId: true, actorRole: true, reason: true, at: true } });
  }
}
