/**
 * The council's side of the proposal lists: per campaign, which units submitted (late or not) and
 * which did not; each list and entry; accepting, or returning the list or one entry with a reason.
 */
import { effectiveDeadline } from '../core/campaigns/planner.js';
import { say, t, type OutMessage } from '../core/messages.js';
import type { Person } from '../core/ports.js';
import { councilCampaignScreen, councilEntryScreen, councilListScreen, unitAcceptedMessage, unitReturnedMessage, PROPOSAL_STEP } from '../core/proposals/messages.js';
import { checkCouncilAction, statusAfter, type ProposalView } from '../core/proposals/rules.js';
import { isAdmin, isCouncil, UNIT_ROLES } from '../core/roles.js';
import { cleanText, visibleLength } from '../core/text/normalize.js';
import type { OutgoingMessage } from '../infra/repositories/review.js';
import { ProposalContext, type ProposalDeps } from './proposal-context.js';

const REASON_MIN = 5;
const REASON_MAX = 500;

export class ProposalCouncil {
  private readonly context: ProposalContext;

  constructor(private readonly deps: ProposalDeps) {
    this.context = new ProposalContext(deps);
  }

  /** "pl|c…" presses: cl (a campaign's units), c (a list), ce (an entry), ca/cy (accept), cr/cx (return). */
  async press(person: Person, value: string, now: Date): Promise<OutMessage[]> {
    if (!isCouncil(person.roles)) {
      this.deps.log.warn({ event: 'proposal.council_forbidden', userId: person.id });
      return [say(t('rv-not-allowed'))];
    }
    const [action, first, second] = value.split(':');
    if (action === 'cl') return this.campaign(Number(first));
    const view = first && /^\d{1,9}$/.test(first) ? await this.deps.proposals.view(Number(first)) : null;
    if (!view) return [say(t('pl-stale'))];
    const entry = second ? view.entries.find((candidate) => candidate.id === Number(second)) : undefined;
    switch (action) {
      case 'c':
        return [await this.list(view)];
      case 'cg':
        return [await this.list(view, Number(second))];
      case 'ce':
        return entry ? [councilEntryScreen(view, entry)] : [say(t('pl-stale'))];
      case 'ca':
      case 'cy':
        return this.accept(person, view, action === 'cy' ? (entry?.id ?? -1) : null, now);
      case 'cr':
      case 'cx': {
        const entryId = action === 'cx' ? (entry?.id ?? null) : null;
        if (action === 'cx' && entryId === null) return [say(t('pl-stale'))];
        if (!checkCouncilAction(view, entryId === null ? 'return' : 'return-entry', entry)) return [say(t('pl-council-not-now')), await this.list(view)];
        await this.deps.users.setPending(person.id, { kind: 'proposal-return', proposalId: view.id, entryId });
        return [{ parts: [t(entryId === null ? 'pl-ask-return-reason' : 'pl-ask-return-entry-reason', { n: entry?.position ?? 0 })], choices: { step: PROPOSAL_STEP, rows: [[{ value: `c:${view.id}`, label: t('btn-cancel') }]] } }];
      }
      default:
        return [say(t('pl-stale'))];
    }
  }

  /** Per campaign: each covered unit's list state. */
  async campaign(campaignId: number): Promise<OutMessage[]> {
    const campaign = await this.deps.campaigns.byId(campaignId);
    if (!campaign) return [say(t('pl-stale'))];
    const env = await this.deps.env();
    const lists = await this.deps.proposals.campaignLists(campaignId);
    return [
      councilCampaignScreen(
        campaign,
        lists.map((list) => ({ ...list, unit: env.units.fullName(list.unitId) ?? String(list.unitId), deadline: effectiveDeadline(campaign.deadline, list.deadlineOverride) })),
      ),
    ];
  }

  private async list(view: ProposalView, page = 0): Promise<OutMessage> {
    const { campaign, unitName, deadline } = await this.context.basics(view);
    return councilListScreen(view, { campaign: campaign.name, unit: unitName, deadline, page });
  }

