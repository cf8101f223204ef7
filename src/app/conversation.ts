/**
 * One entry point for every channel: an incoming event from a person → the messages to send.
 * Routes menu actions, "my nominations", language and the nomination form.
 */
import type { FormInput } from '../core/form/types.js';
import { rows, say, t, type OutMessage, type Text } from '../core/messages.js';
import { MY_LIST_PAGE_SIZE, myNominationsMessage, nominationDetailMessage, withdrawConfirmMessage } from '../core/nomination/records.js';
import type { LocaleCode, NominationRepository, Person, RoleRepository, UserRepository } from '../core/ports.js';
import { REVIEW_STEP, SUPPLEMENT_STEP } from '../core/review/messages.js';
import { INVITE_STEP } from './invitations.js';
import { DATA_STEP } from './personal-data.js';
import type { CardFile } from '../core/review/types.js';
import { isAdmin, isCouncil } from '../core/roles.js';
import type { Intake } from './intake.js';
import { looksLikeInvitationCode, type Invitations } from './invitations.js';
import type { PersonalData } from './personal-data.js';
import { Review } from './review.js';
import type { Supplement } from './supplement.js';
import { CAMPAIGN_STEP, type Reminders } from './reminders.js';
import type { CampaignAdmin } from './campaign-admin.js';
import { EXPORT_STEP, type ExportFile, type Exports } from './exports.js';
import type { Logger } from './logger.js';
import type { Proposals } from './proposals.js';
import type { Linking } from './linking.js';
import type { ProposalCouncil } from './proposal-council.js';
import { PROPOSAL_STEP } from '../core/proposals/messages.js';

export type MenuAction = 'nominate' | 'mine' | 'guide' | 'language' | 'review' | 'invite' | 'data' | 'erase' | 'campaigns' | 'export' | 'stats' | 'proposals' | 'link';

/** What a person can do, whatever the channel. */
export type Incoming = { kind: 'start'; payload?: string } | { kind: 'menu'; action: MenuAction } | { kind: 'link'; code: string } | FormInput;

export interface Reply {
  messages: OutMessage[];
  /** Evidence files to show after the messages (a reviewer opening a nomination). */
  files?: CardFile[];
  /** Files made for the person (exports), removed once sent. */
  documents?: ExportFile[];
  /** Pictures made for the person (statistics charts). */
  photos?: { png: Buffer; caption: Text }[];
  /** The locale to render in (changes when the person picks another language). */
  locale: LocaleCode;
}

export interface ConversationDeps {
  intake: Intake;
  review: Review;
  supplement: Supplement;
  invitations: Invitations;
  personalData: PersonalData;
  reminders: Reminders;
  campaignAdmin: CampaignAdmin;
  exports: Exports;
  proposals: Proposals;
  proposalCouncil: ProposalCouncil;
  linking: Linking;
  nominations: NominationRepository;
  users: UserRepository;
  roles: Pick<RoleRepository, 'rolesOf'>;
  log: Logger;
}

/** Replies that end a task: they get the main menu's buttons, so there is always a way forward. */
const TASK_ENDINGS = new Set(['consent-declined', 'cancel-done', 'submitted', 'withdraw-done', 'withdraw-not-allowed', 'nomination-not-found', 'sup-done', 'sup-cancelled', 'sup-not-needed', 'erase-kept', 'erase-done', 'rv-cancelled', 'rv-not-allowed', 'export-empty', 'export-too-large', 'campaign-closed-done', 'campaign-created', 'campaign-extended', 'invite-unknown', 'invite-expired', 'invite-used', 'invite-revoked', 'invite-rate-limited', 'invite-admin-only', 'pl-not-allowed', 'pl-no-campaigns', 'pl-frozen', 'link-done', 'link-roles-only', 'link-unknown', 'link-expired', 'link-used', 'link-same-channel', 'link-rate-limited', 'link-nothing', 'pl-stale']);

function withWayForward(messages: OutMessage[], person: Person): OutMessage[] {
  const last = messages.at(-1);
  const first = last?.parts[0];
  if (!last || last.choices || last.contactButton || !first || !('key' in first) || !TASK_ENDINGS.has(first.key)) return messages;
  // A message carries one keyboard: one that takes the contact button away is followed by the menu.
  if (last.removeContactButton) return [...messages, mainMenu(t('menu-prompt'), person)];
  return [...messages.slice(0, -1), { ...last, choices: mainMenu(first, person).choices }];
}

