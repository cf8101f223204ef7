/**
 * The composition root: builds every dependency once, for the bot, the terminal chat, the jobs,
 * the CLI and the tests.
 */
import path from 'node:path';
import { Conversation } from './app/conversation.js';
import { Intake } from './app/intake.js';
import type { Logger } from './app/logger.js';
import type { Config } from './config.js';
import type { Text } from './core/messages.js';
import { DEFAULT_LIMITS, type NominationEnv } from './core/nomination/form.js';
import { UnitCatalog } from './core/units.js';
import { Translator } from './i18n/index.js';
import type { Db } from './infra/db/client.js';
import { FileEvidenceStore } from './infra/evidence-store.js';
import { PrismaConsentRepository } from './infra/repositories/consents.js';
import { PrismaDraftRepository } from './infra/repositories/drafts.js';
import { PrismaNominationRepository } from './infra/repositories/nominations.js';
import { PrismaUnitRepository } from './infra/repositories/units.js';
import { PrismaUserRepository } from './infra/repositories/users.js';
import { PrismaRoleRepository } from './infra/repositories/roles.js';
import { PrismaInvitationRepository } from './infra/repositories/invitations.js';
import { ReviewRepository } from './infra/repositories/review.js';
import { OutboxRepository } from './infra/repositories/outbox.js';
import { PersonalDataRepository } from './infra/repositories/personal-data.js';
import { deepLink, hashInvitationCode, newInvitationCode } from './infra/invitation-codes.js';
import { Review } from './app/review.js';
import { Supplement } from './app/supplement.js';
import { Invitations } from './app/invitations.js';
import { PersonalData } from './app/personal-data.js';
import { OutboxSender } from './app/outbox-sender.js';
import { Reminders } from './app/reminders.js';
import { CampaignAdmin } from './app/campaign-admin.js';
import { Exports } from './app/exports.js';
import { ExportSourceRepository } from './infra/export/source.js';
import { CampaignRepository } from './infra/repositories/campaigns.js';
import { fixedHolidays, localParts, WorkCalendar } from './core/campaigns/calendar.js';
import { unitAndAncestors } from './core/units.js';
import { unreachableHeadMessage } from './core/campaigns/messages.js';
import { enqueue } from './infra/repositories/review.js';
import { ProposalRepository } from './infra/repositories/proposals.js';
import { Proposals } from './app/proposals.js';
import { Linking } from './app/linking.js';
import { LinkCodeRepository, newLinkCode } from './infra/repositories/link-codes.js';
import { ProposalCouncil } from './app/proposal-council.js';

export type AppConfig = Pick<
  Config,
  | 'DATA_DIR'
  | 'DRAFT_TTL_DAYS'
  | 'RESUME_AFTER_MINUTES'
  | 'DEED_CATEGORIES'
  | 'CONSENT_TEXT_VERSION'
  | 'MAX_ATTACHMENTS'
  | 'MAX_FILE_MB'
  | 'DESCRIPTION_MIN_CHARS'
  | 'DESCRIPTION_MAX_CHARS'
  | 'MAX_DEED_AGE_YEARS'
  | 'HOLIDAYS'
  | 'SEND_RATE_PER_SECOND'
  | 'PROPOSAL_TITLES_YEARLY'
  | 'PROPOSAL_TITLES_THEMATIC'
  | 'PROPORTION_RULES'
  | 'MINUTES_REQUIRED'
  | 'ACHIEVEMENT_MIN_CHARS'
  | 'ACHIEVEMENT_MAX_CHARS'
>;

const UNIT_CACHE_MS = 60_000;

export interface ComposeOptions {
  /** This instance's name on its outbox claims (INSTANCE_ID). */
  instance?: string;
  translator?: Translator;
  /** The bot's username, for invitation deep links (known once the channel has started). */
  botUsername?: () => string | undefined;
}