  /** The reason typed after "Trả lại": returns the list or the entry, and tells the unit. */
  async reason(person: Person, text: string, now: Date): Promise<OutMessage[] | null> {
    const pending = person.pending?.kind === 'proposal-return' ? person.pending : null;
    if (!pending || !isCouncil(person.roles)) return null;
    const reason = cleanText(text);
    if (visibleLength(reason) < REASON_MIN || visibleLength(reason) > REASON_MAX) return [say(t('pl-reason-length', { min: REASON_MIN, max: REASON_MAX }))];
    const view = await this.deps.proposals.view(pending.proposalId);
    await this.deps.users.setPending(person.id, null);
    if (!view) return [say(t('pl-stale'))];
    const { campaign } = await this.context.basics(view);
    const unitPeople = await this.deps.roles.recipients(UNIT_ROLES, [view.unitId]);
    const result = await this.deps.proposals.giveBack(view.id, pending.entryId, reason, this.actor(person), now, (locked) => {
      const entry = pending.entryId === null ? undefined : locked.entries.find((candidate) => candidate.id === pending.entryId);
      if (!checkCouncilAction(locked, pending.entryId === null ? 'return' : 'return-entry', entry)) return { ok: false, reason: 'not-now' };
      const about = entry ? { position: entry.position, name: entry.name } : null;
      // The moment is in the key: the list (or an entry) may be returned again before the unit resubmits.
      return { ok: true, messages: this.toUnit(unitPeople, `pl-returned:${locked.id}:${locked.submissions}:${pending.entryId ?? 'all'}:${now.getTime()}`, unitReturnedMessage(locked.id, campaign.name, reason, about)) };
    });
    this.deps.log.info({ event: 'proposal.returned', userId: person.id, proposalId: view.id, entry: pending.entryId !== null, ok: result.ok });
    if (!result.ok) return [say(t('pl-council-not-now')), await this.list(view)];
    this.deps.kickOutbox();
    return [say(t('pl-returned-done')), await this.list(result.view)];
  }

  private async accept(person: Person, view: ProposalView, entryId: number | null, now: Date): Promise<OutMessage[]> {
    const { campaign } = await this.context.basics(view);
    const unitPeople = await this.deps.roles.recipients(UNIT_ROLES, [view.unitId]);
    const result = await this.deps.proposals.accept(view.id, entryId, this.actor(person), now, (locked) => {
      const entry = entryId === null ? undefined : locked.entries.find((candidate) => candidate.id === entryId);
      if (!checkCouncilAction(locked, entryId === null ? 'accept' : 'accept-entry', entry)) return { ok: false, reason: 'not-now' };
      const status = statusAfter(locked, entryId === null ? 'accept' : 'accept-entry', entryId ?? undefined);
      const messages = status === 'accepted' ? this.toUnit(unitPeople, `pl-accepted:${locked.id}`, unitAcceptedMessage(campaign.name, locked.entries.length)) : [];
      return { ok: true, status, messages };
    });
    this.deps.log.info({ event: entryId === null ? 'proposal.accepted' : 'proposal.entry_accepted', userId: person.id, proposalId: view.id, ok: result.ok });
    if (!result.ok) return [say(t('pl-council-not-now')), await this.list(view)];
    this.deps.kickOutbox();
    return [say(t(result.view.status === 'accepted' ? 'pl-accepted-done' : 'pl-entry-accepted-done')), await this.list(result.view)];
  }

  private toUnit(people: { userId: number; channel: string; chatId: string; locale: string | null }[], key: string, message: OutMessage): OutgoingMessage[] {
    return people.map((one) => ({ dedupeKey: `${key}:${one.userId}`, userId: one.userId, channel: one.channel, chatId: one.chatId, locale: one.locale ?? 'vi', message }));
  }

  private actor(person: Person) {
    return { userId: person.id, role: isAdmin(person.roles) ? 'admin' : 'council' };
  }
}
