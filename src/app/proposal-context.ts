/**
 * What the unit's and the council's proposal screens share: the dependencies, a list's campaign,
 * unit and deadline, and the context its checks run in.
 */
import { effectiveDeadline } from '../core/campaigns/planner.js';
import { raw, rows, t, type OutMessage, type Text } from '../core/messages.js';
import type { NominationEnv } from '../core/nomination/form.js';
import type { DraftRepository, EvidenceStore, RoleRepository, UserRepository } from '../core/ports.js';
import { PROPOSAL_STEP } from '../core/proposals/messages.js';
import { checkProposal, type CheckContext, type ProportionRule, type ProposalProblem, type ProposalView, type ProposalWarning } from '../core/proposals/rules.js';
import { campaignTitles, type TitleDefaults } from '../core/proposals/titles.js';
import type { CampaignRecord, CampaignRepository } from '../infra/repositories/campaigns.js';
import type { ProposalRepository } from '../infra/repositories/proposals.js';
import type { Logger } from './logger.js';

/** Settings of the proposal lists (config): title lists per campaign kind, proportion rules, minutes, summary length. */
export interface ProposalSettings {
  titleDefaults: TitleDefaults;
  proportionRules: ProportionRule[];
  minutesRequired: boolean;
  summaryMin: number;
  summaryMax: number;
}

export interface ProposalDeps {
  proposals: ProposalRepository;
  campaigns: CampaignRepository;
  drafts: DraftRepository;
  users: Pick<UserRepository, 'setPending'>;
  roles: Pick<RoleRepository, 'recipients'>;
  evidence: EvidenceStore;
  env: () => Promise<NominationEnv>;
  labelsOf: (label: Text) => string[];
  kickOutbox: () => void;
  log: Logger;
  settings: ProposalSettings;
}

export class ProposalContext {
  constructor(private readonly deps: ProposalDeps) {}

  /** The context a list's checks run in: the campaign's titles, the rules, the other units' submitted entries. */
  async checkContext(view: ProposalView, campaign: CampaignRecord): Promise<CheckContext> {
    const env = await this.deps.env();
    const elsewhere = (await this.deps.proposals.elsewhere(view.campaignId, view.id)).map((entry) => ({ ...entry, unit: env.units.fullName(entry.unitId) ?? '' }));
    return { titles: campaignTitles(campaign, this.deps.settings.titleDefaults), rules: this.deps.settings.proportionRules, elsewhere, minutesRequired: this.deps.settings.minutesRequired };
  }

  /** A list's campaign (a list is deleted with its campaign), unit name and effective deadline. */
  async basics(view: ProposalView): Promise<{ campaign: CampaignRecord; unitName: string; deadline: string }> {
    const campaign = (await this.deps.campaigns.byId(view.campaignId))!;
    const env = await this.deps.env();
    const unit = (await this.deps.campaigns.units(campaign.id)).find((candidate) => candidate.unitId === view.unitId);
    return { campaign, unitName: env.units.fullName(view.unitId) ?? '', deadline: effectiveDeadline(campaign.deadline, unit?.deadlineOverride ?? null) };
  }

  /** The basics, with the context the checks run in and the checks themselves. */
  async describe(view: ProposalView): Promise<{ campaign: CampaignRecord; unitName: string; deadline: string; context: CheckContext; checks: { problems: ProposalProblem[]; warnings: ProposalWarning[] } }> {
    const basics = await this.basics(view);
    const context = await this.checkContext(view, basics.campaign);
    return { ...basics, context, checks: checkProposal(view, context) };
  }

  /** The council's entry to the lists: the open campaigns, each with how many units submitted. */
  async campaignsForCouncil(): Promise<OutMessage[]> {
    const campaigns = await this.deps.campaigns.list({ status: 'open' });
    if (campaigns.length === 0) return [{ parts: [t('pl-no-campaigns')] }];
    return [
      {
        parts: [t('pl-council-choose-campaign')],
        choices: { step: PROPOSAL_STEP, rows: rows(campaigns.map((campaign) => ({ value: `cl:${campaign.id}`, label: raw(campaign.name) })), 1) },
      },
    ];
  }
}
