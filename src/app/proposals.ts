/**
 * /denghi for units: a head or thi đua officer builds the unit's proposal list for a campaign,
 * entry by entry through the form engine, adds residents' nominations in one tap, attaches the
 * meeting minutes and submits. The list lives in the database, so it can be built over days.
 */
import { randomUUID } from 'node:crypto';
import { localParts } from '../core/campaigns/calendar.js';
import { advance, ask, newDraft } from '../core/form/engine.js';
import type { Attachment, Draft, FormInput } from '../core/form/types.js';
import { raw, rows, say, t, type OutMessage } from '../core/messages.js';
import { ACCEPTED_DOCUMENT_TYPES } from '../core/nomination/form.js';
import type { PendingState, Person } from '../core/ports.js';
import { DONE_WORDS, fileRefusal } from '../core/form/steps.js';
import { draftOfEntry, entryForm, ENTRY_FORM_ID, toEntryInput, type EntryFormEnv } from '../core/proposals/entry-form.js';
import { entryScreen, listScreen, minutesPrompt, PROPOSAL_STEP, removeConfirm, residentsPicker, submitConfirm, councilSubmittedMessage, residentIncludedMessage, checkText } from '../core/proposals/messages.js';
import { canEditEntry, canEditList, checkSubmit, type CheckContext, type ProposalView } from '../core/proposals/rules.js';
import { campaignTitles, titleOfAwardForm } from '../core/proposals/titles.js';
import { headedUnitIds, isCouncil, isUnitRole, ownUnitIds } from '../core/roles.js';
import { unitAndBelow } from '../core/units.js';
import { cleanText, foldVietnamese } from '../core/text/normalize.js';
import type { CampaignRecord } from '../infra/repositories/campaigns.js';
import type { ProposalActor, ProposalFileInput } from '../infra/repositories/proposals.js';
import { storeAttachment, storeFile, storeMissing, typedChoice } from './form-io.js';
import type { ProposalDeps } from './proposal-context.js';
import { ProposalContext } from './proposal-context.js';

type EntryPending = Extract<PendingState, { kind: 'proposal-entry' }>;

const toFileInput = (file: Attachment): ProposalFileInput => ({ ...file, fileUniqueId: file.fileUniqueId, receivedAt: file.receivedAt });

export class Proposals {
  private readonly context: ProposalContext;

  constructor(private readonly deps: ProposalDeps) {
    this.context = new ProposalContext(deps);
  }

  /** /denghi: the open campaigns of the person's units (one opens at once); the council sees the campaigns' progress. */
  async start(person: Person, now: Date): Promise<OutMessage[]> {
    const today = localParts(now).date;
    const own = ownUnitIds(person.roles);
    if (own.length === 0) {
      if (isCouncil(person.roles)) return this.context.campaignsForCouncil();
      return [say(t('pl-not-allowed'))];
    }
    const env = await this.deps.env();
    const choices: { campaign: CampaignRecord; unitId: number }[] = [];
    for (const campaign of await this.deps.campaigns.open()) {
      if (campaign.opensOn > today) continue;
      const covered = new Set((await this.deps.campaigns.units(campaign.id)).map((unit) => unit.unitId));
      for (const unitId of own) if (covered.has(unitId)) choices.push({ campaign, unitId });
    }
    if (choices.length === 0) return [say(t('pl-no-campaigns'))];
    if (choices.length === 1) return this.open(person, choices[0]!.campaign.id, choices[0]!.unitId);
    const buttons = choices.slice(0, 40).map((choice) => ({ value: `o:${choice.campaign.id}:${choice.unitId}`, label: raw(`${choice.campaign.name} · ${env.units.get(choice.unitId)?.name ?? ''}`) }));
    return [{ parts: [t('pl-choose-campaign')], choices: { step: PROPOSAL_STEP, rows: rows(buttons, 1) } }];
  }

