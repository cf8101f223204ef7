/**
 * Reminders before each campaign deadline, computed from the database at every tick and written to
 * the outbox under a unique key (campaign, unit, recipient, step): any number of ticks, restarts or
 * instances enqueue each reminder once. Also the council's digest of late units, and the heads'
 * one-tap reports ("Đã nộp hồ sơ" / "Không có đề xuất trong đợt này").
 */
import { errorFields } from './logger.js';
import { localParts, type QuietHours, type WorkCalendar } from '../core/campaigns/calendar.js';
import { CAMPAIGN_STEP, overdueDigestMessage, reminderMessage } from '../core/campaigns/messages.js';
import { dueDigest, dueReminder, effectiveDeadline } from '../core/campaigns/planner.js';
import { raw, say, t, type OutMessage } from '../core/messages.js';
import type { NominationEnv } from '../core/nomination/form.js';
import type { Person, RoleRepository } from '../core/ports.js';
import { actingRole, UNIT_ROLES } from '../core/roles.js';
import type { CampaignRecord, CampaignRepository } from '../infra/repositories/campaigns.js';
import type { Logger } from './logger.js';

export interface RemindersDeps {
  campaigns: CampaignRepository;
  roles: Pick<RoleRepository, 'recipients'>;
  env: () => Promise<NominationEnv>;
  calendar: WorkCalendar;
  quiet?: QuietHours;
  kickOutbox: () => void;
  log: Logger;
}

/** One message the planner says is owed now, and why. */
export interface PlannedMessage {
  kind: 'reminder' | 'digest';
  key: string;
  groupKey: string;
  campaign: string;
  unit: string | null;
  recipient: { userId: number; channel: string; chatId: string; locale: string };
  reason: string;
  queued: boolean;
  message: OutMessage;
}

export class Reminders {
  constructor(private readonly deps: RemindersDeps) {}

  /** Everything owed at `now` (already queued or not): what `npm run reminders -- --dry-run` prints. */
  async planned(now: Date): Promise<PlannedMessage[]> {
    const env = await this.deps.env();
    const planned: PlannedMessage[] = [];
    const today = localParts(now).date;
    for (const campaign of await this.deps.campaigns.open()) {
      try {
        planned.push(...(await this.plannedFor(campaign, env, today, now)));
      } catch (error) {
        // One broken campaign must not stop the reminders of the others.
        this.deps.log.error({ event: 'reminders.campaign_failed', campaignId: campaign.id, ...errorFields(error) });
      }
    }
    const existing = await this.deps.campaigns.existingKeys(planned.map((item) => item.key));
    return planned.map((item) => ({ ...item, queued: existing.has(item.key) }));
  }

  private async plannedFor(campaign: CampaignRecord, env: NominationEnv, today: string, now: Date): Promise<PlannedMessage[]> {
    const planned: PlannedMessage[] = [];
    {
      const units = await this.deps.campaigns.units(campaign.id);
      const late: { name: string; deadline: string; progress: Record<string, number> }[] = [];
      for (const unit of units) {
        const deadline = effectiveDeadline(campaign.deadline, unit.deadlineOverride);
        const name = env.units.fullName(unit.unitId) ?? String(unit.unitId);
        if (!unit.reportedAt && deadline < today) late.push({ name, deadline, progress: await this.deps.campaigns.progress([unit.unitId]) });
        const due = dueReminder(campaign, { deadline, reported: unit.reportedAt !== null }, now, this.deps.calendar, this.deps.quiet);
        if (!due) continue;
        const heads = await this.deps.roles.recipients(UNIT_ROLES, [unit.unitId]);
        if (heads.length === 0) continue;
        const progress = await this.deps.campaigns.progress([unit.unitId]);
        for (const head of heads) {
          planned.push({
            kind: 'reminder',
            key: `reminder:${campaign.id}:${unit.unitId}:${head.userId}:${due.key}`,
            groupKey: `reminder:${campaign.id}:${unit.unitId}:${head.userId}`,
            campaign: campaign.code,
            unit: name,
            recipient: { ...head, locale: head.locale ?? 'vi' },
            reason: due.late ? `deadline ${deadline} passed ${-due.daysLeft} day(s) ago; step ${due.step} planned ${due.plannedAt.toISOString()}` : `${due.daysLeft} day(s) before ${deadline}; step ${due.step} planned ${due.plannedAt.toISOString()}`,
            queued: false,
            message: reminderMessage(campaign, { id: unit.unitId, name }, due, deadline, progress),
          });
        }
      }
      const digest = late.length ? dueDigest(campaign.deadline, campaign.reminderTime, now, this.deps.quiet) : null;
      if (digest) {
        for (const member of await this.deps.roles.recipients('council')) {
          planned.push({
            kind: 'digest',
            key: `digest:${campaign.id}:${member.userId}:${digest.key}`,
            groupKey: `digest:${campaign.id}:${member.userId}`,
            campaign: campaign.code,
            unit: null,
            recipient: { ...member, locale: member.locale ?? 'vi' },
            reason: `${late.length} unit(s) have not reported; digest of ${digest.date}`,
            queued: false,
            message: overdueDigestMessage(campaign, late),
          });
        }
      }
    }
    return planned;
  }

  /** One tick: enqueue what is owed and not yet queued; returns how many were enqueued. */
  async tick(now: Date): Promise<number> {
    const owed = (await this.planned(now)).filter((item) => !item.queued);
    const inserted = await this.deps.campaigns.enqueueSeries(
      owed.map((item) => ({ dedupeKey: item.key, groupKey: item.groupKey, userId: item.recipient.userId, channel: item.recipient.channel, chatId: item.recipient.chatId, locale: item.recipient.locale, message: item.message })),
      now,
    );
    if (inserted > 0) {
      this.deps.log.info({ event: 'reminders.enqueued', count: inserted });
      this.deps.kickOutbox();
    }
    return inserted;
  }

  /** "cp|s:<campaign>:<unit>" or "cp|n:…": a head reports for the unit in one tap. */
  async press(person: Person, value: string, now: Date): Promise<OutMessage[]> {
    const match = /^([sn]):(\d{1,9}):(\d{1,9})$/.exec(value);
    if (!match) return [say(t('rv-stale'))];
    const [campaignId, unitId] = [Number(match[2]), Number(match[3])];
    const env = await this.deps.env();
    const role = actingRole(person.roles, unitId, env.units);
    if (!role) {
      this.deps.log.warn({ event: 'campaign.report_forbidden', userId: person.id, campaignId, unitId });
      return [say(t('rv-not-allowed'))];
    }
    const campaign = await this.deps.campaigns.byId(campaignId);
    if (!campaign || campaign.status !== 'open') return [say(t('campaign-closed'))];
    const kind = match[1] === 's' ? 'submitted' : 'none';
    const outcome = await this.deps.campaigns.report(campaignId, unitId, kind, person.id, now);
    this.deps.log.info({ event: 'campaign.report', userId: person.id, campaignId, unitId, outcome });
    const unit = raw(env.units.fullName(unitId) ?? '');
    if (outcome === 'not-covered') return [say(t('campaign-not-covered', { unit }))];
    if (outcome === 'already') return [say(t('campaign-already-reported', { unit, campaign: raw(campaign.name) }))];
    return [say(t(`campaign-reported-${kind}`, { unit, campaign: raw(campaign.name) }))];
  }
}

export { CAMPAIGN_STEP };