export function compose(config: AppConfig, db: Db, log: Logger, options: ComposeOptions = {}) {
  const translator = options.translator ?? Translator.fromDirectory(undefined, (locale, key) => log.error({ event: 'i18n.missing', locale, key }));
  const users = new PrismaUserRepository(db);
  const drafts = new PrismaDraftRepository(db);
  const consents = new PrismaConsentRepository(db);
  const nominations = new PrismaNominationRepository(db);
  const units = new PrismaUnitRepository(db);
  const campaigns = new CampaignRepository(db);
  const maxFileBytes = config.MAX_FILE_MB * 1024 * 1024;
  const evidence = new FileEvidenceStore(path.resolve(config.DATA_DIR, 'evidence'), maxFileBytes);

  // The unit list changes rarely (an import by an admin); a minute-old copy is fine.
  let cached: { env: NominationEnv; at: number } | undefined;
  let loading: Promise<NominationEnv> | undefined;
  const env = async (): Promise<NominationEnv> => {
    if (cached && Date.now() - cached.at < UNIT_CACHE_MS) return cached.env;
    loading ??= units
      .listActive()
      .then((list) => {
        const value: NominationEnv = {
          units: new UnitCatalog(list),
          categories: config.DEED_CATEGORIES,
          consentVersion: config.CONSENT_TEXT_VERSION,
          draftTtlDays: config.DRAFT_TTL_DAYS,
          limits: {
            ...DEFAULT_LIMITS,
            maxAttachments: config.MAX_ATTACHMENTS,
            maxFileBytes,
            descriptionMin: config.DESCRIPTION_MIN_CHARS,
            descriptionMax: config.DESCRIPTION_MAX_CHARS,
            maxDeedAgeYears: config.MAX_DEED_AGE_YEARS,
          },
        };
        cached = { env: value, at: Date.now() };
        return value;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  const labelsOf = (label: Text) => translator.labels(label);

  const intake = new Intake({
    campaignFor: async (unitId, now) => campaigns.campaignFor(unitAndAncestors((await env()).units, unitId), localParts(now).date),
    drafts,
    nominations,
    consents,
    users,
    evidence,
    env,
    log,
    labelsOf,
    settings: { draftTtlDays: config.DRAFT_TTL_DAYS, resumeAfterMinutes: config.RESUME_AFTER_MINUTES },
  });
  const roles = new PrismaRoleRepository(db);
  const invitationsRepository = new PrismaInvitationRepository(db);
  const reviewRepository = new ReviewRepository(db);
  const outbox = new OutboxRepository(db);
  const outboxSender = new OutboxSender(outbox, log, {
    perSecond: config.SEND_RATE_PER_SECOND,
    ...(options.instance ? { claimer: options.instance } : {}),
    // A head who blocked the bot is skipped from now on, and the council is told (once per series).
    onUnreachable: async (item) => {
      if (item.userId === null) return;
      const now = new Date();
      await outbox.markUnreachable(item.userId, now);
      const reminder = /^reminder:(\d+):(\d+):/.exec(item.groupKey ?? '');
      if (!reminder) return;
      const [campaign, current] = [await campaigns.byId(Number(reminder[1])), await env()];
      const unitName = current.units.fullName(Number(reminder[2])) ?? '';
      const members = await roles.recipients('council');
      await db.$transaction((tx) =>
        enqueue(
          tx,
          members.map((member) => ({
            dedupeKey: `unreachable:${item.userId}:${reminder[1]}:${member.userId}`,
            userId: member.userId,
            channel: member.channel,
            chatId: member.chatId,
            locale: member.locale ?? 'vi',
            message: unreachableHeadMessage(unitName, campaign?.name ?? null),
          })),
          now,
        ),
      );
    },
  });
  const kickOutbox = () => outboxSender.kick();
  const review = new Review({ review: reviewRepository, roles, users, env, kickOutbox, log });
  const supplement = new Supplement({ review: reviewRepository, nominations, users, roles, evidence, env, kickOutbox, log });
  const invitations = new Invitations({
    invitations: invitationsRepository,
    users,
    env,
    log,
    codes: {
      create: newInvitationCode,
      hash: hashInvitationCode,
      link: (code) => {
        const username = options.botUsername?.();
        return username ? deepLink(username, code) : null;
      },
    },
  });
  const personalData = new PersonalData({ data: new PersonalDataRepository(db), users, log });
  const thisYear = new Date().getUTCFullYear();
  const calendar = new WorkCalendar([...fixedHolidays(thisYear - 1), ...fixedHolidays(thisYear), ...fixedHolidays(thisYear + 1), ...config.HOLIDAYS]);
  const reminders = new Reminders({ campaigns, roles, env, calendar, kickOutbox, log });
  const campaignAdmin = new CampaignAdmin({ campaigns, users, env, log });
  const proposalRepository = new ProposalRepository(db);
  const exporter = new Exports({ source: new ExportSourceRepository(db), campaigns, proposals: proposalRepository, users, env, translator, evidencePath: (key) => evidence.pathOf(key), log });
  const proposalDeps = {
    proposals: proposalRepository,
    campaigns,
    drafts,
    users,
    roles,
    evidence,
    env,
    labelsOf,
    kickOutbox,
    log,
    settings: {
      titleDefaults: { yearly: config.PROPOSAL_TITLES_YEARLY, thematic: config.PROPOSAL_TITLES_THEMATIC },
      proportionRules: config.PROPORTION_RULES,
      minutesRequired: config.MINUTES_REQUIRED,
      summaryMin: config.ACHIEVEMENT_MIN_CHARS,
      summaryMax: config.ACHIEVEMENT_MAX_CHARS,
    },
  };
  const proposals = new Proposals(proposalDeps);
  const proposalCouncil = new ProposalCouncil(proposalDeps);
  const linking = new Linking({ links: new LinkCodeRepository(db), newCode: newLinkCode, log });
  const conversation = new Conversation({ intake, nominations, users, roles, review, supplement, invitations, personalData, reminders, campaignAdmin, exports: exporter, proposals, proposalCouncil, linking, log });
  return {
    translator,
    users,
    drafts,
    consents,
    nominations,
    units,
    evidence,
    roles,
    invitations: invitationsRepository,
    reviewRepository,
    outbox,
    outboxSender,
    campaigns,
    proposals: proposalRepository,
    reminders,
    calendar,
    intake,
    review,
    conversation,
    env,
    log,
  };
}

export type App = ReturnType<typeof compose>;