  /** The unit's side of "pl|…" presses; undefined when the press belongs to the council's screens. */
  async press(person: Person, value: string, now: Date): Promise<OutMessage[] | undefined> {
    const [action, first, second] = value.split(':');
    if (action === undefined || action.startsWith('c')) return undefined;
    if (action === 'o') return this.open(person, Number(first), Number(second));
    const view = first && /^\d{1,9}$/.test(first) ? await this.deps.proposals.view(Number(first)) : null;
    if (!view || !(await this.mayEdit(person, view.unitId))) {
      this.deps.log.warn({ event: 'proposal.forbidden_or_missing', userId: person.id, action });
      return [say(t('pl-not-allowed'))];
    }
    const entry = second ? view.entries.find((candidate) => candidate.id === Number(second)) : undefined;
    switch (action) {
      case 'l':
        return [await this.screen(person, view)];
      case 'g':
        return [await this.screen(person, view, Number(second))];
      case 'a':
        return this.beginEntry(person, view, null, now);
      case 'r':
        return this.resumeEntry(person, view, now);
      case 'R':
        await this.deps.drafts.delete(person.id, ENTRY_FORM_ID);
        return [say(t('pl-draft-discarded')), await this.screen(person, view)];
      case 'v':
        return entry ? [entryScreen(view, entry)] : [say(t('pl-stale')), await this.screen(person, view)];
      case 'e':
        return entry ? this.beginEntry(person, view, entry.id, now) : [say(t('pl-stale'))];
      case 'd':
        return entry && canEditEntry(view.status, entry) ? [removeConfirm(view, entry)] : [say(t('pl-frozen')), await this.screen(person, view)];
      case 'D':
        return entry ? this.remove(person, view, entry.id, now) : [await this.screen(person, view)];
      case 'n':
        return this.residents(person, view);
      case 'N':
        return this.addResident(person, view, Number(second), now);
      case 'm':
        if (!canEditList(view.status)) return [say(t('pl-frozen')), await this.screen(person, view)];
        await this.deps.users.setPending(person.id, { kind: 'proposal-minutes', proposalId: view.id });
        return [minutesPrompt(view.id, view.minutes)];
      case 's':
        return this.askSubmit(person, view, now);
      case 'S':
        return this.submit(person, view, Number(second), now);
      default:
        return [say(t('pl-stale'))];
    }
  }

  /** Opens (or starts) the unit's list for a campaign. */
  private async open(person: Person, campaignId: number, unitId: number): Promise<OutMessage[]> {
    const campaign = await this.deps.campaigns.byId(campaignId);
    const covered = campaign ? (await this.deps.campaigns.units(campaignId)).some((unit) => unit.unitId === unitId) : false;
    if (!campaign || !covered || !(await this.mayEdit(person, unitId))) return [say(t('pl-not-allowed'))];
    const view = await this.deps.proposals.ensure(campaignId, unitId);
    this.deps.log.info({ event: 'proposal.opened', userId: person.id, proposalId: view.id });
    return [await this.screen(person, view)];
  }

  private async mayEdit(person: Person, unitId: number): Promise<boolean> {
    const env = await this.deps.env();
    return headedUnitIds(person.roles, env.units).includes(unitId);
  }

  private actor(person: Person): ProposalActor {
    return { userId: person.id, role: person.roles.find((grant) => isUnitRole(grant.role))?.role ?? 'head' };
  }

  private async screen(person: Person, view: ProposalView, page = 0): Promise<OutMessage> {
    const { campaign, unitName, deadline, checks } = await this.context.describe(view);
    const draft = await this.deps.drafts.load(person.id, ENTRY_FORM_ID, person.drafts);
    const env = await this.deps.env();
    const available = canEditList(view.status) ? (await this.deps.proposals.proposedNominations(unitAndBelow(env.units, view.unitId), view.campaignId)).length : 0;
    const all = [...checks.problems, ...checks.warnings];
    return listScreen(view, { campaign: campaign.name, unit: unitName, deadline, checks: all, draftInProgress: draft?.ui.context?.proposalId === view.id, residentsAvailable: available, page });
  }

  /** The entry form's environment for a campaign: its titles and the evidence limits. */
  private async entryEnv(campaign: CampaignRecord): Promise<EntryFormEnv> {
    const env = await this.deps.env();
    return {
      titles: campaignTitles(campaign, this.deps.settings.titleDefaults),
      files: { maxAttachments: env.limits.maxAttachments, maxFileBytes: env.limits.maxFileBytes, documentTypes: ACCEPTED_DOCUMENT_TYPES },
      summaryMin: this.deps.settings.summaryMin,
      summaryMax: this.deps.settings.summaryMax,
    };
  }

