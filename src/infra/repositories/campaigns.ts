/**
 * Campaigns, the units they cover, extensions and reports, and the reminder series in the outbox.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import { poolOf, utc, type Db } from '../db/client.js';
import type { OutgoingMessage } from './review.js';

export interface CampaignRecord {
  id: number;
  code: string;
  name: string;
  kind: string;
  opensOn: string;
  closesOn: string;
  deadline: string;
  reminderDays: number[];
  reminderTime: string;
  workingDaysOnly: boolean;
  status: string;
  /** Titles units may propose; empty = the default list of the campaign's kind. */
  titles: string[];
}

export interface CampaignUnitState {
  unitId: number;
  deadlineOverride: string | null;
  reportedAt: Date | null;
  reportKind: string | null;
}

/** A campaign to create: its record without id and status, and the units it covers. */
export type NewCampaign = Omit<CampaignRecord, 'id' | 'status' | 'titles'> & { unitIds: number[]; titles?: string[] };

const day = (date: Date) => date.toISOString().slice(0, 10);
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

type CampaignRow = Prisma.CampaignGetPayload<object>;
const toRecord = (row: CampaignRow): CampaignRecord => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  opensOn: day(row.opensOn),
  closesOn: day(row.closesOn),
  deadline: day(row.deadline),
  reminderDays: row.reminderDays,
  reminderTime: row.reminderTime,
  workingDaysOnly: row.workingDaysOnly,
  status: row.status,
  titles: row.titles,
});

export class CampaignRepository {
  constructor(private readonly db: Db) {}

