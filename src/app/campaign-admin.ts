/**
 * /dotthidua for the council: the open campaigns with each unit's report, extending one unit's
 * deadline, closing a campaign, and creating a new one in three questions.
 */
import { addDays, localParts } from '../core/campaigns/calendar.js';
import { CAMPAIGN_KINDS, DEFAULT_REMINDER_PLAN, effectiveDeadline } from '../core/campaigns/planner.js';
import { CAMPAIGN_STEP } from '../core/campaigns/messages.js';
import { lines, raw, rows, say, t, type Choice, type OutMessage } from '../core/messages.js';
import type { NominationEnv } from '../core/nomination/form.js';
import type { PendingState, Person, UserRepository } from '../core/ports.js';
import { isCouncil } from '../core/roles.js';
import { formatDate, parseTypedDate } from '../core/text/date.js';
import { cleanLine, foldVietnamese } from '../core/text/normalize.js';
import type { CampaignRepository } from '../infra/repositories/campaigns.js';
import type { Logger } from './logger.js';

type CampaignPending = Extract<PendingState, { kind: 'campaign' }>;

/** A deadline typed as dd/mm/yyyy: a real date, today or later. */
function parseFutureDate(text: string, now: Date): string | undefined {
  const parsed = parseTypedDate(text);
  return parsed.ok && parsed.date >= localParts(now).date ? parsed.date : undefined;
}

export class CampaignAdmin {
  constructor(private readonly deps: { campaigns: CampaignRepository; users: Pick<UserRepository, 'setPending'>; env: () => Promise<NominationEnv>; log: Logger }) {}

  async list(person: Person): Promise<OutMessage[]> {
    if (!isCouncil(person.roles)) return [say(t('rv-not-allowed'))];
    const campaigns = await this.deps.campaigns.list({ status: 'open' });
    const buttons: Choice[] = campaigns.map((campaign) => ({ value: `c${campaign.id}`, label: raw(`${campaign.code} · ${campaign.reported}/${campaign.units}`) }));
    return [
      {
        parts: [
          t('campaigns-title', { count: campaigns.length }),
          ...(campaigns.length
            ? [lines(campaigns.map((campaign) => t('campaigns-line', { code: raw(campaign.code), name: raw(campaign.name), kind: t(`campaign-kind-${campaign.kind}`), deadline: formatDate(campaign.deadline), reported: campaign.reported, units: campaign.units })))]
            : []),
        ],
        choices: { step: CAMPAIGN_STEP, rows: [...rows(buttons, 1), [{ value: 'new', label: t('btn-campaign-new') }]] },
      },
    ];
  }

  /** "cp|…" presses that belong to the council's screens; undefined for the heads' report buttons. */
  async press(person: Person, value: string, now: Date): Promise<OutMessage[] | undefined> {
    const isAdminScreen = /^(c\d+|e\d+|u\d+\.\d+|z\d+|Z\d+|new|k:[a-z-]+|list)$/.test(value);
    if (!isAdminScreen) return undefined;
    if (!isCouncil(person.roles)) {
      this.deps.log.warn({ event: 'campaign.forbidden', userId: person.id });
      return [say(t('rv-not-allowed'))];
    }
    if (value === 'list') {
      if (person.pending?.kind === 'campaign') await this.deps.users.setPending(person.id, null);
      return this.list(person);
    }
    if (value === 'new') {
      await this.deps.users.setPending(person.id, { kind: 'campaign', step: 'name' });
      return [{ parts: [t('campaign-ask-name')], choices: { step: CAMPAIGN_STEP, rows: [[{ value: 'list', label: t('btn-cancel') }]] } }];
    }
    const kind = /^k:([a-z-]+)$/.exec(value)?.[1];
    if (kind && person.pending?.kind === 'campaign' && person.pending.step === 'kind' && (CAMPAIGN_KINDS as readonly string[]).includes(kind)) {
      await this.deps.users.setPending(person.id, { ...person.pending, step: 'deadline', campaignKind: kind });
      return [{ parts: [t('campaign-ask-deadline')], choices: { step: CAMPAIGN_STEP, rows: [[{ value: 'list', label: t('btn-cancel') }]] } }];
    }
    const [, letter, first, second] = /^([ceuzZ])(\d+)(?:\.(\d+))?$/.exec(value) ?? [];
    const campaign = first ? await this.deps.campaigns.byId(Number(first)) : null;
    if (!campaign) return [say(t('rv-stale'))];
    if (letter === 'c') return this.show(campaign.id);
    if (letter === 'z') return [{ parts: [t('campaign-close-confirm', { name: raw(campaign.name) })], choices: { step: CAMPAIGN_STEP, rows: [[{ value: `Z${campaign.id}`, label: t('btn-campaign-close') }, { value: `c${campaign.id}`, label: t('btn-cancel') }]] } }];
    if (letter === 'Z') {
      await this.deps.campaigns.close(campaign.id, now);
      this.deps.log.info({ event: 'campaign.closed', userId: person.id, campaignId: campaign.id });
      return [say(t('campaign-closed-done', { name: raw(campaign.name) }))];
    }
    if (letter === 'e') {
      const env = await this.deps.env();
      const units = (await this.deps.campaigns.units(campaign.id)).filter((unit) => !unit.reportedAt);
      // At most 40 at a time (Telegram keyboards are limited); reported units drop out as they report.
      const buttons = units.slice(0, 40).map((unit) => ({ value: `u${campaign.id}.${unit.unitId}`, label: raw(env.units.fullName(unit.unitId) ?? String(unit.unitId)) }));
      return [{ parts: [t('campaign-choose-unit')], choices: { step: CAMPAIGN_STEP, rows: [...rows(buttons, 1), [{ value: `c${campaign.id}`, label: t('btn-cancel') }]] } }];
    }
    if (letter === 'u' && second) {
      await this.deps.users.setPending(person.id, { kind: 'campaign', step: 'extend', campaignId: campaign.id, unitId: Number(second) });
      return [{ parts: [t('campaign-ask-extension')], choices: { step: CAMPAIGN_STEP, rows: [[{ value: 'list', label: t('btn-cancel') }]] } }];
    }
    return [say(t('rv-stale'))];
  }