  private async beginEntry(person: Person, view: ProposalView, entryId: number | null, now: Date): Promise<OutMessage[]> {
    const entry = entryId === null ? undefined : view.entries.find((candidate) => candidate.id === entryId);
    if (entry ? !canEditEntry(view.status, entry) : !canEditList(view.status)) return [say(t('pl-frozen')), await this.screen(person, view)];
    const campaign = (await this.deps.campaigns.byId(view.campaignId))!;
    const draft: Draft = entry
      ? draftOfEntry(entry, randomUUID(), { proposalId: view.id, entryId: entry.id }, now)
      : { ...newDraft(entryForm, randomUUID(), now), ui: { context: { proposalId: view.id } } };
    await this.deps.drafts.save(person.id, draft);
    await this.deps.users.setPending(person.id, { kind: 'proposal-entry', proposalId: view.id });
    return [ask(entryForm, draft, { now, env: await this.entryEnv(campaign) })];
  }

  private async resumeEntry(person: Person, view: ProposalView, now: Date): Promise<OutMessage[]> {
    const draft = await this.deps.drafts.load(person.id, ENTRY_FORM_ID, person.drafts);
    if (!draft || draft.ui.context?.proposalId !== view.id) return this.beginEntry(person, view, null, now);
    await this.deps.users.setPending(person.id, { kind: 'proposal-entry', proposalId: view.id });
    const campaign = (await this.deps.campaigns.byId(view.campaignId))!;
    return [ask(entryForm, draft, { now, env: await this.entryEnv(campaign) })];
  }

  /** An input while an entry is being typed: the engine decides; a finished entry is saved to the list. */
  async form(person: Person, input: FormInput, now: Date): Promise<OutMessage[]> {
    const pending = person.pending as EntryPending;
    const draft = await this.deps.drafts.load(person.id, ENTRY_FORM_ID, person.drafts);
    const view = await this.deps.proposals.view(pending.proposalId);
    if (!draft || !view || draft.ui.context?.proposalId !== view.id) {
      await this.deps.users.setPending(person.id, null);
      return view ? [say(t('pl-draft-gone')), await this.screen(person, view)] : [say(t('pl-stale'))];
    }
    const campaign = (await this.deps.campaigns.byId(view.campaignId))!;
    const ctx = { now, env: await this.entryEnv(campaign) };
    const result = advance(entryForm, draft, typedChoice(entryForm, draft, input, ctx, this.deps.labelsOf), ctx);
    if (result.outcome === 'cancelled' || result.outcome === 'declined') {
      await this.deps.drafts.delete(person.id, ENTRY_FORM_ID);
      await this.deps.users.setPending(person.id, null);
      return [say(t('pl-entry-cancelled')), await this.screen(person, view)];
    }
    if (result.outcome === 'submit') return this.saveEntry(person, view, result.draft!, now);
    let next = result.draft!;
    for (const effect of result.effects) if (effect.type === 'store-attachment') next = await storeAttachment(this.deps.evidence, next, effect.fileUniqueId, this.deps.log);
    await this.deps.drafts.save(person.id, next);
    return result.messages;
  }