  async create(input: NewCampaign): Promise<CampaignRecord> {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.reminderTime)) throw new Error(`reminder time must be HH:MM, not "${input.reminderTime}"`);
    const row = await this.db.campaign.create({
      data: {
        code: input.code,
        name: input.name,
        kind: input.kind,
        opensOn: asDate(input.opensOn),
        closesOn: asDate(input.closesOn),
        deadline: asDate(input.deadline),
        reminderDays: input.reminderDays,
        reminderTime: input.reminderTime,
        workingDaysOnly: input.workingDaysOnly,
        titles: input.titles ?? [],
        units: { create: input.unitIds.map((unitId) => ({ unitId })) },
      },
    });
    return toRecord(row);
  }

  async byCode(code: string): Promise<CampaignRecord | null> {
    const row = await this.db.campaign.findUnique({ where: { code } });
    return row ? toRecord(row) : null;
  }

  async byId(id: number): Promise<CampaignRecord | null> {
    const row = await this.db.campaign.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  /** Campaigns with how many of their units reported. */
  async list(filter: { status?: string } = {}): Promise<(CampaignRecord & { units: number; reported: number })[]> {
    const rows = await this.db.campaign.findMany({ where: filter.status ? { status: filter.status } : {}, orderBy: [{ status: 'desc' }, { deadline: 'asc' }], include: { units: { select: { reportedAt: true } } } });
    return rows.map((row) => ({ ...toRecord(row), units: row.units.length, reported: row.units.filter((unit) => unit.reportedAt).length }));
  }

  async units(campaignId: number): Promise<CampaignUnitState[]> {
    const rows = await this.db.campaignUnit.findMany({ where: { campaignId }, orderBy: { unitId: 'asc' } });
    return rows.map((row) => ({ unitId: row.unitId, deadlineOverride: row.deadlineOverride ? day(row.deadlineOverride) : null, reportedAt: row.reportedAt, reportKind: row.reportKind }));
  }

  /** Open campaigns whose window includes `today` or whose deadline has not long passed. */
  async open(): Promise<CampaignRecord[]> {
    return (await this.db.campaign.findMany({ where: { status: 'open' }, orderBy: { id: 'asc' } })).map(toRecord);
  }

  /** Gives one unit a later (or earlier) deadline; its reminders are re-planned from the new date. */
  async extend(campaignId: number, unitId: number, deadline: string): Promise<boolean> {
    const { count } = await this.db.campaignUnit.updateMany({ where: { campaignId, unitId }, data: { deadlineOverride: asDate(deadline) } });
    // Reminders queued for the old deadline must not go out; the next tick plans the new ones.
    if (count === 1) await this.dropUnsent(`reminder:${campaignId}:${unitId}:%`, new Date(), 'deadline changed');
    return count === 1;
  }

  /** Sets the titles units may propose in this campaign (empty: the default list of its kind). */
  async setTitles(campaignId: number, titles: string[]): Promise<void> {
    await this.db.campaign.update({ where: { id: campaignId }, data: { titles } });
  }

  async setDeadline(campaignId: number, deadline: string): Promise<void> {
    await this.db.campaign.update({ where: { id: campaignId }, data: { deadline: asDate(deadline) } });
    await this.dropUnsent(`reminder:${campaignId}:%`, new Date(), 'deadline changed');
  }

  async close(campaignId: number, at: Date): Promise<void> {
    await this.db.campaign.update({ where: { id: campaignId }, data: { status: 'closed', closedAt: at } });
    await this.dropUnsent(`reminder:${campaignId}:%`, at, 'campaign closed');
  }

  /** A head reports for the unit; reminders still waiting for that unit are withdrawn. */
  async report(campaignId: number, unitId: number, kind: 'submitted' | 'none', userId: number, at: Date): Promise<'reported' | 'already' | 'not-covered'> {
    const row = await this.db.campaignUnit.findUnique({ where: { campaignId_unitId: { campaignId, unitId } } });
    if (!row) return 'not-covered';
    if (row.reportedAt) return 'already';
    await this.db.campaignUnit.update({ where: { campaignId_unitId: { campaignId, unitId } }, data: { reportedAt: at, reportKind: kind, reportedBy: userId } });
    await this.dropUnsent(`reminder:${campaignId}:${unitId}:%`, at, 'unit reported');
    return 'reported';
  }

  /** The open campaign a new nomination of this unit belongs to (thematic before the standing one). */
  async campaignFor(unitIds: number[], today: string): Promise<number | null> {
    const { rows } = await poolOf(this.db).query<{ id: number }>(
      `SELECT c.id FROM campaigns c JOIN campaign_units cu ON cu.campaign_id = c.id
        WHERE cu.unit_id = ANY($1::int[]) AND c.status = 'open' AND c.opens_on <= $2::date AND c.closes_on >= $2::date
        ORDER BY (c.kind = 'regular'), c.deadline LIMIT 1`,
      [unitIds, today],
    );
    return rows[0]?.id ?? null;
  }

  /** Nominations per status of these units (a reminder shows the unit's progress). */
  async progress(unitIds: number[]): Promise<Record<string, number>> {
    const { rows } = await poolOf(this.db).query<{ status: string; count: string }>('SELECT status, count(*) FROM nominations WHERE unit_id = ANY($1::int[]) GROUP BY status', [unitIds]);
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  /** Which of these outbox keys exist already. */
  async existingKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { rows } = await poolOf(this.db).query<{ dedupe_key: string }>('SELECT dedupe_key FROM notifications WHERE dedupe_key = ANY($1::text[])', [keys]);
    return new Set(rows.map((row) => row.dedupe_key));
  }

  /**
   * Enqueues reminders; a key already in the outbox is skipped (exactly once, whatever the number of
   * ticks or instances), and a new step withdraws the older unsent steps of its series.
   */
  async enqueueSeries(messages: (OutgoingMessage & { groupKey: string })[], now: Date): Promise<number> {
    let inserted = 0;
    for (const message of messages) {
      const { rows } = await poolOf(this.db).query<{ id: number }>(
        `INSERT INTO notifications (dedupe_key, user_id, channel, chat_id, locale, payload, created_at, not_before, group_key)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [message.dedupeKey, message.userId, message.channel, message.chatId, message.locale, JSON.stringify(message.message), utc(now), message.groupKey],
      );
      if (!rows[0]) continue;
      inserted += 1;
      await poolOf(this.db).query(
        `UPDATE notifications SET failed_at = $3, last_error = 'superseded'
          WHERE group_key = $1 AND id <> $2 AND sent_at IS NULL AND failed_at IS NULL`,
        [message.groupKey, rows[0].id, utc(now)],
      );
    }
    return inserted;
  }

  private async dropUnsent(groupPattern: string, at: Date, why: string): Promise<void> {
    await poolOf(this.db).query(`UPDATE notifications SET failed_at = $2, last_error = $3 WHERE group_key LIKE $1 AND sent_at IS NULL AND failed_at IS NULL`, [groupPattern, utc(at), why]);
  }
}