/** The main menu, as buttons; reviewers and admins see their own entries too. */
export function mainMenu(lead: OutMessage['parts'][number] = t('menu-prompt'), person?: Person): OutMessage {
  const extra = [];
  if (person && Review.canReview(person)) {
    extra.push([{ value: 'review', label: t('menu-review') }]);
    extra.push([{ value: 'proposals', label: t('menu-proposals') }]);
    extra.push([{ value: 'export', label: t('menu-export') }, { value: 'stats', label: t('menu-stats') }]);
  }
  if (person && isCouncil(person.roles)) extra.push([{ value: 'campaigns', label: t('menu-campaigns') }]);
  if (person && (isAdmin(person.roles) || person.roles.some((grant) => grant.role === 'head'))) extra.push([{ value: 'invite', label: t('menu-invite') }]);
  return {
    parts: [lead],
    choices: {
      step: 'menu',
      rows: [
        ...extra,
        [{ value: 'nominate', label: t('menu-nominate') }],
        [{ value: 'mine', label: t('menu-mine') }],
        [{ value: 'guide', label: t('menu-guide') }, { value: 'language', label: t('menu-language') }],
      ],
    },
  };
}

/** Buttons of screens outside the entry form: pressing one leaves the form (the draft is kept). */
const NOT_FORM_STEPS = new Set(['menu', 'lang', 'my', REVIEW_STEP, SUPPLEMENT_STEP, INVITE_STEP, DATA_STEP, EXPORT_STEP, CAMPAIGN_STEP, PROPOSAL_STEP]);

function languageMenu(): OutMessage {
  return {
    parts: [t('language-choose')],
    choices: { step: 'lang', rows: rows([{ value: 'vi', label: t('language-vi') }, { value: 'en', label: t('language-en') }], 2) },
  };
}

export interface RespondIo {
  /** Lets a channel show how far a long task (an export) has come. */
  progress?: (percent: number) => Promise<void>;
  /**
   * Identifies the input (channel and update id): an update handled again after a crash is
   * recognised by the form it already advanced, which asks its current question again.
   */
  inputKey?: string;
}

export class Conversation {
  constructor(private readonly deps: ConversationDeps) {}

  /** `io.progress` lets a channel show how far a long task (an export) has come. */
  async respond(person: Person, incoming: Incoming, now: Date, io: RespondIo = {}): Promise<Reply> {
    // Starting anything else, or /huy, abandons a half-done side task (a reason being typed, a
    // supplement, a wizard), so its prompt can never swallow later text.
    // An entry of a proposal list is a form: /huy there asks "really cancel?" like the residents' form.
    const inEntryForm = person.pending?.kind === 'proposal-entry';
    const leavesEntryForm = inEntryForm && incoming.kind === 'choice' && NOT_FORM_STEPS.has(incoming.step);
    // A reason or the minutes being awaited end with any button (their own "Hủy"/"Xong" included):
    // text typed later must never return a list or file a photo as minutes by surprise.
    const leavesTypedTask = (person.pending?.kind === 'proposal-return' || person.pending?.kind === 'proposal-minutes') && incoming.kind === 'choice';
    const abandons = incoming.kind === 'start' || incoming.kind === 'menu' || leavesEntryForm || leavesTypedTask || (incoming.kind === 'command' && incoming.command === 'cancel' && !inEntryForm);
    if (abandons && person.pending) {
      await this.deps.users.setPending(person.id, null);
      const hadPending = person.pending;
      person = { ...person, pending: null };
      if (incoming.kind === 'command') {
        this.deps.log.info({ event: 'pending.cancelled', userId: person.id, kind: hadPending.kind });
        return { messages: [mainMenu(t('rv-cancelled'), person)], locale: person.locale };
      }
    }
    const result = await this.route(person, incoming, now, io);
    return { ...result, messages: withWayForward(result.messages, person) };
  }