  private async saveEntry(person: Person, view: ProposalView, draft: Draft, now: Date): Promise<OutMessage[]> {
    const stored = await storeMissing(this.deps.evidence, draft, this.deps.log);
    const entry = toEntryInput(stored);
    const files = stored.attachments.map(toFileInput);
    const entryId = typeof draft.ui.context?.entryId === 'number' ? draft.ui.context.entryId : null;
    const result =
      entryId === null
        ? await this.deps.proposals.addEntry(view.id, entry, files, this.actor(person), now, (locked) => (canEditList(locked.status) ? { ok: true } : { ok: false, reason: 'frozen' }))
        : await this.deps.proposals.updateEntry(view.id, entryId, entry, files, this.actor(person), now, (locked) => {
            const current = locked.entries.find((candidate) => candidate.id === entryId);
            return current && canEditEntry(locked.status, current) ? { ok: true } : { ok: false, reason: 'frozen' };
          });
    await this.deps.users.setPending(person.id, null);
    this.deps.log.info({ event: entryId === null ? 'proposal.entry_added' : 'proposal.entry_changed', userId: person.id, proposalId: view.id, ok: result.ok });
    // Refused (the list was submitted meanwhile): the typed entry stays as a draft, not lost.
    if (!result.ok) return [say(t('pl-frozen')), await this.screen(person, (await this.deps.proposals.view(view.id)) ?? view)];
    await this.deps.drafts.delete(person.id, ENTRY_FORM_ID);
    const saved = entryId === null ? result.view.entries.at(-1)! : result.view.entries.find((candidate) => candidate.id === entryId)!;
    return [say(t('pl-entry-saved', { n: saved.position, name: saved.name })), await this.screen(person, result.view)];
  }

  private async remove(person: Person, view: ProposalView, entryId: number, now: Date): Promise<OutMessage[]> {
    const result = await this.deps.proposals.removeEntry(view.id, entryId, this.actor(person), now, (locked) => {
      const current = locked.entries.find((candidate) => candidate.id === entryId);
      return current && canEditEntry(locked.status, current) ? { ok: true } : { ok: false, reason: 'frozen' };
    });
    this.deps.log.info({ event: 'proposal.entry_removed', userId: person.id, proposalId: view.id, ok: result.ok });
    if (!result.ok) return [say(t('pl-frozen')), await this.screen(person, view)];
    return [say(t('pl-entry-removed')), await this.screen(person, result.view)];
  }

  private async residents(person: Person, view: ProposalView): Promise<OutMessage[]> {
    const env = await this.deps.env();
    const items = await this.deps.proposals.proposedNominations(unitAndBelow(env.units, view.unitId), view.campaignId);
    if (items.length === 0) return [say(t('pl-residents-none')), await this.screen(person, view)];
    return [residentsPicker(view.id, items)];
  }

  /** Adds a resident's nomination the head proposed as an entry (linked, so the resident is told). */
  private async addResident(person: Person, view: ProposalView, nominationId: number, now: Date): Promise<OutMessage[]> {
    const env = await this.deps.env();
    const item = (await this.deps.proposals.proposedNominations(unitAndBelow(env.units, view.unitId), view.campaignId)).find((candidate) => candidate.id === nominationId);
    if (!item) return [say(t('pl-resident-unavailable')), await this.screen(person, view)];
    const summary = cleanText(item.description).slice(0, this.deps.settings.summaryMax);
    const entry = { kind: item.kind, name: item.name, gender: null, birthYear: item.birthYear, role: item.role, workplace: env.units.get(item.unitId)?.name ?? null, title: titleOfAwardForm(item.awardForm), summary, nominationId: item.id };
    const result = await this.deps.proposals.addEntry(view.id, entry, [], this.actor(person), now, (locked) => (canEditList(locked.status) ? { ok: true } : { ok: false, reason: 'frozen' }));
    this.deps.log.info({ event: 'proposal.resident_added', userId: person.id, proposalId: view.id, nominationId, ok: result.ok });
    if (!result.ok) return [say(t(result.reason === 'already-listed' ? 'pl-resident-unavailable' : 'pl-frozen')), await this.screen(person, view)];
    const added = result.view.entries.at(-1)!;
    return [say(t('pl-resident-added', { n: added.position, code: item.code, kind: item.kind })), await this.screen(person, result.view)];
  }