  /** Typed answers of the wizard and of an extension; null when none is awaited. */
  async text(person: Person, input: string, now: Date): Promise<OutMessage[] | null> {
    const pending = person.pending?.kind === 'campaign' ? (person.pending as CampaignPending) : null;
    if (!pending || !isCouncil(person.roles)) return null;
    const text = cleanLine(input);
    if (pending.step === 'name') {
      if (text.length < 5 || text.length > 150) return [say(t('campaign-name-length'))];
      await this.deps.users.setPending(person.id, { ...pending, step: 'kind', name: text });
      return [{ parts: [t('campaign-ask-kind')], choices: { step: CAMPAIGN_STEP, rows: rows(CAMPAIGN_KINDS.map((kind) => ({ value: `k:${kind}`, label: t(`campaign-kind-${kind}`) })), 1) } }];
    }
    if (pending.step === 'kind') return [say(t('choose-from-buttons'))];
    const date = parseFutureDate(text, now);
    if (!date) return [say(t('campaign-date-format'))];
    if (pending.step === 'extend' && pending.campaignId && pending.unitId) {
      await this.deps.campaigns.extend(pending.campaignId, pending.unitId, date);
      await this.deps.users.setPending(person.id, null);
      const env = await this.deps.env();
      this.deps.log.info({ event: 'campaign.extended', userId: person.id, campaignId: pending.campaignId, unitId: pending.unitId });
      return [say(t('campaign-extended', { unit: raw(env.units.fullName(pending.unitId) ?? ''), deadline: formatDate(date) }))];
    }
    const env = await this.deps.env();
    const today = localParts(now).date;
    const code = `${foldVietnamese(pending.name ?? 'dot').split(' ').map((word) => word[0]).join('').toUpperCase().slice(0, 8)}-${today.replace(/-/g, '').slice(2)}`;
    const created = await this.deps.campaigns.create({
      code: (await this.deps.campaigns.byCode(code)) ? `${code}-${Date.now() % 1000}` : code,
      name: pending.name ?? '',
      kind: pending.campaignKind ?? 'thematic',
      opensOn: today,
      closesOn: addDays(date, 30),
      deadline: date,
      ...DEFAULT_REMINDER_PLAN,
      unitIds: env.units.children(null).map((unit) => unit.id),
    });
    await this.deps.users.setPending(person.id, null);
    this.deps.log.info({ event: 'campaign.created', userId: person.id, campaignId: created.id });
    return [say(t('campaign-created', { code: raw(created.code), name: raw(created.name), deadline: formatDate(created.deadline), units: env.units.children(null).length }))];
  }

  private async show(campaignId: number): Promise<OutMessage[]> {
    const campaign = (await this.deps.campaigns.byId(campaignId))!;
    const env = await this.deps.env();
    const units = await this.deps.campaigns.units(campaignId);
    return [
      {
        parts: [
          t('campaign-detail', { name: raw(campaign.name), code: raw(campaign.code), deadline: formatDate(campaign.deadline) }),
          lines(
            units.map((unit) =>
              t(unit.reportedAt ? `campaign-unit-reported-${unit.reportKind === 'none' ? 'none' : 'submitted'}` : 'campaign-unit-waiting', {
                unit: raw(env.units.fullName(unit.unitId) ?? String(unit.unitId)),
                deadline: formatDate(effectiveDeadline(campaign.deadline, unit.deadlineOverride)),
              }),
            ),
          ),
        ],
        choices: {
          step: CAMPAIGN_STEP,
          rows: [[{ value: `l${campaignId}`, label: t('btn-campaign-lists') }], [{ value: `e${campaignId}`, label: t('btn-campaign-extend') }], [{ value: `z${campaignId}`, label: t('btn-campaign-close') }], [{ value: 'list', label: t('rv-btn-overview') }]],
        },
      },
    ];
  }
}