  private async route(person: Person, incoming: Incoming, now: Date, io: RespondIo): Promise<Reply> {
    const reply = (messages: OutMessage[], locale: LocaleCode = person.locale): Reply => ({ messages, locale });
    if (person.pending?.kind === 'proposal-entry' && incoming.kind !== 'start' && incoming.kind !== 'menu' && incoming.kind !== 'link' && !(incoming.kind === 'choice' && NOT_FORM_STEPS.has(incoming.step))) {
      return reply(await this.deps.proposals.form(person, incoming, now));
    }
    switch (incoming.kind) {
      case 'link':
        return reply(await this.deps.linking.redeem(person, incoming.code, now));
      case 'start': {
        if (incoming.payload && looksLikeInvitationCode(incoming.payload)) {
          const granted = await this.deps.invitations.redeem(person, incoming.payload, now);
          // The role is effective from the next update on; show the menu as it will be.
          const roles = await this.deps.roles.rolesOf(person.id);
          return reply([...granted, mainMenu(t('menu-prompt'), { ...person, roles })]);
        }
        return reply([mainMenu(t('welcome'), person), ...(await this.deps.intake.resumeOffer(person, now))]);
      }
      case 'menu': {
        const result = await this.menu(person, incoming.action, now);
        return 'messages' in result ? result : reply(result);
      }
      case 'choice':
        if (incoming.step === 'menu') return this.menu(person, incoming.value as MenuAction, now).then((result) => ('messages' in result ? result : reply(result)));
        if (incoming.step === 'lang') return this.setLanguage(person, incoming.value);
        if (incoming.step === 'my') return reply(await this.mine(person, incoming.value, now));
        if (incoming.step === REVIEW_STEP) return { ...(await this.deps.review.press(person, incoming.value, now)), locale: person.locale };
        if (incoming.step === SUPPLEMENT_STEP) return reply(await this.deps.supplement.press(person, incoming.value, now));
        if (incoming.step === INVITE_STEP) return reply(await this.deps.invitations.press(person, incoming.value, now));
        if (incoming.step === DATA_STEP) return reply(await this.deps.personalData.press(person, incoming.value, now));
        if (incoming.step === PROPOSAL_STEP) {
          if (incoming.value === 'menu') return reply([mainMenu(t('menu-prompt'), person)]);
          return reply((await this.deps.proposals.press(person, incoming.value, now)) ?? (await this.deps.proposalCouncil.press(person, incoming.value, now)));
        }
        if (incoming.step === EXPORT_STEP) return { ...(await this.deps.exports.press(person, incoming.value, now, io.progress)), locale: person.locale };
        if (incoming.step === CAMPAIGN_STEP) {
          if (incoming.value === 'h') return { ...(await this.deps.review.overview(person)), locale: person.locale };
          // "Lập danh sách đề nghị" on a reminder opens the unit's list.
          if (/^o:\d{1,9}:\d{1,9}$/.test(incoming.value)) return reply((await this.deps.proposals.press(person, incoming.value, now)) ?? []);
          const lists = /^l(\d{1,9})$/.exec(incoming.value);
          if (lists) return reply(await this.deps.proposalCouncil.press(person, `cl:${lists[1]}`, now));
          const screen = await this.deps.campaignAdmin.press(person, incoming.value, now);
          return reply(screen ?? (await this.deps.reminders.press(person, incoming.value, now)));
        }
        break;
      case 'text': {
        // An invitation code pasted on its own (the invitation message says how) is redeemed too.
        if (!person.pending && looksLikeInvitationCode(incoming.text.trim()) && !(await this.deps.intake.hasDraft(person, now))) {
          const granted = await this.deps.invitations.redeem(person, incoming.text.trim(), now);
          return reply([...granted, mainMenu(t('menu-prompt'), { ...person, roles: await this.deps.roles.rolesOf(person.id) })]);
        }
        if (person.pending?.kind === 'supplement') return reply((await this.deps.supplement.add(person, incoming, now)) ?? []);
        if (person.pending?.kind === 'proposal-minutes') {
          const answered = await this.deps.proposals.minutes(person, incoming, now);
          if (answered) return reply(answered);
        }
        if (person.pending?.kind === 'proposal-return') {
          const answered = await this.deps.proposalCouncil.reason(person, incoming.text, now);
          if (answered) return reply(answered);
        }
        if (person.pending?.kind === 'campaign') {
          const answered = await this.deps.campaignAdmin.text(person, incoming.text, now);
          if (answered) return reply(answered);
        }
        const review = person.pending?.kind === 'review' ? await this.deps.review.text(person, incoming.text, now) : null;
        if (review) return { ...review, locale: person.locale };
        break;
      }
      case 'file':
        if (person.pending?.kind === 'supplement') return reply((await this.deps.supplement.add(person, incoming, now)) ?? []);
        if (person.pending?.kind === 'proposal-minutes') {
          const answered = await this.deps.proposals.minutes(person, incoming, now);
          if (answered) return reply(answered);
        }
        break;
      case 'command':
        if (!(await this.deps.intake.hasDraft(person, now))) {
          const keys = { cancel: 'nothing-to-cancel', edit: 'nothing-to-edit', skip: 'nothing-to-skip', help: 'guide' } as const;
          return reply([mainMenu(t(keys[incoming.command]), person)]);
        }
        break;
      default:
        break;
    }
    const handled = await this.deps.intake.handle(person, incoming, now, io.inputKey);
    if (handled) return reply(handled);
    const fallback = incoming.kind === 'file' ? 'file-outside-form' : incoming.kind === 'choice' ? 'form-closed' : 'not-in-form';
    return reply([mainMenu(t(fallback), person)]);
  }