  /** A file (or "xong") while the minutes are awaited. */
  async minutes(person: Person, input: FormInput, now: Date): Promise<OutMessage[] | null> {
    const pending = person.pending?.kind === 'proposal-minutes' ? person.pending : null;
    if (!pending) return null;
    const view = await this.deps.proposals.view(pending.proposalId);
    if (!view || !(await this.mayEdit(person, view.unitId))) return null;
    if (input.kind === 'text' && DONE_WORDS.has(foldVietnamese(input.text))) {
      await this.deps.users.setPending(person.id, null);
      return [await this.screen(person, view)];
    }
    if (input.kind !== 'file') return [say(t('pl-minutes-send-file')), minutesPrompt(view.id, view.minutes)];
    const env = await this.deps.env();
    const refusal = fileRefusal(input.file, { maxFileBytes: env.limits.maxFileBytes, documentTypes: ACCEPTED_DOCUMENT_TYPES });
    if (refusal) return [say(refusal), minutesPrompt(view.id, view.minutes)];
    const stored = await storeFile(this.deps.evidence, { ...input.file, receivedAt: now.toISOString() }, this.deps.log);
    const result = await this.deps.proposals.addMinutes(view.id, toFileInput(stored), this.actor(person), now, (locked) => (canEditList(locked.status) ? { ok: true } : { ok: false, reason: 'frozen' }));
    if (!result.ok) {
      await this.deps.users.setPending(person.id, null);
      return [say(t('pl-frozen'))];
    }
    return [minutesPrompt(view.id, result.view.minutes)];
  }


  /** What submitting is checked against: the list's checks, today, the unit's deadline, the campaign still open. */
  private async submitContext(view: ProposalView, now: Date) {
    const described = await this.context.describe(view);
    const ctx: CheckContext & { today: string; deadline: string; campaignOpen: boolean } = { ...described.context, today: localParts(now).date, deadline: described.deadline, campaignOpen: described.campaign.status === 'open' };
    return { ...described, ctx };
  }

  private async askSubmit(person: Person, view: ProposalView, now: Date): Promise<OutMessage[]> {
    const { ctx } = await this.submitContext(view, now);
    const check = checkSubmit(view, ctx);
    if (!check.ok) {
      if (check.reason === 'problems') return [say(t('pl-cannot-submit'), ...(check.problems ?? []).map(checkText)), await this.screen(person, view)];
      return [say(t(check.reason === 'closed' ? 'pl-campaign-closed' : 'pl-frozen')), await this.screen(person, view)];
    }
    return [submitConfirm(view, check.warnings, check.late, ctx.deadline)];
  }

  private async submit(person: Person, view: ProposalView, submissions: number, now: Date): Promise<OutMessage[]> {
    const { ctx, campaign, unitName } = await this.submitContext(view, now);
    const council = await this.deps.roles.recipients('council');
    const residents = await this.deps.proposals.residentsOf(view.id);
    const result = await this.deps.proposals.submit(view.id, this.actor(person), now, (locked) => {
      // A second tap, or a tap on an old confirmation, finds the list already submitted.
      if (locked.submissions !== submissions) return { ok: false, reason: 'stale' };
      const check = checkSubmit(locked, ctx);
      if (!check.ok) return { ok: false, reason: check.reason };
      const count = locked.entries.length;
      return {
        ok: true,
        late: check.late,
        messages: [
          ...council.map((member) => ({
            dedupeKey: `pl-submitted:${locked.id}:${locked.submissions + 1}:${member.userId}`,
            userId: member.userId,
            channel: member.channel,
            chatId: member.chatId,
            locale: member.locale ?? 'vi',
            message: councilSubmittedMessage(locked.id, campaign.name, unitName, count, check.late, check.resubmission),
          })),
          // Each resident is told once, however often the list is resubmitted.
          ...residents.map((resident) => ({
            dedupeKey: `pl-included:${resident.entryId}`,
            userId: resident.userId,
            channel: resident.channel,
            chatId: resident.chatId,
            locale: resident.locale,
            message: residentIncludedMessage(resident.code, campaign.name, unitName),
          })),
        ],
      };
    });
    this.deps.log.info({ event: 'proposal.submitted', userId: person.id, proposalId: view.id, ok: result.ok, reason: result.ok ? undefined : result.reason });
    if (!result.ok) {
      const current = (await this.deps.proposals.view(view.id)) ?? view;
      return [say(t(result.reason === 'stale' ? 'pl-already-submitted' : result.reason === 'closed' ? 'pl-campaign-closed' : 'pl-frozen')), await this.screen(person, current)];
    }
    this.deps.kickOutbox();
    return [say(t(result.view.late ? 'pl-submitted-late' : 'pl-submitted', { count: result.view.entries.length, campaign: campaign.name })), await this.screen(person, result.view)];
  }
}