  private async menu(person: Person, action: MenuAction, now: Date): Promise<OutMessage[] | Reply> {
    switch (action) {
      case 'review':
        return { ...(await this.deps.review.overview(person)), locale: person.locale };
      case 'invite':
        return this.deps.invitations.start(person);
      case 'data':
        return this.deps.personalData.show(person);
      case 'erase':
        return this.deps.personalData.askErase(person);
      case 'campaigns':
        return this.deps.campaignAdmin.list(person);
      case 'export':
        return { ...(await this.deps.exports.start(person)), locale: person.locale };
      case 'stats':
        return { ...(await this.deps.exports.statistics(person, now)), locale: person.locale };
      case 'nominate':
        return this.deps.intake.start(person, now);
      case 'proposals':
        return this.deps.proposals.start(person, now);
      case 'link':
        return this.deps.linking.offer(person, now);
      case 'mine':
        return this.mine(person, 'p0', now);
      case 'guide':
        return [mainMenu(t('guide'), person)];
      case 'language':
        return [languageMenu()];
      default:
        return [mainMenu()];
    }
  }

  private async setLanguage(person: Person, value: string): Promise<Reply> {
    if (value !== 'vi' && value !== 'en') return { messages: [languageMenu()], locale: person.locale };
    await this.deps.users.setLocale(person.id, value);
    this.deps.log.info({ event: 'user.locale', userId: person.id, locale: value });
    return { messages: [mainMenu(t('language-set'))], locale: value };
  }

  /** "Đề xuất của tôi": p<page> lists, v<id> shows, w<id> asks to withdraw, x<id> withdraws. */
  private async mine(person: Person, value: string, now: Date): Promise<OutMessage[]> {
    if (value === 'new') return this.deps.intake.start(person, now);
    const match = /^([pvwx])(\d{1,9})$/.exec(value);
    if (!match) return [mainMenu()];
    const number = Number(match[2]);
    if (match[1] === 'p') {
      const { items, total } = await this.deps.nominations.listForUser(person.id, number * MY_LIST_PAGE_SIZE, MY_LIST_PAGE_SIZE);
      if (items.length === 0 && total > 0) return this.mine(person, 'p0', now);
      return [myNominationsMessage(items, number, total)];
    }
    // Ownership is checked by the repository: another person's id reads as "not found".
    const item = await this.deps.nominations.getForUser(person.id, number);
    if (!item) {
      this.deps.log.warn({ event: 'nomination.not_owned_or_missing', userId: person.id, nominationId: number });
      return [say(t('nomination-not-found'))];
    }
    if (match[1] === 'v') return [nominationDetailMessage(item)];
    if (match[1] === 'w') return [withdrawConfirmMessage(item)];
    const outcome = await this.deps.nominations.withdraw(person.id, number, now);
    this.deps.log.info({ event: 'nomination.withdraw', userId: person.id, nominationId: number, outcome });
    if (outcome === 'withdrawn') return [say(t('withdraw-done', { code: { raw: item.code } }))];
    if (outcome === 'not-allowed') return [say(t('withdraw-not-allowed', { status: t(`status-${item.status}`) }))];
    return [say(t('nomination-not-found'))];
  }
}
